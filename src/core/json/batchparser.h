#pragma once

#include "core/api/batchpage.h"

#include <QJsonObject>
#include <QStringList>

// What parsing gives back: a value, or an error that says what was wrong. Never throws.
template <typename T> struct Parsed
{
    T value{};
    QString error;        // empty on success
    QStringList warnings; // odd but survivable input, e.g. a field of the wrong type that was ignored

    bool ok() const { return error.isEmpty(); }
};

// Lenient parsing of the Batch API's JSON: null, absent and "" are alike for optional fields.
namespace BatchParser {
Parsed<Batch> parseBatch(const QJsonObject &object);
Parsed<Batch> parseBatch(const QByteArray &body);
Parsed<BatchPage> parseListPage(const QByteArray &body);
// Reads `body` as a JSON object, or says in `error` why it is not one.
QJsonObject parseObject(const QByteArray &body, QString *error);
} // namespace BatchParser
