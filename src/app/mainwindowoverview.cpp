// The overview: the strip of figures above the table, whose clicks set the search, and View > Overview, the
// window of charts.
#include "app/mainwindow.h"

#include "app/overview/overviewwindow.h"
#include "app/widgets/filterbar.h"
#include "app/widgets/overviewstrip.h"
#include "app/widgets/statusfilterpanel.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QVBoxLayout>

void MainWindow::buildOverview(QMenu *viewMenu)
{
    m_overviewStrip = new OverviewStrip(m_model, m_proxy, this);
    // The window's one price table comes with buildCost() (setPrices hands it on); until then no spend.
    m_overviewStrip->setPrices(m_prices.get());
    // Above the search: the figures first, then what filters the table they lead to.
    if (auto *layout = qobject_cast<QVBoxLayout *>(centralWidget()->layout()))
        layout->insertWidget(layout->indexOf(m_filterBar), m_overviewStrip);
    connect(m_overviewStrip, &OverviewStrip::queryRequested, this, &MainWindow::showQuery);

    QAction *open = viewMenu->addAction(tr("&Overview..."));
    open->setObjectName(QStringLiteral("overviewAction"));
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    open->setShortcutContext(Qt::WindowShortcut);
    connect(open, &QAction::triggered, this, [this] { openOverview(); });
    QAction *strip = viewMenu->addAction(tr("Overview stri&p"));
    strip->setObjectName(QStringLiteral("overviewStripAction"));
    strip->setCheckable(true);
    strip->setChecked(m_overviewStrip->isExpanded());
    connect(strip, &QAction::toggled, m_overviewStrip, &OverviewStrip::setExpanded);
    connect(m_overviewStrip, &OverviewStrip::expandedChanged, strip, &QAction::setChecked);
}

void MainWindow::showQuery(const QString &query)
{
    // Exactly the figure's batches: the other filters (side bar, created range) would hide some of them.
    m_filterBar->clear();
    m_statusPanel->clearChecks();
    m_proxy->clearFilter();
    m_filterBar->searchField()->setText(query);
}

OverviewWindow *MainWindow::openOverview()
{
    // One window; asking again brings it to the front.
    if (!m_overviewWindow) {
        m_overviewWindow = new OverviewWindow(m_model, this);
        m_overviewWindow->setAttribute(Qt::WA_DeleteOnClose);
        m_overviewWindow->setPrices(m_prices.get());
    }
    m_overviewWindow->show();
    m_overviewWindow->raise();
    m_overviewWindow->activateWindow();
    return m_overviewWindow;
}
