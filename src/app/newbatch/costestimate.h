#pragma once

#include "core/providers/provider.h"

#include <QString>

class PriceTable;

// What a batch about to be sent may cost, said the same way before a retry and in the New batch dialog: its
// input tokens (an estimate from the file) times the model's input price, the output unknown until it runs.
namespace CostEstimate {
// "Estimated cost: about $0.42 for the input; the output is not known until it runs", or "no price for
// MODEL", or "no model named"; empty without prices.
QString text(qint64 inputTokens, const QString &model, Provider provider, const PriceTable *prices);
} // namespace CostEstimate
