#pragma once

#include "core/api/apierror.h"
#include "core/api/batchpage.h"

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

class ApiClient;
class ApiCall;
class BatchListFetcher;
class BatchTableModel;

// Keeps the model current: one refresh at a time, re-armed after each result. A refresh reads page 1 onward
// until it meets a batch it already had, then re-reads the loaded batches that can still change, a few at a
// time. With no rows yet it reads page 1 only and leaves older pages to the model's fetchMore.
class BatchRefresher : public QObject
{
    Q_OBJECT

public:
    BatchRefresher(ApiClient *client, BatchTableModel *model, QObject *parent = nullptr);

    static constexpr int kMinIntervalSeconds = 5;
    static constexpr int kMaxIntervalSeconds = 600;

    void setIntervalSeconds(int seconds); // clamped to 5 s .. 10 min
    int intervalSeconds() const { return m_intervalSeconds; }
    void setAutoRefresh(bool enabled);
    bool autoRefresh() const { return m_auto; }
    // Paused while the window is minimised; resuming refreshes at once.
    void setPaused(bool paused);
    void setMaxConcurrent(int calls) { m_maxConcurrent = qMax(1, calls); }

    bool isRefreshing() const { return m_refreshing; }
    // The last refresh that went through (invalid: none yet).
    QDateTime lastRefresh() const { return m_last; }
    // Whether the latest refresh failed, and when it ended: its counts then describe nothing.
    bool lastRefreshFailed() const { return m_lastFailed; }
    QDateTime lastAttempt() const { return m_lastAttempt; }
    // When the next automatic refresh is due (invalid when none is scheduled).
    QDateTime nextRefresh() const;
    int requestsInLastRefresh() const { return m_requests; }
    // What the last refresh brought: batches new on top (newest first) and known ones it read again.
    const QStringList &newIds() const { return m_newIds; }
    const QStringList &updatedIds() const { return m_updatedIds; }
    // The last refresh's new batches ended on an empty page that claimed more before any row already held:
    // a gap may lie between them and the older rows, so a cache of them no longer reaches down unbroken.
    bool leftGap() const { return m_leftGap; }

public Q_SLOTS:
    void refreshNow();
    void stop();

Q_SIGNALS:
    void started();
    // `error.isError()` is false when the refresh went through; the rows are kept either way.
    void finished(const ApiError &error);
    void scheduleChanged();

private:
    void onPage(const BatchPage &page);
    void onNewBatchesFinished(const ApiError &error);
    void startRetrieves();
    void onRetrieveFinished(ApiCall *call);
    void finish();
    void schedule();

    ApiClient *m_client;
    BatchTableModel *m_model;
    BatchListFetcher *m_fetcher;
    QTimer m_timer;
    int m_intervalSeconds = 30;
    bool m_auto = true;
    bool m_paused = false;
    int m_maxConcurrent = 4;

    bool m_refreshing = false;
    QSet<QString> m_updated;   // ids this refresh already has fresh data for
    int m_deepestRowRead = -1; // the furthest model row a list page of this refresh has covered
    bool m_rereading = false;  // reading list pages on, for changing batches below the first page
    // The model was empty (its first load failed, say): this refresh is that first load, one page, and the
    // model's own paging continues after it.
    bool m_firstLoad = false;
    bool m_leftGap = false;
    QStringList m_newIds;
    QStringList m_updatedIds;
    QStringList m_toRetrieve; // loaded, still changing, not yet re-read
    QList<ApiCall *> m_inFlight;
    ApiError m_error;
    int m_requests = 0;
    QDateTime m_last;
    QDateTime m_lastAttempt;
    bool m_lastFailed = false;
};
