#include "core/session/accountsession.h"

#include "core/api/apiclient.h"
#include "core/cache/batchcache.h"
#include "core/sync/syncengine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>

#include <iterator>
#include <limits>

AccountSession::AccountSession(const SessionSpec &spec, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_client(std::make_unique<ApiClient>(spec.config))
    , m_engine(new SyncEngine(m_client.get(), this, this))
    , m_clock([] { return QDateTime::currentSecsSinceEpoch(); })
{
    m_intervalSeconds = qBound(kMinIntervalSeconds, spec.refreshSeconds, kMaxIntervalSeconds);
    m_auto = spec.autoRefresh;
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &AccountSession::refreshNow);
    connect(m_engine, &SyncEngine::refreshFinished, this, &AccountSession::onRefreshFinished);
    connect(m_engine, &SyncEngine::olderFetchingChanged, this, &AccountSession::fetchingChanged);
    connect(m_engine, &SyncEngine::olderFailed, this, &AccountSession::fetchFailed);
    connect(m_engine, &SyncEngine::olderPageLoaded, this, [this] {
        writeSamples();
        Q_EMIT pageLoaded();
    });
    connect(m_engine, &SyncEngine::warning, this, &AccountSession::warning);
    connect(m_engine, &SyncEngine::cacheWritten, this, [this] { m_wroteWhileLoading |= m_loading; });
}

AccountSession::~AccountSession()
{
    // Before the client and the cache it uses go (members die before the children would).
    delete m_engine;
}

void AccountSession::start()
{
    if (m_started)
        return;
    m_started = true;
    QString message;
    if (!m_spec.cachePath.isEmpty())
        openCache(&message);
    if (!message.isEmpty())
        Q_EMIT warning(message);
    // Cached rows are held already; a refresh brings them up to date. Without any, load the first page.
    if (m_engine->heldCount() > 0)
        refreshNow();
    else {
        fetchMore();
        schedule();
    }
}

void AccountSession::syncArrived(const std::vector<Batch> &batches, bool)
{
    observed(batches);
    Q_EMIT batchesArrived(batches);
}

void AccountSession::syncUpdated(const std::vector<Batch> &batches)
{
    // The engine still holds the old copies.
    for (const Batch &batch : batches) {
        const int position = m_engine->positionOf(batch.id);
        if (position >= 0 && m_engine->heldAt(position).status != batch.status)
            Q_EMIT statusChanged(m_engine->heldAt(position).status, batch);
    }
    observed(batches);
    Q_EMIT batchesArrived(batches);
}

void AccountSession::observed(const std::vector<Batch> &batches)
{
    // Counts seen now (not read from a cache): worth keeping for the ETA.
    const qint64 at = now();
    for (const Batch &batch : batches) {
        if (!m_history.record(batch, at))
            continue;
        const ProgressSample &sample = m_history.samples(batch.id).constLast();
        if (m_cache)
            m_pendingSamples.append({batch.id, sample});
        Q_EMIT sampleRecorded(batch.id, sample);
    }
}

void AccountSession::setClock(std::function<qint64()> clock)
{
    Q_ASSERT(clock);
    m_clock = std::move(clock);
}

void AccountSession::writeSamples()
{
    if (m_cache && !m_pendingSamples.isEmpty())
        m_cache->addSamples(std::exchange(m_pendingSamples, {}));
}

bool AccountSession::openCache(QString *message)
{
    auto cache = std::make_unique<BatchCache>();
    QString error, warning;
    if (!cache->open(m_spec.cachePath, m_spec.config.provider, &error, &warning)) {
        *message = tr("Working without a cache: %1").arg(error);
        return false;
    }
    *message = warning;
    const QHash<QString, QList<ProgressSample>> samples = cache->loadSamples();
    for (auto it = samples.cbegin(); it != samples.cend(); ++it) {
        for (const ProgressSample &sample : it.value())
            m_history.add(it.key(), sample);
    }
    const QString oldest = cache->oldestId();
    if (cache->hasGap())
        m_engine->resumeAtGap();
    else if (!oldest.isEmpty())
        m_engine->resumeAfter(oldest, !cache->isComplete());
    m_recordedRows = cache->recordedRows();
    m_loadedRows = 0;
    m_arrivalNs = 0;
    m_wroteWhileLoading = false;
    m_cache = std::move(cache);
    m_engine->setCache(m_cache.get());
    m_loadedRank = std::numeric_limits<qint64>::min();
    m_loading = true;
    if (m_recordedRows > 0)
        m_engine->reserve(m_engine->heldCount() + m_recordedRows);
    Q_EMIT cacheOpened(m_recordedRows);
    // The first screen at once; the rest in chunks between events, so a window on 100,000 cached batches
    // paints in a fraction of a second and stays responsive while the others arrive.
    loadNextChunk();
    return true;
}

