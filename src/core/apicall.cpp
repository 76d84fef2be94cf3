#include "apicall.h"

#include "retrypolicy.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>

namespace {
// An error body is only read for its message; a server that sends megabytes there is not worth keeping.
constexpr qsizetype kMaxErrorBody = 1 << 20;
} // namespace

ApiCall::ApiCall(QNetworkAccessManager *manager, const QNetworkRequest &request, const QByteArray &verb,
                 const QByteArray &payload, const Options &options, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
    , m_request(request)
    , m_verb(verb)
    , m_payload(payload)
    , m_options(options)
{
    m_timer.setSingleShot(true);
    m_backoff.setSingleShot(true);
    // A coarse timer may fire up to 5% early; the server's retry-after is a floor.
    m_backoff.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ApiCall::onTimeout);
    connect(&m_backoff, &QTimer::timeout, this, &ApiCall::startAttempt);
}

ApiCall::~ApiCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

ApiError ApiCall::invalidResponse(const QString &why) const
{
    ApiError error = ApiError::make(ApiError::InvalidResponse, why, m_requestId);
    error.httpStatus = m_httpStatus;
    return error;
}

void ApiCall::abort()
{
    if (m_finished)
        return;
    m_backoff.stop();
    m_timer.stop();
    if (m_reply) {
        // Finish here and now: Qt may report the aborted reply only on a later turn of the event loop.
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
        discard();
    }
    finish(ApiError::make(ApiError::Cancelled, QStringLiteral("cancelled"), m_requestId));
}

bool ApiCall::beginAttempt(QString *)
{
    return true;
}

bool ApiCall::consume(const QByteArray &chunk, QString *)
{
    m_body += chunk;
    return true;
}

bool ApiCall::commit(QString *)
{
    return true;
}

void ApiCall::startAttempt()
{
    ++m_attempt;
    m_abortReason = AbortReason::None;
    m_streamingBody = false;
    m_httpStatus = 0;
    m_requestId.clear();
    m_body.clear();
    QString error;
    if (!beginAttempt(&error)) {
        finishLater(ApiError::make(ApiError::LocalIo, error)); // may run before the caller has connected
        return;
    }

    QNetworkRequest request = m_request;
    if (m_attempt > 1)
        request.setRawHeader("X-Stainless-Retry-Count", QByteArray::number(m_attempt - 1));
    m_reply = m_manager->sendCustomRequest(request, m_verb, m_payload);
    connect(m_reply, &QNetworkReply::socketStartedConnecting, this,
            [this] { armTimer(m_options.connectTimeoutMs); });
    connect(m_reply, &QNetworkReply::requestSent, this, [this] { armTimer(m_options.transferTimeoutMs); });
    connect(m_reply, &QNetworkReply::metaDataChanged, this,
            [this] { armTimer(m_options.transferTimeoutMs); });
    connect(m_reply, &QNetworkReply::uploadProgress, this, [this] { armTimer(m_options.transferTimeoutMs); });
    connect(m_reply, &QNetworkReply::readyRead, this, &ApiCall::onReadyRead);
    connect(m_reply, &QNetworkReply::downloadProgress, this, &ApiCall::progress);
    connect(m_reply, &QNetworkReply::finished, this, &ApiCall::onReplyFinished);
    // Until the socket starts connecting (the request may wait for a free connection), the transfer limit
    // holds.
    armTimer(m_options.transferTimeoutMs);
}

void ApiCall::armTimer(int ms)
{
    if (ms > 0)
        m_timer.start(ms);
}

void ApiCall::onTimeout()
{
    if (!m_reply)
        return;
    m_abortReason = AbortReason::Timeout;
    m_reply->abort();
}

void ApiCall::onReadyRead()
{
    armTimer(m_options.transferTimeoutMs);
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_streamingBody = streams() && status >= 200 && status < 300;
    if (!m_streamingBody) {
        if (m_body.size() < kMaxErrorBody || (status >= 200 && status < 300))
            m_body += m_reply->readAll();
        else
            m_reply->readAll();
        return;
    }
    QString error;
    if (!consume(m_reply->readAll(), &error)) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
        m_timer.stop();
        discard();
        finish(ApiError::make(ApiError::LocalIo, error));
    }
}

void ApiCall::onReplyFinished()
{
    if (m_reply->bytesAvailable() > 0 && m_abortReason == AbortReason::None) {
        onReadyRead();
        if (m_finished)
            return;
    }
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    m_timer.stop();
    reply->deleteLater();

    m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_requestId = QString::fromLatin1(reply->rawHeader("x-request-id"));
    const QByteArray xShouldRetry = reply->rawHeader("x-should-retry");
    const QByteArray retryAfterMs = reply->rawHeader("retry-after-ms");
    const QByteArray retryAfter = reply->rawHeader("retry-after");

    if (m_abortReason == AbortReason::Timeout) {
        discard();
        retryOrFinish(
            ApiError::make(ApiError::Timeout, QStringLiteral("%1 timed out after %2 s without an answer")
                                                  .arg(m_request.url().toDisplayString(QUrl::RemoveQuery))
                                                  .arg(m_options.transferTimeoutMs / 1000.0)),
            0, QByteArray(), QByteArray(), QByteArray());
        return;
    }
    if (m_httpStatus == 0 || (reply->error() != QNetworkReply::NoError && m_httpStatus < 400)) {
        discard();
        retryOrFinish(
            ApiError::make(ApiError::Network,
                           QStringLiteral("%1: %2").arg(m_request.url().toDisplayString(QUrl::RemoveQuery),
                                                        reply->errorString()),
                           m_requestId),
            0, xShouldRetry, retryAfterMs, retryAfter);
        return;
    }
    if (m_httpStatus < 200 || m_httpStatus >= 300) {
        discard();
        const ApiError error = ApiError::fromHttpResponse(m_httpStatus, m_body, m_requestId);
        m_body.clear();
        retryOrFinish(error, m_httpStatus, xShouldRetry, retryAfterMs, retryAfter);
        return;
    }
    QString error;
    if (!commit(&error)) {
        finish(ApiError::make(ApiError::LocalIo, error, m_requestId));
        return;
    }
    finish(ApiError());
}

void ApiCall::retryOrFinish(const ApiError &error, int status, const QByteArray &xShouldRetry,
                            const QByteArray &retryAfterMs, const QByteArray &retryAfter)
{
    const int retryIndex = m_attempt - 1;
    if (retryIndex >= m_options.maxRetries || !RetryPolicy::shouldRetry(status, xShouldRetry)) {
        finish(error);
        return;
    }
    const int delay =
        RetryPolicy::serverDelayMs(retryAfterMs, retryAfter, QDateTime::currentDateTimeUtc())
            .value_or(RetryPolicy::backoffDelayMs(retryIndex, QRandomGenerator::global()->generateDouble()));
    Q_EMIT retrying(retryIndex + 1, delay, error);
    m_backoff.start(delay);
}

void ApiCall::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (error.isError())
        m_body.clear();
    Q_EMIT finished();
}

void ApiCall::finishLater(const ApiError &error)
{
    QMetaObject::invokeMethod(
        this, [this, error] { finish(error); }, Qt::QueuedConnection);
}
