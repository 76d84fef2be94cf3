#pragma once

#include "core/batch/batch.h"
#include "core/results/requestresult.h"
#include "core/results/resultsformat.h"
#include "core/results/retrylines.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

#include <memory>

class AccountSession;
class PriceTable;
class ErrorGroupsList;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;
class QToolButton;
class RequestView;
class ResultsFetch;
class ResultsProxy;
class ResultsRetry;
class ResultsTableModel;

// The requests of one batch, joined across its files: which failed and why, grouped by cause, each request
// beside its result, export of the rows, and Retry of what did not succeed. A window of its own, non-modal;
// several may be open. Closing it cancels its fetch.
class ResultsWindow : public QWidget
{
    Q_OBJECT

public:
    // `owner`: the account the batch belongs to (its client fetches and resubmits; a retry is told to it).
    ResultsWindow(AccountSession *owner, const Batch &batch, QWidget *parent = nullptr);
    ~ResultsWindow() override;
    // The prices a retry's estimate uses (not owned; the main window's).
    void setPrices(const PriceTable *prices) { m_prices = prices; }

    // Downloads (once, into the account's results cache) and reads the batch's files with progress.
    void start();
    // Shows rows read elsewhere (tests, the screenshots); what start() does when the fetch ends.
    void showResults(std::shared_ptr<const ResultSet> results);

    const Batch &batch() const { return m_batch; }
    AccountSession *owner() const;
    bool isLoading() const;
    ResultsFetch *fetch() const { return m_fetch; }
    // Where the result files of the batch are kept: the account's results cache dir, the one the CLI uses
    // (one download per batch); for an account without a cache, a directory of this run.
    QString cacheDir() const;
    ResultsTableModel *model() const { return m_model; }
    ResultsProxy *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    ErrorGroupsList *groupsList() const { return m_groups; }
    RequestView *requestView() const { return m_request; }
    QLineEdit *searchField() const { return m_search; }
    QToolButton *retryButton() const { return m_retryButton; }
    ResultsRetry *retryFlow() const;
    // "3 ok, 3 failed, 1 not run"; the banner: expired files, a failure, a validation failure.
    QString statusText() const;
    QString bannerText() const;
    QString warningsText() const;
    // How long the last open took: download, read, shown (ms; -1 not yet).
    qint64 downloadMs() const { return m_downloadMs; }
    qint64 openMs() const { return m_openMs; }

    // Writes the rows (all, or those shown, in input order) to `path`, atomically.
    [[nodiscard]] bool exportTo(const QString &path, ResultsFormat::Format format, bool shownOnly,
                                QString *error) const;
    // Resubmits: the selection's exact input lines, after a confirmation (retryFlow()->confirmation()).
    void retry(const RetryLines::Selection &selection);

Q_SIGNALS:
    // A retry created `batch` in `owner`'s account (already given to its session).
    void batchCreated(AccountSession *owner, const Batch &batch);
    // The user asks for a new batch (a batch that failed validation has nothing to retry).
    void newBatchRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildLayout();
    QWidget *buildToolbar();
    void buildMenus();
    void onProgress(int phase, qint64 done, qint64 total, const QString &what);
    void onFetched();
    void onCurrentRowChanged();
    void updateStatus();
    void updateRetryMenu();
    void showBanner(const QString &text, bool offerReload);
    void exportWithDialog(bool shownOnly);
    void applyOutcomeChoice(int index);
    bool failedValidation() const;
    // Room beyond the columns' widths goes to the message and the answer alike.
    void fitTextColumns();

    QPointer<AccountSession> m_owner;
    Batch m_batch;
    ResultsFetch *m_fetch = nullptr;
    ResultsTableModel *m_model;
    ResultsProxy *m_proxy;
    QLabel *m_title;
    QLabel *m_banner;
    QPushButton *m_reload;
    QPushButton *m_newBatch;
    QWidget *m_progressRow;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QPushButton *m_cancel;
    QLineEdit *m_search;
    QTimer *m_searchDebounce;
    QComboBox *m_outcomes;
    QToolButton *m_exportButton;
    QToolButton *m_retryButton;
    ErrorGroupsList *m_groups;
    QTableView *m_table;
    RequestView *m_request;
    QLabel *m_status;
    QPlainTextEdit *m_warnings;
    QStringList m_doubts; // the read's warnings and ResultsCheck's disagreements: Retry waits while any stand
    QPointer<ResultsRetry> m_retry;
    QAction *m_retryGroup = nullptr;
    QElapsedTimer m_clock;
    qint64 m_downloadMs = -1;
    qint64 m_openMs = -1;
    const PriceTable *m_prices = nullptr;
};
