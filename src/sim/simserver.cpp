#include "sim/simserver.h"

#include "sim/simaccount.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

#include <cmath>

namespace {
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

SimRequest toSimRequest(const QHttpServerRequest &request)
{
    SimRequest simRequest;
    simRequest.method = methodName(request.method());
    simRequest.url = request.url();
    simRequest.parts = request.url().path().split(u'/', Qt::SkipEmptyParts);
    simRequest.query = request.query();
    simRequest.headers = request.headers();
    simRequest.body = request.body();
    simRequest.requestId = newRequestId();
    return simRequest;
}

// A file's bytes from the offset a `Range: bytes=FIRST-[LAST]` header asks for (one range only, as resumed
// downloads send), as 206 with Content-Range, or 416 past the end. Other answers and other ranges are left
// whole, as a server may.
void applyRange(const SimRequest &request, SimResponse &response)
{
    const bool file =
        response.contentType == "application/octet-stream" || response.contentType == "application/binary";
    if (response.status != 200 || !file)
        return;
    response.headers.append(qMakePair(QByteArray("Accept-Ranges"), QByteArray("bytes")));
    const QByteArray range = request.header("range").trimmed();
    if (!range.startsWith("bytes=") || range.contains(','))
        return;
    const qsizetype dash = range.indexOf('-');
    bool firstOk = false;
    bool lastOk = true;
    const qint64 first = range.mid(6, dash - 6).toLongLong(&firstOk);
    const QByteArray lastText = range.mid(dash + 1);
    const qint64 total = response.body.size();
    const qint64 last = lastText.isEmpty() ? total - 1 : lastText.toLongLong(&lastOk);
    if (dash < 0 || !firstOk || !lastOk || first < 0 || (!lastText.isEmpty() && last < first))
        return;
    if (first >= total) {
        response.status = 416;
        response.body.clear();
        response.headers.append(
            qMakePair(QByteArray("Content-Range"), "bytes */" + QByteArray::number(total)));
        return;
    }
    const qint64 end = qMin(last, total - 1);
    response.status = 206;
    response.body = response.body.mid(first, end - first + 1);
    response.headers.append(qMakePair(QByteArray("Content-Range"), "bytes " + QByteArray::number(first) +
                                                                       '-' + QByteArray::number(end) + '/' +
                                                                       QByteArray::number(total)));
}

// Writes the whole answer, or only its first `sentBytes` while still promising all of it.
void writeResponse(QHttpServerResponder &responder, const SimResponse &response, const QByteArray &requestId,
                   qsizetype sentBytes = -1)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    responder.writeHeader("Content-Type", response.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeHeader("x-request-id", requestId);
    for (const auto &h : response.headers)
        responder.writeHeader(h.first, h.second);
    responder.writeBody(sentBytes < 0 ? response.body : response.body.left(sentBytes));
}
} // namespace

SimServer::SimServer(SimAccount *account, const QString &requiredKey, const Faults &faults, QObject *parent)
    : SimServer(account, SimDialect::create(SimDialect::Kind::OpenAI, {requiredKey, QString()}), faults,
                parent)
{
}

SimServer::SimServer(SimAccount *account, std::unique_ptr<SimDialect> dialect, const Faults &faults,
                     QObject *parent)
    : QAbstractHttpServer(parent)
    , m_account(account)
    , m_dialect(std::move(dialect))
    , m_faults(faults)
{
    Q_ASSERT(m_dialect);
}

SimServer::~SimServer() = default;

quint16 SimServer::listenLoopback(quint16 port)
{
    return listen(QHostAddress::LocalHost, port);
}

bool SimServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const SimRequest simRequest = toSimRequest(request);
    if (request.url().path() == QLatin1String("/v1/_sim/stats")) {
        send(request, socket, stats(), simRequest.requestId);
        return true;
    }
    if (request.url().path() == QLatin1String("/v1/_sim/batches") &&
        simRequest.method == QLatin1String("POST")) {
        send(request, socket, createForTests(simRequest), simRequest.requestId);
        return true;
    }
    if (request.url().path() == QLatin1String("/v1/_sim/clock") &&
        simRequest.method == QLatin1String("POST")) {
        send(request, socket, advanceClock(simRequest), simRequest.requestId);
        return true;
    }
    ++m_apiRequests;
    SimResponse response;
    const Fault fault = injectFault(simRequest, request, socket, &response);
    if (fault == Fault::TookOver)
        return true;
    if (fault == Fault::None)
        response = answer(simRequest);
    response.headers += m_dialect->extraHeaders(simRequest);
    if (m_faults.latencyMs <= 0) {
        send(request, socket, response, simRequest.requestId);
        return true;
    }
    // The responder only needs the request's protocol facts, so it can answer later.
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    QPointer<QTcpSocket> alive(socket);
    const QByteArray requestId = simRequest.requestId;
    QTimer::singleShot(m_faults.latencyMs, this, [responder, alive, response, requestId] {
        if (alive && alive->state() == QAbstractSocket::ConnectedState)
            writeResponse(*responder, response, requestId);
    });
    return true;
}

void SimServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const SimRequest simRequest = toSimRequest(request);
    send(request, socket,
         m_dialect->error(simRequest, 404, QStringLiteral("Invalid URL (%1)").arg(simRequest.describe())),
         simRequest.requestId);
}

SimResponse SimServer::answer(const SimRequest &request)
{
    const SimResponse refused = m_dialect->authenticate(request);
    if (refused.status != 200)
        return refused;
    QString route;
    SimResponse response = m_dialect->handle(request, *m_account, &route);
    if (!route.isEmpty())
        m_requestsByRoute[route]++;
    applyRange(request, response);
    return response;
}

SimServer::Fault SimServer::injectFault(const SimRequest &simRequest, const QHttpServerRequest &request,
                                        QTcpSocket *socket, SimResponse *response)
{
    if (m_faults.failEvery <= 0 || m_apiRequests % m_faults.failEvery != 0)
        return Fault::None;
    ++m_faultsInjected;
    const QString &mode = m_faults.failMode;
    bool isStatus = false;
    const int status = mode.toInt(&isStatus);
    if (isStatus) {
        *response = m_dialect->fault(simRequest, status, m_faults.retryAfterSeconds);
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
        *response = SimResponse{200, "application/json", m_dialect->emptyPage(simRequest), {}};
        return Fault::Answer;
    }
    if (mode == QLatin1String("wrong-shape")) {
        *response = SimResponse{200, "application/json", m_dialect->wrongShapePage(), {}};
        return Fault::Answer;
    }
    if (mode == QLatin1String("truncate")) {
        // Promise the whole body, send half, hang up: the transfer must count as failed.
        SimResponse whole = answer(simRequest);
        whole.headers += m_dialect->extraHeaders(simRequest);
        QHttpServerResponder responder = makeResponder(request, socket);
        writeResponse(responder, whole, simRequest.requestId, whole.body.size() / 2);
        QMetaObject::invokeMethod(socket, &QTcpSocket::disconnectFromHost, Qt::QueuedConnection);
        return Fault::TookOver;
    }
    return Fault::None;
}

namespace {
// The test hook's "usage" (null: none at all; an object: exactly these counts) and "created_at" (an ended
// batch's creation, in the past); the reason when they make no sense.
QString readTestUsage(const QJsonObject &body, SimAccount::TestBatch *spec)
{
    const QJsonValue usage = body.value(QLatin1String("usage"));
    if (usage.isNull()) {
        spec->hasUsage = false;
    } else if (usage.isObject()) {
        const QJsonObject o = usage.toObject();
        SimBatch::FixedUsage fixed;
        fixed.input = o.value(QLatin1String("input_tokens")).toInteger(-1);
        fixed.cached = o.value(QLatin1String("input_tokens_details"))
                           .toObject()
                           .value(QLatin1String("cached_tokens"))
                           .toInteger(0);
        fixed.output = o.value(QLatin1String("output_tokens")).toInteger(-1);
        // Bounded so total_tokens (their sum) never overflows.
        constexpr qint64 kMaxTokens = qint64(1) << 52;
        if (fixed.input < 0 || fixed.output < 0 || fixed.cached < 0 || fixed.cached > fixed.input ||
            fixed.input > kMaxTokens || fixed.output > kMaxTokens)
            return QStringLiteral("'usage' needs input_tokens and output_tokens of 0 to 2^52, and "
                                  "input_tokens_details.cached_tokens no more than input_tokens");
        spec->usage = fixed;
    } else if (!usage.isUndefined()) {
        return QStringLiteral("'usage' must be an object or null");
    }
    const QJsonValue created = body.value(QLatin1String("created_at"));
    if (!created.isUndefined()) {
        if (!created.isDouble() || !spec->ended || created.toInteger(-1) <= 0)
            return QStringLiteral("'created_at' must be unix seconds, with \"ended\": true");
        spec->createdAt = created.toInteger();
    }
    return QString();
}
} // namespace

