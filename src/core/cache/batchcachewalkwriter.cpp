#include "core/cache/batchcachewalkwriter.h"

#include "core/cache/batchcache.h"

#include <memory>

namespace {
// Transactions of this many batches: each commit writes again every page of the id index it touched (ids come
// in random order), so fewer commits write less; one for the whole walk would hold the write lock against
// another process (a window on the same account) for the walk's duration.
constexpr qint64 kBatchesPerTransaction = 5000;
} // namespace

class BatchCacheWalkWriter::Worker : public QObject
{
    Q_OBJECT

public:
    Worker(QSemaphore *room, qint64 firstRank)
        : m_room(room)
        , m_rank(firstRank)
    {
    }

    void open(const QString &path, Provider provider)
    {
        m_cache = std::make_unique<BatchCache>();
        if (!m_cache->open(path, provider, &m_error))
            m_cache.reset();
    }

    void add(const std::vector<Batch> &batches, int reserved)
    {
        const bool commit = m_uncommitted + qint64(batches.size()) >= kBatchesPerTransaction;
        if (m_cache && m_error.isEmpty())
            m_cache->writeWalkPage(batches, m_rank, &m_error, commit);
        m_rank += qint64(batches.size());
        m_uncommitted = commit ? 0 : m_uncommitted + qint64(batches.size());
        m_room->release(reserved); // written (or in the open transaction): the batches can go
    }

    void finish(bool complete)
    {
        if (m_cache && m_error.isEmpty()) {
            if (complete)
                m_cache->finishWalk(m_rank, &m_error);
            else
                m_cache->writeWalkPage({}, m_rank, &m_error); // keep what came
        }
        close();
        Q_EMIT done(m_error);
    }

    // The connection belongs to this thread: it must close here, never from the thread that owns the writer.
    void close() { m_cache.reset(); }

Q_SIGNALS:
    void done(const QString &error);

private:
    QSemaphore *m_room;
    qint64 m_rank;
    std::unique_ptr<BatchCache> m_cache;
    qint64 m_uncommitted = 0;
    QString m_error;
};

BatchCacheWalkWriter::BatchCacheWalkWriter(const QString &path, Provider provider, qint64 firstRank,
                                           QObject *parent)
    : QObject(parent)
    , m_worker(new Worker(&m_room, firstRank))
{
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &Worker::done, this, &BatchCacheWalkWriter::finished); // queued: another thread
    m_thread.start();
    QMetaObject::invokeMethod(m_worker,
                              [worker = m_worker, path, provider] { worker->open(path, provider); });
}

BatchCacheWalkWriter::~BatchCacheWalkWriter()
{
    // After what is queued (a walk cut short keeps what its last commit holds).
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void BatchCacheWalkWriter::write(const std::vector<Batch> &batches)
{
    if (batches.empty())
        return;
    // Batches share their strings with the caller's copies (implicit sharing): queuing them copies little.
    const int reserved = int(std::min(batches.size(), size_t(kMaxQueued)));
    m_room.acquire(reserved);
    QMetaObject::invokeMethod(m_worker,
                              [worker = m_worker, batches, reserved] { worker->add(batches, reserved); });
}

void BatchCacheWalkWriter::finish(bool complete)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, complete] { worker->finish(complete); });
}

#include "batchcachewalkwriter.moc"
