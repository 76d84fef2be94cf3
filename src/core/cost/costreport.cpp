#include "core/cost/costreport.h"

#include "core/cost/batchcost.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace {
constexpr double kPerMillion = 1'000'000.0;

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
    add(batch.id, batch.createdAt, batch.model, batch.usage ? &*batch.usage : nullptr, account, provider);
}

int CostReport::modelIndex(Provider provider, const QString &model)
{
    if (m_lastModel >= 0) {
        const Model &last = m_models[size_t(m_lastModel)];
        // The cache's reader hands the same QString for the same name: its data is the same.
        if (last.provider == provider && last.name.size() == model.size() &&
            (last.name.constData() == model.constData() || last.name == model))
            return m_lastModel;
    }
    // Few models: a look at the names held (their data is alive, as m_models shares it) before hashing.
    for (size_t i = 0; i < std::min<size_t>(m_models.size(), 16); ++i) {
        if (m_models[i].provider == provider && m_models[i].name.constData() == model.constData() &&
            m_models[i].name.size() == model.size())
            return m_lastModel = int(i);
    }
    const QPair<int, QString> key(int(provider), model);
    auto found = m_modelIndex.constFind(key);
    if (found == m_modelIndex.constEnd()) {
        // No model is no price (BatchCost's rule), whatever the table lists under "".
        const std::optional<ModelPrice> price =
            model.trimmed().isEmpty() ? std::nullopt : m_prices->price(provider, model);
        found = m_modelIndex.insert(key, int(m_models.size()));
        m_models.push_back(Model{provider, model, price ? priceIndex(*price) : -1});
    }
    m_lastModel = *found;
    return m_lastModel;
}

int CostReport::priceIndex(const ModelPrice &price)
{
    // The table refuses prices that are not finite: the key orders.
    const auto key = std::make_tuple(price.input, price.cachedInput, price.output);
    const auto [found, added] = m_priceIndex.emplace(key, int(m_priceList.size()));
    if (added)
        m_priceList.push_back(price);
    return found->second;
}

void CostReport::add(const QString &id, qint64 createdAt, const QString &model, const BatchUsage *usage,
                     const QString &account, Provider provider)
{
    const QString *key = nullptr; // no copy per row
    int row = -1;
    switch (m_by) {
    case By::Model:
        key = &model;
        break;
    case By::Day: {
        // Floor division: days before 1970 too.
        const qint64 day = createdAt / 86'400 - (createdAt % 86'400 < 0 ? 1 : 0);
        if (day == m_lastDay) {
            row = m_lastDayRow;
            break;
        }
        m_lastDay = day;
        m_lastDayKey = Batch::toDateTime(createdAt).date().toString(Qt::ISODate);
        key = &m_lastDayKey;
        break;
    }
    case By::Batch:
        key = &id;
        break;
    case By::Account:
        key = &account;
        break;
    }
    if (row < 0) {
        Q_ASSERT(key);
        auto found = m_index.constFind(*key);
        if (found == m_index.constEnd()) {
            found = m_index.insert(*key, int(m_groups.size()));
            m_groups.append(CostGroup{*key});
            m_newest.append(createdAt);
            m_priced.emplace_back();
        }
        row = *found;
        if (m_by == By::Day)
            m_lastDayRow = row;
    }
    CostGroup &group = m_groups[row];
    m_newest[row] = std::max(m_newest[row], createdAt);
    ++group.batches;
    // Tokens are facts whether or not they can be priced; cached tokens are part of the input, never more.
    // Sums stop at the largest count rather than overflow on a hostile server's numbers.
    const qint64 input = usage ? std::max<qint64>(0, usage->inputTokens) : 0;
    const qint64 cached = usage ? std::clamp<qint64>(usage->cachedTokens, 0, input) : 0;
    const qint64 output = usage ? std::max<qint64>(0, usage->outputTokens) : 0;
    if (usage) {
        addSaturated(&group.inputTokens, input);
        addSaturated(&group.cachedTokens, cached);
        addSaturated(&group.outputTokens, output);
    }
    // BatchCost::of's rules: negative counts are no usage anyone was billed for; no model or no price, no
    // cost (never zero).
    const bool billed =
        usage && usage->inputTokens >= 0 && usage->cachedTokens >= 0 && usage->outputTokens >= 0;
    const int priceAt = billed ? m_models[size_t(modelIndex(provider, model))].price : -1;
    if (priceAt < 0) {
        ++group.unpriced;
        return;
    }
    addPriced(&m_priced[size_t(row)], PricedTokens{priceAt, input - cached, cached, output});
}

void CostReport::addPriced(std::vector<PricedTokens> *list, const PricedTokens &tokens)
{
    auto it = std::find_if(list->begin(), list->end(),
                           [&tokens](const PricedTokens &p) { return p.price == tokens.price; });
    if (it == list->end()) {
        list->push_back(tokens);
        return;
    }
    addSaturated(&it->uncached, tokens.uncached);
    addSaturated(&it->cached, tokens.cached);
    addSaturated(&it->output, tokens.output);
}

double CostReport::costOf(std::vector<PricedTokens> priced) const
{
    const auto keyOf = [this](const PricedTokens &tokens) {
        const ModelPrice &price = m_priceList[size_t(tokens.price)];
        return std::make_tuple(price.input, price.cachedInput, price.output);
    };
    std::sort(priced.begin(), priced.end(),
              [&keyOf](const PricedTokens &a, const PricedTokens &b) { return keyOf(a) < keyOf(b); });
    double cost = 0;
    for (const PricedTokens &tokens : priced) {
        const ModelPrice &price = m_priceList[size_t(tokens.price)];
        // BatchCost::of's formula, over the sums.
        const double part =
            (double(tokens.uncached) * price.input + double(tokens.cached) * price.cachedInput +
             double(tokens.output) * price.output) /
            kPerMillion;
        cost = std::min(cost + part, std::numeric_limits<double>::max());
    }
    // The price table refuses prices that could overflow; a sum that still did shows the largest number.
    return std::isfinite(cost) ? cost : std::numeric_limits<double>::max();
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
    for (const int row : std::as_const(order)) {
        sorted.append(m_groups[row]);
        sorted.back().cost = costOf(m_priced[size_t(row)]);
    }
    return sorted;
}

CostGroup CostReport::total() const
{
    CostGroup sum;
    sum.key = QStringLiteral("total");
    std::vector<PricedTokens> priced;
    for (qsizetype row = 0; row < m_groups.size(); ++row) {
        const CostGroup &group = m_groups[row];
        sum.batches += group.batches;
        addSaturated(&sum.inputTokens, group.inputTokens);
        addSaturated(&sum.cachedTokens, group.cachedTokens);
        addSaturated(&sum.outputTokens, group.outputTokens);
        sum.unpriced += group.unpriced;
        for (const PricedTokens &tokens : m_priced[size_t(row)])
            addPriced(&priced, tokens);
    }
    sum.cost = costOf(std::move(priced));
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
