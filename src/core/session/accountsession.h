#pragma once

#include "core/api/apiconfig.h"
#include "core/api/apierror.h"
#include "core/batch/progresshistory.h"
#include "core/sync/syncsink.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class ApiClient;
class BatchCache;
class SyncEngine;

// What one session watches: the account's name (shown in the Account column and in notifications), how to
// reach it, where its cache lives and how often to refresh.
struct SessionSpec
{
    QString name;      // the account's name; empty for the single-account window of old
    ApiConfig config;  // includes the provider
    QString cachePath; // empty: no cache (the demo)
    int refreshSeconds = 30;
    bool autoRefresh = true;
};

// One account, owned whole: its client, the sync engine (refresh, older pages), its cache and its progress
// history, and the timing of its refreshes. It emits what arrived; it knows no model and owns no widget.
class AccountSession : public QObject, private SyncSink
{
    Q_OBJECT

public:
    explicit AccountSession(const SessionSpec &spec, QObject *parent = nullptr);
    ~AccountSession() override;

    static constexpr int kMinIntervalSeconds = 5;
    static constexpr int kMaxIntervalSeconds = 600;

    const SessionSpec &spec() const { return m_spec; }
    const QString &name() const { return m_spec.name; }
    Provider provider() const { return m_spec.config.provider; }
    const ApiConfig &config() const { return m_spec.config; }
    // For the actions that act on this account's batches (cancel, downloads).
    ApiClient *client() const { return m_client.get(); }

    // Shows what the cache holds (the first chunk at once, the rest between events), then refreshes, or
    // loads the first page when there is nothing cached. Nothing happens before this.
    void start();

    // Timing: one refresh at a time, re-armed after each result.
    void setIntervalSeconds(int seconds); // clamped to 5 s .. 10 min
    int intervalSeconds() const { return m_intervalSeconds; }
    void setAutoRefresh(bool enabled);
    bool autoRefresh() const { return m_auto; }
    // Paused while the window is minimised; resuming refreshes at once.
    void setPaused(bool paused);
    void refreshNow();
    void stop();
    // A batch's state learned by an action (the answer to a cancel): held, cached and emitted like a
    // refresh's.
    void updateBatch(const Batch &batch);
    bool isRefreshing() const;
    // The last refresh that went through (invalid: none yet).
    QDateTime lastRefresh() const { return m_last; }
    bool lastRefreshFailed() const { return m_lastFailed; }
    // The last refresh that went through, on now()'s clock (0: none yet): alerts judge stale counts by it.
    qint64 lastSeenAt() const { return m_lastSeenAt; }
    QDateTime lastAttempt() const { return m_lastAttempt; }
    const ApiError &lastError() const { return m_lastError; }
    // When the next automatic refresh is due (invalid when none is scheduled).
    QDateTime nextRefresh() const;
    int requestsInLastRefresh() const;
    // Batches the last refresh found new or read again.
    qsizetype refreshedInLastRefresh() const;
    bool leftGap() const;

    // Older pages, as a view scrolls.
    bool canFetchMore() const;
    void fetchMore();
    void loadAll();
    // After a failed page: asks for it again (until then canFetchMore() is false).
    void retryFetch();
    void stopLoading();
    bool hasMore() const;
    bool isFetching() const;
    bool lastFetchFailed() const;

    // What the account holds, newest first.
    qsizetype count() const;
    const ProgressHistory &history() const { return m_history; }
    // The clock progress samples are stamped with (Unix seconds): the real one unless a test follows a
    // simulator's.
    void setClock(std::function<qint64()> clock);
    qint64 now() const { return m_clock(); }
    // Whether cached rows are still being read (a large cache arrives in chunks).
    bool isLoadingCache() const { return m_loading; }
    bool hasCache() const { return m_cache != nullptr; }
    // Forgets what the cache holds (Settings' "Clear cache").
    void clearCache();

Q_SIGNALS:
    // Batches new or changed, in no particular order: a model merges them by id.
    void batchesArrived(const std::vector<Batch> &batches);
    // A held batch moved to another status (emitted before batchesArrived brings it); for listeners without a
    // model, such as a headless watcher. The session holds no more than the status of what it had (the
    // model keeps the batches).
    void statusChanged(const BatchStatus &before, const Batch &after);
    // The counts of a running batch moved; the history holds it already.
    void sampleRecorded(const QString &id, const ProgressSample &sample);
    void refreshStarted();
    // `error.isError()` is false when the refresh went through; the rows are kept either way.
    void refreshFinished(const ApiError &error);
    void scheduleChanged();
    void fetchingChanged(bool fetching);
    void fetchFailed(const ApiError &error);
    void pageLoaded();
    // Something the user should be told that stopped nothing: a cache that could not be opened or read
    // whole (then moved aside), a walk that may have ended short.
    void warning(const QString &message);
    void cacheLoaded();

private:
    void syncArrived(const std::vector<Batch> &batches, bool onTop) override;
    void syncUpdated(const std::vector<Batch> &batches) override;
    void observed(const std::vector<Batch> &batches);
    bool openCache(QString *message);
    void loadNextChunk();
    void writeSamples();
    void onRefreshFinished(const ApiError &error);
    void schedule();

    SessionSpec m_spec;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<BatchCache> m_cache;
    SyncEngine *m_engine;
    ProgressHistory m_history;
    std::function<qint64()> m_clock;
    QList<QPair<QString, ProgressSample>> m_pendingSamples; // written with the next page or refresh

    QTimer m_timer;
    int m_intervalSeconds = 30;
    bool m_auto = true;
    bool m_paused = false;
    bool m_started = false;
    QDateTime m_last;
    QDateTime m_lastAttempt;
    qint64 m_lastSeenAt = 0;
    bool m_lastFailed = false;
    ApiError m_lastError;

    qint64 m_loadedRank = 0; // the cache is read in server order up to here
    bool m_loading = false;
    // What the cache recorded when the load began, and what the chunks brought: a row lost without any SQLite
    // error shows as a difference (unless a write since then, ours or another process's, moved the count).
    qint64 m_recordedRows = -1;
    qint64 m_loadedRows = 0;
    bool m_wroteWhileLoading = false;
};
