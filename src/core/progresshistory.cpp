#include "progresshistory.h"

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
    // The oldest sample still inside the window, so the rate reflects the recent pace.
    const ProgressSample *first = &list.first();
    for (const ProgressSample &s : list) {
        if (last.at - s.at <= kRateWindowSeconds) {
            first = &s;
            break;
        }
    }
    const qint64 span = last.at - first->at;
    const qint64 gained = last.done() - first->done();
    if (span <= 0 || gained <= 0)
        return std::nullopt;
    const double rate = double(gained) / double(span);
    const qint64 remaining = qMax<qint64>(0, last.total - last.done());
    const qint64 finishAt = last.at + qint64(double(remaining) / rate);
    return qMax<qint64>(0, finishAt - now);
}
