#pragma once

#include <QByteArrayList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

// A small HTTP/1.1 server on loopback that answers as a test tells it to: slow, endless, oversized,
// malformed. It records what reached it, so a test can assert that a request was (or was never) sent.
class HostileServer : public QObject
{
    Q_OBJECT

public:
    // Called once per request, after its head (and any Content-Length body) arrived; writes whatever it
    // likes.
    using Responder = std::function<void(QTcpSocket *socket, const QByteArray &head)>;

    explicit HostileServer(Responder responder, QObject *parent = nullptr);

    // http://127.0.0.1:PORT/v1 (or https:// when asked for: the server still speaks plain bytes).
    QUrl baseUrl(const QString &scheme = QStringLiteral("http")) const;
    quint16 port() const { return m_server.serverPort(); }
    int connections() const { return m_connections; }
    // Each request's first line, e.g. "GET /v1/batches?limit=100 HTTP/1.1".
    const QByteArrayList &requestLines() const { return m_lines; }
    // Each request's whole head, headers included.
    const QByteArrayList &heads() const { return m_heads; }

    // A complete response with Content-Length.
    static QByteArray response(int status, const QByteArray &body, const QByteArray &extraHeaders = {});

private:
    void onConnection();

    Responder m_responder;
    QTcpServer m_server;
    int m_connections = 0;
    QByteArrayList m_lines;
    QByteArrayList m_heads;
};
