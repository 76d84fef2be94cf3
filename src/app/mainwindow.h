#pragma once

#include "core/api/apiconfig.h"
#include "core/api/apierror.h"
#include "core/batch/batch.h"
#include "core/batch/progresshistory.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <vector>

class AccountSession;
class AlertNotifier;
class AccountSwitcher;
class SessionSet;
struct SessionSpec;
class BatchActions;
struct AccountBatch;
class BatchDetailPane;
class BatchSortFilterProxy;
class BatchTableModel;
class BatchTableView;
class CompletionNotifier;
class CostSummary;
class PriceTable;
class SavedQueriesPanel;
class DetailSplitter;
class ErrorBanner;
class FilterBar;
class NewBatchDialog;
class OverviewStrip;
class OverviewWindow;
class ResultsWindow;
class QAction;
class QLabel;
class QMenu;
class QSplitter;
class QToolBar;
class StatusFilterPanel;

// The composition root: builds the window, wires the parts together, keeps settings. No logic of its own.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Shows this account (clearing the rows if it is another one); `demo` adds the demo banner. One
    // account: setAccounts() of one unnamed session, with the window's refresh interval.
    void connectTo(const ApiConfig &config, bool demo);
    // Shows these accounts in the one table, a session each (the All accounts view when there are several).
    // Sessions whose spec did not change keep their rows; the others' rows go with them.
    void setAccounts(const QList<SessionSpec> &specs);
    // Shows only this account's rows (empty: every account's; the Account and Provider columns show when
    // there are several).
    void showAccount(const QString &name);
    const QString &shownAccount() const { return m_shownAccount; }
    // The user's accounts (not the demo): setAccounts(), with the demo banner gone and the title naming them.
    void watchAccounts(const QList<SessionSpec> &specs);
    AccountSwitcher *accountSwitcher() const { return m_switcher; }
    SessionSet *sessions() const { return m_sessions; }
    void setRefreshInterval(int seconds, bool automatic);
    // Forgets what the cache holds for this account (Settings' "Clear cache").
    void clearCache();
    // Selects the batch (of `account`; empty: of whichever account lists it), clearing filters that hide it
    // and showing all accounts when another one is shown alone.
    void selectBatch(const QString &id, const QString &account = QString());
    CompletionNotifier *notifier() const { return m_notifier; }
    AlertNotifier *alertNotifier() const { return m_alerts; }
    QString noticeText() const;

    BatchTableModel *model() const { return m_model; }
    BatchSortFilterProxy *proxy() const { return m_proxy; }
    BatchTableView *table() const { return m_table; }
    BatchDetailPane *detailPane() const { return m_detail; }
    StatusFilterPanel *statusPanel() const { return m_statusPanel; }
    FilterBar *filterBar() const { return m_filterBar; }
    ErrorBanner *errorBanner() const { return m_errorBanner; }
    // The shown account's session, or the first one (null before connectTo()/setAccounts()).
    AccountSession *session() const;
    BatchActions *actions() const { return m_actions; }
    QString statusText() const;
    // What the empty table says when the first load failed ("Could not load batches: ..."; empty otherwise).
    QString loadErrorText() const { return m_loadError; }
    std::vector<Batch> selectedBatches() const;
    // The selected rows (newest first) and the rows shown, each with its account.
    std::vector<AccountBatch> selectedRows() const;
    std::vector<AccountBatch> visibleRows() const;
    // mainwindowresults.cpp: the Results window of the batch the detail pane shows (one more each time; they
    // are non-modal), and File > New batch.
    ResultsWindow *openResults();
    NewBatchDialog *openNewBatch();
    QList<ResultsWindow *> resultsWindows() const;
    NewBatchDialog *newBatchDialog() const;
    // mainwindowoverview.cpp: the strip above the table, and View > Overview (one window, raised again).
    OverviewStrip *overviewStrip() const { return m_overviewStrip; }
    OverviewWindow *openOverview();
    // mainwindowcost.cpp: the window's one price table (loaded at start), given to the model, the proxy, the
    // detail pane, Results windows and the New batch dialog; replacing it reprices every row.
    const PriceTable &prices() const;
    void setPrices(const PriceTable &prices);
    CostSummary *costSummary() const { return m_costSummary; }
    // mainwindowquery.cpp: the side bar's saved queries.
    SavedQueriesPanel *savedQueries() const { return m_savedQueries; }

