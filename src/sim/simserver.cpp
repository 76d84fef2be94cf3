#include "sim/simserver.h"

#include "sim/simaccount.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace {
const QString kInvalidRequest = QStringLiteral("invalid_request_error");

QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &pair : request.headers()) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    default:
        return QStringLiteral("OTHER");
    }
}

QByteArray newRequestId()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
    return "req_" + bytes.toHex();
}

// Writes the whole answer, or only its first `sentBytes` while still promising all of it.
void writeResponse(QHttpServerResponder &responder, const SimResponse &response, qsizetype sentBytes = -1)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    responder.writeHeader("Content-Type", response.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeHeader("x-request-id", newRequestId());
    for (const auto &h : response.headers)
        responder.writeHeader(h.first, h.second);
    responder.writeBody(sentBytes < 0 ? response.body : response.body.left(sentBytes));
}
} // namespace

SimServer::SimServer(SimAccount *account, const QString &requiredKey, const Faults &faults, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_account(account)
    , m_requiredKey(requiredKey)
    , m_faults(faults)
{
}

quint16 SimServer::listenLoopback(quint16 port)
{
    return listen(QHostAddress::LocalHost, port);
}

bool SimServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    if (path == QLatin1String("/v1/_sim/stats")) {
        send(request, socket, stats());
        return true;
    }
    ++m_apiRequests;
    SimResponse response;
    const Fault fault = injectFault(request, socket, &response);
    if (fault == Fault::TookOver)
        return true;
    if (fault == Fault::None) {
        response = checkKey(request);
        if (response.status == 200)
            response = route(request);
    }
    if (m_faults.latencyMs <= 0) {
        send(request, socket, response);
        return true;
    }
    // The responder only needs the request's protocol facts, so it can answer later.
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    QPointer<QTcpSocket> alive(socket);
    QTimer::singleShot(m_faults.latencyMs, this, [responder, alive, response] {
        if (alive && alive->state() == QAbstractSocket::ConnectedState)
            writeResponse(*responder, response);
    });
    return true;
}

void SimServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    send(request, socket,
         SimResponse::error(
             404,
             QStringLiteral("Invalid URL (%1 %2)").arg(methodName(request.method()), request.url().path()),
             kInvalidRequest));
}

SimServer::Fault SimServer::injectFault(const QHttpServerRequest &request, QTcpSocket *socket,
                                        SimResponse *response)
{
    if (m_faults.failEvery <= 0 || m_apiRequests % m_faults.failEvery != 0)
        return Fault::None;
    ++m_faultsInjected;
    const QString &mode = m_faults.failMode;
    bool isStatus = false;
    const int status = mode.toInt(&isStatus);
    if (isStatus) {
        *response = SimResponse::error(
            status,
            status == 429
                ? QStringLiteral("Rate limit reached for requests. Please try again in %1s.")
                      .arg(m_faults.retryAfterSeconds)
                : QStringLiteral("The server had an error while processing your request. Sorry about that!"),
            status == 429 ? QStringLiteral("requests") : QStringLiteral("server_error"),
            status == 429 ? QStringLiteral("rate_limit_exceeded") : QString());
        if (status == 429 || status == 503)
            response->headers.append({"retry-after", QByteArray::number(m_faults.retryAfterSeconds)});
        return Fault::Answer;
    }
    if (mode == QLatin1String("hang"))
        return Fault::TookOver; // never answer; the client's time-out must notice
    if (mode == QLatin1String("drop")) {
        QMetaObject::invokeMethod(socket, &QTcpSocket::abort, Qt::QueuedConnection);
        return Fault::TookOver;
    }
    if (mode == QLatin1String("garbage")) {
        *response = SimResponse{200, "application/json", "<html><body>502 Bad Gateway</body></html>", {}};
        return Fault::Answer;
    }
    if (mode == QLatin1String("empty-page")) {
        // A broken server's page: nothing in it, yet it claims more.
        *response =
            SimResponse{200, "application/json", R"({"object":"list","data":[],"has_more":true})", {}};
        return Fault::Answer;
    }
    if (mode == QLatin1String("wrong-shape")) {
        *response = SimResponse{
            200, "application/json", R"({"object":"list","data":{"id":"batch_x"},"has_more":false})", {}};
        return Fault::Answer;
    }
    if (mode == QLatin1String("truncate")) {
        // Promise the whole body, send half, hang up: the transfer must count as failed.
        SimResponse whole = checkKey(request);
        if (whole.status == 200)
            whole = route(request);
        QHttpServerResponder responder = makeResponder(request, socket);
        writeResponse(responder, whole, whole.body.size() / 2);
        QMetaObject::invokeMethod(socket, &QTcpSocket::disconnectFromHost, Qt::QueuedConnection);
        return Fault::TookOver;
    }
    return Fault::None;
}

