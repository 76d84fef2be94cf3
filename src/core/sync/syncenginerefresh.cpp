// The engine's refresh: new batches on top, then the held ones that may still change.
#include "core/sync/syncengine.h"

#include "core/api/apicall.h"
#include "core/api/apiclient.h"
#include "core/cache/batchcache.h"
#include "core/sync/refreshplan.h"
#include "core/sync/syncsink.h"

#include <QLoggingCategory>

// Quiet unless asked: QT_LOGGING_RULES="batchwatch.sync.debug=true" shows what each refresh requested and
// why.
Q_LOGGING_CATEGORY(lcSync, "batchwatch.sync", QtWarningMsg)

void SyncEngine::refresh()
{
    if (isRefreshing())
        return;
    m_new.clear();
    m_newIds.clear();
    m_firstLoadCount = 0;
    m_fresh.clear();
    m_updatedIds.clear();
    m_updatedBatches.clear();
    m_refreshCached = true;
    m_deepestKnown = -1;
    m_newComplete = false;
    m_leftGap = false;
    m_foundNothingHeld = false;
    m_toRetrieve.clear();
    m_refreshError = ApiError();
    m_refreshRequests = m_requests;
    m_newPages = m_rereadPages = m_retrieves = 0;
    m_refresher->setPrefetch(false); // it stops at the first held batch
    // Nothing held would end the walk, so a refresh of nothing would read the whole account: the first
    // page only, and older pages come through fetchOlder() from where it ended.
    m_phase = m_held.empty() ? Phase::FirstPage : Phase::NewOnTop;
    Q_EMIT refreshStarted();
    m_refresher->start(QString(), kPageSize, m_phase == Phase::FirstPage ? 1 : 0);
}

void SyncEngine::stopRefresh()
{
    if (!isRefreshing())
        return;
    abortRetrieves();
    m_toRetrieve.clear();
    m_refresher->disconnect(this);
    m_refresher->abort();
    connect(m_refresher, &BatchListFetcher::pageReceived, this, &SyncEngine::onRefreshPage);
    connect(m_refresher, &BatchListFetcher::finished, this, &SyncEngine::onRefreshFetched);
    m_phase = Phase::Idle;
}

void SyncEngine::onRefreshPage(const BatchPage &page)
{
    countPage();
    m_opaqueCursors |= !page.next.isEmpty();
    switch (m_phase) {
    case Phase::FirstPage:
        m_firstLoadCount += qsizetype(page.data.size());
        takeOlderPage(page); // below nothing: the same as an older page
        return;
    case Phase::NewOnTop:
        ++m_newPages;
        break;
    case Phase::RereadPages:
        ++m_rereadPages;
        break;
    default:
        return;
    }
    std::vector<Batch> fresh, updated;
    bool reachedKnown = false;
    for (const Batch &batch : page.data) {
        const int position = positionOf(batch.id);
        if (position < 0) {
            // Newest first: only above the first held batch can one be new. One further down lies in a gap
            // the paging will fill.
            // A page sent again (with a fresh token) must not grow the new ones without end.
            if (m_phase == Phase::NewOnTop && !reachedKnown && !m_newIds.contains(batch.id)) {
                m_newIds.insert(batch.id);
                fresh.push_back(batch);
            }
            continue;
        }
        reachedKnown = true;
        m_deepestKnown = std::max(m_deepestKnown, position);
        if (!m_fresh.contains(batch.id))
            m_updatedIds.append(batch.id);
        m_fresh.insert(batch.id);
        updated.push_back(batch);
    }
    m_new.insert(m_new.end(), fresh.begin(), fresh.end());
    for (const Batch &batch : fresh)
        m_unheld.insert(batch.id);
    if (!fresh.empty())
        m_sink->syncArrived(fresh, true);
    applyUpdates(std::move(updated));
    if (m_phase == Phase::NewOnTop && reachedKnown)
        m_refresher->stop();
}

void SyncEngine::onRefreshFetched(const ApiError &error)
{
    m_requests += m_refresher->requestsMade() - m_refresher->pagesFetched();
    switch (m_phase) {
    case Phase::FirstPage:
        endOlderWalk(m_refresher, error, true); // nothing held: it read from the top
        finishRefresh(error);
        return;
    case Phase::NewOnTop:
        if (error.isError()) {
            // The new ones are shown but not held or cached: the next refresh finds them again and goes on
            // down to what is held, so no gap is left behind.
            finishRefresh(error);
            return;
        }
        m_newComplete = true;
        m_leftGap = m_deepestKnown < 0 && m_refresher->endedShort();
        if (m_leftGap)
            resumeAtGap(); // older pages now read the gap, from the top
        m_foundNothingHeld = m_deepestKnown < 0 && !m_refresher->hasMore() && !m_refresher->endedShort();
        prependHeld(m_new);
        if (m_deepestKnown >= 0)
            m_deepestKnown += int(m_new.size());
        planChanging();
        return;
    case Phase::RereadPages:
        if (error.isError()) {
            finishRefresh(error);
            return;
        }
        m_phase = Phase::Retrieve;
        startRetrieves();
        return;
    default:
        return;
    }
}

