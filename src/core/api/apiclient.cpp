#include "core/api/apiclient.h"

#include "core/api/filedownload.h"
#include "core/api/uploadbody.h"
#include "core/providers/provideradapter.h"

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
    , m_adapter(&ProviderAdapter::of(config.provider))
    , m_manager(new QNetworkAccessManager(this))
{
    setConfig(config);
}

void ApiClient::setConfig(const ApiConfig &config)
{
    m_config = config;
    m_adapter = &ProviderAdapter::of(config.provider);
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
    // The key belongs to the account's origin; the adapters only build URLs there, and this holds even if
    // one did not.
    if (ProviderAdapter::sameOrigin(url, m_config.baseUrl))
        m_adapter->authorize(m_config, &request);
    // A redirect to another scheme, host or port would carry the key along (Qt copies our raw headers onto
    // the redirected request): such redirects are not followed.
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
    options.adapter = m_adapter;
    // Shorter strings would mask ordinary words; no real key or token is that short.
    for (const QString &secret : {m_config.apiKey, m_config.adToken}) {
        if (secret.size() >= 8)
            options.secrets.append(secret);
    }
    options.secretMask = m_config.apiKey.isEmpty() ? QStringLiteral("****") : m_config.maskedKey();
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
    return ProviderAdapter::unusableIdReason(id);
}

int ApiClient::maxPageSize() const
{
    return m_adapter->maxPageSize();
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

ApiCall *ApiClient::listBatches(const QString &cursor, int limit)
{
    const ProviderAdapter::Request r = m_adapter->list(m_config, cursor, limit);
    return launch(new ApiCall(m_manager, makeRequest(r.url), r.verb, QByteArray(), callOptions(), this),
                  r.refusal);
}

BatchCall *ApiClient::retrieveBatch(const QString &batchId)
{
    const ProviderAdapter::Request r = m_adapter->retrieve(m_config, batchId);
    const QNetworkRequest request = r.refusal.isEmpty() ? makeRequest(r.url) : QNetworkRequest();
    return launch(new BatchCall(m_manager, request, r.verb, true, callOptions(), this), r.refusal);
}

BatchCall *ApiClient::cancelBatch(const QString &batchId)
{
    const ProviderAdapter::Request r = m_adapter->cancel(m_config, batchId);
    QNetworkRequest request;
    if (r.refusal.isEmpty()) {
        request = makeRequest(r.url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    return launch(
        new BatchCall(m_manager, request, r.verb, m_adapter->cancelReturnsBatch(), callOptions(), this),
        r.refusal);
}

FileInfoCall *ApiClient::retrieveFile(const QString &fileId)
{
    const ProviderAdapter::Request r = m_adapter->fileInfo(m_config, fileId);
    const QNetworkRequest request = r.refusal.isEmpty() ? makeRequest(r.url) : QNetworkRequest();
    return launch(new FileInfoCall(m_manager, request, callOptions(), this), r.refusal);
}

FileDownload *ApiClient::downloadFileContent(const QString &fileId, const QString &path, qint64 declaredBytes,
                                             FileDownloadMode mode)
{
    const ProviderAdapter::Request r = m_adapter->fileContent(m_config, fileId);
    return download(r.refusal, r.url, path, declaredBytes, mode);
}

FileDownload *ApiClient::downloadResults(const Batch &batch, const QString &path, qint64 declaredBytes,
                                         FileDownloadMode mode)
{
    const ProviderAdapter::Request r = m_adapter->results(m_config, batch);
    FileDownload *call = download(r.refusal, r.url, path, declaredBytes, mode);
    // Results with no size to hold them to (Anthropic's) are still bounded: an endless body must not fill
    // the disk.
    if (declaredBytes < 0)
        call->m_limit = FileDownload::capForUnknownSize(
            batch.requestCounts.present ? batch.requestCounts.total : qint64(-1));
    return call;
}

FileDownload *ApiClient::download(const QString &refusal, const QUrl &url, const QString &path,
                                  qint64 declaredBytes, FileDownloadMode mode)
{
    QNetworkRequest request;
    if (refusal.isEmpty())
        request = makeRequest(url);
    request.setRawHeader("Accept", "application/octet-stream, */*");
    // Output files of a large batch compress well past Qt's zip-bomb ratio; up to the size the file object
    // declares they are still wanted, and past it Qt's guard and our own limit both stop the answer.
    // (Qt's at twice our limit, so that ours, which names the cause, is the one that speaks.)
    if (declaredBytes >= 0)
        request.setDecompressedSafetyCheckThreshold(
            qMin(FileDownload::limitFor(declaredBytes), std::numeric_limits<qint64>::max() / 2) * 2);
    return launch(new FileDownload(m_manager, request, path, declaredBytes, callOptions(), this, mode),
                  refusal);
}

namespace {
// The request's file, streamed between its body's two halves; made anew for each attempt.
ApiCall::BodySource bodySource(const ProviderAdapter::Request &r)
{
    if (r.filePath.isEmpty())
        return {};
    return [r](QString *error) -> QIODevice * {
        auto *body =
            new UploadBody(r.body, r.filePath, r.bodyAfter,
                           r.fileLinesAsJsonArray ? UploadBody::Lines::AsJsonArray : UploadBody::Lines::AsIs);
        if (body->openBody())
            return body;
        *error = body->errorString();
        delete body;
        return nullptr;
    };
}
} // namespace

QNetworkRequest ApiClient::requestWithBody(const QString &refusal, const QUrl &url,
                                           const QByteArray &contentType) const
{
    if (!refusal.isEmpty())
        return QNetworkRequest();
    QNetworkRequest request = makeRequest(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      contentType.isEmpty() ? QByteArrayLiteral("application/json") : contentType);
    return request;
}

FileInfoCall *ApiClient::uploadFile(const QString &path, const QString &purpose)
{
    const ProviderAdapter::Request r = m_adapter->uploadFile(m_config, path, purpose);
    auto *call = new FileInfoCall(m_manager, requestWithBody(r.refusal, r.url, r.contentType), callOptions(),
                                  this, r.verb);
    call->setBodySource(bodySource(r));
    return launch(call, r.refusal);
}

BatchCall *ApiClient::createBatch(const BatchCreateSpec &spec)
{
    const ProviderAdapter::Request r = m_adapter->createBatch(m_config, spec);
    // Sent twice, a create may make two batches (the SDKs send no idempotency key either).
    ApiCall::Options options = callOptions();
    options.retryOnceSent = false;
    auto *call = new BatchCall(m_manager, requestWithBody(r.refusal, r.url, r.contentType), r.verb, true,
                               options, this, r.filePath.isEmpty() ? r.body : QByteArray());
    call->setBodySource(bodySource(r));
    return launch(call, r.refusal);
}

bool ApiClient::createsFromUploadedFile() const
{
    return m_adapter->createsFromUploadedFile();
}

Parsed<Batch> ApiClient::parseBatch(const QByteArray &body) const
{
    return m_adapter->parseBatch(body);
}

Parsed<BatchPage> ApiClient::parsePage(const QByteArray &body) const
{
    return m_adapter->parsePage(body);
}
