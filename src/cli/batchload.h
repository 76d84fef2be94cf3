#pragma once

#include "cli/commandsupport.h"
#include "core/batch/batch.h"
#include "core/results/requestresult.h"

#include <memory>
#include <optional>

class ApiClient;

// The two steps `batchwatch results` and `retry` begin with: the batch, then its joined rows (its files
// downloaded once into the account's results cache, so a second run downloads nothing). Each prints why it
// failed and sets the exit status. `filesGone`: some of the batch's files were no longer on the server, so
// what they held reads as not run.
namespace BatchLoad {
[[nodiscard]] std::optional<Batch> retrieve(ApiClient *client, const QString &batchId,
                                            const CommandSupport::RunClock &clock, int *exitCode);
[[nodiscard]] std::shared_ptr<const ResultSet> results(ApiClient *client, const Batch &batch,
                                                       const QString &accountCacheName,
                                                       const CommandSupport::RunClock &clock, int *exitCode,
                                                       bool *filesGone = nullptr);
// Prints the set's warnings (lines skipped, custom_ids twice) on stderr, at most `shown` of them and then
// how many more; returns how many there were.
qsizetype printWarnings(const ResultSet &set, int shown = 20);
} // namespace BatchLoad
