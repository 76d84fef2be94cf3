#pragma once

#include <QtGlobal>

#include <optional>
#include <string_view>

namespace Rfc3339 {
// "2024-09-24T18:37:24.100435Z", "2025-01-01T00:00:00+02:00" -> Unix seconds (the fraction dropped);
// nothing when the text is not an RFC 3339 date-time. Anthropic, Gemini and Together write times so.
std::optional<qint64> parse(std::string_view text);
} // namespace Rfc3339
