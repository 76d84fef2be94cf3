#pragma once

#include "core/batch/batch.h"
#include "core/results/requestresult.h"

#include <QStringList>

// Whether a batch's joined rows agree with the counts the provider reports for it. A short or damaged result
// file reads as requests that did not run (OpenAI, Azure, Gemini) or as missing rows (Anthropic); sending
// those again would run requests that already ran. A disagreement is a warning naming both numbers; retry
// refuses to send while one stands.
namespace ResultsCheck {
// Empty when the rows agree with batch.requestCounts (or the batch is still running: its counts move), else
// one plain sentence per disagreement, e.g. "the result files hold 9,812 requests that ran but the batch
// reports 10,000 completed or failed".
[[nodiscard]] QStringList disagreements(const ResultSet &set, const Batch &batch);
} // namespace ResultsCheck
