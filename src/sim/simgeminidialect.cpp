#include "sim/simgeminidialect.h"

#include "sim/simaccount.h"
#include "sim/simproviderlines.h"
#include "sim/simtime.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
const QLatin1String
    kBatchType("type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch");
const QLatin1String
    kOutputType("type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput");
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;

// Google's errors say more in `details`: why a key failed, when to retry.
SimResponse withDetail(SimResponse response, const QString &type, const QString &field, const QString &value)
{
    QJsonObject body = QJsonDocument::fromJson(response.body).object();
    QJsonObject inner = body.value(QLatin1String("error")).toObject();
    inner.insert(QStringLiteral("details"),
                 QJsonArray{QJsonObject{
                     {QStringLiteral("@type"), QString(QStringLiteral("type.googleapis.com/") + type)},
                     {field, value}}});
    body.insert(QStringLiteral("error"), inner);
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

QString geminiModel(const QString &openAiModel)
{
    if (openAiModel.startsWith(QLatin1String("models/")))
        return openAiModel;
    if (openAiModel.startsWith(QLatin1String("text-embedding")))
        return QStringLiteral("models/gemini-embedding-001");
    if (openAiModel.startsWith(QLatin1String("gpt-4.1")) || openAiModel.startsWith(u'o'))
        return QStringLiteral("models/gemini-2.5-pro");
    if (openAiModel.startsWith(QLatin1String("gpt-5")))
        return QStringLiteral("models/gemini-2.5-flash");
    return QStringLiteral("models/gemini-2.5-flash-lite");
}

QString statusName(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("INVALID_ARGUMENT");
    case 401:
        return QStringLiteral("UNAUTHENTICATED");
    case 403:
        return QStringLiteral("PERMISSION_DENIED");
    case 404:
        return QStringLiteral("NOT_FOUND");
    case 409:
        return QStringLiteral("ABORTED");
    case 429:
        return QStringLiteral("RESOURCE_EXHAUSTED");
    case 499:
        return QStringLiteral("CANCELLED");
    case 500:
        return QStringLiteral("INTERNAL");
    case 501:
        return QStringLiteral("UNIMPLEMENTED");
    case 503:
        return QStringLiteral("UNAVAILABLE");
    case 504:
        return QStringLiteral("DEADLINE_EXCEEDED");
    default:
        return QStringLiteral("UNKNOWN");
    }
}

QString stateFor(const QString &status)
{
    if (status == QLatin1String("validating"))
        return QStringLiteral("BATCH_STATE_PENDING");
    if (status == QLatin1String("completed"))
        return QStringLiteral("BATCH_STATE_SUCCEEDED");
    if (status == QLatin1String("failed"))
        return QStringLiteral("BATCH_STATE_FAILED");
    if (status == QLatin1String("cancelled"))
        return QStringLiteral("BATCH_STATE_CANCELLED");
    if (status == QLatin1String("expired"))
        return QStringLiteral("BATCH_STATE_EXPIRED");
    return QStringLiteral("BATCH_STATE_RUNNING"); // in_progress, finalizing, cancelling
}

QString responsesFileId(const QString &openAiId)
{
    return QStringLiteral("responses") + openAiId.mid(6);
}

// int64 values are strings in Google's JSON, and proto3 leaves zeros out.
void putCount(QJsonObject &stats, const char *name, qint64 value)
{
    if (value != 0)
        stats.insert(QLatin1String(name), QString::number(value));
}

QString displayNameFor(const SimBatch &batch)
{
    for (auto it = batch.metadata.constBegin(); it != batch.metadata.constEnd(); ++it) {
        if (it.value().isString() && !it.value().toString().isEmpty())
            return it.value().toString();
    }
    return QStringLiteral("sim-batch-") + batch.id.mid(6, 8);
}

