#include "core/providers/geminiadapter.h"

#include "core/api/uploadbody.h"
#include "core/json/batchobjectreader.h"
#include "core/json/jsondocument.h"
#include "core/providers/providerjson.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <iterator>

using ProviderJson::element;
using ProviderJson::member;
using ProviderJson::Value;

namespace {

const QLatin1String kBatchesPrefix("batches/");
const QLatin1String kFilesPrefix("files/");
const QLatin1String kModelsPrefix("models/");

Parsed<Batch> readBatch(const element &object, const JsonSlicer::Slice *source)
{
    Parsed<Batch> result;
    Batch &batch = result.value;
    ProviderJson::Reader reader(&result.warnings);
    const Value o = object;
    const Value name = member(o, "name");
    const QString fullName = name && name->is_string() ? reader.string(name, "name") : QString();
    batch.id = fullName.startsWith(kBatchesPrefix) ? fullName.mid(kBatchesPrefix.size()) : fullName;
    // ':' would address a custom method ("batches/x:cancel") instead of the batch.
    if (!ProviderAdapter::unusableIdReason(batch.id).isEmpty() || batch.id.contains(u':')) {
        result.error = QStringLiteral("required field 'name' is not \"batches/ID\"");
        return result;
    }
    // The operation's metadata is the batch; a bare GenerateContentBatch (no metadata) is read as it is.
    const Value meta = member(o, "metadata") ? reader.object(member(o, "metadata"), "metadata") : o;
    const Value state = member(meta, "state");
    if (!state || !state->is_string() || ProviderJson::isAbsent(state)) {
        result.error =
            batch.id + QStringLiteral(": required field 'metadata.state' is missing or not a string");
        return result;
    }
    batch.rawStatus = reader.string(state, "metadata.state");
    batch.status = GeminiAdapter::statusFor(batch.rawStatus);
    const std::optional<qint64> created = reader.time(member(meta, "createTime"), "metadata.createTime");
    if (!created) {
        result.error =
            batch.id + QStringLiteral(": required field 'metadata.createTime' is not an RFC 3339 time");
        return result;
    }
    batch.createdAt = *created;
    QString model = reader.string(member(meta, "model"), "metadata.model");
    if (model.startsWith(kModelsPrefix))
        model = model.mid(kModelsPrefix.size());
    batch.model = model;
    const std::optional<qint64> ended = reader.time(member(meta, "endTime"), "metadata.endTime");
    ProviderJson::setEndedAt(&batch, ended);

    const Value stats = reader.object(member(meta, "batchStats"), "metadata.batchStats");
    if (stats) {
        batch.requestCounts.present = true;
        batch.requestCounts.total =
            reader.count(member(stats, "requestCount"), "batchStats.requestCount").value_or(0);
        batch.requestCounts.completed =
            reader.count(member(stats, "successfulRequestCount"), "batchStats.successfulRequestCount")
                .value_or(0);
        batch.requestCounts.failed =
            reader.count(member(stats, "failedRequestCount"), "batchStats.failedRequestCount").value_or(0);
        if (const auto pending =
                reader.count(member(stats, "pendingRequestCount"), "batchStats.pendingRequestCount"))
            batch.providerDetails.append({QStringLiteral("pending"), QString::number(*pending)});
    }
    const QString displayName = reader.string(member(meta, "displayName"), "metadata.displayName");
    if (!displayName.isEmpty())
        batch.providerDetails.append({QStringLiteral("displayName"), displayName});
    const QString updated = reader.string(member(meta, "updateTime"), "metadata.updateTime");
    if (!updated.isEmpty())
        batch.providerDetails.append({QStringLiteral("updateTime"), updated});

    const Value output = reader.object(member(meta, "output"), "metadata.output");
    batch.outputFileId = reader.string(member(output, "responsesFile"), "metadata.output.responsesFile");
    const Value inlined = member(member(output, "inlinedResponses"), "inlinedResponses");
    if (inlined && inlined->is_array())
        batch.providerDetails.append(
            {QStringLiteral("inlinedResponses"), QString::number(inlined->get_array().size())});
    const Value input = reader.object(member(meta, "inputConfig"), "metadata.inputConfig");
    batch.inputFileId = reader.string(member(input, "fileName"), "metadata.inputConfig.fileName");

    // A failed operation says why at its top level.
    const Value error = member(o, "error");
    if (error && error->is_object()) {
        BatchError e;
        int64_t code = 0;
        const Value codeValue = member(error, "code");
        if (codeValue && codeValue->get_int64().get(code) == simdjson::SUCCESS)
            e.code = QString::number(code);
        e.message = reader.string(member(error, "message"), "error.message");
        batch.errors.append(e);
    }
    batch.json = source ? JsonDocument::compact(*source) : JsonDocument::compact(object);
    for (QString &warning : result.warnings)
        warning = batch.id + QStringLiteral(": ") + warning;
    return result;
}

} // namespace

