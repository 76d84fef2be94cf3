#include "batchparser.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

bool isAbsent(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty());
}

// Reads the optional fields of one batch, collecting warnings for values of the wrong type.
class FieldReader
{
public:
    FieldReader(const QJsonObject &object, QStringList *warnings)
        : m_object(object)
        , m_warnings(warnings)
    {
    }

    QString string(QLatin1String key)
    {
        const QJsonValue value = m_object.value(key);
        if (isAbsent(value))
            return {};
        if (!value.isString()) {
            warn(key, value, "a string");
            return {};
        }
        return value.toString();
    }

    std::optional<qint64> integer(const QJsonObject &object, QLatin1String key, QLatin1String path)
    {
        const QJsonValue value = object.value(key);
        if (isAbsent(value))
            return std::nullopt;
        if (value.isDouble()) {
            const double number = value.toDouble();
            // Beyond 2^53 doubles stop being exact; such a value is not a count or a time we can trust.
            if (number >= -9007199254740992.0 && number <= 9007199254740992.0)
                return static_cast<qint64>(number);
        }
        warn(path, value, "a whole number");
        return std::nullopt;
    }

    std::optional<qint64> integer(QLatin1String key) { return integer(m_object, key, key); }

    QJsonObject object(const QJsonObject &parent, QLatin1String key, QLatin1String path)
    {
        const QJsonValue value = parent.value(key);
        if (isAbsent(value))
            return {};
        if (!value.isObject()) {
            warn(path, value, "an object");
            return {};
        }
        return value.toObject();
    }

    QJsonObject object(QLatin1String key) { return object(m_object, key, key); }

    void warn(QLatin1String path, const QJsonValue &value, const char *expected)
    {
        m_warnings->append(QStringLiteral("field '%1' is %2, expected %3; ignored")
                               .arg(path, typeName(value), QLatin1String(expected)));
    }

private:
    const QJsonObject &m_object;
    QStringList *m_warnings;
};

QString requiredString(const QJsonObject &object, QLatin1String key, QString *error)
{
    const QJsonValue value = object.value(key);
    if (!value.isString() || value.toString().isEmpty()) {
        *error = QStringLiteral("required field '%1' is %2")
                     .arg(key, value.isString() ? QStringLiteral("empty") : typeName(value));
        return {};
    }
    return value.toString();
}

void readCountsAndUsage(FieldReader &reader, Batch &batch)
{
    const QJsonObject counts = reader.object(QLatin1String("request_counts"));
    if (!counts.isEmpty()) {
        batch.requestCounts.present = true;
        batch.requestCounts.total =
            reader.integer(counts, QLatin1String("total"), QLatin1String("request_counts.total")).value_or(0);
        batch.requestCounts.completed =
            reader.integer(counts, QLatin1String("completed"), QLatin1String("request_counts.completed"))
                .value_or(0);
        batch.requestCounts.failed =
            reader.integer(counts, QLatin1String("failed"), QLatin1String("request_counts.failed"))
                .value_or(0);
    }

    const QJsonObject usage = reader.object(QLatin1String("usage"));
    if (!usage.isEmpty()) {
        BatchUsage u;
        u.inputTokens =
            reader.integer(usage, QLatin1String("input_tokens"), QLatin1String("usage.input_tokens"))
                .value_or(0);
        u.outputTokens =
            reader.integer(usage, QLatin1String("output_tokens"), QLatin1String("usage.output_tokens"))
                .value_or(0);
        u.totalTokens =
            reader.integer(usage, QLatin1String("total_tokens"), QLatin1String("usage.total_tokens"))
                .value_or(0);
        const QJsonObject inDetails = reader.object(usage, QLatin1String("input_tokens_details"),
                                                    QLatin1String("usage.input_tokens_details"));
        u.cachedTokens = reader
                             .integer(inDetails, QLatin1String("cached_tokens"),
                                      QLatin1String("usage.input_tokens_details.cached_tokens"))
                             .value_or(0);
        const QJsonObject outDetails = reader.object(usage, QLatin1String("output_tokens_details"),
                                                     QLatin1String("usage.output_tokens_details"));
        u.reasoningTokens = reader
                                .integer(outDetails, QLatin1String("reasoning_tokens"),
                                         QLatin1String("usage.output_tokens_details.reasoning_tokens"))
                                .value_or(0);
        batch.usage = u;
    }
}

void readErrorsAndMetadata(FieldReader &reader, Batch &batch)
{
    const QJsonObject errors = reader.object(QLatin1String("errors"));
    const QJsonValue list = errors.value(QLatin1String("data"));
    if (list.isArray()) {
        for (const QJsonValue &entry : list.toArray()) {
            if (!entry.isObject()) {
                reader.warn(QLatin1String("errors.data[]"), entry, "an object");
                continue;
            }
            const QJsonObject e = entry.toObject();
            BatchError error;
            error.code = e.value(QLatin1String("code")).toString();
            error.message = e.value(QLatin1String("message")).toString();
            error.param = e.value(QLatin1String("param")).toString();
            error.line = reader.integer(e, QLatin1String("line"), QLatin1String("errors.data[].line"));
            batch.errors.append(error);
        }
    } else if (!isAbsent(list)) {
        reader.warn(QLatin1String("errors.data"), list, "an array");
    }

    const QJsonObject metadata = reader.object(QLatin1String("metadata"));
    for (auto it = metadata.begin(); it != metadata.end(); ++it) {
        // Metadata values are strings by contract; anything else is kept as its JSON text.
        const QJsonValue value = it.value();
        if (value.isString()) {
            batch.metadata.insert(it.key(), value.toString());
        } else {
            const QJsonDocument wrapped(QJsonArray{value});
            const QByteArray text = wrapped.toJson(QJsonDocument::Compact);
            batch.metadata.insert(it.key(), QString::fromUtf8(text.mid(1, text.size() - 2)));
        }
    }
}

} // namespace

