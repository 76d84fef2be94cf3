#pragma once

#include <QByteArray>
#include <QDateTime>

#include <optional>

// The official SDKs' retry rules, as pure functions so they can be tested without a network.
namespace RetryPolicy {
// 408, 409, 429 and every 5xx.
bool isRetryableStatus(int httpStatus);
// `x-should-retry: true|false` overrides the status; anything else says nothing.
std::optional<bool> shouldRetryHeader(const QByteArray &value);
// Whether a failed attempt with this status (0: no answer) and header should be tried again.
bool shouldRetry(int httpStatus, const QByteArray &xShouldRetry);
// The server's wish from `retry-after-ms` or `retry-after` (seconds or an HTTP date), if within 0..60 s.
std::optional<int> serverDelayMs(const QByteArray &retryAfterMs, const QByteArray &retryAfter,
                                 const QDateTime &now);
// min(0.5 * 2^retryIndex, 8) s, less up to 25% jitter; `random01` in [0, 1).
int backoffDelayMs(int retryIndex, double random01);
} // namespace RetryPolicy
