#include "core/cost/batchcost.h"

#include <QLocale>

#include <algorithm>

namespace BatchCost {

namespace {
constexpr double kPerMillion = 1'000'000.0;
}

std::optional<double> of(const Batch &batch, Provider provider, const PriceTable &prices, Missing *why)
{
    Missing missing = Missing::None;
    std::optional<double> cost;
    if (!batch.usage) {
        missing = Missing::NoUsage;
    } else if (batch.model.trimmed().isEmpty()) {
        missing = Missing::NoModel;
    } else if (const std::optional<ModelPrice> price = prices.price(provider, batch.model); !price) {
        missing = Missing::Unpriced;
    } else {
        const BatchUsage &usage = *batch.usage;
        // Counts as the server sent them, kept sane: cached tokens are part of the input, never more.
        const qint64 input = std::max<qint64>(0, usage.inputTokens);
        const qint64 cached = std::clamp<qint64>(usage.cachedTokens, 0, input);
        const qint64 output = std::max<qint64>(0, usage.outputTokens);
        cost = (double(input - cached) * price->input + double(cached) * price->cachedInput +
                double(output) * price->output) /
               kPerMillion;
    }
    if (why)
        *why = missing;
    return cost;
}

std::optional<double> inputEstimate(qint64 inputTokens, const QString &model, Provider provider,
                                    const PriceTable &prices)
{
    const std::optional<ModelPrice> price = prices.price(provider, model);
    if (!price)
        return std::nullopt;
    return double(std::max<qint64>(0, inputTokens)) * price->input / kPerMillion;
}

QString format(double cost, const QString &currency)
{
    const QString code = currency.trimmed().toUpper();
    const QString symbol = code == QLatin1String("USD")   ? QStringLiteral("$")
                           : code == QLatin1String("EUR") ? QStringLiteral("€")
                           : code == QLatin1String("GBP") ? QStringLiteral("£")
                                                          : code + u' ';
    if (cost > 0 && cost < 0.005)
        return QStringLiteral("<") + symbol + QStringLiteral("0.01");
    // The same in every locale, like the counts in messages: "1,234.50".
    QLocale c = QLocale::c();
    c.setNumberOptions({});
    return symbol + c.toString(cost, 'f', 2);
}

} // namespace BatchCost
