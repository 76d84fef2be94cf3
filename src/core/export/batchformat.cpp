#include "core/export/batchformat.h"

#include <QDateTime>
#include <QLocale>
#include <QObject>

#include <algorithm>
#include <limits>

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
    // Years 1 to 9999 by arithmetic (H. Hinnant's days-to-civil): QDateTime took 1 us a time, two thirds of a
    // CSV export (nine times per batch). Anything else as Qt prints it.
    constexpr qint64 kFirst = -62'135'596'800; // 0001-01-01T00:00:00Z
    constexpr qint64 kLast = 253'402'300'799;  // 9999-12-31T23:59:59Z
    const qint64 seconds = *unixSeconds;
    if (seconds < kFirst || seconds > kLast)
        return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
    const qint64 days = seconds >= 0 ? seconds / 86'400 : (seconds - 86'399) / 86'400;
    const qint64 secondOfDay = seconds - days * 86'400;
    const qint64 z = days + 719'468;
    const qint64 era = (z >= 0 ? z : z - 146'096) / 146'097;
    const qint64 dayOfEra = z - era * 146'097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1'460 + dayOfEra / 36'524 - dayOfEra / 146'096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 mp = (5 * dayOfYear + 2) / 153;
    const qint64 day = dayOfYear - (153 * mp + 2) / 5 + 1;
    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
    const qint64 year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    char16_t text[20];
    const auto put = [&text](int at, qint64 value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            text[at + i] = char16_t(u'0' + value % 10);
    };
    put(0, year, 4);
    text[4] = u'-';
    put(5, month, 2);
    text[7] = u'-';
    put(8, day, 2);
    text[10] = u'T';
    put(11, secondOfDay / 3'600, 2);
    text[13] = u':';
    put(14, secondOfDay / 60 % 60, 2);
    text[16] = u':';
    put(17, secondOfDay % 60, 2);
    text[19] = u'Z';
    return QString(reinterpret_cast<const QChar *>(text), 20);
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
    return count(requestsDone(c)) + QStringLiteral(" / ") + count(c.total);
}

QString relativeTime(qint64 unixSeconds, qint64 now)
{
    const qint64 ago = secondsBetween(unixSeconds, now);
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

QString terminalText(const QString &text)
{
    const auto unsafe = [](char16_t c) {
        // C0, DEL and C1 controls; bidirectional overrides, isolates and marks, zero-width characters and
        // line separators, which can hide or reorder what a terminal shows.
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x200b && c <= 0x200f) || c == 0x061c ||
               (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
    };
    if (std::none_of(text.cbegin(), text.cend(), [&](QChar c) { return unsafe(c.unicode()); }))
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        if (!unsafe(c))
            out += qc;
        else if (c == u'\n')
            out += QLatin1String("\\n");
        else if (c == u'\r')
            out += QLatin1String("\\r");
        else if (c == u'\t')
            out += QLatin1String("\\t");
        else if (c <= 0xff)
            out += QStringLiteral("\\x%1").arg(int(c), 2, 16, QLatin1Char('0'));
        else
            out += QStringLiteral("\\u%1").arg(int(c), 4, 16, QLatin1Char('0'));
    }
    return out;
}

qint64 requestsDone(const RequestCounts &counts)
{
    qint64 sum = 0;
    if (__builtin_add_overflow(counts.completed, counts.failed, &sum))
        return counts.completed > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
    return sum;
}

qint64 secondsBetween(qint64 from, qint64 to)
{
    qint64 difference = 0;
    if (__builtin_sub_overflow(to, from, &difference))
        return to > from ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
    return difference;
}

} // namespace BatchFormat
