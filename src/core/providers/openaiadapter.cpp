#include "core/providers/openaiadapter.h"

#include "core/api/uploadbody.h"
#include "core/json/jsondocument.h"
#include "core/providers/providerjson.h"

#include <QJsonDocument>
#include <QJsonObject>

QUrl OpenAiAdapter::url(const ApiConfig &config, const QString &path, QUrlQuery query) const
{
    return config.endpoint(path, query);
}

ProviderAdapter::Request OpenAiAdapter::item(const ApiConfig &config, const QByteArray &verb,
                                             const QString &collection, const QString &id,
                                             const QString &suffix) const
{
    const QString refusal = unusableIdReason(id);
    if (!refusal.isEmpty())
        return refused(refusal);
    Request request;
    request.verb = verb;
    request.url = url(config, collection + u'/' + id + suffix); // decoded in, encoded once
    return request;
}

ProviderAdapter::Request OpenAiAdapter::list(const ApiConfig &config, const QString &cursor, int limit) const
{
    QUrlQuery query;
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("after"), QString::fromLatin1(QUrl::toPercentEncoding(cursor)));
    if (limit > 0)
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    Request request;
    request.url = url(config, QStringLiteral("batches"), query);
    return request;
}

ProviderAdapter::Request OpenAiAdapter::retrieve(const ApiConfig &config, const QString &id) const
{
    return item(config, QByteArrayLiteral("GET"), QStringLiteral("batches"), id);
}

ProviderAdapter::Request OpenAiAdapter::cancel(const ApiConfig &config, const QString &id) const
{
    return item(config, QByteArrayLiteral("POST"), QStringLiteral("batches"), id, QStringLiteral("/cancel"));
}

ProviderAdapter::Request OpenAiAdapter::fileInfo(const ApiConfig &config, const QString &fileId) const
{
    return item(config, QByteArrayLiteral("GET"), QStringLiteral("files"), fileId);
}

ProviderAdapter::Request OpenAiAdapter::fileContent(const ApiConfig &config, const QString &fileId) const
{
    return item(config, QByteArrayLiteral("GET"), QStringLiteral("files"), fileId,
                QStringLiteral("/content"));
}

void OpenAiAdapter::authorize(const ApiConfig &config, QNetworkRequest *request) const
{
    if (!config.apiKey.isEmpty())
        request->setRawHeader("Authorization", "Bearer " + config.apiKey.toUtf8());
    if (!config.organization.isEmpty())
        request->setRawHeader("OpenAI-Organization", config.organization.toUtf8());
    if (!config.project.isEmpty())
        request->setRawHeader("OpenAI-Project", config.project.toUtf8());
}

Parsed<Batch> OpenAiAdapter::parseBatch(const QByteArray &body) const
{
    Parsed<Batch> parsed = BatchParser::parseBatch(body);
    if (parsed.ok()) {
        if (const QString why = unusableIdReason(parsed.value.id); !why.isEmpty()) {
            parsed.error = QStringLiteral("required field 'id' is unusable: %1").arg(why);
            parsed.value = Batch();
        }
    }
    return parsed;
}

Parsed<BatchPage> OpenAiAdapter::parsePage(const QByteArray &body) const
{
    // A batch whose id cannot be asked for would be held and fail every refresh after: the page fails now,
    // loudly, instead of a run that is short without saying so.
    Parsed<BatchPage> parsed = BatchParser::parseListPage(body);
    for (size_t i = 0; parsed.ok() && i < parsed.value.data.size(); ++i) {
        if (const QString why = unusableIdReason(parsed.value.data[i].id); !why.isEmpty()) {
            parsed.error = QStringLiteral("item %1 of the list: required field 'id' is unusable: %2")
                               .arg(i + 1)
                               .arg(why);
            parsed.value = BatchPage();
        }
    }
    return parsed;
}

Parsed<FileInfo> OpenAiAdapter::parseFileInfo(const QByteArray &body) const
{
    Parsed<FileInfo> result;
    const Parsed<Batch> read =
        ProviderJson::readObject(body, [&result](const ProviderJson::element &o, const JsonSlicer::Slice *) {
            using ProviderJson::member;
            ProviderJson::Reader reader(&result.warnings);
            FileInfo &file = result.value;
            const ProviderJson::Value object = o;
            file.id = reader.string(member(object, "id"), "id");
            file.filename = reader.string(member(object, "filename"), "filename");
            file.bytes = reader.count(member(object, "bytes"), "bytes").value_or(-1);
            file.createdAt = reader.time(member(object, "created_at"), "created_at");
            file.expiresAt = reader.time(member(object, "expires_at"), "expires_at");
            file.purpose = reader.string(member(object, "purpose"), "purpose");
            return Parsed<Batch>();
        });
    result.error = read.error;
    return result;
}