BatchStatus GeminiAdapter::statusFor(const QString &state)
{
    static const QHash<QString, BatchStatus::Value> states = {
        {QStringLiteral("BATCH_STATE_PENDING"), BatchStatus::Validating},
        {QStringLiteral("BATCH_STATE_RUNNING"), BatchStatus::InProgress},
        {QStringLiteral("BATCH_STATE_SUCCEEDED"), BatchStatus::Completed},
        {QStringLiteral("BATCH_STATE_FAILED"), BatchStatus::Failed},
        {QStringLiteral("BATCH_STATE_CANCELLED"), BatchStatus::Cancelled},
        {QStringLiteral("BATCH_STATE_EXPIRED"), BatchStatus::Expired},
    };
    const auto known = states.constFind(state);
    if (known != states.cend())
        return *known;
    // UNSPECIFIED and words this version does not know: unknown, keeping the word (never a known status).
    return BatchStatus::unknown(state);
}

ProviderAdapter::Request GeminiAdapter::list(const ApiConfig &config, const QString &cursor, int limit) const
{
    QUrlQuery query;
    if (limit > 0)
        query.addQueryItem(QStringLiteral("pageSize"), QString::number(limit));
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("pageToken"), QString::fromLatin1(QUrl::toPercentEncoding(cursor)));
    Request request;
    request.url = config.endpoint(QStringLiteral("v1beta/batches"), query);
    return request;
}

ProviderAdapter::Request GeminiAdapter::retrieve(const ApiConfig &config, const QString &id) const
{
    if (id.contains(u':'))
        return refused(QStringLiteral("the id \"%1\" holds ':', which no batch id has").arg(id));
    return onItem(config, QByteArrayLiteral("GET"), id, QStringLiteral("v1beta/batches/") + id);
}

ProviderAdapter::Request GeminiAdapter::cancel(const ApiConfig &config, const QString &id) const
{
    if (id.contains(u':'))
        return refused(QStringLiteral("the id \"%1\" holds ':', which no batch id has").arg(id));
    return onItem(config, QByteArrayLiteral("POST"), id,
                  QStringLiteral("v1beta/batches/") + id + QStringLiteral(":cancel"));
}

QString GeminiAdapter::fileName(const QString &fileId, QString *refusal)
{
    const QString name = fileId.startsWith(kFilesPrefix) ? fileId.mid(kFilesPrefix.size()) : fileId;
    *refusal = unusableIdReason(name);
    if (refusal->isEmpty() && name.contains(u':'))
        *refusal = QStringLiteral("the file \"%1\" holds ':', which no file name has").arg(fileId);
    return name;
}

ProviderAdapter::Request GeminiAdapter::fileInfo(const ApiConfig &config, const QString &fileId) const
{
    QString refusal;
    const QString name = fileName(fileId, &refusal);
    if (!refusal.isEmpty())
        return refused(refusal);
    return onItem(config, QByteArrayLiteral("GET"), name, QStringLiteral("v1beta/files/") + name);
}

ProviderAdapter::Request GeminiAdapter::fileContent(const ApiConfig &config, const QString &fileId) const
{
    QString refusal;
    const QString name = fileName(fileId, &refusal);
    if (!refusal.isEmpty())
        return refused(refusal);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("alt"), QStringLiteral("media"));
    return onItem(config, QByteArrayLiteral("GET"), name,
                  QStringLiteral("download/v1beta/files/") + name + QStringLiteral(":download"), query);
}

void GeminiAdapter::authorize(const ApiConfig &config, QNetworkRequest *request) const
{
    if (!config.apiKey.isEmpty())
        request->setRawHeader("x-goog-api-key", config.apiKey.toUtf8());
}

Parsed<Batch> GeminiAdapter::parseBatch(const QByteArray &body) const
{
    return ProviderJson::readObject(body, readBatch);
}

