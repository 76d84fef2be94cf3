#include "batchexportjob.h"

#include "batchlistfetcher.h"

BatchExportJob::BatchExportJob(ApiClient *client, const BatchFilter &filter, QObject *parent)
    : QObject(parent)
    , m_filter(filter)
    , m_fetcher(new BatchListFetcher(client, this))
{
    connect(m_fetcher, &BatchListFetcher::pageReceived, this, &BatchExportJob::onPage);
    connect(m_fetcher, &BatchListFetcher::warning, this, &BatchExportJob::warning);
    connect(m_fetcher, &BatchListFetcher::finished, this, &BatchExportJob::onFetcherFinished);
}

int BatchExportJob::pages() const
{
    return m_fetcher->pagesFetched();
}

void BatchExportJob::start(BatchExporter *exporter, qint64 maxBatches)
{
    m_exporter = exporter;
    m_maxBatches = maxBatches;
    m_outcome = Outcome::Running;
    m_fetcher->start(QString(), 100);
}

void BatchExportJob::onPage(const BatchPage &page)
{
    if (m_outcome != Outcome::Running)
        return;
    qint64 newest = std::numeric_limits<qint64>::min();
    for (const Batch &batch : page.data) {
        ++m_seen;
        newest = std::max(newest, batch.createdAt);
        if (m_ids.contains(batch.id) || !m_filter.matches(batch))
            continue;
        m_ids.insert(batch.id);
        if (!m_exporter->write(batch)) {
            m_writeError = m_exporter->errorString();
            finish(Outcome::WriteFailed);
            return;
        }
        if (++m_matched == m_maxBatches)
            break;
    }
    Q_EMIT progress();
    // Lists run newest first: once a whole page is older than the range, later pages are too.
    const bool olderThanWanted = !page.data.empty() && m_filter.excludesEverythingBefore(newest);
    if (m_matched == m_maxBatches || olderThanWanted)
        m_fetcher->stop();
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
    if (!m_exporter->finish()) {
        m_writeError = m_exporter->errorString();
        finish(Outcome::WriteFailed);
        return;
    }
    finish(Outcome::Done);
}

void BatchExportJob::finish(Outcome outcome)
{
    m_outcome = outcome;
    m_fetcher->stop();
    Q_EMIT finished();
}