namespace {
// Sessions with cached rows still to read, in turn: one slice per pass of the event loop in all, so five
// accounts loading at once do not run five slices back to back (a posted event each) before the next paint.
QList<QPointer<AccountSession>> &loadingInTurn()
{
    static QList<QPointer<AccountSession>> queue;
    return queue;
}
bool g_turnPending = false;

void loadNextInTurn();

void scheduleTurn()
{
    if (g_turnPending || loadingInTurn().isEmpty())
        return;
    g_turnPending = true;
    QTimer::singleShot(0, QCoreApplication::instance(), loadNextInTurn);
}

void loadNextInTurn()
{
    g_turnPending = false;
    QList<QPointer<AccountSession>> &queue = loadingInTurn();
    while (!queue.isEmpty()) {
        const QPointer<AccountSession> next = queue.takeFirst();
        if (next && next->isLoadingCache()) {
            next->loadNextChunkInTurn(); // queues it again when more is left
            break;
        }
    }
    scheduleTurn();
}
} // namespace

void AccountSession::queueNextChunk()
{
    if (!loadingInTurn().contains(this))
        loadingInTurn().append(this);
    scheduleTurn();
}

void AccountSession::loadNextChunkInTurn()
{
    loadNextChunk();
}

void AccountSession::loadNextChunk()
{
    if (!m_cache || !m_loading)
        return;
    // Read in chunks of 1,000; after the first (the first screen at once), a slice reads chunks for about as
    // long as the last slice took its listeners, within bounds: each arrival costs a model and its views
    // work in proportion to every row held (and a repaint), so with a million rows fewer, larger slices
    // finish sooner and stall no longer than that work does anyway.
    constexpr int kChunk = 1000;
    constexpr qint64 kMinSliceNs = 15'000'000, kMaxSliceNs = 30'000'000;
    const qint64 budget = m_loadedRows == 0 ? 0 : qBound(kMinSliceNs, m_arrivalNs, kMaxSliceNs);
    QElapsedTimer clock;
    clock.start();
    QString why;
    BatchCache::ReadStatus status = BatchCache::ReadStatus::Ok;
    std::vector<Batch> chunk, taken;
    do {
        chunk = m_cache->loadChunk(m_loadedRank, kChunk, &m_loadedRank, &why, &status);
        // Counts from the last run, not from now: no progress samples. Ids a refresh brought already keep
        // what it brought.
        std::vector<Batch> adopted = m_engine->adopt(chunk);
        if (taken.empty())
            taken = std::move(adopted);
        else
            std::move(adopted.begin(), adopted.end(), std::back_inserter(taken));
        m_loadedRows += qint64(chunk.size());
    } while (status == BatchCache::ReadStatus::Ok && int(chunk.size()) == kChunk &&
             clock.nsecsElapsed() < budget);
    if (!taken.empty()) {
        clock.restart();
        Q_EMIT batchesArrived(taken);
        m_arrivalNs = clock.nsecsElapsed();
    }
    const bool last = status == BatchCache::ReadStatus::Ok && int(chunk.size()) < kChunk;
    if (last && !m_wroteWhileLoading && m_recordedRows >= 0 && m_loadedRows != m_recordedRows &&
        m_cache->recordedRows() == m_recordedRows) {
        status = BatchCache::ReadStatus::Damaged;
        why = tr("it holds %1 rows where it recorded %2").arg(m_loadedRows).arg(m_recordedRows);
    }
    if (status != BatchCache::ReadStatus::Ok) {
        // The rows held are right but may not be all: older pages are read from the top again instead of
        // trusting where the cache ended.
        m_engine->resumeAfter(QString(), true);
        QString message = tr("Could not read the whole cache (%1)").arg(why);
        if (status == BatchCache::ReadStatus::Damaged) {
            QString warning, error;
            message = m_cache->moveAside(why, &warning, &error) ? warning : message + u' ' + error;
            if (!m_cache->isOpen()) {
                m_engine->setCache(nullptr);
                m_cache.reset();
            }
        }
        m_loading = false;
        Q_EMIT warning(message);
        Q_EMIT cacheLoaded();
        return;
    }
    if (int(chunk.size()) == kChunk) {
        queueNextChunk();
        return;
    }
    m_loading = false;
    Q_EMIT cacheLoaded();
}