Parsed<BatchPage> GeminiAdapter::parsePage(const QByteArray &body) const
{
    // The last page has no token; an empty list leaves "operations" out.
    return ProviderJson::readPage(
        body, "operations", true, readBatch, [](const element &root, Parsed<BatchPage> *page) {
            // The token decides whether more pages exist: one of another type is an error, never the end.
            const Value token = member(root, "nextPageToken");
            if (token && !token->is_null() && !token->is_string()) {
                page->error = QStringLiteral("the list response's 'nextPageToken' is %1, expected a string")
                                  .arg(BatchObjectReader::typeName(token));
                return;
            }
            ProviderJson::Reader reader(&page->warnings);
            page->value.next = reader.string(token, "nextPageToken");
            page->value.hasMore = !page->value.next.isEmpty();
        });
}

Parsed<FileInfo> GeminiAdapter::parseFileInfo(const QByteArray &body) const
{
    Parsed<FileInfo> result;
    const Parsed<Batch> read =
        ProviderJson::readObject(body, [&result](const element &object, const JsonSlicer::Slice *) {
            ProviderJson::Reader reader(&result.warnings);
            // GET /v1beta/files/{name} answers the File itself; some servers wrap it in {"file": {...}}.
            Value o = object;
            if (const Value wrapped = member(o, "file"); wrapped && wrapped->is_object())
                o = wrapped;
            FileInfo &file = result.value;
            file.id = reader.string(member(o, "name"), "name");
            file.filename = reader.string(member(o, "displayName"), "displayName");
            if (file.filename.isEmpty())
                file.filename = file.id.mid(file.id.lastIndexOf(u'/') + 1);
            file.bytes = reader.count(member(o, "sizeBytes"), "sizeBytes").value_or(-1);
            file.createdAt = reader.time(member(o, "createTime"), "createTime");
            file.expiresAt = reader.time(member(o, "expirationTime"), "expirationTime");
            file.purpose = reader.string(member(o, "mimeType"), "mimeType");
            return Parsed<Batch>();
        });
    result.error = read.error;
    return result;
}

ApiError GeminiAdapter::parseError(int status, const QByteArray &body, const QString &requestId) const
{
    ApiError error = ApiError::fromHttpResponse(status, body, requestId);
    const QJsonValue inner =
        QJsonDocument::fromJson(body.left(1 << 20)).object().value(QLatin1String("error"));
    const QString word = inner.toObject().value(QLatin1String("status")).toString();
    if (!word.isEmpty())
        error.code = word;
    return error;
}

namespace {
// google/rpc/code.proto: each code's name and the HTTP status it maps to, by value (0 is OK).
struct RpcCode
{
    const char *name;
    int http;
};
constexpr RpcCode kRpcCodes[] = {
    {"OK", 200},
    {"CANCELLED", 499},
    {"UNKNOWN", 500},
    {"INVALID_ARGUMENT", 400},
    {"DEADLINE_EXCEEDED", 504},
    {"NOT_FOUND", 404},
    {"ALREADY_EXISTS", 409},
    {"PERMISSION_DENIED", 403},
    {"RESOURCE_EXHAUSTED", 429},
    {"FAILED_PRECONDITION", 400},
    {"ABORTED", 409},
    {"OUT_OF_RANGE", 400},
    {"UNIMPLEMENTED", 501},
    {"INTERNAL", 500},
    {"UNAVAILABLE", 503},
    {"DATA_LOSS", 500},
    {"UNAUTHENTICATED", 401},
};
} // namespace

Parsed<ResultLine> GeminiAdapter::readResultLine(const QByteArray &bytes) const
{
    Parsed<ResultLine> result;
    const JsonDocument document(bytes);
    result.error = ProviderJson::lineError(document);
    if (!result.ok())
        return result;
    const Value o = document.root();
    ResultLine &line = result.value;
    line.customId = ProviderJson::idString(member(o, "key"));
    if (line.customId.isEmpty()) {
        result.error = QStringLiteral("no key (a non-empty string)");
        return result;
    }
    ProviderJson::Reader reader(&result.warnings);
    const Value response = reader.object(member(o, "response"), "response");
    const Value error = reader.object(member(o, "error"), "error");
    if (error) {
        // A google.rpc.Status (@google/genai's JobError: {code, message, details}): the code is a
        // google.rpc.Code (8), shown by its name and HTTP equivalent (429). An HTTP status with a status word
        // ({"code": 400, "status": "INVALID_ARGUMENT"}, as the REST API's own errors) is kept as it is.
        line.outcome = RequestOutcome::Failed;
        const qint64 code = reader.count(member(error, "code"), "error.code").value_or(0);
        const RpcCode *rpc = code > 0 && code < qint64(std::size(kRpcCodes)) ? &kRpcCodes[code] : nullptr;
        line.statusCode = rpc ? rpc->http : int(qMin<qint64>(code, 999));
        line.errorCode = ProviderJson::codeText(member(error, "status"));
        if (line.errorCode.isEmpty())
            line.errorCode = rpc ? QLatin1String(rpc->name) : ProviderJson::codeText(member(error, "code"));
        line.errorMessage = reader.string(member(error, "message"), "error.message");
    } else if (response) {
        const Value usage = reader.object(member(response, "usageMetadata"), "response.usageMetadata");
        line.inputTokens = reader.count(member(usage, "promptTokenCount"), "usageMetadata.promptTokenCount");
        line.outputTokens =
            reader.count(member(usage, "candidatesTokenCount"), "usageMetadata.candidatesTokenCount");
        const Value candidate = ProviderJson::first(member(response, "candidates"));
        const Value parts = member(member(candidate, "content"), "parts");
        if (parts && parts->is_array()) {
            for (const element part : parts->get_array()) {
                const Value text = member(part, "text");
                if (text && text->is_string()) {
                    line.answer = ProviderJson::brief(text);
                    break;
                }
            }
        }
    } else {
        result.error = QStringLiteral("neither a response nor an error");
    }
    return result;
}

