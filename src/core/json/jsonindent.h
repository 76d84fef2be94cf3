#pragma once

#include <QByteArray>

// JSON laid out for reading: one member or element a line, indented, keys in the order they came and every
// string exactly as sent (escapes kept). QJsonDocument would sort the keys and re-escape the strings, so the
// view would not show what the server wrote.
namespace JsonIndent {
// `json` laid out with `width` spaces a level, or empty when it is not one JSON value.
QByteArray indented(const QByteArray &json, int width = 2);
} // namespace JsonIndent
