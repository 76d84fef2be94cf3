#include "core/overview/overviewstats.h"

#include "core/cost/batchcost.h"
#include "core/cost/pricetable.h"
#include "core/export/batchformat.h"

#include <QDateTime>

#include <limits>

namespace {
constexpr qint64 kDay = 86'400;

// Counts come from servers: a hostile one must not overflow the sums.
qint64 saturatedAdd(qint64 a, qint64 b)
{
    if (b > 0 && a > std::numeric_limits<qint64>::max() - b)
        return std::numeric_limits<qint64>::max();
    if (b < 0 && a < std::numeric_limits<qint64>::min() - b)
        return std::numeric_limits<qint64>::min();
    return a + b;
}

qint64 nonNegative(qint64 value)
{
    return value < 0 ? 0 : value;
}
} // namespace

QString OverviewStats::runningQuery()
{
    return QStringLiteral("status:validating,in_progress,finalizing,cancelling");
}

QString OverviewStats::completed24hQuery()
{
    return QStringLiteral("status:completed ended>24h");
}

QString OverviewStats::failed24hQuery()
{
    return QStringLiteral("status:failed,expired ended>24h");
}

QString OverviewStats::ended24hQuery()
{
    return QStringLiteral("ended>24h");
}

QString OverviewStats::spanQuery(Span span, qint64 now)
{
    switch (span) {
    case Today:
        return QStringLiteral("created>=") +
               QDateTime::fromSecsSinceEpoch(now, Qt::UTC).date().toString(Qt::ISODate);
    case Week:
        return QStringLiteral("created>7d");
    case Month:
        return QStringLiteral("created>30d");
    }
    Q_UNREACHABLE();
    return {};
}

qint64 OverviewStats::spanStart(Span span, qint64 now)
{
    switch (span) {
    case Today:
        // Unix time has no leap seconds: every UTC day is 86,400 of them.
        return now - (((now % kDay) + kDay) % kDay);
    case Week:
        return now - 7 * kDay;
    case Month:
        return now - 30 * kDay;
    }
    Q_UNREACHABLE();
    return now;
}

OverviewAccumulator::OverviewAccumulator(qint64 now, const PriceTable *prices)
    : m_now(now)
    , m_prices(prices)
{
    for (int span = 0; span < OverviewStats::kSpanCount; ++span)
        m_spanStart[span] = OverviewStats::spanStart(OverviewStats::Span(span), now);
}

void OverviewAccumulator::add(const Batch &batch, Provider provider)
{
    const RequestCounts &counts = batch.requestCounts;
    if (batch.status.isRunning()) {
        ++m_stats.running;
        if (counts.present) {
            const qint64 left =
                saturatedAdd(nonNegative(counts.total), -nonNegative(BatchFormat::requestsDone(counts)));
            m_stats.requestsInFlight = saturatedAdd(m_stats.requestsInFlight, nonNegative(left));
        }
    }
    // "In the last 24 h" as the query's ended>24h reads it: after the moment 24 h ago.
    if (const std::optional<qint64> ended = batch.endedAt(); ended && *ended > m_now - kDay) {
        const BatchStatus::Value status = batch.status.value();
        if (status == BatchStatus::Completed)
            ++m_stats.completed24h;
        else if (status == BatchStatus::Failed || status == BatchStatus::Expired)
            ++m_stats.failed24h;
        m_stats.requestsDone24h =
            saturatedAdd(m_stats.requestsDone24h, nonNegative(BatchFormat::requestsDone(counts)));
        m_stats.requestsFailed24h = saturatedAdd(m_stats.requestsFailed24h, nonNegative(counts.failed));
    }
    // The month starts first: most batches are older and stop here, before their cost is looked up.
    if (batch.createdAt <= m_spanStart[OverviewStats::Month])
        return;
    qint64 tokens = 0;
    if (batch.usage) {
        const BatchUsage &u = *batch.usage;
        tokens = u.totalTokens > 0 ? u.totalTokens
                                   : saturatedAdd(nonNegative(u.inputTokens), nonNegative(u.outputTokens));
    }
    std::optional<double> cost;
    if (m_prices)
        cost = BatchCost::of(batch, provider, *m_prices);
    for (int span = 0; span < OverviewStats::kSpanCount; ++span) {
        const bool inside = span == OverviewStats::Today ? batch.createdAt >= m_spanStart[span]
                                                         : batch.createdAt > m_spanStart[span];
        if (!inside)
            continue;
        m_stats.tokens[span] = saturatedAdd(m_stats.tokens[span], nonNegative(tokens));
        if (cost)
            m_stats.spend[span] += *cost;
        else
            ++m_stats.unpriced[span];
    }
}
