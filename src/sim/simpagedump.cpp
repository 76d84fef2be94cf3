#include "sim/simpagedump.h"

#include "sim/simaccount.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace {
bool writeFile(const QString &path, const QByteArray &body, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(body) == body.size() && file.commit())
        return true;
    *error = QStringLiteral("%1: %2").arg(path, file.errorString());
    return false;
}
} // namespace

namespace SimPageDump {

bool write(const SimAccount &account, const QString &dir, QString *error)
{
    const QDir root(dir);
    if (!root.mkpath(QStringLiteral("after"))) {
        *error = QStringLiteral("cannot create %1/after").arg(dir);
        return false;
    }
    QString cursor;
    for (const QByteArray &body : account.listAllPages(100)) {
        const QString name =
            cursor.isEmpty() ? QStringLiteral("first.json") : QStringLiteral("after/%1.json").arg(cursor);
        if (!writeFile(root.filePath(name), body, error))
            return false;
        const QJsonArray data = QJsonDocument::fromJson(body).object().value(QLatin1String("data")).toArray();
        if (!data.isEmpty())
            cursor = data.last().toObject().value(QLatin1String("id")).toString();
    }
    return true;
}

} // namespace SimPageDump
