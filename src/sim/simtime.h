#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

// RFC 3339 times as Anthropic and Google write them: UTC, with fractional seconds.
namespace SimTime {
// `seconds` since the epoch, with `micros` (0..999999) as its fraction; null when `seconds` is not a number.
inline QJsonValue rfc3339(const QJsonValue &seconds, int micros)
{
    if (!seconds.isDouble())
        return QJsonValue(QJsonValue::Null);
    const QDateTime at = QDateTime::fromSecsSinceEpoch(seconds.toInteger(), Qt::UTC);
    return QString(at.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) +
                   QStringLiteral(".%1Z").arg(micros, 6, 10, QLatin1Char('0')));
}
} // namespace SimTime
