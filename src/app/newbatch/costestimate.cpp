#include "app/newbatch/costestimate.h"

#include "core/cost/batchcost.h"

#include <QCoreApplication>

namespace CostEstimate {

QString text(qint64 inputTokens, const QString &model, Provider provider, const PriceTable *prices)
{
    if (!prices)
        return {};
    if (model.trimmed().isEmpty())
        return QCoreApplication::translate("CostEstimate", "Estimated cost: not known (no model named)");
    const std::optional<double> input = BatchCost::inputEstimate(inputTokens, model, provider, *prices);
    if (!input)
        return QCoreApplication::translate("CostEstimate", "Estimated cost: not known (no price for %1)")
            .arg(model);
    return QCoreApplication::translate("CostEstimate",
                                       "Estimated cost: about %1 for the input; the output is not known "
                                       "until it runs")
        .arg(BatchCost::format(*input, prices->currency()));
}

} // namespace CostEstimate