void SyncEngine::planChanging()
{
    // The held batches run in the server's order, so those still changing below the first page can also be
    // had by reading on from where it stopped.
    // Pages after a batch id need cursors that are ids; with opaque tokens only retrieves can reach them.
    const RefreshPlan plan = RefreshPlan::make(
        int(m_held.size()), [this](int i) -> const QString & { return m_held[size_t(i)].id; },
        [this](int i) {
            const PlanRow &row = m_held[size_t(i)];
            return mayChange(row) && !m_fresh.contains(row.id);
        },
        m_opaqueCursors ? -1 : m_deepestKnown, kPageSize,
        m_exactPositions < 0 ? std::numeric_limits<int>::max() : int(m_exactPositions));
    m_toRetrieve = plan.retrieves;
    qCDebug(lcSync, "%lld changing batches: %d list pages, then retrieves, %d requests in all",
            qint64(m_toRetrieve.size()), plan.pages, plan.requests);
    if (plan.pages > 0) {
        m_phase = Phase::RereadPages;
        // Those the pages cover are dropped from the retrieve list when they arrive.
        m_refresher->start(plan.after, kPageSize, plan.pages);
        return;
    }
    m_phase = Phase::Retrieve;
    startRetrieves();
}

void SyncEngine::startRetrieves()
{
    while (m_inFlight.size() < m_maxConcurrent && !m_toRetrieve.isEmpty()) {
        const QString id = m_toRetrieve.takeFirst();
        if (m_fresh.contains(id))
            continue; // a re-read page brought it already
        ApiCall *call = m_client->retrieveBatch(id);
        m_inFlight.append(call);
        connect(call, &ApiCall::finished, this, [this, call, id] { onRetrieved(call, id); });
    }
    if (m_inFlight.isEmpty())
        finishRefresh(m_refreshError);
}

void SyncEngine::onRetrieved(ApiCall *call, const QString &id)
{
    m_inFlight.removeOne(call);
    call->deleteLater();
    m_requests += call->attempts();
    ++m_retrieves;
    Q_EMIT progress(m_requests);
    // The one error policy: a batch the server no longer has (404) keeps its last known state; any other
    // failure fails the refresh, and the rest is not asked for (a server failing one call fails the next).
    // What arrived before is kept and cached.
    if (call->error().isError()) {
        if (call->error().httpStatus != 404 && !m_refreshError.isError())
            m_refreshError = call->error();
    } else {
        Parsed<Batch> parsed = m_client->parseBatch(call->body());
        if (!parsed.ok() || parsed.value.id != id) {
            // An answer naming another batch would overwrite that one and leave this one stale unnoticed.
            if (!m_refreshError.isError())
                m_refreshError = call->invalidResponse(
                    parsed.ok()
                        ? QStringLiteral("asked for %1, the server answered for %2").arg(id, parsed.value.id)
                        : parsed.error);
        } else if (positionOf(parsed.value.id) >= 0) {
            if (!m_fresh.contains(parsed.value.id))
                m_updatedIds.append(parsed.value.id);
            m_fresh.insert(parsed.value.id);
            applyUpdates({std::move(parsed.value)});
        }
    }
    if (m_refreshError.isError()) {
        abortRetrieves();
        m_toRetrieve.clear();
    }
    startRetrieves();
}

void SyncEngine::abortRetrieves()
{
    for (ApiCall *other : std::as_const(m_inFlight)) {
        other->disconnect(this);
        other->abort();
        other->deleteLater();
    }
    m_inFlight.clear();
}

void SyncEngine::finishRefresh(const ApiError &error)
{
    const bool wrote = m_cache && m_phase != Phase::FirstPage;
    m_phase = Phase::Idle;
    m_refreshRequests = m_requests - m_refreshRequests;
    if (wrote) {
        std::vector<Batch> updated;
        updated.reserve(size_t(m_updatedIds.size()));
        for (const QString &id : std::as_const(m_updatedIds)) {
            Q_ASSERT(m_updatedBatches.contains(id));
            updated.push_back(m_updatedBatches.value(id));
        }
        m_updatedBatches.clear();
        QString why;
        m_refreshCached = m_cache->store(m_newComplete ? m_new : std::vector<Batch>(), updated, &why);
        if (!m_refreshCached)
            qCWarning(lcSync, "could not write the cache: %s", qPrintable(why));
        // New batches above a gap the server would not fill: stored, but the cache no longer reaches down
        // unbroken, so the next walk starts over.
        if (m_leftGap) {
            m_cache->setComplete(false);
            m_cache->setGap(true);
        }
        Q_EMIT cacheWritten();
    }
    qCDebug(lcSync, "refresh: %lld new, %lld read again, in %d requests%s", qint64(newCount()),
            qint64(updatedCount()), m_refreshRequests, error.isError() ? " (failed)" : "");
    Q_EMIT refreshFinished(error);
}

QString SyncEngine::requestSummary() const
{
    QStringList parts;
    if (m_walkPages)
        parts << QStringLiteral("%1 list pages for the whole account").arg(m_walkPages);
    if (m_newPages)
        parts << QStringLiteral("%1 list page(s) for new batches").arg(m_newPages);
    if (m_rereadPages)
        parts << QStringLiteral("%1 list page(s) re-read for changing batches").arg(m_rereadPages);
    if (m_retrieves)
        parts << QStringLiteral("%1 retrieve(s) of changing batches").arg(m_retrieves);
    return parts.join(QStringLiteral(", "));
}
