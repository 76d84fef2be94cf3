#include "core/api/apierror.h"

#include <QJsonDocument>
#include <QJsonObject>

QString ApiError::toString() const
{
    if (kind == NoError)
        return QStringLiteral("no error");
    QString text;
    if (kind == Http) {
        text = QStringLiteral("HTTP %1").arg(httpStatus);
        const QString label = code.isEmpty() ? type : code;
        if (!label.isEmpty())
            text += u' ' + label;
        text += QStringLiteral(": ") + (message.isEmpty() ? QStringLiteral("(no message)") : message);
    } else {
        text = message;
    }
    if (!requestId.isEmpty())
        text += QStringLiteral(" (request ") + requestId + u')';
    return text;
}

ApiError ApiError::fromHttpResponse(int status, const QByteArray &body, const QString &requestId)
{
    ApiError error;
    error.kind = Http;
    error.httpStatus = status;
    error.requestId = requestId;

    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QJsonValue inner = object.value(QLatin1String("error"));
    if (inner.isObject()) {
        const QJsonObject e = inner.toObject();
        error.message = e.value(QLatin1String("message")).toString();
        error.type = e.value(QLatin1String("type")).toString();
        error.param = e.value(QLatin1String("param")).toString();
        // Some servers send a numeric code.
        const QJsonValue code = e.value(QLatin1String("code"));
        error.code = code.isDouble() ? QString::number(code.toInteger()) : code.toString();
    } else if (inner.isString()) {
        error.message = inner.toString();
    } else if (!body.trimmed().isEmpty()) {
        // Not the API's shape (a proxy's HTML page, say): show its start so the user sees who answered.
        error.message = QString::fromUtf8(body.left(200)).simplified();
    }
    return error;
}

ApiError ApiError::make(Kind kind, const QString &message, const QString &requestId)
{
    ApiError error;
    error.kind = kind;
    error.message = message;
    error.requestId = requestId;
    return error;
}
