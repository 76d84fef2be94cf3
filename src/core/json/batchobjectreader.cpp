#include "core/json/batchobjectreader.h"

#include "core/json/jsondocument.h"
#include "core/json/rfc3339.h"
#include "core/json/stringpool.h"

#include <array>

using simdjson::dom::element;
using simdjson::dom::element_type;

namespace BatchObjectReader {

QString typeName(const std::optional<element> &value)
{
    if (!value)
        return QStringLiteral("missing");
    switch (value->type()) {
    case element_type::NULL_VALUE:
        return QStringLiteral("null");
    case element_type::BOOL:
        return QStringLiteral("a boolean");
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
        return QStringLiteral("a number");
    case element_type::STRING:
        return QStringLiteral("a string");
    case element_type::ARRAY:
        return QStringLiteral("an array");
    case element_type::OBJECT:
        return QStringLiteral("an object");
    }
    return QStringLiteral("missing");
}

namespace {

bool isAbsent(const std::optional<element> &value)
{
    if (!value || value->is_null())
        return true;
    std::string_view text;
    return value->get_string().get(text) == simdjson::SUCCESS && text.empty();
}

} // namespace

QString textOf(const std::optional<element> &value)
{
    std::string_view text;
    if (!value || value->get_string().get(text) != simdjson::SUCCESS)
        return {};
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

namespace {

// For values that repeat from batch to batch.
QString sharedTextOf(const std::optional<element> &value)
{
    std::string_view text;
    if (!value || value->get_string().get(text) != simdjson::SUCCESS)
        return {};
    return StringPool::shared(text);
}

// The fields of a batch we read, found in one pass over the object (the DOM looks keys up linearly).
enum Field {
    Id,
    Status,
    CreatedAt,
    Endpoint,
    Model,
    InputFileId,
    OutputFileId,
    ErrorFileId,
    CompletionWindow,
    InProgressAt,
    ExpiresAt,
    FinalizingAt,
    CompletedAt,
    FailedAt,
    ExpiredAt,
    CancellingAt,
    CancelledAt,
    RequestCounts,
    Usage,
    Errors,
    Metadata,
    Progress,
    FieldCount
};

constexpr std::array<std::string_view, FieldCount> fieldNames = {"id",
                                                                 "status",
                                                                 "created_at",
                                                                 "endpoint",
                                                                 "model",
                                                                 "input_file_id",
                                                                 "output_file_id",
                                                                 "error_file_id",
                                                                 "completion_window",
                                                                 "in_progress_at",
                                                                 "expires_at",
                                                                 "finalizing_at",
                                                                 "completed_at",
                                                                 "failed_at",
                                                                 "expired_at",
                                                                 "cancelling_at",
                                                                 "cancelled_at",
                                                                 "request_counts",
                                                                 "usage",
                                                                 "errors",
                                                                 "metadata",
                                                                 "progress"};

using Fields = std::array<std::optional<element>, FieldCount>;

// The fields by the length of their name: a key is compared only with names as long as it (at most five).
struct FieldsByLength
{
    static constexpr size_t kLongest = 17;
    std::array<std::array<int, 6>, kLongest + 1> fields{};

    constexpr FieldsByLength()
    {
        for (auto &candidates : fields) {
            for (int &candidate : candidates)
                candidate = -1;
        }
        for (int f = 0; f < FieldCount; ++f) {
            auto &candidates = fields[fieldNames[size_t(f)].size()];
            size_t free = 0;
            while (candidates[free] >= 0)
                ++free;
            candidates[free] = f;
        }
    }
};
constexpr FieldsByLength fieldsByLength;

Fields fieldsOf(simdjson::dom::object object)
{
    Fields fields;
    for (const simdjson::dom::key_value_pair pair : object) {
        if (pair.key.size() > FieldsByLength::kLongest)
            continue;
        for (const int f : fieldsByLength.fields[pair.key.size()]) {
            if (f < 0)
                break;
            if (pair.key == fieldNames[size_t(f)]) {
                fields[size_t(f)] = pair.value;
                break;
            }
        }
    }
    return fields;
}

} // namespace

std::optional<element> member(const std::optional<element> &parent, const char *key)
{
    element value;
    if (!parent || (*parent)[key].get(value) != simdjson::SUCCESS)
        return std::nullopt;
    return value;
}

namespace {

// Reads optional fields, collecting warnings for values of the wrong type.
class FieldReader
{
public:
    explicit FieldReader(QStringList *warnings)
        : m_warnings(warnings)
    {
    }

    QString string(const std::optional<element> &value, const char *path, bool repeats = false)
    {
        if (isAbsent(value))
            return {};
        if (!value->is_string()) {
            warn(path, value, "a string");
            return {};
        }
        return repeats ? sharedTextOf(value) : textOf(value);
    }

    std::optional<qint64> integer(const std::optional<element> &value, const char *path)
    {
        if (isAbsent(value))
            return std::nullopt;
        int64_t whole = 0;
        double number = 0;
        if (value->get_int64().get(whole) == simdjson::SUCCESS)
            return whole;
        // A fraction is still a number (truncated); beyond 2^53 a double is not a count or time to trust.
        if (value->is_double() && value->get_double().get(number) == simdjson::SUCCESS &&
            number >= -9007199254740992.0 && number <= 9007199254740992.0)
            return static_cast<qint64>(number);
        warn(path, value, "a whole number");
        return std::nullopt;
    }

    // Unix seconds, or an RFC 3339 string as some OpenAI-compatible services (Together) write times.
    std::optional<qint64> time(const std::optional<element> &value, const char *path)
    {
        std::string_view text;
        if (!isAbsent(value) && value->get_string().get(text) == simdjson::SUCCESS) {
            if (const auto seconds = Rfc3339::parse(text))
                return seconds;
        }
        return integer(value, path);
    }

    // The value when it is an object; nothing (with a warning for any other type) otherwise.
    std::optional<element> object(const std::optional<element> &value, const char *path)
    {
        if (isAbsent(value))
            return std::nullopt;
        if (!value->is_object()) {
            warn(path, value, "an object");
            return std::nullopt;
        }
        return value;
    }

    void warn(const char *path, const std::optional<element> &value, const char *expected)
    {
        m_warnings->append(QStringLiteral("field '%1' is %2, expected %3; ignored")
                               .arg(QLatin1String(path), typeName(value), QLatin1String(expected)));
    }

private:
    QStringList *m_warnings;
};

QString requiredString(const std::optional<element> &value, const char *key, QString *error)
{
    if (!value || !value->is_string() || isAbsent(value)) {
        *error = QStringLiteral("required field '%1' is %2")
                     .arg(QLatin1String(key),
                          value && value->is_string() ? QStringLiteral("empty") : typeName(value));
        return {};
    }
    return textOf(*value);
}

void readCountsAndUsage(FieldReader &reader, const Fields &fields, Batch &batch)
{
    const std::optional<element> counts = reader.object(fields[RequestCounts], "request_counts");
    if (counts && counts->get_object().size() > 0) {
        batch.requestCounts.present = true;
        batch.requestCounts.total =
            reader.integer(member(counts, "total"), "request_counts.total").value_or(0);
        batch.requestCounts.completed =
            reader.integer(member(counts, "completed"), "request_counts.completed").value_or(0);
        batch.requestCounts.failed =
            reader.integer(member(counts, "failed"), "request_counts.failed").value_or(0);
    }

    const std::optional<element> usage = reader.object(fields[Usage], "usage");
    if (usage && usage->get_object().size() > 0) {
        BatchUsage u;
        u.inputTokens = reader.integer(member(usage, "input_tokens"), "usage.input_tokens").value_or(0);
        u.outputTokens = reader.integer(member(usage, "output_tokens"), "usage.output_tokens").value_or(0);
        u.totalTokens = reader.integer(member(usage, "total_tokens"), "usage.total_tokens").value_or(0);
        const auto inDetails =
            reader.object(member(usage, "input_tokens_details"), "usage.input_tokens_details");
        u.cachedTokens =
            reader.integer(member(inDetails, "cached_tokens"), "usage.input_tokens_details.cached_tokens")
                .value_or(0);
        const auto outDetails =
            reader.object(member(usage, "output_tokens_details"), "usage.output_tokens_details");
        u.reasoningTokens = reader
                                .integer(member(outDetails, "reasoning_tokens"),
                                         "usage.output_tokens_details.reasoning_tokens")
                                .value_or(0);
        batch.usage = u;
    }
}

void readErrorsAndMetadata(FieldReader &reader, const Fields &fields, Batch &batch)
{
    const std::optional<element> list = member(reader.object(fields[Errors], "errors"), "data");
    if (list && list->is_array()) {
        for (const element entry : list->get_array()) {
            if (!entry.is_object()) {
                reader.warn("errors.data[]", entry, "an object");
                continue;
            }
            BatchError error;
            error.code = textOf(member(entry, "code"));
            error.message = textOf(member(entry, "message"));
            error.param = textOf(member(entry, "param"));
            error.line = reader.integer(member(entry, "line"), "errors.data[].line");
            batch.errors.append(error);
        }
    } else if (!isAbsent(list)) {
        reader.warn("errors.data", list, "an array");
    }

    const std::optional<element> metadata = reader.object(fields[Metadata], "metadata");
    if (!metadata)
        return;
    for (const simdjson::dom::key_value_pair pair : metadata->get_object()) {
        // Metadata values are strings by contract; anything else is kept as its JSON text.
        batch.metadata.insert(StringPool::shared(pair.key),
                              pair.value.is_string() ? sharedTextOf(pair.value)
                                                     : QString::fromUtf8(JsonDocument::compact(pair.value)));
    }
}

// `source`: the object's bytes in the body, when found.

} // namespace

Parsed<Batch> read(const element &object, const JsonSlicer::Slice *source)
{
    Parsed<Batch> result;
    Batch &batch = result.value;
    const Fields fields = fieldsOf(object.get_object());
    batch.id = requiredString(fields[Id], "id", &result.error);
    if (!result.ok())
        return result;
    const QString status = requiredString(fields[Status], "status", &result.error);
    if (!result.ok()) {
        result.error = batch.id % QStringLiteral(": ") % result.error;
        return result;
    }
    batch.status = BatchStatus::fromString(status);
    // OpenAI-compatible services that shout ("COMPLETED", Together) mean the same statuses.
    if (batch.status.value() == BatchStatus::Unknown)
        batch.status = BatchStatus::fromString(status.toLower());
    if (batch.status.value() == BatchStatus::Unknown)
        batch.status = BatchStatus::fromString(status); // the server's own word, as sent
    batch.rawStatus = status;

    FieldReader reader(&result.warnings);
    const std::optional<qint64> created = reader.time(fields[CreatedAt], "created_at");
    if (!created) {
        result.error = QStringLiteral("%1: required field 'created_at' is %2, expected Unix seconds")
                           .arg(batch.id, typeName(fields[CreatedAt]));
        return result;
    }
    batch.createdAt = *created;
    batch.endpoint = reader.string(fields[Endpoint], "endpoint", true);
    batch.model = reader.string(fields[Model], "model", true);
    batch.inputFileId = reader.string(fields[InputFileId], "input_file_id");
    batch.outputFileId = reader.string(fields[OutputFileId], "output_file_id");
    batch.errorFileId = reader.string(fields[ErrorFileId], "error_file_id");
    batch.completionWindow = reader.string(fields[CompletionWindow], "completion_window", true);
    batch.inProgressAt = reader.time(fields[InProgressAt], "in_progress_at");
    batch.expiresAt = reader.time(fields[ExpiresAt], "expires_at");
    batch.finalizingAt = reader.time(fields[FinalizingAt], "finalizing_at");
    batch.completedAt = reader.time(fields[CompletedAt], "completed_at");
    batch.failedAt = reader.time(fields[FailedAt], "failed_at");
    batch.expiredAt = reader.time(fields[ExpiredAt], "expired_at");
    batch.cancellingAt = reader.time(fields[CancellingAt], "cancelling_at");
    batch.cancelledAt = reader.time(fields[CancelledAt], "cancelled_at");
    readCountsAndUsage(reader, fields, batch);
    readErrorsAndMetadata(reader, fields, batch);
    // Together's percentage: kept for the detail pane (its COMPLETED can still hold failed requests).
    double progress = 0;
    if (!isAbsent(fields[Progress])) {
        if (fields[Progress]->get_double().get(progress) == simdjson::SUCCESS && progress >= 0 &&
            progress <= 100)
            batch.providerDetails.append(
                {QStringLiteral("progress"), QString::number(progress, 'g', 4) + u'%'});
        else
            reader.warn("progress", fields[Progress], "a percentage");
    }
    batch.json = source ? JsonDocument::compact(*source) : JsonDocument::compact(object);

    for (QString &warning : result.warnings)
        warning = batch.id % QStringLiteral(": ") % warning;
    return result;
}

} // namespace BatchObjectReader
