#include "models/batchcachekeeper.h"

#include "core/cache/batchcache.h"
#include "models/batchrefresher.h"
#include "models/batchtablemodel.h"

#include <QTimer>

#include <limits>

BatchCacheKeeper::BatchCacheKeeper(BatchTableModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    connect(model, &BatchTableModel::pageLoaded, this, &BatchCacheKeeper::onPageLoaded);
    connect(model, &BatchTableModel::sampleRecorded, this,
            [this](const QString &id, const ProgressSample &sample) {
                if (m_cache)
                    m_pendingSamples.append({id, sample});
            });
}

BatchCacheKeeper::~BatchCacheKeeper() = default;

bool BatchCacheKeeper::open(const ApiConfig &config, QString *message)
{
    close();
    auto cache = std::make_unique<BatchCache>();
    QString error, warning;
    if (!cache->open(BatchCache::defaultPath(config), &error, &warning)) {
        *message = tr("Working without a cache: %1").arg(error);
        return false;
    }
    *message = warning;
    const QHash<QString, QList<ProgressSample>> samples = cache->loadSamples();
    for (auto it = samples.cbegin(); it != samples.cend(); ++it) {
        for (const ProgressSample &sample : it.value())
            m_model->history().add(it.key(), sample);
    }
    // The first screen at once; the rest in chunks between events, so a window on 100,000 cached batches
    // paints in a fraction of a second and stays responsive while the others arrive.
    m_model->reserve(int(cache->count()) + 1000); // room for a refresh's new ones too
    const QString oldest = cache->oldestId();
    if (!oldest.isEmpty())
        m_model->resumeAfter(oldest, !cache->isComplete());
    m_recordedRows = cache->recordedRows();
    m_loadedRows = 0;
    m_wroteWhileLoading = false;
    m_cache = std::move(cache);
    m_loadedRank = std::numeric_limits<qint64>::min();
    m_loading = true;
    loadNextChunk();
    return true;
}

void BatchCacheKeeper::loadNextChunk()
{
    if (!m_cache || !m_loading)
        return;
    // Small enough that reading, parsing and merging one chunk stays far below a visible stall.
    constexpr int kChunk = 1000;
    QString why;
    BatchCache::ReadStatus status = BatchCache::ReadStatus::Ok;
    const std::vector<Batch> chunk = m_cache->loadChunk(m_loadedRank, kChunk, &m_loadedRank, &why, &status);
    m_model->mergeCached(chunk); // counts from the last run, not from now: no progress samples
    m_loadedRows += qint64(chunk.size());
    const bool last = status == BatchCache::ReadStatus::Ok && int(chunk.size()) < kChunk;
    if (last && !m_wroteWhileLoading && m_recordedRows >= 0 && m_loadedRows != m_recordedRows &&
        m_cache->recordedRows() == m_recordedRows) {
        status = BatchCache::ReadStatus::Damaged;
        why = tr("it holds %1 rows where it recorded %2").arg(m_loadedRows).arg(m_recordedRows);
    }
    if (status != BatchCache::ReadStatus::Ok) {
        // The rows shown are right but may not be all: the table reads the list from the top again instead
        // of trusting where the cache ended.
        m_model->resumeAfter(QString(), true);
        QString message = tr("Could not read the whole cache (%1)").arg(why);
        if (status == BatchCache::ReadStatus::Damaged) {
            QString warning, error;
            message = m_cache->moveAside(why, &warning, &error) ? warning : message + u' ' + error;
            if (!m_cache->isOpen())
                m_cache.reset();
        }
        m_loading = false;
        Q_EMIT cacheDamaged(message);
        Q_EMIT cacheLoaded();
        return;
    }
    if (int(chunk.size()) == kChunk) {
        QTimer::singleShot(0, this, &BatchCacheKeeper::loadNextChunk);
        return;
    }
    m_loading = false;
    Q_EMIT cacheLoaded();
}

void BatchCacheKeeper::close()
{
    if (m_refresher)
        m_refresher->disconnect(this);
    m_refresher = nullptr;
    m_cache.reset();
    m_loading = false;
    m_pendingSamples.clear();
}

void BatchCacheKeeper::watch(BatchRefresher *refresher)
{
    if (m_refresher)
        m_refresher->disconnect(this);
    m_refresher = refresher;
    connect(refresher, &BatchRefresher::finished, this, [this](const ApiError &error) {
        if (!error.isError())
            onRefreshed();
    });
}

void BatchCacheKeeper::clear()
{
    if (m_cache)
        m_cache->clear();
}

void BatchCacheKeeper::onPageLoaded(const BatchPage &page)
{
    if (!m_cache)
        return;
    m_wroteWhileLoading |= m_loading;
    m_cache->append(page.data);
    m_cache->addSamples(std::exchange(m_pendingSamples, {}));
    // An empty page that still claims more ends the walk, but may have ended it short.
    if (!m_model->hasMore() && !(page.hasMore && page.data.empty()))
        m_cache->setComplete(true);
}

void BatchCacheKeeper::onRefreshed()
{
    if (!m_cache || !m_refresher)
        return;
    const auto collect = [this](const QStringList &ids) {
        std::vector<Batch> batches;
        for (const QString &id : ids) {
            const int row = m_model->rowOf(id);
            if (row >= 0)
                batches.push_back(m_model->batchAt(row));
        }
        return batches;
    };
    m_wroteWhileLoading |= m_loading;
    m_cache->store(collect(m_refresher->newIds()), collect(m_refresher->updatedIds()));
    if (m_refresher->leftGap())
        m_cache->setComplete(false);
    m_cache->addSamples(std::exchange(m_pendingSamples, {}));
}
