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

std::optional<qint64> ProgressHistory::etaSeconds(const Batch &batch, qint64 now) const
{
    if (batch.status.value() != BatchStatus::InProgress || batch.requestCounts.total <= 0)
        return std::nullopt;
    const QList<ProgressSample> list = m_samples.value(batch.id);
    if (list.size() < 2)
        return std::nullopt;
    const ProgressSample &last = list.last();
    // Counts and times are the server's: every difference saturates, and the estimate is clamped before it
    // becomes an integer (a double beyond qint64 converted is undefined).
    const ProgressSample *first = &list.first();
    for (const ProgressSample &s : list) {
        if (BatchFormat::secondsBetween(s.at, last.at) <= kRateWindowSeconds) {
            first = &s;
            break;
        }
    }
    const qint64 span = BatchFormat::secondsBetween(first->at, last.at);
    const qint64 gained = BatchFormat::secondsBetween(first->done(), last.done());
    if (span <= 0 || gained <= 0)
        return std::nullopt;
    const double rate = double(gained) / double(span);
    const qint64 remaining = qMax<qint64>(0, BatchFormat::secondsBetween(last.done(), last.total));
    const double fromNow =
        std::trunc(double(remaining) / rate) + double(BatchFormat::secondsBetween(now, last.at));
    if (!(fromNow > 0))
        return 0;
    if (fromNow >= 9.2e18)
        return std::numeric_limits<qint64>::max();
    return qint64(fromNow);
}
