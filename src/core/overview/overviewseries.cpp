#include "core/overview/overviewseries.h"

#include "core/cost/batchcost.h"
#include "core/cost/pricetable.h"

#include <QDateTime>

#include <algorithm>

namespace {
constexpr qint64 kDay = 86'400;
constexpr int kMaxDays = 366;

qint64 floorTo(qint64 value, qint64 step)
{
    return value - (((value % step) + step) % step);
}
} // namespace

OverviewSeries::OverviewSeries(qint64 now, int days, const PriceTable *prices)
    : m_now(now)
    , m_days(std::clamp(days, 1, kMaxDays))
    , m_start(floorTo(now, kDay) - qint64(m_days - 1) * kDay)
    , m_prices(prices)
{
}

QDate OverviewSeries::firstDay() const
{
    return QDateTime::fromSecsSinceEpoch(m_start, Qt::UTC).date();
}

int OverviewSeries::dayOf(qint64 at) const
{
    if (at < m_start)
        return -1;
    const qint64 day = (at - m_start) / kDay;
    return day < m_days ? int(day) : -1;
}

void OverviewSeries::add(const Batch &batch, Provider provider)
{
    if (const std::optional<qint64> ended = batch.endedAt()) {
        const int day = dayOf(*ended);
        if (day >= 0 && endings().contains(batch.status.value())) {
            QList<int> &counts = m_ended[int(batch.status.value())];
            if (counts.isEmpty())
                counts.fill(0, m_days);
            ++counts[day];
        }
    }
    const int day = dayOf(batch.createdAt);
    if (day < 0)
        return;
    const std::optional<double> cost =
        m_prices ? BatchCost::of(batch, provider, *m_prices) : std::optional<double>();
    if (!cost) {
        ++m_unpriced;
        return;
    }
    QList<double> &spend = m_spend[batch.model];
    if (spend.isEmpty())
        spend.fill(0.0, m_days);
    spend[day] += *cost;
}

void OverviewSeries::addSamples(const QList<ProgressSample> &samples)
{
    for (qsizetype i = 1; i < samples.size(); ++i) {
        const ProgressSample &a = samples[i - 1];
        const ProgressSample &b = samples[i];
        // Samples come in time order; counts that went back (a server's mistake) add nothing.
        const qint64 moved = b.done() - a.done();
        if (b.at <= a.at || moved <= 0 || b.at <= m_start || a.at >= m_now)
            continue;
        const double perSecond = double(moved) / double(b.at - a.at);
        // Only the part of the interval inside the range counts.
        const qint64 from = std::max(a.at, m_start);
        const qint64 to = std::min(b.at, m_now);
        if (to > from)
            m_intervals.push_back({from, to, perSecond * double(to - from)});
    }
}

OverviewSeries::Rate OverviewSeries::rate() const
{
    Rate rate;
    if (m_intervals.empty())
        return rate;
    qint64 first = m_now;
    for (const Interval &interval : m_intervals)
        first = std::min(first, interval.from);
    const qint64 span = m_now - first;
    rate.bucketSeconds = span <= 2 * kDay ? 60 : span <= 30 * kDay ? 600 : 3600;
    rate.start = floorTo(first, rate.bucketSeconds);
    const qint64 buckets = (m_now - rate.start) / rate.bucketSeconds + 1;
    QList<double> requests(buckets, 0.0);
    for (const Interval &interval : m_intervals) {
        const double perSecond = interval.requests / double(interval.to - interval.from);
        qint64 at = interval.from;
        while (at < interval.to) {
            const qint64 bucket = (at - rate.start) / rate.bucketSeconds;
            const qint64 bucketEnd = rate.start + (bucket + 1) * rate.bucketSeconds;
            const qint64 until = std::min(bucketEnd, interval.to);
            requests[bucket] += perSecond * double(until - at);
            at = until;
        }
    }
    // A mean over the time each bucket covers: the first starts at the first sample, the last ends now, so
    // neither is diluted by time nobody watched or that has not come yet.
    for (qint64 bucket = 0; bucket < buckets; ++bucket) {
        const qint64 from = std::max(rate.start + bucket * rate.bucketSeconds, first);
        const qint64 to = std::min(rate.start + (bucket + 1) * rate.bucketSeconds, m_now);
        requests[bucket] = to > from ? requests[bucket] * 60.0 / double(to - from) : 0.0;
    }
    rate.perMinute = std::move(requests);
    return rate;
}

QList<OverviewSeries::ModelSpend> OverviewSeries::spendByModel(int maxModels) const
{
    QList<ModelSpend> all;
    for (auto it = m_spend.cbegin(); it != m_spend.cend(); ++it) {
        ModelSpend entry{it.key(), it.value(), 0};
        for (double value : it.value())
            entry.total += value;
        if (entry.total > 0)
            all << entry;
    }
    std::sort(all.begin(), all.end(), [](const ModelSpend &a, const ModelSpend &b) {
        return a.total != b.total ? a.total > b.total : a.model < b.model;
    });
    maxModels = std::max(maxModels, 1);
    if (all.size() <= maxModels)
        return all;
    ModelSpend rest{QString(), QList<double>(m_days, 0.0), 0};
    for (qsizetype i = maxModels - 1; i < all.size(); ++i) {
        for (int day = 0; day < m_days; ++day)
            rest.perDay[day] += all[i].perDay[day];
        rest.total += all[i].total;
    }
    all.resize(maxModels - 1);
    all << rest;
    return all;
}

double OverviewSeries::totalSpend() const
{
    double total = 0;
    for (const QList<double> &perDay : m_spend) {
        for (double value : perDay)
            total += value;
    }
    return total;
}

const QList<BatchStatus::Value> &OverviewSeries::endings()
{
    static const QList<BatchStatus::Value> values = {BatchStatus::Completed, BatchStatus::Failed,
                                                     BatchStatus::Expired, BatchStatus::Cancelled};
    return values;
}

QList<int> OverviewSeries::endedPerDay(BatchStatus::Value status) const
{
    const QList<int> counts = m_ended.value(int(status));
    return counts.isEmpty() ? QList<int>(m_days, 0) : counts;
}

int OverviewSeries::endedTotal() const
{
    int total = 0;
    for (const QList<int> &counts : m_ended) {
        for (int count : counts)
            total += count;
    }
    return total;
}
