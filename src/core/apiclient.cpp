#include "apiclient.h"

#include "filedownload.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>

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

QString segment(const QString &id)
{
    // Ids go into the path: "../" or "?" in one must not reach another endpoint.
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}
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
    return options;
}

template <typename Call> Call *ApiClient::launch(Call *call, const QString &emptyIdWhat)
{
    const QString insecure = m_config.insecureTransportReason();
    if (!insecure.isEmpty())
        call->finishLater(ApiError::make(ApiError::InsecureTransport, insecure));
    else if (!emptyIdWhat.isEmpty())
        call->finishLater(
            ApiError::make(ApiError::InvalidRequest, QStringLiteral("no %1 given").arg(emptyIdWhat)));
    else
        call->startAttempt();
    return call;
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
    if (batchId.isEmpty())
        return launch(new ApiCall(m_manager, QNetworkRequest(), "GET", {}, callOptions(), this),
                      QStringLiteral("batch id"));
    return get(QStringLiteral("batches/") + segment(batchId));
}

ApiCall *ApiClient::cancelBatch(const QString &batchId)
{
    if (batchId.isEmpty())
        return launch(new ApiCall(m_manager, QNetworkRequest(), "POST", {}, callOptions(), this),
                      QStringLiteral("batch id"));
    return post(QStringLiteral("batches/") + segment(batchId) + QStringLiteral("/cancel"), QByteArray());
}

ApiCall *ApiClient::retrieveFile(const QString &fileId)
{
    if (fileId.isEmpty())
        return launch(new ApiCall(m_manager, QNetworkRequest(), "GET", {}, callOptions(), this),
                      QStringLiteral("file id"));
    return get(QStringLiteral("files/") + segment(fileId));
}

FileDownload *ApiClient::downloadFileContent(const QString &fileId, const QString &path)
{
    QNetworkRequest request = makeRequest(
        m_config.endpoint(QStringLiteral("files/") + segment(fileId) + QStringLiteral("/content")));
    request.setRawHeader("Accept", "application/octet-stream, */*");
    // Output files of a large batch compress well past Qt's zip-bomb threshold; they are still wanted.
    request.setDecompressedSafetyCheckThreshold(-1);
    return launch(new FileDownload(m_manager, request, path, callOptions(), this),
                  fileId.isEmpty() ? QStringLiteral("file id") : QString());
}
