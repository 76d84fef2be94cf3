#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>

// What the simulated API answers, before the HTTP layer adds request ids and faults.
struct SimResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static SimResponse json(const QJsonObject &object, int status = 200)
    {
        return {status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact), {}};
    }
    // The API's error shape: {"error":{"message","type","param","code"}}.
    static SimResponse error(int status, const QString &message, const QString &type,
                             const QString &code = QString(), const QString &param = QString())
    {
        const auto orNull = [](const QString &s) {
            return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
        };
        return json({{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message},
                                                           {QStringLiteral("type"), type},
                                                           {QStringLiteral("param"), orNull(param)},
                                                           {QStringLiteral("code"), orNull(code)}}}},
                    status);
    }
};
