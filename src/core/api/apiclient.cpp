#include "core/api/apiclient.h"

#include "core/api/filedownload.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>

#include <limits>

namespace {
// Honours the environment's proxy settings (http_proxy, https_proxy, no_proxy) for remote hosts.
class SystemProxyFactory : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return systemProxyForQuery(query);
    }
};

} // namespace

ApiClient::ApiClient(const ApiConfig &config, QObject *parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{
    setConfig(config);
}

void ApiClient::setConfig(const ApiConfig &config)
{
    m_config = config;
    // Loopback never goes through a proxy: the simulator and local gateways must be reached directly.
    if (m_config.isLoopback())
        m_manager->setProxy(QNetworkProxy::NoProxy);
    else
        m_manager->setProxyFactory(new SystemProxyFactory); // the manager owns it
}

QByteArray ApiClient::userAgent()
{
    return QByteArrayLiteral("batchwatch/" BATCHWATCH_VERSION " (Qt ") + QByteArray(qVersion()) + ')';
}

QNetworkRequest ApiClient::makeRequest(const QUrl &url) const
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "application/json");
    if (!m_config.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_config.apiKey.toUtf8());
    if (!m_config.organization.isEmpty())
        request.setRawHeader("OpenAI-Organization", m_config.organization.toUtf8());
    if (!m_config.project.isEmpty())
        request.setRawHeader("OpenAI-Project", m_config.project.toUtf8());
    // A redirect to another host would carry the key along.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    // Our own timers tell a time-out from a user abort; Qt's would report both as a cancel.
    request.setTransferTimeout(0);
    return request;
}

ApiCall::Options ApiClient::callOptions() const
{
    ApiCall::Options options;
    options.maxRetries = qMax(0, m_config.maxRetries);
    options.connectTimeoutMs = m_config.connectTimeoutMs;
    options.transferTimeoutMs = m_config.transferTimeoutMs;
    options.minBytesPerSecond = m_config.minBytesPerSecond;
    options.maxBodyBytes = m_config.maxResponseBytes;
    return options;
}

template <typename Call> Call *ApiClient::launch(Call *call, const QString &refusal)
{
    const QString insecure = m_config.insecureTransportReason();
    if (!insecure.isEmpty())
        call->finishLater(ApiError::make(ApiError::InsecureTransport, insecure));
    else if (!refusal.isEmpty())
        call->finishLater(ApiError::make(ApiError::InvalidRequest, refusal));
    else
        call->startAttempt();
    return call;
}

QString ApiClient::unusableIdReason(const QString &id)
{
    // The id becomes one path segment: "." and ".." would be resolved away (GET /v1, POST /v1/cancel), and
    // '/', '?' or '#' would end the segment or the path.
    if (id.isEmpty())
        return QStringLiteral("no id given");
    if (id == QLatin1String(".") || id == QLatin1String(".."))
        return QStringLiteral("\"%1\" is not an id").arg(id);
    for (const QChar c : id) {
        if (c == u'/' || c == u'?' || c == u'#')
            return QStringLiteral("the id \"%1\" holds '%2', which no id has").arg(id, c);
    }
    return {};
}

ApiCall *ApiClient::onItem(const QByteArray &verb, const QString &collection, const QString &id,
                           const QString &suffix)
{
    const QString refusal = unusableIdReason(id);
    QNetworkRequest request;
    if (refusal.isEmpty()) {
        // Unencoded: endpoint() encodes the path once.
        request = makeRequest(m_config.endpoint(collection + u'/' + id + suffix));
        if (verb == "POST")
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    return launch(new ApiCall(m_manager, request, verb, QByteArray(), callOptions(), this), refusal);
}

ApiCall *ApiClient::get(const QString &path, const QUrlQuery &query)
{
    return launch(new ApiCall(m_manager, makeRequest(m_config.endpoint(path, query)),
                              QByteArrayLiteral("GET"), QByteArray(), callOptions(), this));
}

ApiCall *ApiClient::post(const QString &path, const QByteArray &json)
{
    QNetworkRequest request = makeRequest(m_config.endpoint(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return launch(new ApiCall(m_manager, request, QByteArrayLiteral("POST"), json, callOptions(), this));
}

ApiCall *ApiClient::listBatches(const QString &after, int limit)
{
    QUrlQuery query;
    if (!after.isEmpty())
        query.addQueryItem(QStringLiteral("after"), QString::fromLatin1(QUrl::toPercentEncoding(after)));
    if (limit > 0)
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return get(QStringLiteral("batches"), query);
}

ApiCall *ApiClient::retrieveBatch(const QString &batchId)
{
    return onItem(QByteArrayLiteral("GET"), QStringLiteral("batches"), batchId);
}

ApiCall *ApiClient::cancelBatch(const QString &batchId)
{
    return onItem(QByteArrayLiteral("POST"), QStringLiteral("batches"), batchId, QStringLiteral("/cancel"));
}

ApiCall *ApiClient::retrieveFile(const QString &fileId)
{
    return onItem(QByteArrayLiteral("GET"), QStringLiteral("files"), fileId);
}

FileDownload *ApiClient::downloadFileContent(const QString &fileId, const QString &path, qint64 declaredBytes)
{
    const QString refusal = unusableIdReason(fileId);
    QNetworkRequest request;
    if (refusal.isEmpty())
        request =
            makeRequest(m_config.endpoint(QStringLiteral("files/") + fileId + QStringLiteral("/content")));
    request.setRawHeader("Accept", "application/octet-stream, */*");
    // Output files of a large batch compress well past Qt's zip-bomb ratio; up to the size the file object
    // declares they are still wanted, and past it Qt's guard and our own limit both stop the answer.
    // (Qt's at twice our limit, so that ours, which names the cause, is the one that speaks.)
    if (declaredBytes >= 0)
        request.setDecompressedSafetyCheckThreshold(
            qMin(FileDownload::limitFor(declaredBytes), std::numeric_limits<qint64>::max() / 2) * 2);
    return launch(new FileDownload(m_manager, request, path, declaredBytes, callOptions(), this), refusal);
}

Parsed<Batch> ApiClient::parseBatch(const QByteArray &body) const
{
    return BatchParser::parseBatch(body);
}

Parsed<BatchPage> ApiClient::parsePage(const QByteArray &body) const
{
    return BatchParser::parseListPage(body);
}