SimResponse SimServer::createForTests(const SimRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    SimAccount::TestBatch spec;
    spec.requests = body.value(QLatin1String("requests")).toInteger(-1);
    if (spec.requests < 0 || spec.requests > 100'000)
        return SimResponse::error(400, QStringLiteral("'requests' must be 0 to 100000"),
                                  QStringLiteral("invalid"));
    spec.model = body.value(QLatin1String("model")).toString();
    spec.metadata = body.value(QLatin1String("metadata")).toObject();
    spec.endpoint = body.value(QLatin1String("endpoint")).toString(spec.endpoint);
    const QJsonValue share = body.value(QLatin1String("failed_share"));
    spec.failedShare = share.toDouble(0.0);
    if (!share.isUndefined() && (!share.isDouble() || spec.failedShare < 0.0 || spec.failedShare > 1.0))
        return SimResponse::error(400, QStringLiteral("'failed_share' must be a number from 0 to 1"),
                                  QStringLiteral("invalid"));
    static const QHash<QString, SimBatch::Outcome> kOutcomes{
        {QStringLiteral("completed"), SimBatch::Outcome::Completed},
        {QStringLiteral("failed"), SimBatch::Outcome::Failed},
        {QStringLiteral("expired"), SimBatch::Outcome::Expired},
        {QStringLiteral("cancelled"), SimBatch::Outcome::Cancelled}};
    const QString outcome = body.value(QLatin1String("outcome")).toString(QStringLiteral("completed"));
    if (!kOutcomes.contains(outcome))
        return SimResponse::error(400,
                                  QStringLiteral("'outcome' must be completed, failed, expired or cancelled"),
                                  QStringLiteral("invalid"));
    spec.outcome = kOutcomes.value(outcome);
    spec.ended = body.value(QLatin1String("ended")).toBool(false);
    if (const QString why = readTestUsage(body, &spec); !why.isEmpty())
        return SimResponse::error(400, why, QStringLiteral("invalid"));
    spec.answerChars = body.value(QLatin1String("answer_chars")).toInt(0);
    if (spec.answerChars < 0 || spec.answerChars > 20'000)
        return SimResponse::error(400, QStringLiteral("'answer_chars' must be 0 to 20000"),
                                  QStringLiteral("invalid"));
    // Optional whole numbers in a range; a wrong one is refused rather than ignored.
    const auto seconds = [&body](const char *field, qint64 low, qint64 high, std::optional<qint64> *out) {
        const QJsonValue value = body.value(QLatin1String(field));
        if (value.isUndefined())
            return true;
        const double number = value.toDouble(-1.0);
        if (!value.isDouble() || number < double(low) || number > double(high) ||
            number != std::floor(number))
            return false;
        *out = qint64(number);
        return true;
    };
    if (!seconds("run_seconds", 1, 1'000'000'000, &spec.runSeconds) ||
        !seconds("stall_after", 0, 1'000'000'000, &spec.stallAfter) ||
        !seconds("output_expires_after", 3600, 2'592'000, &spec.outputExpiresAfter))
        return SimResponse::error(400,
                                  QStringLiteral("'run_seconds' must be 1 to 1e9, 'stall_after' 0 to 1e9, "
                                                 "'output_expires_after' 3600 to 2592000"),
                                  QStringLiteral("invalid"));
    const SimBatch &batch = m_account->createForTests(spec);
    return SimResponse::json(
        {{QStringLiteral("id"), m_dialect->publicId(batch.id)}, {QStringLiteral("openai_id"), batch.id}});
}

SimResponse SimServer::advanceClock(const SimRequest &request)
{
    const QJsonValue advance = QJsonDocument::fromJson(request.body).object().value(QLatin1String("advance"));
    const double seconds = advance.toDouble(-1.0);
    if (!advance.isDouble() || seconds < 0 || seconds > 1e9 || seconds != std::floor(seconds))
        return SimResponse::error(400, QStringLiteral("'advance' must be whole seconds from 0 to 1e9"),
                                  QStringLiteral("invalid"));
    return SimResponse::json({{QStringLiteral("now"), m_account->advanceClock(qint64(seconds))}});
}

SimResponse SimServer::stats() const
{
    QJsonObject byRoute;
    for (auto it = m_requestsByRoute.cbegin(); it != m_requestsByRoute.cend(); ++it)
        byRoute.insert(it.key(), it.value());
    return SimResponse::json({{QStringLiteral("requests"), m_apiRequests},
                              {QStringLiteral("faults"), m_faultsInjected},
                              {QStringLiteral("by_route"), byRoute},
                              {QStringLiteral("dialect"), SimDialect::id(m_dialect->kind())},
                              {QStringLiteral("batches"), m_account->batchCount()},
                              {QStringLiteral("now"), m_account->now()}});
}

void SimServer::send(const QHttpServerRequest &request, QTcpSocket *socket, const SimResponse &response,
                     const QByteArray &requestId)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    writeResponse(responder, response, requestId);
}
