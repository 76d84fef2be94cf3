#pragma once

#include "sim/simresponse.h"

#include <QAbstractHttpServer>
#include <QHash>

class SimAccount;

// The HTTP face of a SimAccount: routing, bearer-key checks, request ids, and faults on demand.
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

    SimServer(SimAccount *account, const QString &requiredKey, const Faults &faults,
              QObject *parent = nullptr);

    // Binds 127.0.0.1 (port 0: a free one); returns the port, 0 on failure.
    quint16 listenLoopback(quint16 port);
    qint64 apiRequests() const { return m_apiRequests; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    SimResponse route(const QHttpServerRequest &request);
    SimResponse checkKey(const QHttpServerRequest &request) const;
    SimResponse stats() const;
    enum class Fault {
        None,
        Answer,
        TookOver
    }; // Answer: *response holds it; TookOver: the socket is handled
    Fault injectFault(const QHttpServerRequest &request, QTcpSocket *socket, SimResponse *response);
    void send(const QHttpServerRequest &request, QTcpSocket *socket, const SimResponse &response);

    SimAccount *m_account;
    QString m_requiredKey;
    Faults m_faults;
    qint64 m_apiRequests = 0;
    qint64 m_faultsInjected = 0;
    QHash<QString, qint64> m_requestsByRoute;
};
