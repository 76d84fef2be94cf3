#pragma once

#include "cli/commandsupport.h"
#include "core/batch/batch.h"
#include "core/results/batchsubmit.h"

#include <optional>

class ApiClient;

// Uploads and creates a batch for `batchwatch retry` and `create`, with progress on a terminal; nullopt after
// printing why not (and which file was uploaded, when the create failed after it), the exit status set.
namespace SubmitRun {
[[nodiscard]] std::optional<Batch> submit(ApiClient *client, const SubmitSpec &spec,
                                          const CommandSupport::RunClock &clock, int *exitCode);
// A batch's validation errors, one per line with its line number, on stderr.
void printValidationErrors(const Batch &batch);
// Whether the batch failed validation: nothing of it ran, and there is nothing to retry.
bool failedValidation(const Batch &batch);
} // namespace SubmitRun
