#pragma once

#include "core/api/apierror.h"
#include "core/api/batchpage.h"
#include "core/batch/batchfilter.h"
#include "core/export/batchexporter.h"

#include <QObject>
#include <QSet>

#include <functional>

class ApiClient;
class BatchCache;
class BatchListFetcher;
class BatchSync;

// Walks the account's batches and writes those the filter passes, as they arrive, newest first.
class BatchExportJob : public QObject
{
    Q_OBJECT

public:
    enum class Outcome { Running, Done, ApiFailed, WriteFailed };

    BatchExportJob(ApiClient *client, const BatchFilter &filter, QObject *parent = nullptr);

    // What the filter's query knows of the account: its name, provider and prices (`account:`, `cost>`).
    void setQueryRow(const QueryRow &row) { m_row = row; }
    // Brings `cache` up to date first and writes from it (a warm run costs a few requests); without a cache
    // the pages are written as they arrive.
    void setCache(BatchCache *cache, bool refreshAll);
    // Before setCache(): a warm cache is only brought up to date (BatchSync::setLight), its batches not
    // handed over; refreshedLight() then says the caller must read the cache itself. A cold run walks and
    // hands everything over as always.
    void setLightRefresh(bool light) { m_lightRefresh = light; }
    bool refreshedLight() const { return m_refreshedLight; }
    // Writes through `exporter` (begun by the caller); stops after `maxBatches` matches (<= 0: all).
    void start(BatchExporter *exporter, qint64 maxBatches = 0);
    // Hands each match to `consume` instead (`batchwatch cost` sums them); a false return fails the job
    // as a write would, with writeError() set to `failure`.
    using Consumer = std::function<bool(const Batch &)>;
    void start(Consumer consume, qint64 maxBatches = 0, const QString &failure = QString());
    // How the cache was brought up to date (empty without one).
    QString syncSummary() const;

    Outcome outcome() const { return m_outcome; }
    const ApiError &apiError() const { return m_apiError; }
    const QString &writeError() const { return m_writeError; }
    int pages() const;
    // The server's list ended on an empty page that still claimed more: batches older than those read may be
    // missing (said as a warning). `batchwatch cost` refuses to write a sum then.
    bool endedShort() const { return m_endedShort; }
    qint64 batchesSeen() const { return m_seen; }
    qint64 batchesMatched() const { return m_matched; }

Q_SIGNALS:
    void progress();
    void warning(const QString &message);
    void finished();

private:
    void onPage(const BatchPage &page);
    bool writeMatching(const Batch &batch);
    // Writes those that match until the maximum; false once the job failed.
    bool writeAll(const std::vector<Batch> &batches);
    bool reachedMax() const { return m_maxBatches > 0 && m_matched >= m_maxBatches; }
    // Reads ahead only while the next page is sure to be wanted.
    void updatePrefetch();
    void onSyncFinished(const ApiError &error);
    void onFetcherFinished(const ApiError &error);
    void finish(Outcome outcome);

    ApiClient *m_client;
    BatchFilter m_filter;
    QueryRow m_row;
    BatchListFetcher *m_fetcher;
    BatchSync *m_sync = nullptr;
    bool m_refreshAll = false;
    bool m_lightRefresh = false;
    bool m_refreshedLight = false; // kept at the end: the caller drops the cache (and the sync) after
    BatchExporter *m_exporter = nullptr;
    Consumer m_consume;
    QString m_consumeFailure;
    QSet<quint64>
        m_ids; // hashes of the ids written: one seen twice (the list shifted under us) is written once
    qint64 m_maxBatches = 0;
    qint64 m_seen = 0;
    qint64 m_matched = 0;
    Outcome m_outcome = Outcome::Running;
    bool m_endedShort = false;
    ApiError m_apiError;
    QString m_writeError;
};
