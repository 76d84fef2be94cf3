#include "sim/simgeminidialect.h"

#include "sim/simaccount.h"
#include "sim/simgeminioperation.h"
#include "sim/siminputfile.h"
#include "sim/simproviderlines.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
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

QByteArray pageToken(const QString &afterOpenAiId)
{
    return QByteArray("after:" + afterOpenAiId.toLatin1())
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

QString SimGeminiDialect::baseUrl(quint16 port) const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

SimResponse SimGeminiDialect::authenticate(const SimRequest &request) const
{
    // An upload session's URL is its own credential, as Google's are.
    if (request.parts.value(0) == QLatin1String("upload") &&
        !request.queryValue(QStringLiteral("upload_id")).isEmpty())
        return SimResponse();
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
    if (parts.size() == 3 && parts[0] == QLatin1String("upload") && parts[1] == QLatin1String("v1beta") &&
        parts[2] == QLatin1String("files") && request.method == QLatin1String("POST")) {
        *route = QStringLiteral("POST upload/files");
        return upload(request, account);
    }
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
    if (collection == QLatin1String("models") && parts.size() == 3 && post &&
        verb == QLatin1String("batchGenerateContent")) {
        *route = QStringLiteral("POST batches");
        return create(request, account, id);
    }
    if (collection == QLatin1String("files") && parts.size() == 3 && get &&
        (verb.isEmpty() || verb == QLatin1String("download")))
        return file(request, account, id, !verb.isEmpty());
    if (collection != QLatin1String("batches") || parts.size() != 3)
        return notFound;
    const SimBatch *batch = account.findBatch(SimGeminiOperation::toOpenAiId(id));
    if (!batch)
        return error(request, 404, QStringLiteral("Requested entity was not found."));
    if (get && verb.isEmpty())
        return SimResponse::json(SimGeminiOperation::operation(*batch, account.batchObject(*batch)));
    if (post && verb == QLatin1String("cancel")) {
        const SimResponse cancelled = account.cancelBatch(batch->id);
        return cancelled.status == 200 ? SimResponse::json(QJsonObject()) : reshape(request, cancelled);
    }
    return notFound;
}

SimResponse SimGeminiDialect::create(const SimRequest &request, SimAccount &account,
                                     const QString &model) const
{
    const QJsonObject batch =
        QJsonDocument::fromJson(request.body).object().value(QLatin1String("batch")).toObject();
    const QJsonObject input = batch.value(QLatin1String("inputConfig")).toObject();
    QJsonObject metadata;
    const QString displayName = batch.value(QLatin1String("displayName")).toString();
    if (!displayName.isEmpty())
        metadata.insert(QStringLiteral("displayName"), displayName);
    if (input.contains(QLatin1String("fileName"))) {
        const QString fileName = input.value(QLatin1String("fileName")).toString();
        const QString accountId = QStringLiteral("file-") + fileName.mid(6);
        const QByteArray *content =
            fileName.startsWith(QLatin1String("files/")) ? account.storedFile(accountId) : nullptr;
        if (!content)
            return error(request, 404, QStringLiteral("File %1 was not found.").arg(fileName.left(200)));
        const SimInputFile file = SimInputFile::readGemini(*content, QStringLiteral("models/") + model);
        if (file.failed())
            return error(request, 400,
                         QStringLiteral("%1 line %2: %3")
                             .arg(fileName)
                             .arg(*file.failureLine)
                             .arg(file.failureMessage));
        if (file.count() == 0 || file.count() > 100'000)
            return error(request, 400, QStringLiteral("%1: 1 to 100000 requests are needed").arg(fileName));
        const SimBatch &created = account.createBatch(QStringLiteral("/v1/generateContent"), file.model,
                                                      file.requests, metadata, false, accountId);
        return SimResponse::json(SimGeminiOperation::operation(created, account.batchObject(created)));
    }
    const QJsonArray requests =
        input.value(QLatin1String("requests")).toObject().value(QLatin1String("requests")).toArray();
    if (requests.isEmpty() || requests.size() > 100'000)
        return error(request, 400,
                     QStringLiteral("* BatchGenerateContentRequest.batch.input_config: 1 to 100000 "
                                    "requests are needed"));
    auto keys = std::make_shared<SimRequestIds>();
    for (const QJsonValue item : requests) {
        if (!item.toObject().value(QLatin1String("request")).isObject())
            return error(request, 400, QStringLiteral("* InlinedRequest.request: a request is needed"));
        // An inline request's key rides in its metadata; one without is answered under its place.
        QString key = item[QLatin1String("metadata")][QLatin1String("key")].toString();
        if (key.isEmpty())
            key = QStringLiteral("request-%1").arg(keys->customIds.size() + 1);
        keys->customIds.append(key);
        keys->models.append(QString());
    }
    const SimBatch &created =
        account.createBatch(QStringLiteral("/v1/generateContent"), QStringLiteral("models/") + model,
                            std::move(keys), metadata, true);
    return SimResponse::json(SimGeminiOperation::operation(created, account.batchObject(created)));
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
        operations.append(SimGeminiOperation::operation(batch, account.batchObject(batch)));
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
    const QString accountId = QStringLiteral("file-") + fileId;
    if (account.storedFile(accountId)) {
        if (!content)
            return SimResponse::json(uploadedFileObject(request, account, accountId));
        // Google serves only generated files; the simulator also gives back what was uploaded, for tests.
        SimResponse bytes;
        bytes.contentType = "application/octet-stream";
        bytes.body = *account.storedFile(accountId);
        return bytes;
    }
    // A batch's responses file, or the input file a generated batch says it came from.
    const bool input = fileId.startsWith(QLatin1String("input"));
    const SimBatch *batch = fileId.startsWith(QLatin1String("responses")) || input
                                ? account.findBatch(QStringLiteral("batch_") + fileId.mid(input ? 5 : 9))
                                : nullptr;
    const QJsonObject op =
        batch ? SimGeminiOperation::operation(*batch, account.batchObject(*batch)) : QJsonObject();
    const QJsonObject metadata = op.value(QLatin1String("metadata")).toObject();
    const QString name = QStringLiteral("files/") + fileId;
    const QString named = input
                              ? metadata[QLatin1String("inputConfig")][QLatin1String("fileName")].toString()
                              : metadata[QLatin1String("output")][QLatin1String("responsesFile")].toString();
    if (!batch || named != name || (input && batch->inlineResults))
        return error(request, 404, QStringLiteral("Requested entity was not found."));
    if (content && request.queryValue(QStringLiteral("alt")) != QLatin1String("media"))
        return error(request, 400, QStringLiteral("Downloads need ?alt=media."));
    const QJsonObject counts = account.batchObject(*batch).value(QLatin1String("request_counts")).toObject();
    SimResponse response;
    response.contentType = "application/octet-stream";
    response.body =
        input ? SimProviderLines::geminiInput(*batch)
              : SimProviderLines::geminiResponses(*batch, SimGeminiOperation::model(batch->model),
                                                  counts.value(QLatin1String("completed")).toInteger(),
                                                  counts.value(QLatin1String("failed")).toInteger());
    if (content)
        return response;
    const QString origin = request.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString();
    const QJsonValue time = metadata.value(input ? QLatin1String("createTime") : QLatin1String("endTime"));
    return SimResponse::json(
        {{QStringLiteral("name"), name},
         {QStringLiteral("displayName"),
          QString(metadata.value(QLatin1String("displayName")).toString() +
                  (input ? QStringLiteral(" requests") : QStringLiteral(" responses")))},
         {QStringLiteral("mimeType"), QStringLiteral("application/jsonl")},
         {QStringLiteral("sizeBytes"), QString::number(response.body.size())},
         {QStringLiteral("createTime"), time},
         {QStringLiteral("updateTime"), time},
         {QStringLiteral("uri"), QString(origin + QStringLiteral("/v1beta/") + name)},
         {QStringLiteral("downloadUri"), QString(origin + QStringLiteral("/download/v1beta/") + name +
                                                 QStringLiteral(":download?alt=media"))},
         {QStringLiteral("state"), QStringLiteral("ACTIVE")},
         {QStringLiteral("source"), input ? QStringLiteral("UPLOADED") : QStringLiteral("GENERATED")}});
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
