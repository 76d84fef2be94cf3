#include "core/query/queryterm.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

// The values a term compares with: numbers and times.
namespace Query {
namespace {
constexpr qint64 kDay = 86'400;
// The longest span back from now: ten thousand years, as --created-after takes.
constexpr qint64 kMaxSpanSeconds = qint64(10'000) * 366 * kDay;
} // namespace

std::optional<double> parseNumber(QString text)
{
    if (text.startsWith(u'$'))
        text.remove(0, 1);
    text.remove(u'_');
    if (text.isEmpty() || text.size() > 40)
        return std::nullopt;
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<TimeRange> parseTime(QStringView text, qint64 now, bool *isDay, bool *relative)
{
    *isDay = false;
    bool spare = false;
    if (!relative)
        relative = &spare;
    *relative = false;
    if (text.isEmpty() || text.size() > 40)
        return std::nullopt;
    if (text.compare(QLatin1String("today"), Qt::CaseInsensitive) == 0) {
        *isDay = true;
        *relative = true;
        const qint64 midnight = now - ((now % kDay) + kDay) % kDay;
        return TimeRange{midnight, midnight + kDay};
    }
    // 7D, 24H, 2W as well; but not M, which could as well mean months.
    const QChar unit = text.back() == u'M' ? text.back() : text.back().toLower();
    const QStringView digits = text.chopped(1);
    if (!digits.isEmpty() && std::all_of(digits.begin(), digits.end(), [](QChar c) { return c.isDigit(); })) {
        const qint64 seconds = unit == u'm'   ? 60
                               : unit == u'h' ? 3600
                               : unit == u'd' ? kDay
                               : unit == u'w' ? 7 * kDay
                                              : 0;
        bool ok = false;
        const qint64 n = digits.toLongLong(&ok); // beyond qint64: refused, never read as 0 ("now")
        if (seconds == 0 || !ok || n > kMaxSpanSeconds / seconds)
            return std::nullopt;
        *relative = true;
        return TimeRange{now - n * seconds, now - n * seconds + 1};
    }
    const QString string = text.toString();
    if (string.size() == 10) {
        const QDate date = QDate::fromString(string, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        *isDay = true;
        const qint64 from = date.startOfDay(Qt::UTC).toSecsSinceEpoch();
        return TimeRange{from, from + kDay};
    }
    QDateTime time = QDateTime::fromString(string, Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime) // no zone given: UTC, as the API's times and the cost report's days
        time.setTimeSpec(Qt::UTC);
    const qint64 at = time.toSecsSinceEpoch();
    return TimeRange{at, at + 1};
}

} // namespace Query
