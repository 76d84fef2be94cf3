#pragma once

#include "core/batch/batch.h"

#include <QString>

// Every piece of text Batchwatch shows for a batch, in one place, so the table, the CLI and exports agree.
namespace BatchFormat {
// 1,234,567 (grouped, locale-independent so scripts can rely on it).
QString count(qint64 value);
// "2025-11-28T14:03:07Z"; empty for an absent time.
QString isoTime(std::optional<qint64> unixSeconds);
// "2025-11-28 15:03" in local time, for people.
QString shortTime(qint64 unixSeconds);
// "812 / 1,000", or the state's own word where a fraction would mislead ("validating").
QString progress(const Batch &batch);
// "just now", "5 min ago", "3 h ago", "yesterday", "4 d ago", then the date.
QString relativeTime(qint64 unixSeconds, qint64 now);
// "3 min", "2 h 5 min", "4 d 1 h".
QString duration(qint64 seconds);
// "≈ 12 min" for a running batch's estimate, "no estimate" when there is none yet.
QString eta(const Batch &batch, std::optional<qint64> seconds);
// The status as the API spells it, with spaces: "in progress".
QString statusLabel(const BatchStatus &status);
// `text` safe to print on a terminal: control characters (C0 but space, DEL, C1) and bidirectional overrides
// shown as escapes ("\x1b", "\n", "\u202e"), so a server's text cannot move the cursor, set the window
// title, clear the screen or reorder what is shown. Exports keep the server's bytes; this is only for people.
QString terminalText(const QString &text);

// Requests that ran (completed + failed), saturated at the ends of qint64: a hostile count cannot overflow.
qint64 requestsDone(const RequestCounts &counts);
// `to - from`, saturated at the ends of qint64.
qint64 secondsBetween(qint64 from, qint64 to);
} // namespace BatchFormat
