#include "app/mainwindow.h"

#include "app/batchactions.h"
#include "app/completionnotifier.h"
#include "app/widgets/batchdetailpane.h"
#include "app/widgets/batchtableview.h"
#include "app/widgets/errorbanner.h"
#include "app/widgets/filterbar.h"
#include "app/widgets/progressdelegate.h"
#include "app/widgets/statusfilterpanel.h"
#include "core/cache/batchcache.h"
#include "core/cost/pricetable.h"
#include "core/providers/provider.h"
#include "core/session/accountsession.h"
#include "core/session/sessionset.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"

#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace {
bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_model(new BatchTableModel(this))
    , m_proxy(new BatchSortFilterProxy(this))
    , m_table(new BatchTableView(this))
    , m_detail(new BatchDetailPane(this))
    , m_statusPanel(new StatusFilterPanel(this))
    , m_filterBar(new FilterBar(this))
    , m_errorBanner(new ErrorBanner(this))
    , m_demoBanner(new QLabel(this))
    , m_noticeBanner(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_statusLabel(new QLabel(this))
    , m_actions(new BatchActions(this, this))
{
    m_sessions = new SessionSet(this);
    m_notifier = new CompletionNotifier(m_model, this);
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(BatchColumns::Progress, new ProgressDelegate(m_table));
    m_table->sortByColumn(BatchColumns::Created, Qt::DescendingOrder);
    buildLayout();
    buildActions();
    buildAlerts();

    // The side bar's counts follow the account shown (mainwindowswitcher.cpp).
    connect(m_model, &BatchTableModel::statusCountsChanged, this, &MainWindow::updateStatusBar);
    // Rows on screen, or another account: the first-load failure is history.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] { setLoadError(QString()); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { setLoadError(QString()); });
    connect(m_errorBanner, &ErrorBanner::settingsRequested, this, &MainWindow::settingsRequested);
    connect(m_model, &BatchTableModel::fetchingChanged, this, &MainWindow::updateStatusBar);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MainWindow::onRowsChanged);
    connect(m_statusPanel, &StatusFilterPanel::statusesChanged, m_proxy, &BatchSortFilterProxy::setStatuses);
    connect(m_filterBar, &FilterBar::searchChanged, m_proxy, &BatchSortFilterProxy::setSearchText);
    connect(m_filterBar, &FilterBar::rangeChanged, m_proxy, &BatchSortFilterProxy::setCreatedRange);
    connect(m_proxy, &BatchSortFilterProxy::filterChanged, this, &MainWindow::updateStatusBar);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onCurrentChanged);
    connect(m_table, &QWidget::customContextMenuRequested, this, &MainWindow::showRowMenu);
    connect(m_actions, &BatchActions::message, this, [this](const QString &text) {
        m_lastMessage = text;
        statusBar()->showMessage(text, 8000);
    });
    // A cancel's answer is news of the account: its session holds it, caches it and passes it on.
    // Only to the session that asked: the row current now may be another account's.
    connect(m_actions, &BatchActions::batchUpdated, this,
            [](AccountSession *owner, const Batch &batch) { owner->updateBatch(batch); });
    connect(m_sessions, &SessionSet::sessionAdded, this, &MainWindow::onSessionAdded);
    connect(m_sessions, &SessionSet::sessionRemoved, this, &MainWindow::onSessionRemoved);
    connect(m_sessions, &SessionSet::errorChanged, this, [this](AccountSession *s, const ApiError &error) {
        Q_EMIT accountErrorChanged(s->name(), error);
    });
    connect(m_notifier, &CompletionNotifier::batchActivated, this, &MainWindow::selectBatch);
    connect(m_notifier, &CompletionNotifier::noticeRequested, this,
            [this](const QString &text, const QString &id, const QString &account) {
                m_noticeAccount = account;
                const QString link =
                    id.isEmpty() ? QString() : QStringLiteral(" <a href='%1'>%2</a>").arg(id, tr("Show"));
                m_noticeBanner->setText(text.toHtmlEscaped() + link);
                m_noticeBanner->show();
            });

    // Countdowns and "5 min ago" move with the clock; the status bar says when the next refresh comes.
    auto *clock = new QTimer(this);
    connect(clock, &QTimer::timeout, this, [this] {
        if (++m_clockTicks % 15 == 0)
            m_model->refreshTimeColumns();
        updateStatusBar();
    });
    clock->start(1000);

    buildCost();
    buildQuery(); // after the filter bar is wired to the proxy: the restored query filters the first rows
    restoreLayout();
    updatePalette();
    updateStatusBar();
}

