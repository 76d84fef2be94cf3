#include "hostileserver.h"

#include <QTcpSocket>

HostileServer::HostileServer(Responder responder, QObject *parent)
    : QObject(parent)
    , m_responder(std::move(responder))
{
    connect(&m_server, &QTcpServer::newConnection, this, &HostileServer::onConnection);
    const bool listening = m_server.listen(QHostAddress::LocalHost);
    Q_ASSERT(listening);
    Q_UNUSED(listening)
}

QUrl HostileServer::baseUrl(const QString &scheme) const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2/v1").arg(scheme).arg(m_server.serverPort()));
}

QByteArray HostileServer::response(int status, const QByteArray &body, const QByteArray &extraHeaders)
{
    return "HTTP/1.1 " + QByteArray::number(status) + " Hostile\r\nContent-Type: application/json\r\n" +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

void HostileServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++m_connections;
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            *buffer += socket->readAll();
            for (;;) {
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QByteArray head = buffer->left(end + 4);
                qsizetype bodyLength = 0;
                for (const QByteArray &line : head.split('\n')) {
                    if (line.toLower().startsWith("content-length:"))
                        bodyLength = line.mid(15).trimmed().toLongLong();
                }
                if (buffer->size() < end + 4 + bodyLength)
                    return;
                buffer->remove(0, end + 4 + bodyLength);
                m_lines.append(head.left(head.indexOf("\r\n")));
                m_heads.append(head);
                m_responder(socket, head);
            }
        });
    }
}
