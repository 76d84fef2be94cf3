#pragma once

#include <QByteArray>
#include <QString>

#include "core/json/jsonslicer.h"

#include <simdjson.h>

#include <memory>

// A JSON text parsed with simdjson's DOM, or the reason it is not JSON. The parser that holds the tape is
// reused per thread for ordinary bodies; a huge body gets its own, so no thread keeps its capacity.
class JsonDocument
{
public:
    explicit JsonDocument(const QByteArray &body);
    ~JsonDocument();
    JsonDocument(const JsonDocument &) = delete;
    JsonDocument &operator=(const JsonDocument &) = delete;

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    simdjson::dom::element root() const { return m_root; }
    // Why the body is not one JSON object (not JSON, or an array or a bare value), or empty when it is.
    QString objectError() const;

    // Compact JSON of a value, keys in the order they came.
    static QByteArray compact(const simdjson::dom::element &value);
    // The bytes of a value as received, minified when they hold whitespace.
    static QByteArray compact(const JsonSlicer::Slice &slice);

private:
    std::unique_ptr<simdjson::dom::parser> m_own;
    simdjson::dom::element m_root;
    QString m_error;
};
