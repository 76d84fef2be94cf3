#include "core/api/apicall.h"

#include "core/api/retrypolicy.h"
#include "core/providers/provideradapter.h"

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
    connect(&m_rateWindow, &QTimer::timeout, this, &ApiCall::onRateWindow);
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
    m_rateWindow.stop();
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

const QNetworkReply *ApiCall::currentReply() const
{
    return m_reply.data();
}

bool ApiCall::beginAttempt(QString *)
{
    return true;
}

bool ApiCall::consume(const QByteArray &chunk, ApiError *)
{
    m_body += chunk;
    return true;
}

bool ApiCall::commit(QString *)
{
    return true;
}

bool ApiCall::accept(QString *)
{
    return true;
}

void ApiCall::startAttempt()
{
    int waitMs = 0;
    ApiError gateError;
    switch (gate(&waitMs, &gateError)) {
    case Gate::Go:
        break;
    case Gate::Wait:
        m_backoff.start(qMax(1, waitMs));
        return;
    case Gate::Done:
        finishLater(ApiError());
        return;
    case Gate::Fail:
        finishLater(gateError);
        return;
    }
    ++m_attempt;
    m_abortReason = AbortReason::None;
    m_streamingBody = false;
    m_attemptReached = false;
    m_bodyBytes = 0;
    m_httpStatus = 0;
    m_requestId.clear();
    m_body.clear();
    QString error;
    if (!beginAttempt(&error)) {
        finishLater(ApiError::make(ApiError::LocalIo, error)); // may run before the caller has connected
        return;
    }

    QNetworkRequest request = m_request;
    prepare(&request);
    if (m_attempt > 1)
        request.setRawHeader("X-Stainless-Retry-Count", QByteArray::number(m_attempt - 1));
    m_windowBytes = 0;
    m_wireReceived = 0;
    m_rateWindow.stop();
    if (m_bodySource) {
        QString why;
        QIODevice *body = m_bodySource(&why);
        if (!body) {
            finishLater(ApiError::make(ApiError::LocalIo, why));
            return;
        }
        m_reply = m_manager->sendCustomRequest(request, m_verb, body);
        body->setParent(m_reply); // read until the reply is gone, then freed with it
    } else {
        m_reply = m_manager->sendCustomRequest(request, m_verb, m_payload);
    }
    connect(m_reply, &QNetworkReply::socketStartedConnecting, this, [this] { arm(Wait::Connect); });
    // Once the request is out (or, over TLS, the connection is up) the wait is for the answer: a server may
    // think for longer than a connection may take to open.
    // (Qt may say the request was sent once its head is out: a body still going out is waited on as such.)
    m_sending = bool(m_bodySource);
    connect(m_reply, &QNetworkReply::requestSent, this,
            [this] { arm(m_sending ? Wait::Sending : Wait::Answer); });
    connect(m_reply, &QNetworkReply::encrypted, this,
            [this] { arm(m_sending ? Wait::Sending : Wait::Answer); });
    // A body that goes out over minutes (a 200 MB upload) is held to the silence limit, not to a total one:
    // each chunk sent restarts the wait, and a server that stops reading ends it.
    connect(m_reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
        m_sending = sent < total;
        m_bodyBytes = qMax<qint64>(m_bodyBytes, total);
        arm(m_sending ? Wait::Sending : Wait::Answer);
        if (m_bodySource && total > 0)
            Q_EMIT progress(sent, total);
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        arm(Wait::Silence);
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (!streams() && status >= 200 && status < 300 && m_options.maxBodyBytes > 0 && length.isValid() &&
            length.toLongLong() > m_options.maxBodyBytes)
            failNow(
                invalidResponse(QStringLiteral("%1 announced %2 bytes, more than the %3 MB a response may "
                                               "hold (--max-response-size)")
                                    .arg(where())
                                    .arg(length.toLongLong())
                                    .arg(m_options.maxBodyBytes >> 20)));
    });
    connect(m_reply, &QNetworkReply::readyRead, this, &ApiCall::onReadyRead);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64 total) {
        // The pace is measured on the wire: a compressed trickle must not pass for a fast answer.
        m_windowBytes += qMax<qint64>(0, received - m_wireReceived);
        m_wireReceived = qMax(m_wireReceived, received);
        if (!m_bodySource)
            Q_EMIT progress(received, total);
    });
    connect(m_reply, &QNetworkReply::finished, this, &ApiCall::onReplyFinished);
    // Until the socket starts connecting (the request may wait for a free connection), the transfer limit
    // holds.
    arm(Wait::Queue);
}

void ApiCall::failNow(const ApiError &error)
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    m_timer.stop();
    m_rateWindow.stop();
    discard();
    finish(error);
}

