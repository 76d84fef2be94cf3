#pragma once

#include "core/cache/planrow.h"

#include <QString>

#include <vector>

// What a refresh of a large cached account needs to hold instead of the whole account's plan: the top `top`
// rows (where the new batches on top end) and every row whose status may still change, in server order, from
// the cache's columns (schema 5) in one snapshot on a read-only connection of its own. The refresh then reads
// and stores what it does today; only terminal batches below the top, which cannot change, are not re-stored
// when a re-read page brings them.
namespace RefreshSet {
enum class Result { Ok, Unsuitable, Failed };

// Unsuitable: the file has no such columns (an older schema) or a row lacks them: read the whole plan
// instead (BatchCache::loadPlan, which says what is wrong with the file).
[[nodiscard]] Result read(const QString &path, int top, std::vector<PlanRow> *rows, bool *complete,
                          QString *error);
} // namespace RefreshSet