QByteArray pageToken(const QString &afterOpenAiId)
{
    return QByteArray("after:" + afterOpenAiId.toLatin1())
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

QString SimGeminiDialect::toGeminiId(const QString &openAiId)
{
    return openAiId.startsWith(QLatin1String("batch_")) ? openAiId.mid(6) : QString();
}

QString SimGeminiDialect::toOpenAiId(const QString &geminiId)
{
    return geminiId.isEmpty() ? QString() : QStringLiteral("batch_") + geminiId;
}

QString SimGeminiDialect::baseUrl(quint16 port) const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

SimResponse SimGeminiDialect::authenticate(const SimRequest &request) const
{
    QString key = QString::fromUtf8(request.header("x-goog-api-key"));
    if (key.isEmpty())
        key = request.queryValue(QStringLiteral("key"));
    if (key.isEmpty())
        return error(request, 403,
                     QStringLiteral("Method doesn't allow unregistered callers (callers without established "
                                    "identity). Please use API Key or other form of API consumer identity to "
                                    "call this API."));
    if (!m_credentials.key.isEmpty() && key != m_credentials.key) {
        // Google answers a bad key with 400, and says why in the details.
        return withDetail(
            error(request, 400, QStringLiteral("API key not valid. Please pass a valid API key.")),
            QStringLiteral("google.rpc.ErrorInfo"), QStringLiteral("reason"),
            QStringLiteral("API_KEY_INVALID"));
    }
    return SimResponse();
}

SimResponse SimGeminiDialect::handle(const SimRequest &request, SimAccount &account, QString *route)
{
    QStringList parts = request.parts;
    if (!parts.isEmpty() && parts[0] == QLatin1String("download")) // the media host's path for downloads
        parts.removeFirst();
    const bool get = request.method == QLatin1String("GET");
    const bool post = request.method == QLatin1String("POST");
    const SimResponse notFound = error(request, 404, QStringLiteral("Method not found."));
    if (parts.size() < 2 || parts[0] != QLatin1String("v1beta"))
        return notFound;
    const QString &collection = parts[1];
    const QString item = parts.size() > 2 ? parts[2] : QString();
    const qsizetype colon = item.indexOf(u':');
    const QString id = colon < 0 ? item : item.left(colon);
    const QString verb = colon < 0 ? QString() : item.mid(colon + 1);
    *route = request.method + u' ' + collection + (verb.isEmpty() ? QString() : u'/' + verb);
    if (collection == QLatin1String("batches") && parts.size() == 2 && get)
        return list(request, account);
    if (collection == QLatin1String("files") && parts.size() == 3 && get &&
        (verb.isEmpty() || verb == QLatin1String("download")))
        return file(request, account, id, !verb.isEmpty());
    if (collection != QLatin1String("batches") || parts.size() != 3)
        return notFound;
    const SimBatch *batch = account.findBatch(toOpenAiId(id));
    if (!batch)
        return error(request, 404, QStringLiteral("Requested entity was not found."));
    if (get && verb.isEmpty())
        return SimResponse::json(operation(*batch, account.batchObject(*batch)));
    if (post && verb == QLatin1String("cancel")) {
        const SimResponse cancelled = account.cancelBatch(batch->id);
        return cancelled.status == 200 ? SimResponse::json(QJsonObject()) : reshape(request, cancelled);
    }
    return notFound;
}

QJsonObject SimGeminiDialect::operation(const SimBatch &batch, const QJsonObject &openAi)
{
    const QString status = openAi.value(QLatin1String("status")).toString();
    const QString name = QStringLiteral("batches/") + toGeminiId(batch.id);
    const int micros = int(qHash(batch.id, 29) % 1'000'000);
    const QJsonObject counts = openAi.value(QLatin1String("request_counts")).toObject();
    const qint64 succeeded = counts.value(QLatin1String("completed")).toInteger();
    const qint64 failed = counts.value(QLatin1String("failed")).toInteger();
    QJsonValue endTime = QJsonValue::Null;
    QJsonValue updateTime = openAi.value(QLatin1String("created_at"));
    for (const char *field : {"in_progress_at", "finalizing_at", "cancelling_at", "completed_at", "failed_at",
                              "expired_at", "cancelled_at"}) {
        const QJsonValue at = openAi.value(QLatin1String(field));
        if (at.isDouble() && at.toInteger() >= updateTime.toInteger())
            updateTime = at;
        if (at.isDouble() && QByteArray(field) != "in_progress_at" && QByteArray(field) != "finalizing_at" &&
            QByteArray(field) != "cancelling_at")
            endTime = at;
    }
    const bool done = endTime.isDouble();
    QJsonObject stats;
    putCount(stats, "requestCount", batch.submitted);
    putCount(stats, "successfulRequestCount", succeeded);
    putCount(stats, "failedRequestCount", failed);
    putCount(stats, "pendingRequestCount", done ? 0 : qMax<qint64>(0, batch.submitted - succeeded - failed));

    QJsonObject metadata{
        {QStringLiteral("@type"), kBatchType},
        {QStringLiteral("name"), name},
        {QStringLiteral("model"), geminiModel(batch.model)},
        {QStringLiteral("displayName"), displayNameFor(batch)},
        {QStringLiteral("inputConfig"),
         QJsonObject{{QStringLiteral("fileName"), QString(QStringLiteral("files/input") + batch.id.mid(6))}}},
        {QStringLiteral("createTime"), SimTime::rfc3339(openAi.value(QLatin1String("created_at")), micros)},
        {QStringLiteral("updateTime"), SimTime::rfc3339(updateTime, micros)},
        {QStringLiteral("batchStats"), stats},
        {QStringLiteral("state"), stateFor(status)}};
    if (done)
        metadata.insert(QStringLiteral("endTime"), SimTime::rfc3339(endTime, micros));
    QJsonObject output;
    if (done && status != QLatin1String("failed") && succeeded + failed > 0)
        output.insert(QStringLiteral("responsesFile"),
                      QString(QStringLiteral("files/") + responsesFileId(batch.id)));
    if (!output.isEmpty())
        metadata.insert(QStringLiteral("output"), output);

    QJsonObject op{{QStringLiteral("name"), name}, {QStringLiteral("metadata"), metadata}};
    if (!done)
        return op; // `done` is left out while running, as proto3 leaves out false
    op.insert(QStringLiteral("done"), true);
    if (status == QLatin1String("failed")) {
        const QJsonArray errors =
            openAi.value(QLatin1String("errors")).toObject().value(QLatin1String("data")).toArray();
        op.insert(
            QStringLiteral("error"),
            QJsonObject{{QStringLiteral("code"), 3}, // google.rpc.Code INVALID_ARGUMENT
                        {QStringLiteral("message"),
                         errors.isEmpty() ? QJsonValue(QStringLiteral("The batch failed."))
                                          : errors.first().toObject().value(QLatin1String("message"))}});
    } else {
        QJsonObject response{{QStringLiteral("@type"), kOutputType}};
        for (auto it = output.constBegin(); it != output.constEnd(); ++it)
            response.insert(it.key(), it.value());
        op.insert(QStringLiteral("response"), response);
    }
    return op;
}

SimResponse SimGeminiDialect::list(const SimRequest &request, const SimAccount &account) const
{
    int pageSize = kDefaultPageSize;
    if (request.query.hasQueryItem(QStringLiteral("pageSize"))) {
        bool ok = false;
        pageSize = request.queryValue(QStringLiteral("pageSize")).toInt(&ok);
        if (!ok || pageSize < 0)
            return error(request, 400,
                         QStringLiteral("Invalid value for pageSize: must be a non-negative integer."));
        pageSize = pageSize == 0 ? kDefaultPageSize : qMin(pageSize, kMaxPageSize); // AIP-158: coerce
    }
    int top = account.batchCount() - 1;
    const QString token = request.queryValue(QStringLiteral("pageToken"));
    if (!token.isEmpty()) {
        const QByteArray decoded = QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding);
        if (!decoded.startsWith("after:"))
            return error(request, 400, QStringLiteral("Invalid page token."));
        const QString after = QString::fromLatin1(decoded.mid(6));
        if (!after.isEmpty()) {
            const int row = account.rowOf(after);
            if (row < 0)
                return error(request, 400, QStringLiteral("Invalid page token."));
            top = row - 1;
        }
    }
    QJsonArray operations;
    int row = top;
    for (; row >= 0 && operations.size() < pageSize; --row) {
        const SimBatch &batch = account.batchAt(row);
        operations.append(operation(batch, account.batchObject(batch)));
    }
    QJsonObject page{{QStringLiteral("operations"), operations}};
    if (row >= 0)
        page.insert(QStringLiteral("nextPageToken"),
                    QString::fromLatin1(pageToken(account.batchAt(row + 1).id)));
    return SimResponse::json(page);
}