MainWindow::~MainWindow()
{
    // The sessions go first, quietly: the model and widgets they would report to are going too.
    m_sessions->disconnect(this);
    // Results windows and the New batch dialog use the sessions' clients: they go before the sessions.
    closeResultsOf(nullptr);
    m_model->clear();
    m_model->setPrices(nullptr); // the table goes with the window's members, before its children
    delete m_sessions;
}

void MainWindow::connectTo(const ApiConfig &config, bool demo)
{
    SessionSpec spec;
    spec.config = config;
    // The demo's account is made up afresh at each start: nothing in it is worth keeping.
    spec.cachePath = demo ? QString() : BatchCache::defaultPath(config);
    spec.refreshSeconds = m_refreshSeconds;
    spec.autoRefresh = m_autoRefresh;
    // Compared with the session running, not with the last connectTo(): accounts watched since then
    // (watchAccounts) replaced it, and one of them must not survive a return to the demo.
    const bool sameAccount = m_sessions->sessions().size() == 1 &&
                             SessionSet::sameAccount(m_sessions->sessions().constFirst()->spec(), spec);
    m_config = config;
    m_demo = demo;
    m_demoBanner->setVisible(demo);
    // The platform adds the application's name ("Demo data — Batchwatch"): saying it here would say it twice.
    setWindowTitle(demo ? tr("Demo data") : config.baseUrl.host());
    if (sameAccount)
        return;
    // Another account: its rows replace the old ones (one reset), never mixed with them.
    setAccounts({spec});
}

void MainWindow::selectBatch(const QString &id, const QString &account)
{
    const AccountSession *owner = account.isEmpty() ? nullptr : m_sessions->session(account);
    // Without an account, the copy in the account shown comes first.
    int row = m_model->rowOf(id, owner ? m_model->sourceOf(owner) : m_proxy->sourceFilter());
    if (row < 0 && !owner)
        row = m_model->rowOf(id);
    if (row < 0)
        return;
    // Another account's batch while one is shown alone: show them all.
    if (m_proxy->sourceFilter() >= 0 && m_proxy->sourceFilter() != m_model->sourceAt(row))
        showAccount(QString());
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) { // hidden by a filter: show everything rather than nothing
        m_filterBar->clear();
        m_statusPanel->clearChecks();
        m_proxy->clearFilter();
        index = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_table->setCurrentIndex(index);
    m_table->selectRow(index.row());
    m_table->scrollTo(index);
    raise();
    activateWindow();
}

QString MainWindow::noticeText() const
{
    return m_noticeBanner->isVisible() ? m_noticeBanner->text() : QString();
}

void MainWindow::clearCache()
{
    for (AccountSession *s : m_sessions->sessions())
        s->clearCache();
    m_lastMessage = tr("Cache cleared; it fills again as batches load.");
    statusBar()->showMessage(m_lastMessage, 8000);
}

void MainWindow::setRefreshInterval(int seconds, bool automatic)
{
    m_refreshSeconds = seconds;
    m_autoRefresh = automatic;
    m_sessions->setRefreshInterval(seconds, automatic);
}

std::vector<Batch> MainWindow::selectedBatches() const
{
    std::vector<Batch> batches;
    for (AccountBatch &row : selectedRows())
        batches.push_back(std::move(row.batch));
    return batches;
}

