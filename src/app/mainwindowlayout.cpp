// The window's layout: banners, filters, the side bar, and the table with its detail pane beside or under it;
// how it follows the window's width and what of it is kept across restarts.
#include "app/mainwindow.h"

#include "app/widgets/batchdetailpane.h"
#include "app/widgets/batchtableview.h"
#include "app/widgets/detailsplitter.h"
#include "app/widgets/errorbanner.h"
#include "app/widgets/filterbar.h"
#include "app/widgets/statusfilterpanel.h"
#include "core/batch/batchcolumns.h"
#include "core/session/accountsession.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"

#include <QLabel>
#include <QLineEdit>
#include <QResizeEvent>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

void MainWindow::buildLayout()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    m_demoBanner->setObjectName(QStringLiteral("demoBanner"));
    // Banners are a tint of their colour over the window's, with the window's text: readable light or dark.
    m_demoBanner->setText(tr("<b>Demo data</b>: a simulated account on this machine. Add your API key in "
                             "<a href='settings'>Settings</a> to watch your own batches."));
    m_demoBanner->setStyleSheet(
        QStringLiteral("#demoBanner { background: rgba(0, 114, 178, 0.14); color: palette(window-text); "
                       "padding: 6px; border: 1px solid #0072b2; border-radius: 4px; }"));
    m_demoBanner->setVisible(false);
    connect(m_demoBanner, &QLabel::linkActivated, this, &MainWindow::settingsRequested);
    layout->addWidget(m_demoBanner);
    // Where no tray shows notifications, endings are told here.
    m_noticeBanner->setObjectName(QStringLiteral("noticeBanner"));
    m_noticeBanner->setStyleSheet(
        QStringLiteral("#noticeBanner { background: rgba(0, 158, 115, 0.12); color: palette(window-text); "
                       "padding: 6px; border: 1px solid #009e73; border-radius: 4px; }"));
    m_noticeBanner->setAccessibleName(tr("Notice"));
    m_noticeBanner->setVisible(false);
    connect(m_noticeBanner, &QLabel::linkActivated, this, [this](const QString &id) {
        selectBatch(id, m_noticeAccount);
        m_noticeBanner->hide();
    });
    layout->addWidget(m_noticeBanner);
    layout->addWidget(m_errorBanner);
    layout->addWidget(m_filterBar);
    // The side bar keeps its size; the table takes what the detail pane leaves (see DetailSplitter).
    m_detailSplitter = new DetailSplitter(m_splitter);
    m_detailSplitter->addWidget(m_table);
    m_detailSplitter->addWidget(m_detail);
    m_detailSplitter->setStretchFactor(0, 1);
    m_detailSplitter->setStretchFactor(1, 0);
    m_detailSplitter->setTableLeastWidth([this] { return m_table->leastWidth(); });
    m_splitter->addWidget(m_statusPanel);
    m_splitter->addWidget(m_detailSplitter);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(m_statusLabel);
    m_statusLabel->setAccessibleName(tr("Account summary"));
    connect(m_errorBanner, &ErrorBanner::retryRequested, this, [this] {
        // Retry what the banner says failed: a page of older batches is asked for again; anything else (a
        // first load, a refresh) is a refresh.
        AccountSession *failed = m_bannerSession ? m_bannerSession.data() : session();
        if (!failed)
            return;
        if (m_retryIsPage && failed->lastFetchFailed() && m_model->rowCount() > 0)
            failed->retryFetch();
        else
            failed->refreshNow();
    });
    setTabOrder(m_filterBar->searchField(), m_table);
    setTabOrder(m_table, m_detail);
    // The pane shows what is selected; a filter that hides it takes it away from the selection, and the pane.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onCurrentChanged);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::onCurrentChanged);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::onCurrentChanged);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::onCurrentChanged);
    connect(m_proxy, &BatchSortFilterProxy::filterChanged, this, &MainWindow::updateEmptyText);
    connect(m_model, &BatchTableModel::fetchingChanged, this, &MainWindow::updateEmptyText);
    updateEmptyText();
}

void MainWindow::updateEmptyText()
{
    // A first load that failed says so where the rows would be, not only in the banner.
    m_table->setEmptyText(!m_loadError.isEmpty()         ? m_loadError
                          : !m_proxy->filter().isEmpty() ? tr("No batches match the filters")
                          : m_model->isFetching()        ? tr("Loading batches...")
                                                         : tr("No batches to show"));
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_splitterRestored)
        return;
    // First start: a narrow side bar. The splitter is laid out after this event, so measure from the window.
    const int side = m_statusPanel->sizeHint().width();
    m_splitter->setSizes({side, qMax(0, event->size().width() - side - 24)});
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 900);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // Keys of their own: the states saved before the pane could move under the table held three panes.
    m_splitterRestored =
        m_splitter->restoreState(settings.value(QStringLiteral("layout/sideSplitter")).toByteArray());
    // Whether the pane is beside or under the table follows the width (DetailSplitter::arrange()).
    m_detailSplitter->restoreSplit(settings.value(QStringLiteral("layout/detailSplitter")).toByteArray());
    m_table->setFitsColumns(settings.value(QStringLiteral("table/fitColumns"), true).toBool());
    // States saved before the Cost column came have no count: they hold the 16 columns before it.
    const int savedColumns = settings.value(QStringLiteral("table/columns"), 16).toInt();
    if (!m_table->restoreHeaderState(settings.value(QStringLiteral("table/header")).toByteArray(),
                                     savedColumns))
        m_table->applyDefaultWidths();
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("layout/sideSplitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("layout/detailSplitter"), m_detailSplitter->saveSplit());
    settings.setValue(QStringLiteral("table/fitColumns"), m_table->fitsColumns());
    settings.setValue(QStringLiteral("table/header"), m_table->saveHeaderState());
    settings.setValue(QStringLiteral("table/columns"), int(BatchColumns::Count));
}