SimResponse SimGeminiDialect::file(const SimRequest &request, const SimAccount &account,
                                   const QString &fileId, bool content) const
{
    const SimBatch *batch = fileId.startsWith(QLatin1String("responses"))
                                ? account.findBatch(QStringLiteral("batch_") + fileId.mid(9))
                                : nullptr;
    const QJsonObject op = batch ? operation(*batch, account.batchObject(*batch)) : QJsonObject();
    const QJsonObject metadata = op.value(QLatin1String("metadata")).toObject();
    const QString name = QStringLiteral("files/") + fileId;
    if (!batch ||
        metadata.value(QLatin1String("output")).toObject().value(QLatin1String("responsesFile")).toString() !=
            name)
        return error(request, 404, QStringLiteral("Requested entity was not found."));
    if (content && request.queryValue(QStringLiteral("alt")) != QLatin1String("media"))
        return error(request, 400, QStringLiteral("Downloads need ?alt=media."));
    const QJsonObject counts = account.batchObject(*batch).value(QLatin1String("request_counts")).toObject();
    SimResponse response;
    response.contentType = "application/octet-stream";
    response.body = SimProviderLines::geminiResponses(batch->id, geminiModel(batch->model),
                                                      counts.value(QLatin1String("completed")).toInteger(),
                                                      counts.value(QLatin1String("failed")).toInteger());
    if (content)
        return response;
    const QString origin = request.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString();
    const QJsonValue endTime = metadata.value(QLatin1String("endTime"));
    return SimResponse::json(
        {{QStringLiteral("name"), name},
         {QStringLiteral("displayName"),
          QString(metadata.value(QLatin1String("displayName")).toString() + QStringLiteral(" responses"))},
         {QStringLiteral("mimeType"), QStringLiteral("application/jsonl")},
         {QStringLiteral("sizeBytes"), QString::number(response.body.size())},
         {QStringLiteral("createTime"), endTime},
         {QStringLiteral("updateTime"), endTime},
         {QStringLiteral("uri"), QString(origin + QStringLiteral("/v1beta/") + name)},
         {QStringLiteral("downloadUri"), QString(origin + QStringLiteral("/download/v1beta/") + name +
                                                 QStringLiteral(":download?alt=media"))},
         {QStringLiteral("state"), QStringLiteral("ACTIVE")},
         {QStringLiteral("source"), QStringLiteral("GENERATED")}});
}

