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

std::optional<qint64> ProgressHistory::etaSeconds(const Batch &batch, qint64 now, qint64 seenAt) const
{
    if (batch.status.value() != BatchStatus::InProgress || batch.requestCounts.total <= 0)
        return std::nullopt;
    const QList<ProgressSample> list = m_samples.value(batch.id);
    const qint64 done = BatchFormat::requestsDone(batch.requestCounts);

    // Up to when the counts are known: the last read (the last sample at least). The time from the last
    // sample to then passed without progress and counts in the pace, so a stalled batch's estimate grows.
    qint64 upTo = qMin(seenAt, now);
    if (!list.isEmpty())
        upTo = qMax(upTo, list.constLast().at);

    // The recent rate: from the last sample at or before the window's start (measured back from upTo) to
    // upTo. Every difference saturates.
    std::optional<double> recentRate;
    qint64 recentSpan = 0;
    if (!list.isEmpty()) {
        const ProgressSample &last = list.constLast();
        const ProgressSample *base = &list.constFirst();
        for (const ProgressSample &s : list) {
            if (BatchFormat::secondsBetween(s.at, upTo) < kRateWindowSeconds)
                break;
            base = &s;
        }
        recentSpan = BatchFormat::secondsBetween(base->at, upTo);
        const qint64 gained = BatchFormat::secondsBetween(base->done(), last.done());
        if (recentSpan > 0 && gained > 0)
            recentRate = double(gained) / double(recentSpan);
        else if (recentSpan > 0 && list.size() >= 2) {
            // Nothing gained in the window (stalled longer than it): the pace over all the samples to upTo.
            const qint64 span = BatchFormat::secondsBetween(list.constFirst().at, upTo);
            const qint64 all = BatchFormat::secondsBetween(list.constFirst().done(), last.done());
            if (span > 0 && all > 0) {
                recentRate = double(all) / double(span);
                recentSpan = span;
            }
        }
    }

    // The pace since the batch started, from its own counts: the first estimate, before any history.
    const qint64 running = batch.inProgressAt ? BatchFormat::secondsBetween(*batch.inProgressAt, upTo) : 0;
    const bool startKnown = done > 0 && running > 0;
    // Time since the counts were read (stale) counts down the estimate.
    const double since = double(qMax<qint64>(0, BatchFormat::secondsBetween(upTo, now)));

    if (recentRate && (recentSpan >= kMinHistorySeconds || !startKnown)) {
        const ProgressSample &last = list.constLast();
        const qint64 remaining = qMax<qint64>(0, BatchFormat::secondsBetween(last.done(), last.total));
        // A stall longer than the window: the whole run's pace (slower than the samples' span) decides.
        if (startKnown && recentSpan > kRateWindowSeconds && double(done) / double(running) < *recentRate) {
            const qint64 left = qMax<qint64>(0, BatchFormat::secondsBetween(done, batch.requestCounts.total));
            return clampedSeconds(std::trunc(double(left) * double(running) / double(done)) - since);
        }
        return clampedSeconds(std::trunc(double(remaining) / *recentRate) - since);
    }
    if (!startKnown)
        return std::nullopt;
    const qint64 remaining = qMax<qint64>(0, BatchFormat::secondsBetween(done, batch.requestCounts.total));
    return clampedSeconds(std::trunc(double(remaining) * double(running) / double(done)) - since);
}
