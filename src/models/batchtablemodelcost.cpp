// The Cost column: each row's cost from its usage and the window's prices, kept beside the rows so a sort or
// the status bar's sum never reprices 100,000 batches.
#include "models/batchtablemodel.h"

#include <cmath>
#include <limits>

namespace {
constexpr double kNoCost = std::numeric_limits<double>::quiet_NaN();

bool same(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}
} // namespace

void BatchTableModel::setPrices(const PriceTable *prices)
{
    m_prices = prices;
    updateAllCosts();
    Q_EMIT headerDataChanged(Qt::Horizontal, BatchColumns::Cost, BatchColumns::Cost); // its tooltip
    if (!m_order.empty())
        Q_EMIT dataChanged(index(0, BatchColumns::Cost), index(rowCount() - 1, BatchColumns::Cost));
    if (m_sortColumn == BatchColumns::Cost)
        sort(m_sortColumn, m_sortOrder); // new prices, new order
}

bool BatchTableModel::updateCost(size_t row)
{
    Q_ASSERT(row < m_rows.size() && m_costs.size() == m_rows.size() && m_costMissing.size() == m_rows.size());
    BatchCost::Missing why = BatchCost::Missing::Unpriced;
    std::optional<double> cost;
    if (m_prices)
        cost = BatchCost::of(m_rows[row], m_sources[size_t(m_rowSource[row])].provider, *m_prices, &why);
    const double value = cost.value_or(kNoCost);
    const bool changed = !same(value, m_costs[row]) || quint8(why) != m_costMissing[row];
    m_costs[row] = value;
    m_costMissing[row] = quint8(why);
    return changed;
}

void BatchTableModel::updateAllCosts()
{
    m_costs.assign(m_rows.size(), kNoCost);
    m_costMissing.assign(m_rows.size(), quint8(BatchCost::Missing::Unpriced));
    for (size_t row = 0; row < m_rows.size(); ++row)
        updateCost(row);
}

std::optional<double> BatchTableModel::costAt(int row, BatchCost::Missing *why) const
{
    const size_t at = stored(row);
    const double cost = m_costs[at];
    if (why)
        *why = BatchCost::Missing(m_costMissing[at]);
    return std::isnan(cost) ? std::nullopt : std::optional<double>(cost);
}

QString BatchTableModel::noCostReason(int row) const
{
    BatchCost::Missing why = BatchCost::Missing::None;
    if (!m_prices || costAt(row, &why))
        return {};
    switch (why) {
    case BatchCost::Missing::NoUsage:
        return tr("No cost: the batch reports no usage (yet)");
    case BatchCost::Missing::NoModel:
        return tr("No cost: the batch names no model");
    case BatchCost::Missing::Unpriced:
        return tr("No cost: no price for the model %1 (add it to %2)")
            .arg(batchAt(row).model, QStringLiteral("prices.json"));
    case BatchCost::Missing::None:
        break;
    }
    return {};
}