SimResponse SimGeminiDialect::error(const SimRequest &, int status, const QString &message,
                                    const QString &code) const
{
    const QString name = code == QLatin1String("batch_not_cancellable")
                             ? QStringLiteral("FAILED_PRECONDITION")
                             : statusName(status);
    return SimResponse::json({{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), status},
                                                                    {QStringLiteral("message"), message},
                                                                    {QStringLiteral("status"), name}}}},
                             status);
}

SimResponse SimGeminiDialect::fault(const SimRequest &request, int status, int retryAfterSeconds) const
{
    const QString message = status == 429 ? QStringLiteral("Resource has been exhausted (e.g. check quota).")
                            : status == 503
                                ? QStringLiteral("The model is overloaded. Please try again later.")
                                : QStringLiteral("An internal error has occurred. Please retry.");
    SimResponse response = error(request, status, message);
    if (status != 429 && status != 503)
        return response;
    // Google says when to come back in the error's details (RetryInfo), besides the header.
    response = withDetail(response, QStringLiteral("google.rpc.RetryInfo"), QStringLiteral("retryDelay"),
                          QStringLiteral("%1s").arg(retryAfterSeconds));
    response.headers.append({"retry-after", QByteArray::number(retryAfterSeconds)});
    return response;
}

QByteArray SimGeminiDialect::emptyPage(const SimRequest &request) const
{
    // A page with nothing on it whose token leads back to itself: a reader must notice it made no progress.
    QString token = request.queryValue(QStringLiteral("pageToken"));
    if (token.isEmpty())
        token = QString::fromLatin1(pageToken(QString()));
    return QJsonDocument(QJsonObject{{QStringLiteral("operations"), QJsonArray()},
                                     {QStringLiteral("nextPageToken"), token}})
        .toJson(QJsonDocument::Compact);
}

QByteArray SimGeminiDialect::wrongShapePage() const
{
    return R"({"operations":{"name":"batches/x"}})";
}

std::optional<SimRequest> SimGeminiDialect::nextPage(const SimRequest &request, const QByteArray &page) const
{
    const QString token =
        QJsonDocument::fromJson(page).object().value(QLatin1String("nextPageToken")).toString();
    if (token.isEmpty())
        return std::nullopt;
    QUrlQuery query = request.query;
    query.removeAllQueryItems(QStringLiteral("pageToken"));
    query.addQueryItem(QStringLiteral("pageToken"), token);
    return SimRequest::get(request.url.path(), query);
}

SimRequest SimGeminiDialect::firstPage(int limit) const
{
    return SimRequest::get(QStringLiteral("/v1beta/batches"),
                           QUrlQuery{{QStringLiteral("pageSize"), QString::number(limit)}});
}
