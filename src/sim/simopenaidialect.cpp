#include "sim/simopenaidialect.h"

#include "sim/simaccount.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace {
const QString kInvalidRequest = QStringLiteral("invalid_request_error");

QString masked(const QByteArray &key)
{
    return key.size() > 8
               ? QString::fromUtf8(key.left(3)) + QStringLiteral("*****") + QString::fromUtf8(key.right(4))
               : QStringLiteral("*****");
}

QByteArray bearer(const SimRequest &request)
{
    const QByteArray authorization = request.header("authorization");
    return authorization.startsWith("Bearer ") ? authorization.mid(7).trimmed() : QByteArray();
}
} // namespace

QString SimOpenAiDialect::baseUrl(quint16 port) const
{
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
}

SimResponse SimOpenAiDialect::authenticate(const SimRequest &request) const
{
    const QByteArray key = bearer(request);
    if (key.isEmpty())
        return error(request, 401,
                     QStringLiteral("You didn't provide an API key. You need to provide your API key in an "
                                    "Authorization header using Bearer auth (i.e. Authorization: "
                                    "Bearer YOUR_KEY)."));
    if (!m_credentials.key.isEmpty() && QString::fromUtf8(key) != m_credentials.key)
        return error(request, 401,
                     QStringLiteral("Incorrect API key provided: %1. You can find your API key at "
                                    "https://platform.openai.com/account/api-keys.")
                         .arg(masked(key)),
                     QStringLiteral("invalid_api_key"));
    return SimResponse();
}

SimResponse SimOpenAiDialect::handle(const SimRequest &request, SimAccount &account, QString *route)
{
    if (request.parts.size() < 2 || request.parts[0] != QLatin1String("v1"))
        return error(request, 404, QStringLiteral("Invalid URL (%1)").arg(request.describe()));
    return handleCollections(request, 1, account, route);
}

SimResponse SimOpenAiDialect::handleCollections(const SimRequest &request, int from, SimAccount &account,
                                                QString *route) const
{
    const QStringList parts = request.parts.mid(from);
    const bool get = request.method == QLatin1String("GET");
    const bool post = request.method == QLatin1String("POST");
    if (parts.isEmpty())
        return error(request, 404, QStringLiteral("Invalid URL (%1)").arg(request.describe()));
    const QString &collection = parts[0];
    const QString id = parts.size() > 1 ? parts[1] : QString();
    *route = request.method + u' ' + collection + (parts.size() > 2 ? u'/' + parts[2] : QString());
    SimResponse answer;
    if (collection == QLatin1String("batches") && parts.size() == 1 && get)
        answer = account.listBatches(request.query);
    else if (collection == QLatin1String("batches") && parts.size() == 1 && post)
        answer = account.createBatch(request.body);
    else if (collection == QLatin1String("batches") && parts.size() == 2 && get)
        answer = account.retrieveBatch(id);
    else if (collection == QLatin1String("batches") && parts.size() == 3 && post &&
             parts[2] == QLatin1String("cancel"))
        answer = account.cancelBatch(id);
    else if (collection == QLatin1String("files") && parts.size() == 1 && post)
        answer = account.uploadFile(request.header("content-type"), request.body);
    else if (collection == QLatin1String("files") && parts.size() == 2 && get)
        answer = account.retrieveFile(id);
    else if (collection == QLatin1String("files") && parts.size() == 3 && get &&
             parts[2] == QLatin1String("content"))
        answer = account.fileContent(id);
    else
        return error(request, 404, QStringLiteral("Invalid URL (%1)").arg(request.describe()));
    return reshape(request, answer);
}

SimResponse SimOpenAiDialect::error(const SimRequest &, int status, const QString &message,
                                    const QString &code) const
{
    QString type = kInvalidRequest;
    QString errorCode = code;
    if (status == 429) {
        type = QStringLiteral("requests");
        errorCode = QStringLiteral("rate_limit_exceeded");
    } else if (status >= 500) {
        type = QStringLiteral("server_error");
    }
    if (errorCode == kInvalidRequest || errorCode == QLatin1String("server_error"))
        errorCode.clear(); // a type handed back as a code by reshape(): OpenAI sends null there
    return SimResponse::error(status, message, type, errorCode);
}

