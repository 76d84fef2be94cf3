#include "core/api/apiclient.h"
#include "core/api/filedownload.h"
#include "hostileserver.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

// FileDownload's resumable mode against servers that break off, honour a Range, ignore it, or refuse it:
// whatever they do, the target is byte-exact or absent, and a resumed request starts at the right byte.
namespace {
const QString kFileId = QStringLiteral("file-resume");

QByteArray content()
{
    QByteArray bytes;
    for (int i = 0; bytes.size() < 256 * 1024; ++i)
        bytes += "{\"custom_id\": \"line " + QByteArray::number(i) +
                 "\", \"n\": " + QByteArray::number(i * 7919) + "}\n";
    return bytes;
}

qint64 rangeStart(const QByteArray &head)
{
    for (const QByteArray &line : head.split('\n')) {
        if (line.toLower().startsWith("range: bytes="))
            return line.mid(13, line.indexOf('-') - 13).toLongLong();
    }
    return -1;
}

QByteArray partial(const QByteArray &body, qint64 from)
{
    return "HTTP/1.1 206 Partial Content\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
           QByteArray::number(body.size() - from) + "\r\nContent-Range: bytes " + QByteArray::number(from) +
           '-' + QByteArray::number(body.size() - 1) + '/' + QByteArray::number(body.size()) + "\r\n\r\n" +
           body.mid(from);
}

// Announces the whole file, sends `cut` bytes of it, and closes: the client sees the answer break off.
void breakOff(QTcpSocket *socket, const QByteArray &body, qsizetype cut)
{
    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body.left(cut));
    socket->disconnectFromHost();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

ApiConfig configFor(const HostileServer &server)
{
    ApiConfig config;
    config.baseUrl = server.baseUrl();
    config.apiKey = QStringLiteral("sk-test-0123456789");
    config.maxRetries = 2;
    return config;
}

bool waitFor(ApiCall *call)
{
    QSignalSpy spy(call, &ApiCall::finished);
    return call->isFinished() || spy.wait(30'000);
}
} // namespace

class TestResumableDownload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void brokenOffThenResumedWithRange()
    {
        // Every request without a Range breaks off (Qt itself may send one again on a new connection);
        // a request for the rest gets it.
        const QByteArray body = content();
        const qsizetype cut = body.size() / 2 + 13;
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            const qint64 from = rangeStart(head);
            if (from < 0)
                breakOff(socket, body, cut);
            else
                socket->write(partial(body, from));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        ApiClient client(configFor(server));
        FileDownload *download =
            client.downloadFileContent(kFileId, path, body.size(), FileDownloadMode::Resumable);
        QVERIFY(waitFor(download));
        QVERIFY2(!download->error().isError(), qPrintable(download->error().toString()));
        QCOMPARE(readFile(path), body);
        QVERIFY(server.heads().size() >= 2);
        QCOMPARE(rangeStart(server.heads().first()), -1);
        QCOMPARE(rangeStart(server.heads().last()), cut);
        QVERIFY(server.heads().last().contains("Accept-Encoding: identity"));
        QCOMPARE(download->resumedFrom(), cut);
        QVERIFY(!QFileInfo::exists(FileDownload::partPath(path)));
    }

