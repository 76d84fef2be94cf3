#include "batchformat.h"

#include <QDateTime>
#include <QLocale>
#include <QObject>

namespace BatchFormat {

QString count(qint64 value)
{
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(value);
}

QString isoTime(std::optional<qint64> unixSeconds)
{
    if (!unixSeconds)
        return {};
    return QDateTime::fromSecsSinceEpoch(*unixSeconds, Qt::UTC).toString(Qt::ISODate);
}

QString shortTime(qint64 unixSeconds)
{
    return QDateTime::fromSecsSinceEpoch(unixSeconds)
        .toLocalTime()
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString progress(const Batch &batch)
{
    switch (batch.status.value()) {
    case BatchStatus::Validating:
        return QStringLiteral("validating");
    case BatchStatus::Failed:
        if (batch.requestCounts.total == 0)
            return QStringLiteral("failed");
        break;
    default:
        break;
    }
    if (!batch.requestCounts.present)
        return QStringLiteral("-");
    const RequestCounts &c = batch.requestCounts;
    return count(c.completed + c.failed) + QStringLiteral(" / ") + count(c.total);
}

QString relativeTime(qint64 unixSeconds, qint64 now)
{
    const qint64 ago = now - unixSeconds;
    if (ago < 60)
        return QObject::tr("just now");
    if (ago < 3600)
        return QObject::tr("%1 min ago").arg(ago / 60);
    if (ago < 86'400)
        return QObject::tr("%1 h ago").arg(ago / 3600);
    if (ago < 2 * 86'400)
        return QObject::tr("yesterday");
    if (ago < 30 * 86'400)
        return QObject::tr("%1 d ago").arg(ago / 86'400);
    return QDateTime::fromSecsSinceEpoch(unixSeconds).toLocalTime().toString(QStringLiteral("yyyy-MM-dd"));
}

QString duration(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return QStringLiteral("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return minutes % 60 ? QStringLiteral("%1 h %2 min").arg(hours).arg(minutes % 60)
                            : QStringLiteral("%1 h").arg(hours);
    return hours % 24 ? QStringLiteral("%1 d %2 h").arg(hours / 24).arg(hours % 24)
                      : QStringLiteral("%1 d").arg(hours / 24);
}

QString eta(const Batch &batch, std::optional<qint64> seconds)
{
    if (batch.status.value() != BatchStatus::InProgress)
        return {};
    if (!seconds)
        return QObject::tr("no estimate");
    return *seconds < 60 ? QObject::tr("< 1 min") : QStringLiteral("\u2248 ") + duration(*seconds);
}

QString statusLabel(const BatchStatus &status)
{
    QString text = status.toString();
    text.replace(u'_', u' ');
    return text;
}

} // namespace BatchFormat
