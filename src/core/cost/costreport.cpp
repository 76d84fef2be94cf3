#include "core/cost/costreport.h"

#include "core/cost/batchcost.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace {
// Both are >= 0 here.
void addSaturated(qint64 *sum, qint64 n)
{
    *sum = n > std::numeric_limits<qint64>::max() - *sum ? std::numeric_limits<qint64>::max() : *sum + n;
}
} // namespace

CostReport::CostReport(By by, const PriceTable *prices)
    : m_by(by)
    , m_prices(prices)
{
    Q_ASSERT(prices);
}

void CostReport::add(const Batch &batch, const QString &account, Provider provider)
{
    QString key;
    switch (m_by) {
    case By::Model:
        key = batch.model;
        break;
    case By::Day: {
        // Floor division: days before 1970 too.
        const qint64 day = batch.createdAt / 86'400 - (batch.createdAt % 86'400 < 0 ? 1 : 0);
        if (day != m_lastDay) {
            m_lastDay = day;
            m_lastDayKey = batch.created().date().toString(Qt::ISODate);
        }
        key = m_lastDayKey;
        break;
    }
    case By::Batch:
        key = batch.id;
        break;
    case By::Account:
        key = account;
        break;
    }
    auto found = m_index.constFind(key);
    if (found == m_index.constEnd()) {
        found = m_index.insert(key, int(m_groups.size()));
        m_groups.append(CostGroup{key});
        m_newest.append(batch.createdAt);
    }
    const int row = *found;
    CostGroup &group = m_groups[row];
    m_newest[row] = std::max(m_newest[row], batch.createdAt);
    ++group.batches;
    if (batch.usage) {
        // Tokens are facts whether or not they can be priced; cached tokens are part of the input. Sums stop
        // at the largest count rather than overflow on a hostile server's numbers.
        const qint64 input = std::max<qint64>(0, batch.usage->inputTokens);
        addSaturated(&group.inputTokens, input);
        addSaturated(&group.cachedTokens, std::clamp<qint64>(batch.usage->cachedTokens, 0, input));
        addSaturated(&group.outputTokens, std::max<qint64>(0, batch.usage->outputTokens));
    }
    if (const std::optional<double> cost = BatchCost::of(batch, provider, *m_prices))
        group.cost = std::min(group.cost + *cost, std::numeric_limits<double>::max());
    else
        ++group.unpriced;
}

QList<CostGroup> CostReport::groups() const
{
    QList<int> order(m_groups.size());
    std::iota(order.begin(), order.end(), 0);
    if (m_by == By::Batch) {
        std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
            if (m_newest[a] != m_newest[b])
                return m_newest[a] > m_newest[b];
            return m_groups[a].key < m_groups[b].key;
        });
    } else {
        std::sort(order.begin(), order.end(),
                  [this](int a, int b) { return m_groups[a].key < m_groups[b].key; });
    }
    QList<CostGroup> sorted;
    sorted.reserve(order.size());
    for (const int row : std::as_const(order))
        sorted.append(m_groups[row]);
    return sorted;
}

CostGroup CostReport::total() const
{
    CostGroup sum;
    sum.key = QStringLiteral("total");
    for (const CostGroup &group : m_groups) {
        sum.batches += group.batches;
        addSaturated(&sum.inputTokens, group.inputTokens);
        addSaturated(&sum.cachedTokens, group.cachedTokens);
        addSaturated(&sum.outputTokens, group.outputTokens);
        sum.cost = std::min(sum.cost + group.cost, std::numeric_limits<double>::max());
        sum.unpriced += group.unpriced;
    }
    return sum;
}

bool CostReport::parseBy(const QString &text, By *by)
{
    static const QHash<QString, By> kNames{{QStringLiteral("model"), By::Model},
                                           {QStringLiteral("day"), By::Day},
                                           {QStringLiteral("batch"), By::Batch},
                                           {QStringLiteral("account"), By::Account}};
    const auto found = kNames.constFind(text.trimmed().toLower());
    if (found == kNames.constEnd())
        return false;
    *by = *found;
    return true;
}