Parsed<InputLine> GeminiAdapter::readInputLine(const QByteArray &bytes) const
{
    Parsed<InputLine> result;
    const JsonDocument document(bytes);
    result.error = ProviderJson::lineError(document);
    if (!result.ok())
        return result;
    const Value o = document.root();
    result.value.customId = ProviderJson::idString(member(o, "key"));
    result.value.model = ProviderJson::idString(member(member(o, "request"), "model"));
    return result;
}

ProviderAdapter::Request GeminiAdapter::uploadFile(const ApiConfig &config, const QString &path,
                                                   const QString &) const
{
    // The Files API's multipart protocol (one request: the File's JSON, then the bytes; @google/genai uses
    // the resumable one, which takes two requests and a session URL the server names).
    const QByteArray boundary = UploadBody::newBoundary();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("uploadType"), QStringLiteral("multipart"));
    const QJsonObject file{
        {QStringLiteral("file"),
         QJsonObject{{QStringLiteral("displayName"), QString::fromUtf8(UploadBody::headerFileName(path))},
                     {QStringLiteral("mimeType"), QStringLiteral("application/jsonl")}}}};
    Request request;
    request.verb = QByteArrayLiteral("POST");
    request.url = config.endpoint(QStringLiteral("upload/v1beta/files"), query);
    request.contentType = "multipart/related; boundary=" + boundary;
    request.body = "--" + boundary + "\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n" +
                   QJsonDocument(file).toJson(QJsonDocument::Compact) + "\r\n--" + boundary +
                   "\r\nContent-Type: application/jsonl\r\n\r\n";
    request.filePath = path;
    request.bodyAfter = "\r\n--" + boundary + "--\r\n";
    return request;
}

ProviderAdapter::Request GeminiAdapter::createBatch(const ApiConfig &config,
                                                    const BatchCreateSpec &spec) const
{
    if (!spec.inputFileId.startsWith(kFilesPrefix))
        return refused(
            QStringLiteral("a Gemini batch is created from an uploaded file (files/...), and none was "
                           "given"));
    QString model = spec.model.startsWith(kModelsPrefix) ? spec.model.mid(kModelsPrefix.size()) : spec.model;
    if (const QString why = unusableIdReason(model); !why.isEmpty() || model.contains(u':'))
        return refused(
            QStringLiteral("a Gemini batch needs the model that runs it (e.g. gemini-2.5-flash)%1")
                .arg(model.isEmpty() ? QString() : QStringLiteral(": \"%1\" is not one").arg(model)));
    QJsonObject batch{
        {QStringLiteral("inputConfig"), QJsonObject{{QStringLiteral("fileName"), spec.inputFileId}}}};
    // Gemini batches hold no metadata; a display name is what they show.
    const QString displayName = spec.metadata.value(QStringLiteral("displayName"));
    if (!displayName.isEmpty())
        batch.insert(QStringLiteral("displayName"), displayName);
    Request request;
    request.verb = QByteArrayLiteral("POST");
    request.url =
        config.endpoint(QStringLiteral("v1beta/models/") + model + QStringLiteral(":batchGenerateContent"));
    request.body =
        QJsonDocument(QJsonObject{{QStringLiteral("batch"), batch}}).toJson(QJsonDocument::Compact);
    return request;
}
