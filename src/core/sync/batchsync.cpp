#include "core/sync/batchsync.h"

#include "core/api/apiclient.h"
#include "core/api/batchlistfetcher.h"
#include "core/cache/batchcache.h"
#include "core/cache/batchcachewalkwriter.h"
#include "core/json/batchparser.h"
#include "core/sync/refreshplan.h"

#include <QDateTime>
#include <QLoggingCategory>

// Quiet unless asked: QT_LOGGING_RULES="batchwatch.sync.debug=true" shows what each refresh requested and
// why.
Q_LOGGING_CATEGORY(lcSync, "batchwatch.sync", QtWarningMsg)

namespace {
constexpr int kPageSize = BatchListFetcher::kMaxPageSize;
constexpr int kConcurrentRetrieves = 4;
} // namespace

BatchSync::BatchSync(ApiClient *client, BatchCache *cache, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_cache(cache)
    , m_fetcher(new BatchListFetcher(client, this))
{
    connect(m_fetcher, &BatchListFetcher::pageReceived, this, &BatchSync::onPage);
    connect(m_fetcher, &BatchListFetcher::finished, this, &BatchSync::onWalkFinished);
    connect(m_fetcher, &BatchListFetcher::warning, this, &BatchSync::warning);
}

BatchSync::~BatchSync() = default;

void BatchSync::start(bool refreshAll)
{
    bool complete = false;
    m_cached = refreshAll ? std::vector<Batch>() : readCache(&complete);
    m_index.clear();
    for (int i = 0; i < int(m_cached.size()); ++i)
        m_index.insert(m_cached[size_t(i)].id, i);
    m_new.clear();
    m_walked = 0;
    m_streamed = false;
    m_fresh.clear();
    m_result.clear();
    m_deepestKnown = -1;
    m_requests = m_newPages = m_rereadPages = m_retrieves = m_fullPages = 0;
    m_refreshed = 0;
    m_error = ApiError();
    m_stopped = false;
    if (refreshAll || m_cached.empty() || !complete) {
        walkAll();
        return;
    }
    m_phase = Phase::NewOnTop;
    m_fetcher->setPrefetch(false); // it stops at the first known batch
    m_fetcher->start(QString(), kPageSize);
}

std::vector<Batch> BatchSync::readCache(bool *complete)
{
    QString why;
    BatchCache::ReadStatus status = BatchCache::ReadStatus::Ok;
    std::vector<Batch> cached = m_cache->load(&why, &status, complete);
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

void BatchSync::stop()
{
    // Only a walk over everything reads on without end; the refresh of a warm cache is a few requests.
    if (m_phase != Phase::Full)
        return;
    m_stopped = true;
    m_fetcher->stop();
}

void BatchSync::setWalkPrefetch(bool prefetch)
{
    m_walkPrefetch = prefetch;
    if (m_phase == Phase::Full)
        m_fetcher->setPrefetch(prefetch);
}

void BatchSync::walkAll()
{
    m_phase = Phase::Full;
    m_fetcher->setPrefetch(m_walkPrefetch);
    m_walked = 0;
    m_writer = std::make_unique<BatchCacheWalkWriter>(m_cache->path(), m_cache->beginWalk());
    connect(m_writer.get(), &BatchCacheWalkWriter::finished, this, &BatchSync::onWalkWritten);
    m_fetcher->start(QString(), kPageSize);
}

void BatchSync::onPage(const BatchPage &page)
{
    ++m_requests;
    Q_EMIT progress(m_requests);
    switch (m_phase) {
    case Phase::Full: {
        // Streamed: a walk of a large account holds one page at a time, not the account.
        ++m_fullPages;
        m_walked += qint64(page.data.size());
        m_writer->write(page.data);
        Q_EMIT walked(page.data);
        return;
    }
    case Phase::NewOnTop:
        ++m_newPages;
        break;
    case Phase::RereadPages:
        ++m_rereadPages;
        break;
    default:
        return;
    }
    bool reachedKnown = false;
    for (const Batch &batch : page.data) {
        const auto known = m_index.constFind(batch.id);
        if (known == m_index.cend()) {
            if (m_phase == Phase::NewOnTop && !reachedKnown)
                m_new.push_back(batch);
            continue;
        }
        reachedKnown = true;
        m_deepestKnown = std::max(m_deepestKnown, *known);
        m_cached[size_t(*known)] = batch;
        m_fresh.insert(batch.id);
    }
    // Newest first: past the first known batch nothing can be new.
    if (m_phase == Phase::NewOnTop && reachedKnown)
        m_fetcher->stop();
}

void BatchSync::onWalkWritten(const QString &error)
{
    m_writer.reset();
    if (!error.isEmpty())
        qCWarning(lcSync, "could not write the cache: %s", qPrintable(error));
    if (m_walkError.isError()) {
        finish(m_walkError);
        return;
    }
    m_refreshed = m_walked;
    m_streamed = true;
    finish(ApiError());
}

void BatchSync::onWalkFinished(const ApiError &error)
{
    // The fetcher counts retries; pages were counted as they came.
    m_requests += m_fetcher->requestsMade() - m_fetcher->pagesFetched();
    if (m_phase == Phase::Full) {
        // The cache is written on another thread; the sync ends when it is (what came before an error too).
        m_walkError = error;
        // Only a walk that reached the end may drop what it did not see and call the cache complete.
        // A walk that ended on an empty page claiming more may be short: never complete from it.
        m_writer->finish(!error.isError() && !m_stopped && !m_fetcher->endedShort());
        return;
    }
    if (error.isError()) {
        finish(error);
        return;
    }
    switch (m_phase) {
    case Phase::NewOnTop:
        // New batches above a gap the server would not fill: stored, but the cache no longer reaches down
        // unbroken, so the next run walks everything.
        if (m_deepestKnown < 0 && m_fetcher->endedShort())
            m_cache->setComplete(false);
        if (m_deepestKnown < 0 && !m_fetcher->hasMore() && !m_fetcher->endedShort()) {
            // The whole list came and none of it was known: the cache describes another account. Start over.
            qCInfo(lcSync, "nothing cached is on the server any more; reading everything");
            walkAll();
            return;
        }
        refreshChanging();
        return;
    case Phase::RereadPages:
        m_phase = Phase::Retrieve;
        startRetrieves();
        return;
    default:
        return;
    }
}

void BatchSync::refreshChanging()
{
    // What may still change: anything not terminal, and anything young enough to be within its window.
    const qint64 horizon = QDateTime::currentSecsSinceEpoch() - 86'400 - kWindowMarginSeconds;
    const RefreshPlan plan =
        RefreshPlan::make(m_cached, m_deepestKnown, kPageSize, [this, horizon](const Batch &b) {
            return !m_fresh.contains(b.id) && !(b.status.isTerminal() && b.createdAt < horizon);
        });
    m_toRetrieve = plan.retrieves;
    qCDebug(lcSync, "%lld changing batches: %d list pages, then retrieves, %d requests in all",
            qint64(m_toRetrieve.size()), plan.pages, plan.requests);
    if (plan.pages > 0) {
        m_phase = Phase::RereadPages;
        m_fetcher->setPrefetch(false);
        // Those the pages cover are dropped from the retrieve list when they arrive.
        m_fetcher->start(plan.after, kPageSize, plan.pages);
        return;
    }
    m_phase = Phase::Retrieve;
    startRetrieves();
}

void BatchSync::startRetrieves()
{
    while (m_inFlight.size() < kConcurrentRetrieves && !m_toRetrieve.isEmpty()) {
        const QString id = m_toRetrieve.takeFirst();
        if (m_fresh.contains(id))
            continue;
        ApiCall *call = m_client->retrieveBatch(id);
        m_inFlight.append(call);
        connect(call, &ApiCall::finished, this, [this, call] { onRetrieved(call); });
    }
    if (m_inFlight.isEmpty())
        finish(m_error);
}

void BatchSync::onRetrieved(ApiCall *call)
{
    m_inFlight.removeOne(call);
    call->deleteLater();
    m_requests += call->attempts();
    ++m_retrieves;
    Q_EMIT progress(m_requests);
    if (call->error().isError()) {
        // A batch the server no longer has keeps its last known state; other failures end the sync.
        if (call->error().httpStatus != 404 && !m_error.isError())
            m_error = call->error();
    } else {
        Parsed<Batch> parsed = m_client->parseBatch(call->body());
        const auto known = parsed.ok() ? m_index.constFind(parsed.value.id) : m_index.cend();
        if (known != m_index.cend()) {
            m_cached[size_t(*known)] = std::move(parsed.value);
            m_fresh.insert(m_cached[size_t(*known)].id);
        } else if (!parsed.ok() && !m_error.isError()) {
            m_error = call->invalidResponse(parsed.error);
        }
    }
    if (m_error.isError()) {
        for (ApiCall *other : std::as_const(m_inFlight)) {
            other->disconnect(this);
            other->abort();
            other->deleteLater();
        }
        m_inFlight.clear();
        m_toRetrieve.clear();
    }
    startRetrieves();
}

void BatchSync::finish(const ApiError &error)
{
    m_phase = Phase::Idle;
    if (!error.isError() && !m_streamed) {
        // Incremental: the new ones on top, then everything cached with what was re-read.
        std::vector<Batch> updated;
        for (const Batch &b : m_cached) {
            if (m_fresh.contains(b.id))
                updated.push_back(b);
        }
        m_refreshed = qint64(m_new.size() + updated.size());
        QString why;
        if (!m_cache->store(m_new, updated, &why))
            qCWarning(lcSync, "could not write the cache: %s", qPrintable(why));
        m_result.reserve(m_new.size() + m_cached.size());
        m_result.insert(m_result.end(), m_new.begin(), m_new.end());
        m_result.insert(m_result.end(), m_cached.begin(), m_cached.end());
    }
    qCDebug(lcSync, "%s", qPrintable(summary()));
    Q_EMIT finished(error);
}

QString BatchSync::summary() const
{
    QStringList parts;
    if (m_fullPages)
        parts << QStringLiteral("%1 list pages for the whole account").arg(m_fullPages);
    if (m_newPages)
        parts << QStringLiteral("%1 list page(s) for new batches").arg(m_newPages);
    if (m_rereadPages)
        parts << QStringLiteral("%1 list page(s) re-read for changing batches").arg(m_rereadPages);
    if (m_retrieves)
        parts << QStringLiteral("%1 retrieve(s) of changing batches").arg(m_retrieves);
    return QStringLiteral("refreshed %1 of %2 batches in %3 requests (%4)")
        .arg(m_refreshed)
        .arg(m_streamed ? m_walked : qint64(m_result.size()))
        .arg(m_requests)
        .arg(parts.join(QStringLiteral(", ")));
}