AccountBatch MainWindow::rowAt(const QModelIndex &proxyIndex) const
{
    const int row = m_proxy->mapToSource(proxyIndex).row();
    const int source = m_model->sourceAt(row);
    AccountSession *owner = m_model->sessionOf(source);
    return {m_model->batchAt(row), owner, m_model->accountOf(source),
            owner ? Providers::id(owner->provider()) : QString()};
}

std::vector<AccountBatch> MainWindow::selectedRows() const
{
    std::vector<AccountBatch> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    rows.reserve(size_t(selected.size()));
    for (const QModelIndex &index : selected)
        rows.push_back(rowAt(index));
    std::sort(rows.begin(), rows.end(), [](const AccountBatch &a, const AccountBatch &b) {
        return a.batch.createdAt > b.batch.createdAt;
    });
    return rows;
}

std::vector<AccountBatch> MainWindow::visibleRows() const
{
    std::vector<AccountBatch> rows;
    rows.reserve(size_t(m_proxy->rowCount()));
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        rows.push_back(rowAt(m_proxy->index(row, 0)));
    return rows;
}

void MainWindow::onCurrentChanged()
{
    // The pane shows the selection: the current row when it is selected (the last one clicked), else the
    // first selected one; with nothing selected, nothing. The current row alone moves with Ctrl+arrows
    // unselected.
    const QItemSelectionModel *selection = m_table->selectionModel();
    QModelIndex shown = m_table->currentIndex();
    if (!shown.isValid() || !selection->isRowSelected(shown.row(), shown.parent())) {
        const QItemSelection ranges = selection->selection();
        shown = ranges.isEmpty() ? QModelIndex() : QModelIndex(ranges.first().topLeft());
    }
    const QModelIndex source = m_proxy->mapToSource(shown);
    if (!source.isValid()) {
        if (!m_detail->batchId().isEmpty())
            m_detail->clear();
        m_detailSource = -1;
        return;
    }
    // A filter removes rows range by range, each a call here: refill the pane only for another batch (changes
    // to the shown one come through onRowsChanged). Another account's copy of the batch is another batch.
    if (m_model->batchAt(source.row()).id != m_detail->batchId() ||
        m_model->sourceAt(source.row()) != m_detailSource)
        showInDetail(source.row());
}

void MainWindow::showInDetail(int sourceRow)
{
    const Batch &batch = m_model->batchAt(sourceRow);
    // The pane's files and the actions go to the account the batch belongs to.
    AccountSession *owner = sessionAt(sourceRow);
    if (owner && owner != m_clientSession) {
        m_clientSession = owner;
        m_detail->setClient(owner->client());
        m_actions->setClient(owner->client(),
                             owner->config().baseUrl.host() == QLatin1String("api.openai.com"));
    }
    m_detailSource = m_model->sourceAt(sourceRow);
    m_detail->setProvider(m_model->providerOf(m_detailSource));
    m_detail->setBatch(batch);
    updateRetryLinks(sourceRow);
    const ProgressHistory *history = m_model->historyAt(sourceRow);
    m_detail->setProgress(history ? history->samples(batch.id) : QList<ProgressSample>(),
                          m_model->index(sourceRow, BatchColumns::Eta).data().toString());
}

void MainWindow::onRowsChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                               const QList<int> &roles)
{
    // Merges announce every role; clock ticks and palette changes name theirs and change nothing in the pane.
    if (!roles.isEmpty())
        return;
    if (m_detail->batchId().isEmpty())
        return;
    const int row = m_model->rowOf(m_detail->batchId(), m_detailSource);
    if (row >= topLeft.row() && row <= bottomRight.row())
        showInDetail(row);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::WindowStateChange)
        m_sessions->setPaused(isMinimized());
    if (event->type() == QEvent::PaletteChange)
        updatePalette();
    QMainWindow::changeEvent(event);
}

void MainWindow::updatePalette()
{
    const bool dark = isDark(palette());
    m_model->setDarkPalette(dark);
    m_statusPanel->setDarkPalette(dark);
    m_detail->setDarkPalette(dark);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    saveQuery();
    QMainWindow::closeEvent(event);
}
