#pragma once

#include "core/batch/batch.h"
#include "core/providers/provider.h"

#include <QString>

#include <vector>

// What a refresh of a large cached account needs to hold instead of the whole account: the top `top` rows
// (where the new batches on top end) and every row whose status column says it may still change, in server
// order, read in one snapshot from the cache's columns (schema 5). The refresh then reads and stores what it
// does today; only terminal batches below the top, which cannot change, are not re-read from list pages.
namespace RefreshSet {
enum class Result { Ok, Unsuitable, Failed };

// Unsuitable: the file has no status column (an older schema) or a row did not parse: read it all instead.
[[nodiscard]] Result read(const QString &path, Provider provider, int top, std::vector<Batch> *batches,
                          bool *complete, QString *error);
} // namespace RefreshSet
