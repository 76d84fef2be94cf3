#pragma once

#include <QJsonObject>
#include <QString>

// The small files next to a resumable download (see FileDownload): "<target>.part.meta" while the part grows,
// "<target>.meta" once the target is whole. Compact JSON: `declared`, `written` (finished only), `etag`,
// `lastModified`.
namespace DownloadSidecar {
QString partMetaPath(const QString &target);
// The sidecar's object; empty when it is missing, too large (> 4 KB: not ours) or not JSON.
QJsonObject readMeta(const QString &path);
// Replaces `to` by `from` in one step: a reader sees the old file or the new one, never none.
[[nodiscard]] bool renameOver(const QString &from, const QString &to);
} // namespace DownloadSidecar
