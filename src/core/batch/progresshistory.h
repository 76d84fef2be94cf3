#pragma once

#include "core/batch/batch.h"
#include "core/export/batchformat.h"

#include <QHash>
#include <QList>

#include <limits>
#include <optional>

// One observation of a running batch's counts.
struct ProgressSample
{
    qint64 at = 0; // Unix seconds
    qint64 completed = 0;
    qint64 failed = 0;
    qint64 total = 0;

    qint64 done() const { return BatchFormat::requestsDone({total, completed, failed, true}); }
    friend bool operator==(const ProgressSample &a, const ProgressSample &b)
    {
        return a.at == b.at && a.completed == b.completed && a.failed == b.failed && a.total == b.total;
    }
};

// What Batchwatch saw of each running batch over time, and the finish time that rate suggests.
class ProgressHistory
{
public:
    // How far back the rate looks: long enough to smooth bursts, short enough to follow a change of pace.
    static constexpr qint64 kRateWindowSeconds = 2 * 3600;
    // Samples spanning less than this are a glimpse: until then the pace since in_progress_at decides
    // (when the server sent it), since a few seconds of counts say little about hours of work.
    static constexpr qint64 kMinHistorySeconds = 10 * 60;
    // "The counts were read at `now`": etaSeconds' default for when they were last read.
    static constexpr qint64 kSeenNow = std::numeric_limits<qint64>::max();

    // Records the batch's counts at `at` when it is running and they moved; returns whether it did.
    bool record(const Batch &batch, qint64 at);
    void add(const QString &id, const ProgressSample &sample);
    QList<ProgressSample> samples(const QString &id) const { return m_samples.value(id); }

    // Seconds until the batch is likely done. The first estimate is the pace since the batch's own
    // in_progress_at (done / (now - in_progress_at)); once the samples span kMinHistorySeconds the recent
    // rate (the last kRateWindowSeconds) wins. None without progress, or with neither a start nor two
    // samples. The time from the last sample up to `seenAt` (when the counts were last read unchanged; at
    // most `now`) counts as time without progress, so a stalled batch's estimate grows instead of
    // shrinking to 0.
    std::optional<qint64> etaSeconds(const Batch &batch, qint64 now, qint64 seenAt = kSeenNow) const;

private:
    QHash<QString, QList<ProgressSample>> m_samples;
};