void AccountSession::clearCache()
{
    if (m_cache)
        m_cache->clear();
}

qsizetype AccountSession::count() const
{
    return m_engine->heldCount();
}

void AccountSession::setIntervalSeconds(int seconds)
{
    m_intervalSeconds = qBound(kMinIntervalSeconds, seconds, kMaxIntervalSeconds);
    if (m_timer.isActive())
        schedule();
}

void AccountSession::setAutoRefresh(bool enabled)
{
    m_auto = enabled;
    schedule();
}

void AccountSession::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!paused && m_auto && !isRefreshing())
        refreshNow();
    else
        schedule();
}

QDateTime AccountSession::nextRefresh() const
{
    if (!m_timer.isActive())
        return {};
    return QDateTime::currentDateTime().addMSecs(m_timer.remainingTime());
}

bool AccountSession::isRefreshing() const
{
    return m_engine->isRefreshing();
}

int AccountSession::requestsInLastRefresh() const
{
    return m_engine->refreshRequests();
}

qsizetype AccountSession::refreshedInLastRefresh() const
{
    return m_engine->newCount() + m_engine->updatedCount();
}

bool AccountSession::leftGap() const
{
    return m_engine->leftGap();
}

void AccountSession::refreshNow()
{
    if (isRefreshing())
        return;
    m_timer.stop();
    m_engine->refresh();
    Q_EMIT refreshStarted();
    Q_EMIT scheduleChanged();
}

void AccountSession::updateBatch(const Batch &batch)
{
    if (!m_engine->learn(batch)) {
        // Not held (shown before the engine took it): still news for the rows.
        observed({batch});
        Q_EMIT batchesArrived({batch});
    }
}

void AccountSession::stop()
{
    m_timer.stop();
    m_engine->stopRefresh();
    Q_EMIT scheduleChanged();
}

void AccountSession::onRefreshFinished(const ApiError &error)
{
    writeSamples();
    m_lastAttempt = QDateTime::currentDateTime();
    m_lastFailed = error.isError();
    m_lastError = error;
    if (!m_lastFailed) {
        m_last = m_lastAttempt;
        m_lastSeenAt = now();
    }
    schedule();
    Q_EMIT refreshFinished(error);
}

void AccountSession::schedule()
{
    if (m_auto && !m_paused && !isRefreshing())
        m_timer.start(m_intervalSeconds * 1000);
    else
        m_timer.stop();
    Q_EMIT scheduleChanged();
}

bool AccountSession::canFetchMore() const
{
    return m_engine->canFetchOlder();
}

void AccountSession::fetchMore()
{
    if (canFetchMore())
        m_engine->fetchOlder(1);
}

void AccountSession::loadAll()
{
    m_engine->fetchOlder(0);
}

void AccountSession::retryFetch()
{
    m_engine->retryOlder();
}

void AccountSession::stopLoading()
{
    m_engine->stopOlder();
}

bool AccountSession::hasMore() const
{
    return m_engine->hasMore();
}

bool AccountSession::isFetching() const
{
    return m_engine->isFetchingOlder();
}

bool AccountSession::lastFetchFailed() const
{
    return m_engine->lastOlderFailed();
}
