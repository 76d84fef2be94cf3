#include "sim/simrequestplan.h"

#include "sim/simbatch.h"

#include <numeric>

namespace {
qint64 failuresBefore(qint64 step, double share)
{
    // The same expression SimBatch::failedAt uses, so the telescoping sum matches its count exactly.
    return static_cast<qint64>(double(step) * share);
}

qint64 strideFor(qint64 total)
{
    // A stride coprime with the total visits every request once; one that is 1 modulo it would keep the
    // order.
    static const qint64 kPrimes[] = {7919, 6007, 4001, 2003, 1009, 503, 101, 37, 13, 7, 5, 3};
    for (const qint64 prime : kPrimes) {
        const qint64 stride = prime % total;
        if (stride > 1 && std::gcd(stride, total) == 1)
            return stride;
    }
    for (qint64 stride = 2; stride < total; ++stride) {
        if (std::gcd(stride, total) == 1)
            return stride;
    }
    return 1;
}
} // namespace

namespace SimRequestPlan {

qint64 requestAtStep(qint64 total, qint64 step)
{
    Q_ASSERT(step >= 0 && step < total);
    if (total <= 2)
        return step + 1;
    return 1 + (step * strideFor(total)) % total;
}

qint64 failedInOutput(qint64 completed, qint64 failed)
{
    return completed > 0 ? (failed + 1) / 3 : 0; // failure ranks 1, 4, 7, ...
}

Fate fateAtStep(qint64 step, qint64 done, qint64 completed, double share, qint64 *failureIndex)
{
    if (step >= done)
        return Fate::NotRun;
    const qint64 before = failuresBefore(step, share);
    if (failuresBefore(step + 1, share) == before)
        return Fate::Ok;
    if (failureIndex)
        *failureIndex = before;
    return completed > 0 && before % 3 == 1 ? Fate::FailedInOutput : Fate::FailedInErrors;
}

void forEach(const SimBatch &batch, qint64 done, qint64 completed,
             const std::function<void(qint64 request, Fate fate, qint64 failureIndex)> &visit)
{
    const qint64 total = batch.total;
    if (total <= 0)
        return;
    const qint64 stride = total <= 2 ? 1 : strideFor(total);
    for (qint64 step = 0; step < total; ++step) {
        qint64 failureIndex = 0;
        const Fate fate = fateAtStep(step, done, completed, batch.failedShare, &failureIndex);
        visit(1 + (step * stride) % total, fate, failureIndex);
    }
}

} // namespace SimRequestPlan
