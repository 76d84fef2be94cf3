#include "core/providers/providerjson.h"

#include "core/json/batchobjectreader.h"
#include "core/json/jsondocument.h"
#include "core/json/rfc3339.h"
#include "core/results/requestresult.h"

#include <charconv>
#include <limits>

namespace ProviderJson {

qint64 saturatingAdd(qint64 a, qint64 b)
{
    qint64 sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return a > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
    return sum;
}

bool isAbsent(const Value &value)
{
    if (!value || value->is_null())
        return true;
    std::string_view text;
    return value->get_string().get(text) == simdjson::SUCCESS && text.empty();
}

Value member(const Value &parent, const char *key)
{
    return BatchObjectReader::member(parent, key);
}

QString Reader::string(const Value &value, const char *path)
{
    if (isAbsent(value))
        return {};
    if (!value->is_string()) {
        warn(path, value, "a string");
        return {};
    }
    return BatchObjectReader::textOf(value);
}

std::optional<qint64> Reader::count(const Value &value, const char *path)
{
    if (isAbsent(value))
        return std::nullopt;
    int64_t whole = 0;
    std::string_view text;
    if (value->get_int64().get(whole) == simdjson::SUCCESS && whole >= 0)
        return whole;
    if (value->get_string().get(text) == simdjson::SUCCESS) {
        const char *end = text.data() + text.size();
        const auto parsed = std::from_chars(text.data(), end, whole);
        if (parsed.ec == std::errc() && parsed.ptr == end && whole >= 0)
            return whole;
    }
    warn(path, value, "a count (a whole number, or one written as a string)");
    return std::nullopt;
}

std::optional<qint64> Reader::time(const Value &value, const char *path)
{
    if (isAbsent(value))
        return std::nullopt;
    std::string_view text;
    int64_t seconds = 0;
    if (value->get_string().get(text) == simdjson::SUCCESS) {
        if (const auto parsed = Rfc3339::parse(text))
            return parsed;
    } else if (value->get_int64().get(seconds) == simdjson::SUCCESS) {
        return seconds;
    }
    warn(path, value, "an RFC 3339 time");
    return std::nullopt;
}

Value Reader::object(const Value &value, const char *path)
{
    if (isAbsent(value))
        return std::nullopt;
    if (!value->is_object()) {
        warn(path, value, "an object");
        return std::nullopt;
    }
    return value;
}

void Reader::warn(const char *path, const Value &value, const char *expected)
{
    // Bounded: a hostile object with thousands of odd fields is still one batch's worth of warnings.
    if (m_warnings->size() >= 20)
        return;
    QString shown = BatchObjectReader::typeName(value);
    if (value && value->is_string())
        shown = QStringLiteral("\"%1\"").arg(BatchObjectReader::textOf(value).left(40));
    m_warnings->append(QStringLiteral("field '%1' is %2, expected %3; ignored")
                           .arg(QLatin1String(path), shown, QLatin1String(expected)));
}

Parsed<Batch> readObject(const QByteArray &body, const ItemReader &read)
{
    JsonDocument document(body);
    if (QString why = document.objectError(); !why.isEmpty())
        return {Batch(), why, {}};
    const JsonSlicer::Slice source =
        JsonSlicer::whole(std::string_view(body.constData(), size_t(body.size())));
    return read(document.root(), &source);
}

Parsed<BatchPage> readPage(const QByteArray &body, const char *arrayKey, bool arrayOptional,
                           const ItemReader &read,
                           const std::function<void(const element &, Parsed<BatchPage> *)> &root)
{
    Parsed<BatchPage> result;
    JsonDocument document(body);
    result.error = document.objectError();
    if (!result.ok())
        return result;
    const element top = document.root();
    const Value items = member(top, arrayKey);
    if (!(arrayOptional && isAbsent(items)) && (!items || !items->is_array())) {
        result.error = QStringLiteral("the list response's '%1' is %2, expected an array")
                           .arg(QLatin1String(arrayKey), BatchObjectReader::typeName(items));
        return result;
    }
    root(top, &result);
    if (!result.ok()) {
        result.value = BatchPage();
        return result;
    }
    if (!items || !items->is_array())
        return result;
    const simdjson::dom::array array = items->get_array();
    std::vector<JsonSlicer::Slice> sources;
    if (!JsonSlicer::arrayItems(std::string_view(body.constData(), size_t(body.size())), arrayKey,
                                &sources) ||
        sources.size() != array.size())
        sources.clear();
    BatchPage &page = result.value;
    page.data.reserve(array.size());
    size_t index = 0;
    for (const element item : array) {
        ++index;
        if (!item.is_object()) {
            result.error = QStringLiteral("item %1 of the list is %2, expected a batch object")
                               .arg(index)
                               .arg(BatchObjectReader::typeName(item));
            page = BatchPage();
            return result;
        }
        Parsed<Batch> batch = read(item, sources.empty() ? nullptr : &sources[index - 1]);
        if (!batch.ok()) {
            result.error = QStringLiteral("item %1 of the list: %2").arg(index).arg(batch.error);
            page = BatchPage();
            return result;
        }
        if (result.warnings.size() < 100)
            result.warnings += batch.warnings;
        page.data.push_back(std::move(batch.value));
    }
    return result;
}

void setEndedAt(Batch *batch, std::optional<qint64> at)
{
    switch (batch->status.value()) {
    case BatchStatus::Completed:
        batch->completedAt = at;
        break;
    case BatchStatus::Failed:
        batch->failedAt = at;
        break;
    case BatchStatus::Expired:
        batch->expiredAt = at;
        break;
    case BatchStatus::Cancelled:
        batch->cancelledAt = at;
        break;
    default:
        break;
    }
}

} // namespace ProviderJson