SimResponse SimServer::checkKey(const QHttpServerRequest &request) const
{
    const QByteArray authorization = header(request, "authorization");
    const QByteArray key =
        authorization.startsWith("Bearer ") ? authorization.mid(7).trimmed() : QByteArray();
    if (key.isEmpty())
        return SimResponse::error(
            401,
            QStringLiteral("You didn't provide an API key. You need to provide your API key in an "
                           "Authorization header using Bearer auth (i.e. Authorization: "
                           "Bearer YOUR_KEY)."),
            kInvalidRequest);
    if (!m_requiredKey.isEmpty() && QString::fromUtf8(key) != m_requiredKey) {
        const QString shown = key.size() > 8 ? QString::fromUtf8(key.left(3)) + QStringLiteral("*****") +
                                                   QString::fromUtf8(key.right(4))
                                             : QStringLiteral("*****");
        return SimResponse::error(
            401,
            QStringLiteral("Incorrect API key provided: %1. You can find your API key at "
                           "https://platform.openai.com/account/api-keys.")
                .arg(shown),
            kInvalidRequest, QStringLiteral("invalid_api_key"));
    }
    return SimResponse();
}

SimResponse SimServer::route(const QHttpServerRequest &request)
{
    const QStringList parts = request.url().path().split(u'/', Qt::SkipEmptyParts);
    const QHttpServerRequest::Method method = request.method();
    const bool get = method == QHttpServerRequest::Method::Get;
    const bool post = method == QHttpServerRequest::Method::Post;
    if (parts.size() < 2 || parts[0] != QLatin1String("v1"))
        return SimResponse::error(
            404, QStringLiteral("Invalid URL (%1 %2)").arg(methodName(method), request.url().path()),
            kInvalidRequest);

    const QString collection = parts[1];
    const QString id = parts.size() > 2 ? parts[2] : QString();
    m_requestsByRoute[methodName(method) + u' ' + collection +
                      (parts.size() > 3 ? u'/' + parts[3] : QString())]++;
    if (collection == QLatin1String("batches")) {
        if (parts.size() == 2 && get)
            return m_account->listBatches(request.query());
        if (parts.size() == 2 && post)
            return m_account->createBatch(request.body());
        if (parts.size() == 3 && get)
            return m_account->retrieveBatch(id);
        if (parts.size() == 4 && post && parts[3] == QLatin1String("cancel"))
            return m_account->cancelBatch(id);
    } else if (collection == QLatin1String("files")) {
        if (parts.size() == 2 && post)
            return m_account->uploadFile(header(request, "content-type"), request.body());
        if (parts.size() == 3 && get)
            return m_account->retrieveFile(id);
        if (parts.size() == 4 && get && parts[3] == QLatin1String("content"))
            return m_account->fileContent(id);
    }
    return SimResponse::error(
        404, QStringLiteral("Invalid URL (%1 %2)").arg(methodName(method), request.url().path()),
        kInvalidRequest);
}

SimResponse SimServer::stats() const
{
    QJsonObject byRoute;
    for (auto it = m_requestsByRoute.cbegin(); it != m_requestsByRoute.cend(); ++it)
        byRoute.insert(it.key(), it.value());
    return SimResponse::json({{QStringLiteral("requests"), m_apiRequests},
                              {QStringLiteral("faults"), m_faultsInjected},
                              {QStringLiteral("by_route"), byRoute},
                              {QStringLiteral("batches"), m_account->batchCount()},
                              {QStringLiteral("now"), m_account->now()}});
}

void SimServer::send(const QHttpServerRequest &request, QTcpSocket *socket, const SimResponse &response)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    writeResponse(responder, response);
}
