#pragma once

#include "core/batch/batch.h"

#include <QString>

class QSqlQuery;
struct sqlite3_stmt;

// The columns of schema 5 that each write fills from the typed batch beside its JSON, so that plans, sums and
// ranges read them without parsing: the normalised status as the API spells it, created_at, model, and the
// four token counts (all NULL when the batch has no usage).
namespace BatchCacheColumns {
// In this order after the statement's own columns.
inline constexpr char kNames[] =
    "status, created_at, model, input_tokens, cached_tokens, output_tokens, total_tokens";
inline constexpr char kPlaceholders[] = "?, ?, ?, ?, ?, ?, ?";
inline constexpr char kAssignments[] = "status = ?, created_at = ?, model = ?, input_tokens = ?, "
                                       "cached_tokens = ?, output_tokens = ?, total_tokens = ?";
inline constexpr int kCount = 7;

// The status column's text: the API's word for a known status; an unknown one (a provider's word that must
// not be read as ours, e.g. Anthropic's "completed") behind a '?', so neither statusOf() nor an SQL
// `status NOT IN ('completed', ...)` can take it for a known, terminal status.
QString statusText(const BatchStatus &status);
BatchStatus statusOf(const QString &text);

// Appends the seven values to a prepared QtSql statement (addBindValue).
void bind(QSqlQuery &query, const Batch &batch);
// Binds them to a SQLite statement from parameter `first` on; `status` must outlive the step (the text is
// bound without a copy).
void bind(sqlite3_stmt *statement, int first, const Batch &batch, const QString &status);
} // namespace BatchCacheColumns
