#include "sim/simpagedump.h"

#include "sim/simaccount.h"
#include "sim/simdialect.h"

#include <QDir>
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

// The query item that moves a walk on (after, after_id, pageToken): what names the page's file.
QPair<QString, QString> cursorOf(const SimRequest &request)
{
    for (const auto &item : request.query.queryItems(QUrl::FullyDecoded)) {
        if (item.first != QLatin1String("limit") && item.first != QLatin1String("pageSize"))
            return item;
    }
    return {};
}
} // namespace

namespace SimPageDump {

bool write(SimAccount &account, const SimDialect &dialect, const QString &dir, QString *error)
{
    const QDir root(dir);
    if (!root.mkpath(QStringLiteral("."))) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return false;
    }
    // A dialect's handle() may count routes; a copy keeps the caller's dialect untouched.
    std::unique_ptr<SimDialect> walker = SimDialect::create(dialect.kind(), {});
    std::optional<SimRequest> request = walker->firstPage(100);
    while (request) {
        QString route;
        const SimResponse page = walker->handle(*request, account, &route);
        const auto [key, value] = cursorOf(*request);
        const QString name =
            key.isEmpty() ? QStringLiteral("first.json") : key + u'/' + value + QStringLiteral(".json");
        if (!key.isEmpty() && !root.mkpath(key)) {
            *error = QStringLiteral("cannot create %1/%2").arg(dir, key);
            return false;
        }
        if (page.status != 200) {
            *error = QStringLiteral("the list answered %1").arg(page.status);
            return false;
        }
        if (!writeFile(root.filePath(name), page.body, error))
            return false;
        request = walker->nextPage(*request, page.body);
    }
    return true;
}

} // namespace SimPageDump
