#pragma once

#include "core/json/batchparser.h"
#include "core/json/jsonslicer.h"

#include <simdjson.h>

#include <functional>
#include <optional>
#include <string_view>

class JsonDocument;

// What the adapters of providers whose objects are not OpenAI's share: reading simdjson's DOM leniently
// (a value of the wrong type is a warning, never a crash), RFC 3339 times, int64 counts written as JSON
// strings, and a page whose items keep their bytes as received.
namespace ProviderJson {
using simdjson::dom::element;
using Value = std::optional<element>;

// Saturating a + b: a hostile count cannot overflow a sum.
qint64 saturatingAdd(qint64 a, qint64 b);

class Reader
{
public:
    explicit Reader(QStringList *warnings)
        : m_warnings(warnings)
    {
    }
    // Absent, null and "" are alike (nothing, no warning).
    QString string(const Value &value, const char *path);
    // A whole number, or one written as a JSON string ("12", as Google writes int64); negative counts and
    // numbers beyond qint64 are warnings.
    std::optional<qint64> count(const Value &value, const char *path);
    // An RFC 3339 string, or Unix seconds.
    std::optional<qint64> time(const Value &value, const char *path);
    Value object(const Value &value, const char *path);
    void warn(const char *path, const Value &value, const char *expected);

private:
    QStringList *m_warnings;
};

bool isAbsent(const Value &value);
Value member(const Value &parent, const char *key);

// Reads one item of a page; `source` holds its bytes as received, or is null when they could not be found.
using ItemReader = std::function<Parsed<Batch>(const element &item, const JsonSlicer::Slice *source)>;
// A whole body holding one object: the checks every adapter makes first.
Parsed<Batch> readObject(const QByteArray &body, const ItemReader &read);
// A list body: its items under `arrayKey` (absent counts as none when `arrayOptional`, as Gemini leaves an
// empty list out), read one by one; any item that fails fails the page (half a page is not a page). `root`
// is called with the top-level object for the cursor fields.
Parsed<BatchPage> readPage(const QByteArray &body, const char *arrayKey, bool arrayOptional,
                           const ItemReader &read,
                           const std::function<void(const element &root, Parsed<BatchPage> *page)> &root);
// Lines of batch files (ProviderAdapter::readResultLine and readInputLine).
// Why one line is not one JSON object, or empty when it is.
QString lineError(const JsonDocument &document);
// An id (custom_id, Gemini's key): a non-empty string, else empty (a number is no id).
QString idString(const Value &value);
// An error's code as text: a string, or a number as some services write it.
QString codeText(const Value &value);
// A model's answer as the results explorer lists it: control characters replaced, on one line, at most
// RequestResult::kAnswerChars characters; a long answer converts only its start.
QString brief(const Value &text);
// The first element of an array, if any.
Value first(const Value &array);

// Providers that give one end time (Anthropic's ended_at, Gemini's endTime): the field of the batch's
// terminal status takes it; a batch not ended keeps none.
void setEndedAt(Batch *batch, std::optional<qint64> at);
} // namespace ProviderJson