void ApiCall::onReadyRead()
{
    arm(Wait::Silence);
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool success = status >= 200 && status < 300;
    m_streamingBody = streams() && success;
    const QByteArray chunk = m_reply->readAll();
    if (!m_streamingBody) {
        if (success && m_options.maxBodyBytes > 0 && m_body.size() + chunk.size() > m_options.maxBodyBytes) {
            failNow(invalidResponse(
                QStringLiteral("%1 sent more than the %2 MB a response may hold (--max-response-size)")
                    .arg(where())
                    .arg(m_options.maxBodyBytes >> 20)));
            return;
        }
        if (m_body.size() < kMaxErrorBody || success)
            m_body += chunk;
        // An error body is read for its message only: one that goes on and on ends the call here, with what
        // came, instead of holding it for ever.
        if (!success && m_body.size() >= kMaxErrorBody && m_abortReason == AbortReason::None) {
            m_abortReason = AbortReason::ErrorBodyRead;
            QMetaObject::invokeMethod(m_reply, &QNetworkReply::abort, Qt::QueuedConnection);
        }
        return;
    }
    ApiError error = ApiError::make(ApiError::LocalIo, QString(), m_requestId);
    if (!consume(chunk, &error))
        failNow(error);
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
    m_rateWindow.stop();
    reply->deleteLater();

    m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Each provider names its request id differently (x-request-id, request-id, apim-request-id).
    const QByteArrayList idHeaders = m_options.adapter ? m_options.adapter->requestIdHeaders()
                                                       : QByteArrayList{QByteArrayLiteral("x-request-id")};
    for (const QByteArray &header : idHeaders) {
        m_requestId = QString::fromLatin1(reply->rawHeader(header).left(200));
        if (!m_requestId.isEmpty())
            break;
    }
    const QByteArray xShouldRetry = reply->rawHeader("x-should-retry");
    const QByteArray retryAfterMs = reply->rawHeader("retry-after-ms");
    const QByteArray retryAfter = reply->rawHeader("retry-after");

    // Only a connection that never opened proves the request did not arrive.
    const bool neverSent = (m_abortReason == AbortReason::Timeout && m_timedOut == Wait::Connect) ||
                           (m_httpStatus == 0 && (reply->error() == QNetworkReply::ConnectionRefusedError ||
                                                  reply->error() == QNetworkReply::HostNotFoundError));
    m_mayHaveReached = m_mayHaveReached || !neverSent;
    m_attemptReached = !neverSent;
    if (m_abortReason == AbortReason::Timeout || m_abortReason == AbortReason::TooSlow) {
        discard();
        const QString message =
            m_abortReason == AbortReason::Timeout
                ? timeoutMessage()
                : QStringLiteral("%1 timed out: the answer came slower than %2 bytes/s over %3 s")
                      .arg(where())
                      .arg(m_options.minBytesPerSecond)
                      .arg(m_options.transferTimeoutMs / 1000.0);
        retryOrFinish(ApiError::make(ApiError::Timeout, message), 0, QByteArray(), QByteArray(),
                      QByteArray());
        return;
    }
    if (reply->error() == QNetworkReply::UnknownContentError && m_httpStatus >= 200 && m_httpStatus < 300) {
        // Qt's own guard against a compressed answer that unpacks without bound, or a corrupt one: the same
        // answer would come again.
        discard();
        finish(invalidResponse(
            QStringLiteral("%1: the compressed answer would not unpack within its bounds (%2)")
                .arg(where(), reply->errorString())));
        return;
    }
    if (m_httpStatus == 0 || (reply->error() != QNetworkReply::NoError && m_httpStatus < 400)) {
        discard();
        const ApiError error = ApiError::make(
            ApiError::Network, QStringLiteral("%1: %2").arg(where(), reply->errorString()), m_requestId);
        // A certificate that does not verify or a redirect we refuse to follow fails the same way every time.
        switch (reply->error()) {
        case QNetworkReply::SslHandshakeFailedError:
        case QNetworkReply::InsecureRedirectError:
        case QNetworkReply::TooManyRedirectsError:
        case QNetworkReply::ProtocolUnknownError:
            finish(error);
            return;
        default:
            break;
        }
        retryOrFinish(error, 0, xShouldRetry, retryAfterMs, retryAfter);
        return;
    }
    if (m_httpStatus < 200 || m_httpStatus >= 300) {
        if (startOverOn(m_httpStatus)) {
            m_body.clear();
            m_backoff.start(0); // next turn; a cancel before then stops it
            return;
        }
        discard();
        ApiError error = m_options.adapter ? m_options.adapter->parseError(m_httpStatus, m_body, m_requestId)
                                           : ApiError::fromHttpResponse(m_httpStatus, m_body, m_requestId);
        for (const QString &secret : std::as_const(m_options.secrets)) {
            for (QString *text : {&error.message, &error.code, &error.param, &error.type})
                text->replace(secret, m_options.secretMask);
        }
        m_body.clear();
        retryOrFinish(error, m_httpStatus, xShouldRetry, retryAfterMs, retryAfter);
        return;
    }
    QString error;
    if (cameShort(&error)) {
        discard();
        retryOrFinish(
            ApiError::make(ApiError::Network, QStringLiteral("%1: %2").arg(where(), error), m_requestId), 0,
            xShouldRetry, retryAfterMs, retryAfter);
        return;
    }
    if (!commit(&error)) {
        finish(ApiError::make(ApiError::LocalIo, error, m_requestId));
        return;
    }
    QString why;
    if (!accept(&why)) {
        finish(invalidResponse(why));
        return;
    }
    finish(ApiError());
}

void ApiCall::retryOrFinish(const ApiError &error, int status, const QByteArray &xShouldRetry,
                            const QByteArray &retryAfterMs, const QByteArray &retryAfter)
{
    const int retryIndex = m_attempt - 1;
    const bool provedUndone = status == 429 || RetryPolicy::shouldRetryHeader(xShouldRetry) == true;
    if (retryIndex >= m_options.maxRetries || !RetryPolicy::shouldRetry(status, xShouldRetry) ||
        (!m_options.retryOnceSent && m_attemptReached && !provedUndone)) {
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
