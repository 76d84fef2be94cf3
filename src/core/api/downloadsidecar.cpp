#include "core/api/downloadsidecar.h"

#include "core/api/filedownload.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <cstdio>

namespace DownloadSidecar {

QString partMetaPath(const QString &target)
{
    return FileDownload::partPath(target) + QStringLiteral(".meta");
}

QJsonObject readMeta(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > 4096)
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool renameOver(const QString &from, const QString &to)
{
#ifdef Q_OS_WIN
    QFile::remove(to);
    return QFile::rename(from, to);
#else
    return std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
#endif
}

} // namespace DownloadSidecar

// FileDownload::isWhole lives with the sidecar it reads.
bool FileDownload::isWhole(const QString &target, qint64 declaredBytes)
{
    const QFileInfo info(target);
    if (!info.isFile())
        return false;
    const QJsonObject meta = DownloadSidecar::readMeta(FileDownload::metaPath(target));
    const qint64 written = meta.value(QLatin1String("written")).toInteger(-1);
    const qint64 declared = meta.value(QLatin1String("declared")).toInteger(-1);
    const qint64 size = info.size();
    return written >= 0 && size == written && (declared < 0 || declared == size) &&
           (declaredBytes < 0 || declaredBytes == size);
}