namespace {
using ProviderJson::element;
using ProviderJson::member;
using ProviderJson::Value;

// The model's first text: chat completions, legacy completions, or the Responses API's output items.
Value firstText(const Value &body)
{
    const Value choice = ProviderJson::first(member(body, "choices"));
    for (const Value &text : {member(member(choice, "message"), "content"), member(choice, "text")}) {
        if (text && text->is_string())
            return text;
    }
    const Value output = member(body, "output");
    if (!output || !output->is_array())
        return std::nullopt;
    for (const element item : output->get_array()) {
        const Value content = member(item, "content");
        if (!content || !content->is_array())
            continue;
        for (const element part : content->get_array()) {
            const Value text = member(part, "text");
            if (text && text->is_string())
                return text;
        }
    }
    return std::nullopt;
}

// Chat completions count prompt and completion tokens; the Responses API input and output tokens.
void readUsage(ProviderJson::Reader &reader, const Value &body, ResultLine *line)
{
    const Value usage = reader.object(member(body, "usage"), "response.body.usage");
    if (!usage)
        return;
    line->inputTokens = reader.count(member(usage, "prompt_tokens"), "usage.prompt_tokens");
    if (!line->inputTokens)
        line->inputTokens = reader.count(member(usage, "input_tokens"), "usage.input_tokens");
    line->outputTokens = reader.count(member(usage, "completion_tokens"), "usage.completion_tokens");
    if (!line->outputTokens)
        line->outputTokens = reader.count(member(usage, "output_tokens"), "usage.output_tokens");
}

void readError(ProviderJson::Reader &reader, const Value &error, const char *path, ResultLine *line)
{
    line->errorCode = ProviderJson::codeText(member(error, "code"));
    if (line->errorCode.isEmpty())
        line->errorCode = ProviderJson::codeText(member(error, "type"));
    line->errorMessage = reader.string(member(error, "message"), path);
}
} // namespace

Parsed<ResultLine> OpenAiAdapter::readResultLine(const QByteArray &bytes) const
{
    Parsed<ResultLine> result;
    const JsonDocument document(bytes);
    result.error = ProviderJson::lineError(document);
    if (!result.ok())
        return result;
    const Value o = document.root();
    ResultLine &line = result.value;
    line.customId = ProviderJson::idString(member(o, "custom_id"));
    if (line.customId.isEmpty()) {
        result.error = QStringLiteral("no custom_id (a non-empty string)");
        return result;
    }
    ProviderJson::Reader reader(&result.warnings);
    const Value response = reader.object(member(o, "response"), "response");
    const Value error = reader.object(member(o, "error"), "error");
    if (!response && !error) {
        result.error = QStringLiteral("neither a response nor an error");
        return result;
    }
    bool failed = error.has_value();
    if (response) {
        const qint64 status =
            reader.count(member(response, "status_code"), "response.status_code").value_or(0);
        line.statusCode = int(qMin<qint64>(status, 999));
        const Value body = member(response, "body");
        readUsage(reader, body, &line);
        const Value bodyError = reader.object(member(body, "error"), "response.body.error");
        if (bodyError)
            readError(reader, bodyError, "response.body.error.message", &line);
        // A non-2xx status inside the output file is a failure even when `error` is null.
        failed = failed || (line.statusCode != 0 ? line.statusCode < 200 || line.statusCode > 299
                                                 : bodyError.has_value());
        if (!failed)
            line.answer = ProviderJson::brief(firstText(body));
    }
    if (error)
        readError(reader, error, "error.message", &line);
    if (failed) {
        line.outcome = RequestOutcome::Failed;
        // An expired or cancelled batch writes its unfinished requests to the error file with these codes:
        // they did not run.
        if (line.errorCode == QLatin1String("batch_expired") ||
            line.errorCode == QLatin1String("batch_cancelled"))
            line.outcome = RequestOutcome::NotRun;
    }
    return result;
}

Parsed<InputLine> OpenAiAdapter::readInputLine(const QByteArray &bytes) const
{
    Parsed<InputLine> result;
    const JsonDocument document(bytes);
    result.error = ProviderJson::lineError(document);
    if (!result.ok())
        return result;
    const Value o = document.root();
    InputLine &line = result.value;
    line.customId = ProviderJson::idString(member(o, "custom_id"));
    line.method = ProviderJson::idString(member(o, "method"));
    line.url = ProviderJson::idString(member(o, "url"));
    line.model = ProviderJson::idString(member(member(o, "body"), "model"));
    return result;
}

ProviderAdapter::Request OpenAiAdapter::uploadFile(const ApiConfig &config, const QString &path,
                                                   const QString &purpose) const
{
    // multipart/form-data (RFC 7578) as the SDKs send it: `purpose`, then the file under its base name.
    const QByteArray boundary = UploadBody::newBoundary();
    Request request;
    request.verb = QByteArrayLiteral("POST");
    request.url = url(config, QStringLiteral("files"));
    request.contentType = "multipart/form-data; boundary=" + boundary;
    request.body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" +
                   purpose.toUtf8() + "\r\n--" + boundary +
                   "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
                   UploadBody::headerFileName(path) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    request.filePath = path;
    request.bodyAfter = "\r\n--" + boundary + "--\r\n";
    return request;
}

ProviderAdapter::Request OpenAiAdapter::createBatch(const ApiConfig &config,
                                                    const BatchCreateSpec &spec) const
{
    if (spec.inputFileId.isEmpty())
        return refused(QStringLiteral("a batch is created from an uploaded file, and none was given"));
    if (spec.endpoint.isEmpty())
        return refused(
            QStringLiteral("a batch needs the endpoint its requests name (e.g. /v1/chat/completions)"));
    QJsonObject body{{QStringLiteral("input_file_id"), spec.inputFileId},
                     {QStringLiteral("endpoint"), spec.endpoint},
                     {QStringLiteral("completion_window"), spec.completionWindow}};
    if (!spec.metadata.isEmpty()) {
        QJsonObject metadata;
        for (auto it = spec.metadata.cbegin(); it != spec.metadata.cend(); ++it)
            metadata.insert(it.key(), it.value());
        body.insert(QStringLiteral("metadata"), metadata);
    }
    Request request;
    request.verb = QByteArrayLiteral("POST");
    request.url = url(config, QStringLiteral("batches"));
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}
