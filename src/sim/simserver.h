#pragma once

#include "sim/simdialect.h"
#include "sim/simresponse.h"

#include <QAbstractHttpServer>
#include <QHash>

#include <memory>

class SimAccount;

// The HTTP face of a SimAccount: request ids, faults on demand and stats; a dialect does the provider's part
// (auth, routes, shapes).
class SimServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    struct Faults
    {
        int failEvery = 0; // every Nth API request fails (0: never)
        // An HTTP status, or drop, hang, truncate, garbage, empty-page, wrong-shape.
        QString failMode = QStringLiteral("500");
        int retryAfterSeconds = 1; // sent with 429 and 503
        int latencyMs = 0;         // added to every answer
    };

    // OpenAI's dialect, accepting only `requiredKey` (empty: any key).
    SimServer(SimAccount *account, const QString &requiredKey, const Faults &faults,
              QObject *parent = nullptr);
    SimServer(SimAccount *account, std::unique_ptr<SimDialect> dialect, const Faults &faults,
              QObject *parent = nullptr);
    ~SimServer() override;

    // Binds 127.0.0.1 (port 0: a free one); returns the port, 0 on failure.
    quint16 listenLoopback(quint16 port);
    qint64 apiRequests() const { return m_apiRequests; }
    const SimDialect &dialect() const { return *m_dialect; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    SimResponse answer(const SimRequest &request);
    SimResponse stats() const;
    // POST /v1/_sim/batches {"requests": N, "model", "metadata", "endpoint" (default /v1/responses),
    // "outcome" (completed|failed|expired|cancelled), "failed_share" (0..1), "ended" (terminal now),
    // "answer_chars" (0..20000: answers at least that long, for large files), "usage" (null: none; or
    // {"input_tokens", "input_tokens_details": {"cached_tokens"}, "output_tokens"}: exactly these),
    // "created_at" (with "ended": unix seconds in the past)}: a batch created in any dialect, for tests; no
    // key, not counted. Answers {"id": the dialect's id, "openai_id"}.
    // ... and for alert tests: "run_seconds" (1..1e9: how long its requests take), "stall_after" (0..1e9:
    // seconds after in_progress_at when its counts stop moving, staying in progress), "output_expires_after"
    // (3600.. 2592000, echoed as {"anchor": "created_at", "seconds"}).
    SimResponse createForTests(const SimRequest &request);
    // POST /v1/_sim/clock {"advance": SECONDS (0..1e9)}: the simulated clock moves on; answers {"now"}.
    SimResponse advanceClock(const SimRequest &request);
    enum class Fault {
        None,
        Answer,
        TookOver
    }; // Answer: *response holds it; TookOver: the socket is handled
    Fault injectFault(const SimRequest &simRequest, const QHttpServerRequest &request, QTcpSocket *socket,
                      SimResponse *response);
    void send(const QHttpServerRequest &request, QTcpSocket *socket, const SimResponse &response,
              const QByteArray &requestId);

    SimAccount *m_account;
    std::unique_ptr<SimDialect> m_dialect;
    Faults m_faults;
    qint64 m_apiRequests = 0;
    qint64 m_faultsInjected = 0;
    QHash<QString, qint64> m_requestsByRoute;
};
