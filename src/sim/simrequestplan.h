#pragma once

#include <QString>
#include <QStringList>

#include <functional>

struct SimBatch;

// The requests of a batch whose ids the client chose (an uploaded input file, Anthropic's create, Gemini's
// file or inline requests): their custom_ids (Gemini: keys) and models, in input order.
struct SimRequestIds
{
    QStringList customIds;
    QStringList models; // one per request; empty entries: the batch's model
};

// Which request ran when and how it ended, so that the counts a batch shows and the lines of its files agree
// at every moment. Request n (1-based, input order) runs at step s (0-based) of a fixed permutation, so the
// files come out of input order; a step fails when the batch's failed share says so (the failed count of the
// first D steps is exactly floor(D * share)); one failure in three answers inside the output file with a
// non-2xx status, the others go to the error file (all of them when nothing succeeded, so that a batch whose
// every request failed has no output file). Requests past the steps done never ran: in neither file.
namespace SimRequestPlan {
enum class Fate { Ok, FailedInOutput, FailedInErrors, NotRun };

// The request (1-based) that runs at `step` (0-based) of a batch of `total` requests.
qint64 requestAtStep(qint64 total, qint64 step);
// How many of `failed` failures (of a batch with `completed` successes) answer inside the output file.
qint64 failedInOutput(qint64 completed, qint64 failed);
// The fate of the request at `step` when `done` steps have run with `completed` successes and failure share
// `share`; `failureIndex` gets the failure's rank among the failures (for varying their messages).
Fate fateAtStep(qint64 step, qint64 done, qint64 completed, double share, qint64 *failureIndex = nullptr);
// Visits every request of `batch` in the order they ran, the ones that never ran last, when `done` requests
// have run and `completed` of them succeeded (the counts the batch shows at that moment).
void forEach(const SimBatch &batch, qint64 done, qint64 completed,
             const std::function<void(qint64 request, Fate fate, qint64 failureIndex)> &visit);
} // namespace SimRequestPlan
