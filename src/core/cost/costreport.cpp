#include "core/cost/costreport.h"

#include "core/cost/batchcost.h"

#include <algorithm>
#include <numeric>

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
    case By::Day:
        key = batch.created().date().toString(Qt::ISODate);
        break;
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
        // Tokens are facts whether or not they can be priced; cached tokens are part of the input.
        group.inputTokens += std::max<qint64>(0, batch.usage->inputTokens);
        group.cachedTokens +=
            std::clamp<qint64>(batch.usage->cachedTokens, 0, std::max<qint64>(0, batch.usage->inputTokens));
        group.outputTokens += std::max<qint64>(0, batch.usage->outputTokens);
    }
    if (const std::optional<double> cost = BatchCost::of(batch, provider, *m_prices))
        group.cost += *cost;
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
        sum.inputTokens += group.inputTokens;
        sum.cachedTokens += group.cachedTokens;
        sum.outputTokens += group.outputTokens;
        sum.cost += group.cost;
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
