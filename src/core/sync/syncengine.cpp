// The engine's held state, its older pages and its walk over everything; the refresh is in
// syncenginerefresh.cpp.
#include "core/sync/syncengine.h"

#include "core/api/apiclient.h"
#include "core/cache/batchcache.h"
#include "core/cache/batchcachewalkwriter.h"
#include "core/providers/provideradapter.h"
#include "core/sync/syncsink.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

SyncEngine::SyncEngine(ApiClient *client, SyncSink *sink, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sink(sink)
    , m_refresher(new BatchListFetcher(client, this))
    , m_pager(new BatchListFetcher(client, this))
    , m_walker(new BatchListFetcher(client, this))
{
    Q_ASSERT(client && sink);
    m_opaqueCursors = !client->adapter().pagesStartAfterAnId();
    connect(m_refresher, &BatchListFetcher::pageReceived, this, &SyncEngine::onRefreshPage);
    connect(m_refresher, &BatchListFetcher::finished, this, &SyncEngine::onRefreshFetched);
    connect(m_pager, &BatchListFetcher::pageReceived, this, &SyncEngine::onOlderPage);
    connect(m_pager, &BatchListFetcher::finished, this, &SyncEngine::onOlderFetched);
    connect(m_walker, &BatchListFetcher::pageReceived, this, &SyncEngine::onWalkPage);
    connect(m_walker, &BatchListFetcher::finished, this, &SyncEngine::onWalkFetched);
    for (BatchListFetcher *fetcher : {m_refresher, m_pager, m_walker})
        connect(fetcher, &BatchListFetcher::warning, this, &SyncEngine::warning);
}

SyncEngine::~SyncEngine()
{
    abortRetrieves();
}

bool SyncEngine::mayChange(const BatchStatus &status)
{
    return !status.isTerminal();
}

int SyncEngine::positionOf(const QString &id) const
{
    const auto it = m_rank.constFind(id);
    return it == m_rank.cend() ? -1 : int(*it - m_topRank);
}

void SyncEngine::prependHeld(const std::vector<Batch> &newestFirst)
{
    for (auto it = newestFirst.rbegin(); it != newestFirst.rend(); ++it) {
        m_unheld.remove(it->id);
        if (m_rank.contains(it->id))
            continue;
        m_held.push_front(PlanRow::of(*it));
        m_rank.insert(it->id, --m_topRank);
        if (m_exactPositions >= 0)
            ++m_exactPositions; // a new batch on top, in its place
    }
}

void SyncEngine::appendHeld(PlanRow row)
{
    m_rank.insert(row.id, m_topRank + qint64(m_held.size()));
    m_held.push_back(std::move(row));
}

void SyncEngine::applyUpdates(std::vector<Batch> updated)
{
    if (updated.empty())
        return;
    m_sink->syncUpdated(updated);
    for (Batch &batch : updated) {
        const int position = positionOf(batch.id);
        Q_ASSERT(position >= 0);
        m_held[size_t(position)] = PlanRow::of(batch);
        // Read again by this refresh (a state learned meanwhile is newer still): cached when it ends.
        if (isRefreshing() && m_fresh.contains(batch.id))
            m_updatedBatches.insert(batch.id, std::move(batch));
    }
}

bool SyncEngine::learn(const Batch &batch)
{
    if (positionOf(batch.id) < 0) {
        m_unheld.insert(batch.id);
        return false;
    }
    if (m_cache) {
        QString why;
        if (!m_cache->store({}, {batch}, &why))
            qCWarning(lcSync, "could not write the cache: %s", qPrintable(why));
        Q_EMIT cacheWritten();
    }
    applyUpdates({batch});
    return true;
}

std::vector<Batch> SyncEngine::adopt(const std::vector<Batch> &batches)
{
    std::vector<Batch> taken;
    taken.reserve(batches.size());
    for (const Batch &batch : batches) {
        if (m_rank.contains(batch.id) || m_unheld.contains(batch.id))
            continue;
        appendHeld(PlanRow::of(batch));
        taken.push_back(batch);
    }
    return taken;
}

qsizetype SyncEngine::adopt(std::vector<PlanRow> rows)
{
    qsizetype taken = 0;
    for (PlanRow &row : rows) {
        if (m_rank.contains(row.id) || m_unheld.contains(row.id))
            continue;
        appendHeld(std::move(row));
        ++taken;
    }
    return taken;
}

void SyncEngine::resumeAfter(const QString &cursor, bool hasMore)
{
    // A provider whose pages start only at its own tokens cannot start after a cached batch's id: older pages
    // are read from the top again, and the held batches among them come back as updates.
    m_cursor = m_opaqueCursors ? QString() : cursor;
    m_hasMore = hasMore;
    m_olderFailed = false;
    m_olderFromTop = m_cursor.isEmpty();
}

void SyncEngine::resumeAtGap()
{
    // What lies between the new batches on top and the older ones is unknown: read from the top again (the
    // held ones come back as updates), and only reaching the end that way completes the cache.
    if (m_pager->isRunning())
        m_pager->abort(); // its pages run below the gap
    resumeAfter(QString(), true);
    m_gapOpen = true;
}

void SyncEngine::clearHeld()
{
    stopRefresh();
    m_pager->abort();
    m_held.clear();
    m_exactPositions = -1;
    m_rank.clear();
    m_unheld.clear();
    m_topRank = 0;
    m_gapOpen = false;
    resumeAfter(QString(), true);
}

void SyncEngine::countPage()
{
    ++m_requests;
    Q_EMIT progress(m_requests);
}

bool SyncEngine::canFetchOlder() const
{
    return m_hasMore && !m_olderFailed && !m_pager->isRunning();
}

void SyncEngine::fetchOlder(int maxPages)
{
    if (!m_hasMore)
        return;
    if (m_pager->isRunning()) {
        if (maxPages != 0)
            return;
        m_pager->stop(); // a walk to the end picks up from the same cursor
    }
    m_olderFailed = false;
    m_pager->start(m_cursor, kPageSize, maxPages);
    Q_EMIT olderFetchingChanged(true);
}

void SyncEngine::retryOlder()
{
    m_olderFailed = false;
    if (canFetchOlder())
        fetchOlder(1);
}

void SyncEngine::stopOlder()
{
    m_pager->stop();
}

void SyncEngine::onOlderPage(const BatchPage &page)
{
    countPage();
    takeOlderPage(page);
}

void SyncEngine::takeOlderPage(const BatchPage &page)
{
    m_opaqueCursors |= !page.next.isEmpty();
    // The cursor first: a view reacting to the rows may already ask for the next page.
    if (!page.nextCursor().isEmpty())
        m_cursor = page.nextCursor();
    m_hasMore = page.hasMore && !page.data.empty();
    m_olderFailed = false;
    std::vector<Batch> fresh, known;
    for (const Batch &batch : page.data) {
        if (m_rank.contains(batch.id)) {
            known.push_back(batch); // the list moved under us: a newer state of one held already
            continue;
        }
        appendHeld(PlanRow::of(batch));
        fresh.push_back(batch);
    }
    if (m_cache) {
        QString why;
        if (!m_cache->append(fresh, &why) || !m_cache->store({}, known, &why))
            qCWarning(lcSync, "could not write the cache: %s", qPrintable(why));
        Q_EMIT cacheWritten();
    }
    applyUpdates(std::move(known));
    if (!fresh.empty())
        m_sink->syncArrived(fresh, false);
    Q_EMIT olderPageLoaded(page);
}

void SyncEngine::endOlderWalk(const BatchListFetcher *fetcher, const ApiError &error, bool fromTop)
{
    // Only a walk that reached the end says the cache holds everything; one that ended on an empty page
    // claiming more may be short, and one that started below a gap never read it.
    if (!m_cache || error.isError() || m_hasMore || fetcher->endedShort() || (m_gapOpen && !fromTop))
        return;
    m_cache->setComplete(true);
    if (m_gapOpen)
        m_cache->setGap(false);
    m_gapOpen = false;
}

void SyncEngine::onOlderFetched(const ApiError &error)
{
    // Pages were counted as they came; the retries now.
    m_requests += m_pager->requestsMade() - m_pager->pagesFetched();
    endOlderWalk(m_pager, error, m_olderFromTop);
    const bool failed = error.isError() && error.kind != ApiError::Cancelled;
    m_olderFailed = failed;
    Q_EMIT olderFetchingChanged(false);
    if (failed)
        Q_EMIT olderFailed(error);
}

void SyncEngine::walkAll()
{
    m_walked = 0;
    m_walkPages = 0;
    m_walkStopped = false;
    m_walkError = ApiError();
    m_walker->setPrefetch(m_walkPrefetch);
    if (m_cache) {
        m_writer = std::make_unique<BatchCacheWalkWriter>(m_cache->path(), m_cache->provider(),
                                                          m_cache->beginWalk());
        connect(m_writer.get(), &BatchCacheWalkWriter::finished, this, &SyncEngine::onWalkWritten);
    }
    m_walker->start(QString(), kPageSize);
}

void SyncEngine::stopWalk()
{
    if (!m_walker->isRunning())
        return;
    m_walkStopped = true;
    m_walker->stop();
}

void SyncEngine::setWalkPrefetch(bool prefetch)
{
    m_walkPrefetch = prefetch;
    m_walker->setPrefetch(prefetch);
}

void SyncEngine::onWalkPage(const BatchPage &page)
{
    // Streamed: a walk of a large account holds one page at a time, not the account.
    countPage();
    ++m_walkPages;
    m_walked += qint64(page.data.size());
    if (m_writer)
        m_writer->write(page.data);
    m_sink->syncArrived(page.data, false);
}

void SyncEngine::onWalkFetched(const ApiError &error)
{
    m_requests += m_walker->requestsMade() - m_walker->pagesFetched();
    if (!m_writer) {
        Q_EMIT walkFinished(error);
        return;
    }
    // The cache is written on another thread; the walk ends when it is (what came before an error too).
    m_walkError = error;
    m_writer->finish(!error.isError() && !m_walkStopped && !m_walker->endedShort());
}

void SyncEngine::onWalkWritten(const QString &error)
{
    m_writer.reset();
    if (!error.isEmpty())
        qCWarning(lcSync, "could not write the cache: %s", qPrintable(error));
    Q_EMIT cacheWritten();
    Q_EMIT walkFinished(m_walkError);
}

bool SyncEngine::walkEndedShort() const
{
    return m_walker->endedShort();
}
