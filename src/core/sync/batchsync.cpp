#include "core/sync/batchsync.h"

#include "core/cache/batchcache.h"
#include "core/sync/refreshset.h"
#include "core/sync/syncengine.h"

#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

BatchSync::BatchSync(ApiClient *client, BatchCache *cache, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_engine(new SyncEngine(client, this, this))
{
    m_engine->setCache(cache);
    connect(m_engine, &SyncEngine::progress, this, &BatchSync::progress);
    connect(m_engine, &SyncEngine::warning, this, &BatchSync::warning);
    connect(m_engine, &SyncEngine::refreshFinished, this, &BatchSync::onRefreshed);
    connect(m_engine, &SyncEngine::walkFinished, this, [this](const ApiError &error) {
        m_walking = false;
        if (!error.isError()) {
            m_refreshed = m_engine->walkedCount();
            m_streamed = true;
        }
        finish(error);
    });
}

BatchSync::~BatchSync() = default;

int BatchSync::requests() const
{
    return m_engine->requestsMade();
}

void BatchSync::start(bool refreshAll)
{
    static_assert(kLightTop == 10 * SyncEngine::kPageSize, "ten pages");
    bool complete = false;
    std::vector<PlanRow> cached;
    m_holdsLight = !refreshAll && m_light && readLight(&cached, &complete);
    if (!refreshAll && !m_holdsLight)
        cached = readCache(&complete);
    m_engine->clearHeld();
    m_streamed = false;
    m_refreshedLight = false;
    m_held = 0;
    m_refreshed = 0;
    if (refreshAll || cached.empty() || !complete) {
        walkAll();
        return;
    }
    const qsizetype held = m_engine->adopt(std::move(cached));
    if (m_holdsLight)
        m_engine->setExactPositions(std::min<qsizetype>(held, kLightTop)); // RefreshSet's top comes first
    m_engine->refresh();
}

std::vector<PlanRow> BatchSync::readCache(bool *complete)
{
    // The plan's rows only (no JSON parsed): the batches themselves are read after the refresh.
    QString why;
    BatchCache::ReadStatus status = BatchCache::ReadStatus::Ok;
    // The JSON is checked too: the rows are streamed out after the refresh, too late to start over then.
    std::vector<PlanRow> cached = m_cache->loadPlan(&why, &status, complete, true);
    switch (status) {
    case BatchCache::ReadStatus::Ok:
        return cached;
    case BatchCache::ReadStatus::Damaged: {
        // Never a short answer from a damaged file: it goes aside, and this run reads everything anew.
        QString warning, error;
        if (m_cache->moveAside(why, &warning, &error))
            Q_EMIT this->warning(warning);
        else
            Q_EMIT this->warning(
                QStringLiteral("the cache is damaged (%1) and %2; reading everything").arg(why, error));
        break;
    }
    case BatchCache::ReadStatus::Failed:
        Q_EMIT warning(QStringLiteral("cannot read the cache (%1); reading everything").arg(why));
        break;
    }
    *complete = false;
    return {};
}

bool BatchSync::readLight(std::vector<PlanRow> *rows, bool *complete)
{
    QString why;
    switch (RefreshSet::read(m_cache->path(), kLightTop, rows, complete, &why)) {
    case RefreshSet::Result::Ok:
        // An empty or incomplete cache is walked whole, as without a light hold.
        return true;
    case RefreshSet::Result::Unsuitable:
    case RefreshSet::Result::Failed:
        qCInfo(lcSync, "holding the whole cache for the refresh: %s", qPrintable(why));
        break;
    }
    return false;
}

void BatchSync::walkAll()
{
    m_walking = true;
    m_engine->clearHeld();
    m_engine->walkAll();
}

void BatchSync::stop()
{
    // Only a walk over everything reads on without end; the refresh of a warm cache is a few requests.
    if (m_walking)
        m_engine->stopWalk();
}

void BatchSync::setWalkPrefetch(bool prefetch)
{
    m_engine->setWalkPrefetch(prefetch);
}

void BatchSync::syncArrived(const std::vector<Batch> &batches, bool onTop)
{
    if (m_walking && !onTop)
        Q_EMIT walked(batches);
}

void BatchSync::onRefreshed(const ApiError &error)
{
    if (!error.isError() && m_engine->foundNothingHeld()) {
        // The whole list came and none of it was held: the cache describes another account. Start over.
        qCInfo(lcSync, "nothing cached is on the server any more; reading everything");
        walkAll();
        return;
    }
    if (!error.isError() && m_engine->leftGap()) {
        // New batches above a stretch the server would not give: the cached ones below may not be all that
        // is there. Never a short answer as success: read everything.
        qCInfo(lcSync, "the refresh left a gap above the cached batches; reading everything");
        walkAll();
        return;
    }
    if (!error.isError()) {
        m_refreshed = qint64(m_engine->newCount() + m_engine->updatedCount());
        m_held = qint64(m_engine->heldCount());
        if (m_holdsLight && !m_engine->refreshCached()) {
            // The caller would read the cache, which lacks what the refresh learned: never a stale answer.
            finish(
                ApiError::make(ApiError::LocalIo,
                               QStringLiteral("the refresh could not write the cache, so it cannot be read "
                                              "whole (another process may be writing it; try again)")));
            return;
        }
        // A light hold: the caller reads the cache itself (readResult() would do, but `cost` sums columns).
        m_refreshedLight = m_holdsLight;
    }
    finish(error);
}

void BatchSync::finish(const ApiError &error)
{
    qCDebug(lcSync, "%s", qPrintable(summary()));
    Q_EMIT finished(error);
}

ApiError BatchSync::readResult(const std::function<bool(const std::vector<Batch> &)> &consume)
{
    Q_ASSERT(!m_streamed);
    const auto failed = [](const QString &why) {
        return ApiError::make(ApiError::LocalIo, QStringLiteral("cannot read the cache whole (%1)").arg(why));
    };
    if (!m_engine->refreshCached())
        return failed(QStringLiteral("the refresh could not write it"));
    // Every batch the refresh held must come back: a row lost under this run (another process, a damaged
    // disk) is a short answer, never a success, even when the count recorded with it agrees.
    qint64 held = 0;
    QString why;
    bool stopped = false;
    const BatchCache::ReadStatus status = m_cache->stream(
        kChunk,
        [&](std::vector<Batch> &&chunk) {
            for (const Batch &batch : chunk)
                held += m_engine->positionOf(batch.id) >= 0;
            return consume(chunk);
        },
        &why, &stopped);
    if (status != BatchCache::ReadStatus::Ok)
        return failed(why);
    if (!stopped && held != qint64(m_engine->heldCount()))
        return failed(QStringLiteral("%1 of the %2 batches it held").arg(held).arg(m_engine->heldCount()));
    return ApiError();
}

bool BatchSync::endedShort() const
{
    return m_engine->walkEndedShort();
}

QString BatchSync::summary() const
{
    return QStringLiteral("refreshed %1 of %2 batches in %3 requests (%4)")
        .arg(m_refreshed)
        .arg(m_streamed         ? m_engine->walkedCount()
             : m_refreshedLight ? m_cache->count()
                                : m_held)
        .arg(requests())
        .arg(m_engine->requestSummary());
}
