#include "core/api/retrypolicy.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace RetryPolicy {

bool isRetryableStatus(int httpStatus)
{
    return httpStatus == 408 || httpStatus == 409 || httpStatus == 429 || httpStatus >= 500;
}

std::optional<bool> shouldRetryHeader(const QByteArray &value)
{
    const QByteArray v = value.trimmed().toLower();
    if (v == "true")
        return true;
    if (v == "false")
        return false;
    return std::nullopt;
}

bool shouldRetry(int httpStatus, const QByteArray &xShouldRetry)
{
    if (const std::optional<bool> told = shouldRetryHeader(xShouldRetry))
        return *told;
    return httpStatus == 0 || isRetryableStatus(httpStatus);
}

std::optional<int> serverDelayMs(const QByteArray &retryAfterMs, const QByteArray &retryAfter,
                                 const QDateTime &now)
{
    double ms = 0;
    bool ok = false;
    if (!retryAfterMs.trimmed().isEmpty())
        ms = retryAfterMs.trimmed().toDouble(&ok);
    // As the SDKs do, a zero or missing `retry-after-ms` falls through to `retry-after`.
    if ((!ok || ms == 0) && !retryAfter.trimmed().isEmpty()) {
        const double seconds = retryAfter.trimmed().toDouble(&ok);
        if (ok) {
            ms = seconds * 1000;
        } else {
            // HTTP dates end in "GMT", which Qt's RFC 2822 reader wants as an offset.
            QString date = QString::fromLatin1(retryAfter.trimmed());
            if (date.endsWith(QLatin1String(" GMT")))
                date = date.chopped(4) + QLatin1String(" +0000");
            const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
            ok = when.isValid();
            ms = ok ? static_cast<double>(now.msecsTo(when)) : 0;
        }
    }
    if (!ok || !(ms > 0 && ms < 60'000))
        return std::nullopt;
    return static_cast<int>(std::ceil(ms));
}

int backoffDelayMs(int retryIndex, double random01)
{
    const double seconds = std::min(0.5 * std::pow(2.0, std::max(0, retryIndex)), 8.0);
    const double jitter = 1.0 - 0.25 * std::clamp(random01, 0.0, 1.0);
    return static_cast<int>(seconds * jitter * 1000);
}

} // namespace RetryPolicy