    void rangeIgnoredStartsOver()
    {
        const QByteArray body = content();
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            if (rangeStart(head) < 0)
                breakOff(socket, body, 70'001);
            else
                socket->write(HostileServer::response(200, body));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        ApiClient client(configFor(server));
        FileDownload *download =
            client.downloadFileContent(kFileId, path, body.size(), FileDownloadMode::Resumable);
        QVERIFY(waitFor(download));
        QVERIFY2(!download->error().isError(), qPrintable(download->error().toString()));
        QCOMPARE(readFile(path), body);
        QCOMPARE(rangeStart(server.heads().last()), 70'001);
        QCOMPARE(download->resumedFrom(), 0);
    }

    void partFromAnEarlierRunContinues()
    {
        const QByteArray body = content();
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            const qint64 from = rangeStart(head);
            socket->write(from >= 0 ? partial(body, from) : HostileServer::response(200, body));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        {
            QFile part(FileDownload::partPath(path));
            QVERIFY(part.open(QIODevice::WriteOnly));
            part.write(body.left(12'345));
        }
        ApiConfig config = configFor(server);
        config.maxRetries = 0;
        ApiClient client(config);
        FileDownload *download =
            client.downloadFileContent(kFileId, path, body.size(), FileDownloadMode::Resumable);
        QVERIFY(waitFor(download));
        QVERIFY2(!download->error().isError(), qPrintable(download->error().toString()));
        QCOMPARE(server.heads().size(), 1);
        QCOMPARE(rangeStart(server.heads().at(0)), 12'345);
        QCOMPARE(readFile(path), body);
    }

    void rangeNotSatisfiableStartsOver()
    {
        const QByteArray body = content();
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            socket->write(rangeStart(head) >= 0 ? HostileServer::response(416, QByteArray())
                                                : HostileServer::response(200, body));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        {
            QFile part(FileDownload::partPath(path));
            QVERIFY(part.open(QIODevice::WriteOnly));
            part.write("not a prefix of the file");
        }
        ApiConfig config = configFor(server);
        config.maxRetries = 0; // the start-over is not a retry
        ApiClient client(config);
        FileDownload *download =
            client.downloadFileContent(kFileId, path, body.size(), FileDownloadMode::Resumable);
        QVERIFY(waitFor(download));
        QVERIFY2(!download->error().isError(), qPrintable(download->error().toString()));
        QCOMPARE(server.heads().size(), 2);
        QVERIFY(rangeStart(server.heads().at(0)) > 0);
        QCOMPARE(rangeStart(server.heads().at(1)), -1);
        QCOMPARE(readFile(path), body);
    }

    void partLongerThanTheFileStartsOver()
    {
        const QByteArray body = content();
        HostileServer server([&](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(200, body));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        {
            QFile part(FileDownload::partPath(path));
            QVERIFY(part.open(QIODevice::WriteOnly));
            part.write(body + "more");
        }
        ApiClient client(configFor(server));
        FileDownload *download =
            client.downloadFileContent(kFileId, path, body.size(), FileDownloadMode::Resumable);
        QVERIFY(waitFor(download));
        QVERIFY2(!download->error().isError(), qPrintable(download->error().toString()));
        QCOMPARE(server.heads().size(), 1);
        QCOMPARE(rangeStart(server.heads().at(0)), -1);
        QCOMPARE(readFile(path), body);
    }

    void rangeOfAnotherFileIsRefused()
    {
        // A 206 that says the file is now another size: what came before cannot be joined to it.
        const QByteArray body = content();
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            QByteArray answer = partial(body + "grown", rangeStart(head));
            socket->write(answer);
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        {
            QFile part(FileDownload::partPath(path));
            QVERIFY(part.open(QIODevice::WriteOnly));
            part.write(body.left(1000));
        }
        ApiConfig config = configFor(server);
        config.maxRetries = 0;
        ApiClient client(config);
        FileDownload *download =
            client.downloadFileContent(kFileId, path, body.size(), FileDownloadMode::Resumable);
        QVERIFY(waitFor(download));
        QCOMPARE(download->error().kind, ApiError::InvalidResponse);
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(FileDownload::partPath(path))); // dropped: the next run starts over
    }

    void brokenOffDownloadKeepsItsPart()
    {
        const QByteArray body = content();
        HostileServer server([&](QTcpSocket *socket, const QByteArray &) { breakOff(socket, body, 50'000); });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        ApiConfig config = configFor(server);
        config.maxRetries = 0;
        ApiClient client(config);
        FileDownload *download =
            client.downloadFileContent(kFileId, path, body.size(), FileDownloadMode::Resumable);
        QVERIFY(waitFor(download));
        QVERIFY(download->error().isError());
        QVERIFY(!QFileInfo::exists(path)); // the target never appears half-written
        QCOMPARE(readFile(FileDownload::partPath(path)), body.left(50'000));
    }
};

QTEST_GUILESS_MAIN(TestResumableDownload)
#include "tst_resumabledownload.moc"
