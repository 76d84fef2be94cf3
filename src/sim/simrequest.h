#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

// One API request as a dialect sees it: no sockets, so pages can also be walked without HTTP.
struct SimRequest
{
    QString method;    // "GET", "POST", "DELETE", ...
    QUrl url;          // as the client addressed it (host and port included), for absolute links back
    QStringList parts; // the path split at '/', empty parts dropped
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray requestId; // the id this answer carries in its headers (and Anthropic's error bodies)

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &pair : headers) {
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return pair.second;
        }
        return {};
    }
    QString queryValue(const QString &key) const { return query.queryItemValue(key, QUrl::FullyDecoded); }
    // "METHOD /path", for "no such route" messages.
    QString describe() const { return method + u' ' + url.path(); }

    static SimRequest get(const QString &path, const QUrlQuery &query = QUrlQuery())
    {
        SimRequest request;
        request.method = QStringLiteral("GET");
        request.url = QUrl(QStringLiteral("http://127.0.0.1") + path);
        request.url.setQuery(query);
        request.parts = path.split(u'/', Qt::SkipEmptyParts);
        request.query = query;
        return request;
    }
};
