#include "core/export/batchexportjob.h"

#include "core/api/batchlistfetcher.h"
#include "core/sync/batchsync.h"

BatchExportJob::BatchExportJob(ApiClient *client, const BatchFilter &filter, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_filter(filter)
    , m_fetcher(new BatchListFetcher(client, this))
{
    m_fetcher->setPrefetch(true);
    connect(m_fetcher, &BatchListFetcher::pageReceived, this, &BatchExportJob::onPage);
    connect(m_fetcher, &BatchListFetcher::warning, this, &BatchExportJob::warning);
    connect(m_fetcher, &BatchListFetcher::finished, this, &BatchExportJob::onFetcherFinished);
}

int BatchExportJob::pages() const
{
    return m_sync ? m_sync->requests() : m_fetcher->pagesFetched();
}

void BatchExportJob::setCache(BatchCache *cache, bool refreshAll)
{
    delete m_sync;
    m_sync = cache ? new BatchSync(m_client, cache, this) : nullptr;
    m_refreshAll = refreshAll;
    if (m_sync) {
        m_sync->setLight(m_lightRefresh);
        connect(m_sync, &BatchSync::progress, this, &BatchExportJob::progress);
        connect(m_sync, &BatchSync::finished, this, &BatchExportJob::onSyncFinished);
        connect(m_sync, &BatchSync::walked, this, [this](const std::vector<Batch> &batches) {
            writeAll(batches);
            // A walk cut short at --max caches what it read, and does not call the cache complete.
            if (reachedMax())
                m_sync->stop();
            updatePrefetch();
        });
        connect(m_sync, &BatchSync::warning, this, &BatchExportJob::warning);
    }
}

QString BatchExportJob::syncSummary() const
{
    return m_sync ? m_sync->summary() : QString();
}

void BatchExportJob::start(Consumer consume, qint64 maxBatches, const QString &failure)
{
    Q_ASSERT(consume);
    m_consume = std::move(consume);
    m_consumeFailure = failure;
    start(static_cast<BatchExporter *>(nullptr), maxBatches);
}

void BatchExportJob::start(BatchExporter *exporter, qint64 maxBatches)
{
    Q_ASSERT(exporter || m_consume);
    m_exporter = exporter;
    m_maxBatches = maxBatches;
    m_outcome = Outcome::Running;
    updatePrefetch();
    if (m_sync)
        m_sync->start(m_refreshAll);
    else
        m_fetcher->start(QString(), BatchListFetcher::kMaxPageSize);
}

void BatchExportJob::updatePrefetch()
{
    // A page brings at most a page of matches: with more than that still wanted, the next page is needed
    // whatever this one holds. Otherwise a prefetched page could be a request --max did not need.
    const bool prefetch =
        m_maxBatches <= 0 || m_maxBatches - m_matched > qint64(BatchListFetcher::kMaxPageSize);
    m_fetcher->setPrefetch(prefetch);
    if (m_sync)
        m_sync->setWalkPrefetch(prefetch);
}

bool BatchExportJob::writeMatching(const Batch &batch)
{
    // 64 bits of the id stand for it: a fifth of the memory of the ids themselves; two of 5 million ids
    // sharing a hash (so one is skipped) has a chance below one in a million.
    const quint64 key = qHash(batch.id, 0x9e3779b97f4a7c15ULL);
    if (m_ids.contains(key) || !m_filter.matches(batch, m_row))
        return true;
    m_ids.insert(key);
    ++m_matched;
    if (m_exporter ? m_exporter->write(batch) : m_consume(batch))
        return true;
    m_writeError = m_exporter ? m_exporter->errorString() : m_consumeFailure;
    finish(Outcome::WriteFailed);
    return false;
}

void BatchExportJob::onSyncFinished(const ApiError &error)
{
    if (error.isError()) {
        m_apiError = error;
        finish(Outcome::ApiFailed);
        return;
    }
    if (!m_sync->streamed() && !m_sync->refreshedLight()) {
        // The refreshed cache, a chunk at a time: a warm run holds no more of the account than that.
        const ApiError read = m_sync->readResult(
            [this](const std::vector<Batch> &chunk) { return writeAll(chunk) && !reachedMax(); });
        if (m_outcome != Outcome::Running)
            return; // a write failed
        if (read.isError()) {
            m_apiError = read;
            finish(Outcome::ApiFailed);
            return;
        }
    }
    onFetcherFinished(ApiError());
}

bool BatchExportJob::writeAll(const std::vector<Batch> &batches)
{
    for (const Batch &batch : batches) {
        if (m_outcome != Outcome::Running || reachedMax())
            return m_outcome == Outcome::Running;
        ++m_seen;
        if (!writeMatching(batch))
            return false;
    }
    return true;
}

void BatchExportJob::onPage(const BatchPage &page)
{
    if (m_outcome != Outcome::Running)
        return;
    qint64 newest = std::numeric_limits<qint64>::min();
    for (const Batch &batch : page.data) {
        ++m_seen;
        newest = std::max(newest, batch.createdAt);
        if (!writeMatching(batch))
            return;
        if (reachedMax())
            break;
    }
    Q_EMIT progress();
    // Lists run newest first: once a whole page is older than the range, later pages are too.
    const bool olderThanWanted = !page.data.empty() && m_filter.excludesEverythingBefore(newest);
    if (reachedMax() || olderThanWanted)
        m_fetcher->stop();
    else
        updatePrefetch();
}

void BatchExportJob::onFetcherFinished(const ApiError &error)
{
    if (m_outcome != Outcome::Running)
        return;
    if (error.isError()) {
        m_apiError = error;
        finish(Outcome::ApiFailed);
        return;
    }
    if (m_exporter && !m_exporter->finish()) {
        m_writeError = m_exporter->errorString();
        finish(Outcome::WriteFailed);
        return;
    }
    finish(Outcome::Done);
}

void BatchExportJob::finish(Outcome outcome)
{
    m_outcome = outcome;
    m_endedShort = m_sync ? m_sync->endedShort() : m_fetcher->endedShort();
    m_refreshedLight = m_sync && m_sync->refreshedLight();
    m_fetcher->stop();
    Q_EMIT finished();
}
