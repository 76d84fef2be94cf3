#pragma once

#include "core/api/apierror.h"
#include "core/api/batchlistfetcher.h"
#include "core/api/batchpage.h"
#include "core/cache/planrow.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <deque>
#include <memory>
#include <vector>

class ApiCall;
class ApiClient;
class BatchCache;
class BatchCacheWalkWriter;
class SyncSink;

// One account's batches as the server orders them (newest first), and the one plan that keeps them current
// with as few requests as it can. Three ways to ask:
// - refresh(): the new batches from the top of the list until the first one held, then the held batches
//   that may still change (mayChange()), by re-reading list pages or retrieving them one by one, whichever
//   costs fewer requests. With nothing held it reads the first page only.
// - fetchOlder(): pages below everything held (a view scrolled down; 0 pages: all of them).
// - walkAll(): every page from the top, streamed to the sink and the cache without being held (headless).
// What arrives goes to the sink and, when a cache is set, into it. A cache is never marked complete from a
// walk that ended on an empty page still claiming more.
class SyncEngine : public QObject
{
    Q_OBJECT

public:
    SyncEngine(ApiClient *client, SyncSink *sink, QObject *parent = nullptr);
    ~SyncEngine() override;

    static constexpr int kPageSize = BatchListFetcher::kMaxPageSize;

    // The one rule for "may still change": a batch whose last known status is not terminal. Terminal statuses
    // are final in the API's state machine; a batch past its window plus a margin is terminal, so a stale
    // running copy is re-read once and then left alone.
    static bool mayChange(const BatchStatus &status);
    static bool mayChange(const Batch &batch) { return mayChange(batch.status); }
    static bool mayChange(const PlanRow &row) { return mayChange(row.status); }

    // Where what arrives is written (nullptr: nowhere). Not owned.
    void setCache(BatchCache *cache) { m_cache = cache; }
    BatchCache *cache() const { return m_cache; }
    void setMaxConcurrent(int calls) { m_maxConcurrent = qMax(1, calls); }

    // Batches read from a cache, placed below everything held. Ids already held keep what they have (a
    // refresh may have brought a newer state); returns the ones taken.
    std::vector<Batch> adopt(const std::vector<Batch> &batches);
    // The same for plan rows (BatchCache::loadPlan: a warm headless run holds no more than these); returns
    // how many were taken.
    qsizetype adopt(std::vector<PlanRow> rows);
    // Room for this many held batches: growing the id index by doubling rehashed half a million ids in one
    // step (~230 ms) while a large cache was read.
    void reserve(qsizetype batches) { m_rank.reserve(batches); }
    // A light hold (RefreshSet): only the first `rows` held batches stand at their server positions, the
    // others lie further down with batches not held between them, so the refresh reads no pages for those (it
    // retrieves them). -1, the default and after clearHeld(): every held position is the server's.
    void setExactPositions(qsizetype rows) { m_exactPositions = rows; }
    // Where older pages resume (empty: the top) and whether the server has more below.
    void resumeAfter(const QString &cursor, bool hasMore);
    // After a refresh that left a gap (BatchCache::hasGap()): older pages start from the top, and only they
    // reaching the end complete the cache.
    void resumeAtGap();
    void clearHeld();
    qsizetype heldCount() const { return qsizetype(m_held.size()); }
    // What the plan knows of the batch at `position` (newest first): its id, last known status, creation.
    const PlanRow &heldAt(qsizetype position) const { return m_held[size_t(position)]; }
    int positionOf(const QString &id) const;
    // A held batch's state learned outside the plan (the answer to a cancel): passed on and cached like a
    // retrieve's. False if the batch is not held (the caller passes it on; adopt() then leaves it alone).
    bool learn(const Batch &batch);

    // Refresh: one at a time.
    void refresh();
    void stopRefresh();
    bool isRefreshing() const { return m_phase != Phase::Idle; }
    // Of the last refresh: requests (retries included), batches new on top, held batches read again.
    int refreshRequests() const { return m_refreshRequests; }
    qsizetype newCount() const { return qsizetype(m_new.size()) + m_firstLoadCount; }
    qsizetype updatedCount() const { return m_updatedIds.size(); }
    // The last refresh's news went into the cache (or there is none to write): false when a write failed,
    // so the cache is behind what the refresh learned.
    bool refreshCached() const { return m_refreshCached; }
    // Its new batches ended on an empty page that claimed more before anything held: a gap may lie between
    // them and the held ones, so the cache no longer reaches down unbroken (and is marked so).
    bool leftGap() const { return m_leftGap; }
    // The last walk over everything stopped at an empty page that still claimed more: older batches may be
    // missing from what it read.
    bool walkEndedShort() const;
    // It read the whole list and none of it was held: what is held describes another account.
    bool foundNothingHeld() const { return m_foundNothingHeld; }
    // "1 list page for new batches, 2 retrieves of changing batches".
    QString requestSummary() const;

