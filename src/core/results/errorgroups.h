#pragma once

#include "core/results/requestresult.h"

// Groups failures that are the same failure, so 1,854 failures read as three causes.
namespace ErrorGroups {
// `message` with what varies between requests masked: ids (req_..., file-..., hex and base64 runs), quoted
// values and numbers. "Rate limit of 200000 TPM reached for req_abc12" -> "Rate limit of # TPM reached for
// …".
QString mask(const QString &message);
// Fills set->groups (largest first, ties by status, code, pattern) and each failed row's `group`.
void build(ResultSet *set);
} // namespace ErrorGroups
