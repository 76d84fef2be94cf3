#pragma once

// The cache's schema, shared by the open (a new file) and the migration of an older one (internal to
// src/core/cache).
class QSqlError;

namespace BatchCacheSchema {
// Version 3 kept only what is read back (id, order, JSON): each extra column and index made every write
// dearer. Version 5 adds back the few columns read without parsing (BatchCacheColumns): the plan of a warm
// refresh (status, created_at) and the sums of `batchwatch cost` (created_at, model, tokens).
inline constexpr const char *kCreateBatchesV3 =
    "CREATE TABLE batches (id TEXT PRIMARY KEY, rank INTEGER NOT NULL, json BLOB NOT NULL)";
inline constexpr const char *kCreateBatches =
    "CREATE TABLE batches (id TEXT PRIMARY KEY, rank INTEGER NOT NULL, json BLOB NOT NULL, status TEXT, "
    "created_at INTEGER, model TEXT, input_tokens INTEGER, cached_tokens INTEGER, output_tokens INTEGER, "
    "total_tokens INTEGER)";
inline constexpr const char *kAddColumns[] = {
    "ALTER TABLE batches ADD COLUMN status TEXT",
    "ALTER TABLE batches ADD COLUMN created_at INTEGER",
    "ALTER TABLE batches ADD COLUMN model TEXT",
    "ALTER TABLE batches ADD COLUMN input_tokens INTEGER",
    "ALTER TABLE batches ADD COLUMN cached_tokens INTEGER",
    "ALTER TABLE batches ADD COLUMN output_tokens INTEGER",
    "ALTER TABLE batches ADD COLUMN total_tokens INTEGER",
};
inline constexpr const char *kIndexBatches = "CREATE INDEX batches_rank ON batches(rank)";
// Covers what `batchwatch cost` sums: a GROUP BY over a million rows (or a `created_at >=` range for --since)
// reads this index alone, not the rows with their JSON.
inline constexpr const char *kIndexCreated =
    "CREATE INDEX batches_created ON batches(created_at, model, input_tokens, "
    "cached_tokens, output_tokens, total_tokens)";
// The rows that may still change (not terminal as BatchStatus::isTerminal() has it; an unknown status is
// stored as '?' + its word, so it is here too), for the plan of a light refresh (RefreshSet, whose query
// must spell the condition the same way); and the rows without columns, which an older Batchwatch that
// still had the file open may have written (refilled at open). Only these rows are in it.
inline constexpr const char *kIndexChanging =
    "CREATE INDEX batches_changing ON batches(rank) WHERE status IS NULL OR "
    "status NOT IN ('completed', 'failed', 'expired', 'cancelled')";
// Version 2 added the observations; kept as constants so a new file and a migrated one get the same table.
inline constexpr const char *kCreateObservations =
    "CREATE TABLE observations (batch_id TEXT NOT NULL, observed_at INTEGER NOT NULL, "
    "completed INTEGER NOT NULL, failed INTEGER NOT NULL, total INTEGER NOT NULL)";
inline constexpr const char *kIndexObservations =
    "CREATE INDEX observations_batch ON observations(batch_id, observed_at)";

// Only what SQLite calls corruption proves the file bad; busy, locked, full or I/O errors say nothing about
// it.
bool isCorruption(const QSqlError &error);
} // namespace BatchCacheSchema
