#pragma once

#include "core/batch/batch.h"
#include "core/cost/pricetable.h"

#include <optional>

// What a batch cost, from its `usage` and the price table:
//   (input - cached) x input + cached x cached_input + output x output, per million tokens.
// A batch without usage, without a model, or with an unpriced model has no cost (never zero).
namespace BatchCost {
enum class Missing { None, NoUsage, NoModel, Unpriced };

std::optional<double> of(const Batch &batch, Provider provider, const PriceTable &prices,
                         Missing *why = nullptr);
// An estimate before sending: input tokens only (the output is unknown until the batch runs).
std::optional<double> inputEstimate(qint64 inputTokens, const QString &model, Provider provider,
                                    const PriceTable &prices);
// "$0.42", "$1,234.50", "<$0.01"; in the table's currency.
QString format(double cost, const QString &currency = QStringLiteral("USD"));
} // namespace BatchCost