namespace BatchParser {

Parsed<Batch> parseBatch(const QJsonObject &object)
{
    Parsed<Batch> result;
    Batch &batch = result.value;
    batch.id = requiredString(object, QLatin1String("id"), &result.error);
    if (!result.ok())
        return result;
    const QString status = requiredString(object, QLatin1String("status"), &result.error);
    if (!result.ok()) {
        result.error = batch.id % QStringLiteral(": ") % result.error;
        return result;
    }
    batch.status = BatchStatus::fromString(status);

    FieldReader reader(object, &result.warnings);
    const std::optional<qint64> created = reader.integer(QLatin1String("created_at"));
    if (!created) {
        result.error = QStringLiteral("%1: required field 'created_at' is %2, expected Unix seconds")
                           .arg(batch.id, typeName(object.value(QLatin1String("created_at"))));
        return result;
    }
    batch.createdAt = *created;
    batch.endpoint = reader.string(QLatin1String("endpoint"));
    batch.model = reader.string(QLatin1String("model"));
    batch.inputFileId = reader.string(QLatin1String("input_file_id"));
    batch.outputFileId = reader.string(QLatin1String("output_file_id"));
    batch.errorFileId = reader.string(QLatin1String("error_file_id"));
    batch.completionWindow = reader.string(QLatin1String("completion_window"));
    batch.inProgressAt = reader.integer(QLatin1String("in_progress_at"));
    batch.expiresAt = reader.integer(QLatin1String("expires_at"));
    batch.finalizingAt = reader.integer(QLatin1String("finalizing_at"));
    batch.completedAt = reader.integer(QLatin1String("completed_at"));
    batch.failedAt = reader.integer(QLatin1String("failed_at"));
    batch.expiredAt = reader.integer(QLatin1String("expired_at"));
    batch.cancellingAt = reader.integer(QLatin1String("cancelling_at"));
    batch.cancelledAt = reader.integer(QLatin1String("cancelled_at"));
    readCountsAndUsage(reader, batch);
    readErrorsAndMetadata(reader, batch);
    batch.json = QJsonDocument(object).toJson(QJsonDocument::Compact);

    for (QString &warning : result.warnings)
        warning = batch.id % QStringLiteral(": ") % warning;
    return result;
}

QJsonObject parseObject(const QByteArray &body, QString *error)
{
    if (body.trimmed().isEmpty()) {
        *error = QStringLiteral("the response body is empty");
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("the response is not valid JSON (%1 at byte %2 of %3)")
                     .arg(parseError.errorString())
                     .arg(parseError.offset)
                     .arg(body.size());
        return {};
    }
    if (!document.isObject()) {
        *error = QStringLiteral("the response is a JSON %1, expected an object")
                     .arg(document.isArray() ? QStringLiteral("array") : QStringLiteral("value"));
        return {};
    }
    return document.object();
}

Parsed<Batch> parseBatch(const QByteArray &body)
{
    Parsed<Batch> result;
    const QJsonObject object = parseObject(body, &result.error);
    if (!result.ok())
        return result;
    return parseBatch(object);
}

Parsed<BatchPage> parseListPage(const QByteArray &body)
{
    Parsed<BatchPage> result;
    const QJsonObject object = parseObject(body, &result.error);
    if (!result.ok())
        return result;

    const QJsonValue data = object.value(QLatin1String("data"));
    if (!data.isArray()) {
        result.error =
            QStringLiteral("the list response's 'data' is %1, expected an array").arg(typeName(data));
        return result;
    }
    const QJsonValue hasMore = object.value(QLatin1String("has_more"));
    if (!hasMore.isBool()) {
        result.error = QStringLiteral("the list response's 'has_more' is %1, expected true or false")
                           .arg(typeName(hasMore));
        return result;
    }
    const QJsonValue kind = object.value(QLatin1String("object"));
    if (kind.isString() && kind.toString() != QLatin1String("list"))
        result.warnings.append(
            QStringLiteral("the list response's 'object' is \"%1\", expected \"list\"").arg(kind.toString()));

    BatchPage &page = result.value;
    page.hasMore = hasMore.toBool();
    page.firstId = object.value(QLatin1String("first_id")).toString();
    page.lastId = object.value(QLatin1String("last_id")).toString();
    const QJsonArray items = data.toArray();
    page.data.reserve(static_cast<size_t>(items.size()));
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonValue item = items.at(i);
        if (!item.isObject()) {
            result.error = QStringLiteral("item %1 of the list is %2, expected a batch object")
                               .arg(i + 1)
                               .arg(typeName(item));
            page = BatchPage();
            return result;
        }
        Parsed<Batch> batch = parseBatch(item.toObject());
        if (!batch.ok()) {
            // Dropping it would silently show fewer batches than the account holds.
            result.error = QStringLiteral("item %1 of the list: %2").arg(i + 1).arg(batch.error);
            page = BatchPage(); // half a page is not a page
            return result;
        }
        result.warnings += batch.warnings;
        page.data.push_back(std::move(batch.value));
    }
    return result;
}

} // namespace BatchParser
