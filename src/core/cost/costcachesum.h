#pragma once

#include "core/batch/batchfilter.h"
#include "core/cost/costreport.h"
#include "core/providers/provider.h"

#include <QString>

// `batchwatch cost`'s fast path: sums a cached account from the columns the cache keeps beside each batch's
// JSON (schema 5: created_at, model, input/cached/output tokens) instead of building a Batch per row.
// CostReport prices exact token sums, so summing in table order gives the bytes the slow path gives.
namespace CostCacheSum {
enum class Result {
    Ok,
    Unsuitable, // the file lacks the columns (an older schema), or the filter needs more than created_at
    Damaged,    // fewer or more rows than the writers recorded, or a row without its columns
    Failed,     // the file could not be read (busy, I/O)
};

// Whether `filter` is one the columns answer: at most a created-after bound (--since).
bool answers(const BatchFilter &filter);

// Adds every batch of the cache file at `path` that `filter` passes to `report`, in one read snapshot, and
// checks the number of rows against the one the writers recorded. On anything but Ok, `report` is partial
// and `error` says why.
[[nodiscard]] Result addAll(const QString &path, const BatchFilter &filter, const QString &account,
                            Provider provider, CostReport *report, QString *error);
} // namespace CostCacheSum