Q_SIGNALS:
    void settingsRequested();
    // An account's refresh or page failed, or went through again (`error.isError()` false): for per-account
    // banners and the side bar.
    void accountErrorChanged(const QString &account, const ApiError &error);
    // The switcher (or showAccount()) changed the account shown (empty: all), to be remembered.
    void accountShown(const QString &name);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // mainwindowsessions.cpp: a session's rows, banners and messages wired in, or taken out.
    void onSessionAdded(AccountSession *session);
    void onSessionRemoved(AccountSession *session);
    void updateAccountColumns();
    // The session a source row belongs to.
    AccountSession *sessionAt(int sourceRow) const;
    AccountBatch rowAt(const QModelIndex &proxyIndex) const;
    // mainwindowswitcher.cpp: the account switcher, the title and the side bar's counts.
    void buildSwitcher(QToolBar *bar, QMenu *viewMenu);
    void updateSwitcher();
    void updateSideBar();
    void updateBanner();
    void buildLayout();
    void buildOverview(QMenu *viewMenu);
    // Shows exactly what the query finds: the search box holds it, the other filters are cleared.
    void showQuery(const QString &query);
    void buildActions();
    // mainwindowalerts.cpp: stalled, late, expiring and failing batches said, and the tray's colour.
    void buildAlerts();
    void showNotice(const QString &text, const QString &batchId, const QString &account);
    void showRowMenu(const QPoint &pos);
    void downloadForCurrent(int kind);
    void onCurrentChanged();
    void showInDetail(int sourceRow);
    void onRowsChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    void showError(const QString &what, const ApiError &error, const AccountSession *session = nullptr);
    QString failureText(const ApiError &error, const QString &host) const;
    void setLoadError(const QString &text);
    void updateEmptyText();
    void updateStatusBar();
    // Enables what can work for the batches at hand and says in the tooltip why the rest cannot.
    void updateActionStates();
    const Batch *batchForFiles() const;
    void updatePalette();
    // The detail pane's "Retry of" / "Retried by" links, from the rows of the batch's account.
    void updateRetryLinks(int sourceRow);
    void closeResultsOf(const AccountSession *session);
    void restoreLayout();
    void saveLayout() const;
    void buildCost();
    void buildQuery();
    void restoreQuery();
    void saveQuery() const;

    SessionSet *m_sessions = nullptr;
    QString m_shownAccount;
    AccountSwitcher *m_switcher = nullptr;
    QHash<const AccountSession *, ApiError>
        m_accountErrors;                      // each account's last failure (none: went through)
    QPointer<AccountSession> m_bannerSession; // whose failure the error banner shows
    QPointer<AccountSession> m_clientSession; // whose client the detail pane and the actions use
    int m_detailSource =
        -1; // the model's source of the batch the detail pane shows: two accounts may list one id
    ApiConfig m_config;
    bool m_demo = false;

    BatchTableModel *m_model;
    BatchSortFilterProxy *m_proxy;
    BatchTableView *m_table;
    BatchDetailPane *m_detail;
    StatusFilterPanel *m_statusPanel;
    FilterBar *m_filterBar;
    ErrorBanner *m_errorBanner;
    QLabel *m_demoBanner;
    QLabel *m_noticeBanner;
    CompletionNotifier *m_notifier;
    AlertNotifier *m_alerts = nullptr;
    QSplitter *m_splitter;
    DetailSplitter *m_detailSplitter = nullptr; // the table and the detail pane
    QLabel *m_statusLabel;
    BatchActions *m_actions;
    QString m_lastMessage;
    QString m_noticeAccount; // the account of the batch the notice banner links to
    QString m_loadError;
    bool m_retryIsPage = false; // the banner shows a failed page of older batches, not a failed refresh
    QAction *m_openOnWeb = nullptr;
    QAction *m_resultsAction = nullptr;
    QList<QPointer<ResultsWindow>> m_resultsWindows;
    QPointer<NewBatchDialog> m_newBatch;
    QAction *m_downloadOutput = nullptr;
    QAction *m_downloadErrors = nullptr;
    int m_refreshSeconds = 30;
    bool m_autoRefresh = true;
    bool m_splitterRestored = false; // the user's own split, from the last run
    int m_clockTicks = 0;
    OverviewStrip *m_overviewStrip = nullptr;
    QPointer<OverviewWindow> m_overviewWindow;
    std::unique_ptr<PriceTable> m_prices;
    CostSummary *m_costSummary = nullptr;
    SavedQueriesPanel *m_savedQueries = nullptr;
};
