#pragma once

#include "core/batch/batch.h"
#include "core/providers/provider.h"

#include <QObject>
#include <QSemaphore>
#include <QThread>

#include <vector>

// Writes a walk over the whole account into the cache on a thread of its own, with its own connection to the
// file: the SQLite work (about 40% of a cold export) runs beside the network and the output instead of
// between pages. At most kMaxQueued batches wait for the disk; beyond that write() waits, so memory stays
// bounded.
class BatchCacheWalkWriter : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMaxQueued = 1000;

    // `firstRank` from BatchCache::beginWalk() on the same file, opened for `provider`.
    BatchCacheWalkWriter(const QString &path, Provider provider, qint64 firstRank, QObject *parent = nullptr);
    ~BatchCacheWalkWriter() override;

    void write(const std::vector<Batch> &batches);
    // After the last write. `complete`: the walk reached the end, so what it did not see is dropped and the
    // cache marked complete; otherwise what came is kept. finished() follows in this object's thread.
    void finish(bool complete);

Q_SIGNALS:
    void finished(const QString &error);

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker;
    QSemaphore m_room{kMaxQueued};
};
