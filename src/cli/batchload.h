#pragma once

#include "cli/commandsupport.h"
#include "core/batch/batch.h"
#include "core/results/requestresult.h"

#include <memory>
#include <optional>

class ApiClient;

// The two steps `batchwatch results` and `retry` begin with: the batch, then its joined rows (its files
// downloaded once into the account's results cache, so a second run downloads nothing). Each prints why it
// failed and sets the exit status. Files the provider no longer keeps: the fetch fails (exit 4) unless only
// the input is gone, which leaves a warning in the set (its rows then come from the results alone).
namespace BatchLoad {
[[nodiscard]] std::optional<Batch> retrieve(ApiClient *client, const QString &batchId,
                                            const CommandSupport::RunClock &clock, int *exitCode);
[[nodiscard]] std::shared_ptr<const ResultSet> results(ApiClient *client, const Batch &batch,
                                                       const QString &accountCacheName,
                                                       const CommandSupport::RunClock &clock, int *exitCode);
// Prints on stderr the set's warnings (lines skipped, custom_ids twice), at most `shown` of them and then
// how many more, and where its rows disagree with the batch's request_counts (a short or damaged file);
// returns how many doubts there were in all. With any, a request that reads as not run may have run.
qsizetype printDoubts(const ResultSet &set, const Batch &batch, int shown = 20);
} // namespace BatchLoad
