#pragma once

#include "core/json/batchparser.h"
#include "core/json/jsonslicer.h"

#include <simdjson.h>

#include <optional>

// Reads one batch object of simdjson's DOM into a Batch: lenient about optional fields (null, absent and ""
// alike; a value of the wrong type is a warning), strict about id, status and created_at.
namespace BatchObjectReader {
// `source`: the object's bytes in the body, kept as the batch's JSON; without it the object is printed again.
Parsed<Batch> read(const simdjson::dom::element &object, const JsonSlicer::Slice *source);
// "null", "a string", "an object"... or "missing", for messages.
QString typeName(const std::optional<simdjson::dom::element> &value);
// The text of a string value; empty for anything else.
QString textOf(const std::optional<simdjson::dom::element> &value);
std::optional<simdjson::dom::element> member(const std::optional<simdjson::dom::element> &parent,
                                             const char *key);
} // namespace BatchObjectReader