    // Older pages.
    bool canFetchOlder() const;
    void fetchOlder(int maxPages);
    // After a failed page canFetchOlder() is false until this (views call fetchMore on any layout change and
    // would turn one failure into a stream of retries).
    void retryOlder();
    void stopOlder();
    bool isFetchingOlder() const { return m_pager->isRunning(); }
    bool hasMore() const { return m_hasMore; }
    bool lastOlderFailed() const { return m_olderFailed; }

    // A walk over everything (headless, streamed).
    void walkAll();
    // Ends the walk after the page being delivered: what came is cached, the cache is not marked complete.
    void stopWalk();
    void setWalkPrefetch(bool prefetch);
    bool isWalking() const { return m_walker->isRunning() || m_writer != nullptr; }
    qint64 walkedCount() const { return m_walked; }
    // Every request of this engine so far (retries included).
    int requestsMade() const { return m_requests; }

Q_SIGNALS:
    void refreshStarted();
    // `error.isError()` false: it went through. What arrived before an error is kept (and cached).
    void refreshFinished(const ApiError &error);
    void olderFetchingChanged(bool fetching);
    void olderFailed(const ApiError &error);
    void olderPageLoaded(const BatchPage &page);
    void walkFinished(const ApiError &error);
    void progress(int requests);
    // Something the user should know that did not stop anything (a page that may have ended a walk short).
    void warning(const QString &message);
    void cacheWritten();

private:
    enum class Phase { Idle, FirstPage, NewOnTop, RereadPages, Retrieve };

    // Held state: plan rows only (the sink keeps the batches).
    void prependHeld(const std::vector<Batch> &newestFirst);
    void appendHeld(PlanRow row);
    void applyUpdates(std::vector<Batch> updated);
    // A page below everything held: new ones appended, known ones updated, both cached.
    void takeOlderPage(const BatchPage &page);
    void endOlderWalk(const BatchListFetcher *fetcher, const ApiError &error, bool fromTop);

    // Refresh (syncenginerefresh.cpp).
    void onRefreshPage(const BatchPage &page);
    void onRefreshFetched(const ApiError &error);
    void planChanging();
    void startRetrieves();
    void onRetrieved(ApiCall *call, const QString &id);
    void abortRetrieves();
    void finishRefresh(const ApiError &error);

    void onOlderPage(const BatchPage &page);
    void onOlderFetched(const ApiError &error);
    void onWalkPage(const BatchPage &page);
    void onWalkFetched(const ApiError &error);
    void onWalkWritten(const QString &error);
    void countPage();

    ApiClient *m_client;
    SyncSink *m_sink;
    BatchCache *m_cache = nullptr;
    BatchListFetcher *m_refresher; // the refresh's pages
    BatchListFetcher *m_pager;     // older pages
    BatchListFetcher *m_walker;    // a walk over everything
    int m_maxConcurrent = 4;
    int m_requests = 0;

    // Newest first; positions are ranks from m_topRank, so adding on top or below moves nothing.
    // Plan rows, not batches: the window's model (or the cache, headless) keeps the batches themselves.
    std::deque<PlanRow> m_held;
    QHash<QString, qint64> m_rank;
    qint64 m_topRank = 0;
    QString m_cursor;
    bool m_hasMore = true;
    bool m_olderFailed = false;
    // A refresh left a gap (persisted in the cache): only older pages read from the top to the end close it.
    bool m_gapOpen = false;
    bool m_olderFromTop = false; // the older pages since the last resume started at the top
    // The provider hands out opaque page tokens (Gemini's nextPageToken): a page cannot start after a batch
    // id, so the plan re-reads by retrieves only.
    bool m_opaqueCursors = false;
    qsizetype m_exactPositions = -1; // setExactPositions()

    Phase m_phase = Phase::Idle;
    std::vector<Batch> m_new; // found above everything held, server order
    QSet<QString> m_newIds;   // of m_new: a page sent again adds nothing
    qsizetype m_firstLoadCount = 0;
    QSet<QString> m_fresh; // held ids read again in this refresh
    // Passed on but not held (new ones of a refresh that broke off, a state learned by an action): a cache
    // read must not bring back an older state of them.
    QSet<QString> m_unheld;
    QStringList m_updatedIds;
    // The held batches read again in this refresh, as last read: what finishRefresh() caches.
    QHash<QString, Batch> m_updatedBatches;
    int m_deepestKnown = -1;    // the furthest held position a page of this refresh covered
    bool m_newComplete = false; // the new-on-top phase reached something held (or the end)
    bool m_leftGap = false;
    bool m_foundNothingHeld = false;
    QStringList m_toRetrieve;
    QList<ApiCall *> m_inFlight;
    ApiError m_refreshError;
    int m_refreshRequests = 0;
    bool m_refreshCached = true;
    int m_newPages = 0;
    int m_rereadPages = 0;
    int m_retrieves = 0;

    std::unique_ptr<BatchCacheWalkWriter> m_writer;
    ApiError m_walkError;
    qint64 m_walked = 0;
    int m_walkPages = 0;
    bool m_walkStopped = false;
    bool m_walkPrefetch = true;
};
