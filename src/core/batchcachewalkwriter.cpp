#include "batchcachewalkwriter.h"

#include "batchcache.h"

#include <memory>
#include <utility>

namespace {
// Transactions of this many batches: one per page cost 200 commits for 20,000 batches; one for the whole walk
// would hold the file's write lock against another process for the walk's duration.
constexpr size_t kBatchesPerTransaction = 500;
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

    void open(const QString &path)
    {
        m_cache = std::make_unique<BatchCache>();
        if (!m_cache->open(path, &m_error))
            m_cache.reset();
    }

    void add(const std::vector<Batch> &batches, int reserved)
    {
        m_reserved += reserved;
        m_pending.insert(m_pending.end(), batches.begin(), batches.end());
        if (m_pending.size() >= kBatchesPerTransaction)
            flush();
    }

    void finish(bool complete)
    {
        flush();
        if (m_cache && m_error.isEmpty() && complete)
            m_cache->finishWalk(m_rank, &m_error);
        m_cache.reset(); // the connection belongs to this thread
        Q_EMIT done(m_error);
    }

Q_SIGNALS:
    void done(const QString &error);

private:
    void flush()
    {
        if (m_cache && m_error.isEmpty())
            m_cache->writeWalkPage(m_pending, m_rank, &m_error);
        m_rank += qint64(m_pending.size());
        m_pending.clear();
        m_room->release(std::exchange(m_reserved, 0));
    }

    QSemaphore *m_room;
    qint64 m_rank;
    std::unique_ptr<BatchCache> m_cache;
    std::vector<Batch> m_pending;
    int m_reserved = 0; // room the pending batches hold in the queue
    QString m_error;
};

BatchCacheWalkWriter::BatchCacheWalkWriter(const QString &path, qint64 firstRank, QObject *parent)
    : QObject(parent)
    , m_worker(new Worker(&m_room, firstRank))
{
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &Worker::done, this, &BatchCacheWalkWriter::finished); // queued: another thread
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, path] { worker->open(path); });
}

BatchCacheWalkWriter::~BatchCacheWalkWriter()
{
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
