#pragma once

#include "core/results/requestresult.h"

#include <functional>

// Groups failures that are the same failure, so 1,854 failures read as three causes.
namespace ErrorGroups {
// `message` with what varies between requests masked: ids (req_..., file-..., hex and base64 runs), quoted
// values and numbers. "Rate limit of 200000 TPM reached for req_abc12" -> "Rate limit of # TPM reached for
// …".
QString mask(const QString &message);
// Fills set->groups (largest first, ties by status, code, pattern) and each failed row's `group`. Asks
// `keepGoing` now and then (every 1,024 rows); false stops the build and returns false, leaving no groups.
bool build(ResultSet *set, const std::function<bool()> &keepGoing = {});
} // namespace ErrorGroups
