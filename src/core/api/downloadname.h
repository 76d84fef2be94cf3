#pragma once

#include <QString>

// The file name a Save dialog suggests for a download. The server's `filename` is not to be trusted: it may
// be absolute, climb with "../", hide behind a leading dot, or carry control and bidirectional-override
// characters that make "gpj.sh" read as "hs.jpg".
namespace DownloadName {
constexpr int kMaxLength = 128;

// The base name of `serverName`, made safe: no path separators, no control or format characters, no
// characters Windows forbids, no leading dots or spaces, at most kMaxLength characters (keeping a short
// extension). Falls back to `fileId` (made safe the same way) plus ".jsonl", then to "download.jsonl".
[[nodiscard]] QString suggested(const QString &serverName, const QString &fileId);
// Just the cleaning, without a fallback: may return an empty string.
[[nodiscard]] QString sanitized(const QString &name);
} // namespace DownloadName