namespace ProviderJson {

QString lineError(const JsonDocument &document)
{
    if (!document.ok())
        return QStringLiteral("not JSON");
    if (document.root().is_object())
        return {};
    return QStringLiteral("a JSON %1, not an object")
        .arg(document.root().is_array() ? QStringLiteral("array") : QStringLiteral("value"));
}

QString idString(const Value &value)
{
    if (!value || !value->is_string())
        return {};
    return BatchObjectReader::textOf(value);
}

QString codeText(const Value &value)
{
    int64_t whole = 0;
    if (value && value->get_int64().get(whole) == simdjson::SUCCESS)
        return QString::number(whole);
    return BatchObjectReader::textOf(value);
}

QString brief(const Value &value)
{
    std::string_view text;
    if (!value || value->get_string().get(text) != simdjson::SUCCESS)
        return {};
    // Only the start is shown: convert a few bytes a character of it, cut on a character boundary.
    constexpr size_t kBytes = size_t(RequestResult::kAnswerChars) * 4;
    if (text.size() > kBytes) {
        size_t cut = kBytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        text = text.substr(0, cut);
    }
    const QString whole = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    constexpr qsizetype kMax = RequestResult::kAnswerChars;
    char16_t shown[kMax];
    qsizetype size = 0;
    bool space = false;
    for (const QChar c : whole) {
        const char16_t u = c.unicode();
        // Controls, spaces, line and paragraph separators, bidirectional overrides: one space between words,
        // nothing that moves the cursor or reorders the text.
        const bool blank = u < 0x80
                               ? u <= 0x20 || u == 0x7f
                               : (u <= 0x9f || u == 0x2028 || u == 0x2029 || (u >= 0x202A && u <= 0x202E) ||
                                  (u >= 0x2066 && u <= 0x2069) || c.isSpace());
        if (blank) {
            space = size > 0;
            continue;
        }
        if (space) {
            if (size + 1 >= kMax)
                break;
            shown[size++] = u' ';
            space = false;
        }
        if (size >= kMax || (c.isHighSurrogate() && size + 1 >= kMax))
            break;
        shown[size++] = u;
    }
    return QString(reinterpret_cast<const QChar *>(shown), size);
}

Value first(const Value &array)
{
    simdjson::dom::array items;
    element item;
    if (!array || array->get_array().get(items) != simdjson::SUCCESS ||
        items.at(0).get(item) != simdjson::SUCCESS)
        return std::nullopt;
    return item;
}

} // namespace ProviderJson
