#include "core/batch/progresshistory.h"

#include <cmath>
#include <limits>

bool ProgressHistory::record(const Batch &batch, qint64 at)
{
    if (batch.status.value() != BatchStatus::InProgress || !batch.requestCounts.present)
        return false;
    const ProgressSample sample{at, batch.requestCounts.completed, batch.requestCounts.failed,
                                batch.requestCounts.total};
    QList<ProgressSample> &list = m_samples[batch.id];
    if (!list.isEmpty() && list.last().done() == sample.done() && list.last().total == sample.total)
        return false;
    list.append(sample);
    return true;
}

void ProgressHistory::add(const QString &id, const ProgressSample &sample)
{
    m_samples[id].append(sample);
}

namespace {
// Counts and times are the server's: the estimate is clamped before it becomes an integer (a double beyond
// qint64 converted is undefined).
qint64 clampedSeconds(double seconds)
{
    if (!(seconds > 0))
        return 0;
    if (seconds >= 9.2e18)
        return std::numeric_limits<qint64>::max();
    return qint64(seconds);
}
} // namespace

std::optional<qint64> ProgressHistory::etaSeconds(const Batch &batch, qint64 now) const
{
    if (batch.status.value() != BatchStatus::InProgress || batch.requestCounts.total <= 0)
        return std::nullopt;
    const QList<ProgressSample> list = m_samples.value(batch.id);

    // The recent rate from the samples: every difference saturates.
    std::optional<double> recentRate;
    qint64 recentSpan = 0;
    if (list.size() >= 2) {
        const ProgressSample &last = list.last();
        const ProgressSample *first = &list.first();
        for (const ProgressSample &s : list) {
            if (BatchFormat::secondsBetween(s.at, last.at) <= kRateWindowSeconds) {
                first = &s;
                break;
            }
        }
        recentSpan = BatchFormat::secondsBetween(first->at, last.at);
        const qint64 gained = BatchFormat::secondsBetween(first->done(), last.done());
        if (recentSpan > 0 && gained > 0)
            recentRate = double(gained) / double(recentSpan);
    }

    // The pace since the batch started, from its own counts: the first estimate, before any history.
    const qint64 done = BatchFormat::requestsDone(batch.requestCounts);
    const qint64 running = batch.inProgressAt ? BatchFormat::secondsBetween(*batch.inProgressAt, now) : 0;
    const bool startKnown = done > 0 && running > 0;

    if (recentRate && (recentSpan >= kMinHistorySeconds || !startKnown)) {
        const ProgressSample &last = list.last();
        const qint64 remaining = qMax<qint64>(0, BatchFormat::secondsBetween(last.done(), last.total));
        return clampedSeconds(std::trunc(double(remaining) / *recentRate) +
                              double(BatchFormat::secondsBetween(now, last.at)));
    }
    if (!startKnown)
        return std::nullopt;
    const qint64 remaining = qMax<qint64>(0, BatchFormat::secondsBetween(done, batch.requestCounts.total));
    return clampedSeconds(std::trunc(double(remaining) * double(running) / double(done)));
}