QByteArray SimOpenAiDialect::emptyPage(const SimRequest &) const
{
    return R"({"object":"list","data":[],"has_more":true})";
}

QByteArray SimOpenAiDialect::wrongShapePage() const
{
    return R"({"object":"list","data":{"id":"batch_x"},"has_more":false})";
}

std::optional<SimRequest> SimOpenAiDialect::nextPage(const SimRequest &request, const QByteArray &page) const
{
    const QJsonObject object = QJsonDocument::fromJson(page).object();
    const QString last = object.value(QLatin1String("last_id")).toString();
    if (!object.value(QLatin1String("has_more")).toBool() || last.isEmpty())
        return std::nullopt;
    QUrlQuery query = request.query;
    query.removeAllQueryItems(QStringLiteral("after"));
    query.addQueryItem(QStringLiteral("after"), last);
    return SimRequest::get(request.url.path(), query);
}

SimRequest SimOpenAiDialect::firstPage(int limit) const
{
    return SimRequest::get(prefix() + QStringLiteral("/batches"),
                           QUrlQuery{{QStringLiteral("limit"), QString::number(limit)}});
}

QString SimAzureDialect::baseUrl(quint16 port) const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port); // the endpoint: clients add /openai/...
}

SimResponse SimAzureDialect::authenticate(const SimRequest &request) const
{
    const QByteArray key = request.header("api-key");
    const QByteArray token = bearer(request);
    if (key.isEmpty() && token.isEmpty())
        return error(request, 401,
                     QStringLiteral("Access denied due to missing subscription key. Make sure to include "
                                    "subscription key when making requests to an API."));
    const bool keyGood =
        !key.isEmpty() && (m_credentials.key.isEmpty() || QString::fromUtf8(key) == m_credentials.key);
    // A bearer token is an Entra ID token, or the key itself as the OpenAI client sends it to the v1 API:
    // either configured one, or any when neither is configured.
    const QString bearerText = QString::fromUtf8(token);
    const bool open = m_credentials.key.isEmpty() && m_credentials.adToken.isEmpty();
    const bool tokenGood =
        !token.isEmpty() && (open || bearerText == m_credentials.key || bearerText == m_credentials.adToken);
    if (keyGood || tokenGood)
        return SimResponse();
    return error(request, 401,
                 QStringLiteral("Access denied due to invalid subscription key or wrong API endpoint. Make "
                                "sure to provide a valid key for an active subscription and use a correct "
                                "regional API endpoint for your resource."));
}

SimResponse SimAzureDialect::handle(const SimRequest &request, SimAccount &account, QString *route)
{
    const QStringList &parts = request.parts;
    if (parts.size() >= 3 && parts[0] == QLatin1String("openai") && parts[1] == QLatin1String("v1"))
        return handleCollections(request, 2, account, route); // the v1 API takes an api-version or none
    if (parts.size() >= 2 && parts[0] == QLatin1String("openai") &&
        !request.queryValue(QStringLiteral("api-version")).isEmpty())
        return handleCollections(request, 1, account, route);
    return error(request, 404, QStringLiteral("Resource not found"));
}

SimResponse SimAzureDialect::error(const SimRequest &, int status, const QString &message,
                                   const QString &code) const
{
    const bool named = !code.isEmpty() && code != kInvalidRequest && code != QLatin1String("server_error");
    return SimResponse::json({{QStringLiteral("error"),
                               QJsonObject{{QStringLiteral("code"), named ? code : QString::number(status)},
                                           {QStringLiteral("message"), message}}}},
                             status);
}

QList<QPair<QByteArray, QByteArray>> SimAzureDialect::extraHeaders(const SimRequest &) const
{
    return {{"apim-request-id", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)}};
}
