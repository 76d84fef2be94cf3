#include "core/api/apiclient.h"
#include "core/api/filedownload.h"
#include "hostileserver.h"

#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

// What a resumable download must never do, whatever the server or a second download of the same file does:
// two downloads of one target take turns (a lock), a file is committed only at exactly its size, a part is
// resumed only when it can be told apart from another file (a declared size or a validator sent as If-Range),
// and a part no later call can resume is not left behind.
namespace {
QByteArray content()
{
    QByteArray bytes;
    for (int i = 0; bytes.size() < 128 * 1024; ++i)
        bytes += "{\"custom_id\": \"r" + QByteArray::number(i) + "\", \"n\": " + QByteArray::number(i * 31) +
                 "}\n";
    return bytes;
}

QByteArray header(const QByteArray &head, const QByteArray &name)
{
    for (const QByteArray &line : head.split('\n')) {
        if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
            return line.mid(name.size() + 1).trimmed();
    }
    return {};
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

ApiConfig configFor(const HostileServer &server, int retries = 2)
{
    ApiConfig config;
    config.baseUrl = server.baseUrl();
    config.apiKey = QStringLiteral("sk-test-0123456789");
    config.maxRetries = retries;
    return config;
}

bool waitFor(ApiCall *call)
{
    QSignalSpy spy(call, &ApiCall::finished);
    return call->isFinished() || spy.wait(30'000);
}

// A 200 that announces the whole file, sends `cut` bytes and closes.
QByteArray brokenOff(const QByteArray &body, qsizetype cut, const QByteArray &extra = {})
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body.left(cut);
}
} // namespace

class TestDownloadSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoDownloadsOfOneTargetTakeTurns()
    {
        // The first answer comes in two halves, the second half a while later; a second download of the same
        // target starts in between. It must wait for the first, then find the file whole and send nothing.
        const QByteArray body = content();
        QPointer<QTcpSocket> first;
        HostileServer server([&](QTcpSocket *socket, const QByteArray &) {
            if (first) { // a second request while the first is still under way: the old, racing behaviour
                socket->write(HostileServer::response(200, body));
                return;
            }
            first = socket;
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) +
                          "\r\n\r\n" + body.left(body.size() / 2));
            QTimer::singleShot(600, socket, [socket, &body] { socket->write(body.mid(body.size() / 2)); });
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        ApiClient a(configFor(server));
        ApiClient b(configFor(server));
        FileDownload *one =
            a.downloadFileContent(QStringLiteral("file-x"), path, body.size(), FileDownloadMode::Resumable);
        QTRY_VERIFY(QFileInfo(FileDownload::partPath(path)).size() > 0);
        FileDownload *two =
            b.downloadFileContent(QStringLiteral("file-x"), path, body.size(), FileDownloadMode::Resumable);
        QVERIFY(waitFor(one));
        QVERIFY(waitFor(two));
        QVERIFY2(!one->error().isError(), qPrintable(one->error().toString()));
        QVERIFY2(!two->error().isError(), qPrintable(two->error().toString()));
        QCOMPARE(readFile(path), body);
        QCOMPARE(server.heads().size(), 1);
        QVERIFY(!QFileInfo::exists(FileDownload::partPath(path)));
        QVERIFY(FileDownload::isWhole(path, body.size()));
    }

    void longerThanDeclaredIsNotCommitted_data()
    {
        QTest::addColumn<bool>("resumable");
        QTest::newRow("atomic") << false;
        QTest::newRow("resumable") << true;
    }

    void longerThanDeclaredIsNotCommitted()
    {
        // Within the streaming margin, but not the file the metadata described: nothing is kept.
        QFETCH(bool, resumable);
        const QByteArray body = content();
        const QByteArray forged = body + "{\"custom_id\": \"r9\", \"n\": 1}\n";
        HostileServer server([&](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(200, forged));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        ApiClient client(configFor(server));
        FileDownload *download =
            client.downloadFileContent(QStringLiteral("file-x"), path, body.size(),
                                       resumable ? FileDownloadMode::Resumable : FileDownloadMode::Atomic);
        QVERIFY(waitFor(download));
        QVERIFY(download->error().isError());
        QVERIFY2(download->error().message.contains(QString::number(body.size())),
                 qPrintable(download->error().message));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(FileDownload::partPath(path)));
    }

    void resumeSendsIfRangeWithTheValidator()
    {
        const QByteArray body = content();
        const qsizetype cut = body.size() / 3;
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            const QByteArray range = header(head, "Range");
            if (range.isEmpty()) {
                socket->write(brokenOff(body, cut, "ETag: \"v1\"\r\n"));
                socket->disconnectFromHost();
                return;
            }
            socket->write("HTTP/1.1 206 Partial Content\r\nContent-Length: " +
                          QByteArray::number(body.size() - cut) + "\r\nContent-Range: bytes " +
                          QByteArray::number(cut) + '-' + QByteArray::number(body.size() - 1) + '/' +
                          QByteArray::number(body.size()) + "\r\n\r\n" + body.mid(cut));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        ApiClient client(configFor(server));
        FileDownload *download = client.downloadFileContent(QStringLiteral("file-x"), path, body.size(),
                                                            FileDownloadMode::Resumable);
        QVERIFY(waitFor(download));
        QVERIFY2(!download->error().isError(), qPrintable(download->error().toString()));
        QCOMPARE(readFile(path), body);
        QCOMPARE(header(server.heads().last(), "If-Range"), QByteArray("\"v1\""));
    }

    void noValidatorAndNoSizeStartsOver()
    {
        // Results with no size (Anthropic's) and no ETag/Last-Modified: a part cannot be told from another
        // stream's, so the retry asks for the whole file again.
        const QByteArray body = content();
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            if (server.heads().size() == 1 && header(head, "Range").isEmpty()) {
                socket->write(brokenOff(body, 5000));
                socket->disconnectFromHost();
                return;
            }
            socket->write(HostileServer::response(200, body));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        ApiClient client(configFor(server));
        FileDownload *download =
            client.downloadFileContent(QStringLiteral("file-x"), path, -1, FileDownloadMode::Resumable);
        QVERIFY(waitFor(download));
        QVERIFY2(!download->error().isError(), qPrintable(download->error().toString()));
        QCOMPARE(readFile(path), body);
        for (const QByteArray &head : server.heads())
            QVERIFY2(header(head, "Range").isEmpty(), head.constData());
    }

    void unknownSizeNeedsAnExactRange()
    {
        // With a validator but no declared size, a 206 must name its total and end there.
        const QByteArray body = content();
        const qsizetype cut = 7000;
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            if (header(head, "Range").isEmpty()) {
                socket->write(brokenOff(body, cut, "ETag: \"v1\"\r\n"));
                socket->disconnectFromHost();
                return;
            }
            socket->write(
                "HTTP/1.1 206 Partial Content\r\nContent-Length: " + QByteArray::number(body.size() - cut) +
                "\r\nContent-Range: bytes " + QByteArray::number(cut) + '-' +
                QByteArray::number(body.size() - 1) + "/*\r\n\r\n" + body.mid(cut));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        ApiClient client(configFor(server));
        FileDownload *download =
            client.downloadFileContent(QStringLiteral("file-x"), path, -1, FileDownloadMode::Resumable);
        QVERIFY(waitFor(download));
        QVERIFY(download->error().isError());
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(FileDownload::partPath(path)));
    }

    void partDroppedWhenTheCallEndsForGood()
    {
        // Broken off (a part is kept for the retry), then the file is gone: nothing can resume it.
        const QByteArray body = content();
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            if (header(head, "Range").isEmpty() && server.heads().size() == 1) {
                socket->write(brokenOff(body, 9000));
                socket->disconnectFromHost();
                return;
            }
            socket->write(HostileServer::response(404, "{\"error\":{\"message\":\"No such file\"}}"));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        ApiClient client(configFor(server));
        FileDownload *download = client.downloadFileContent(QStringLiteral("file-x"), path, body.size(),
                                                            FileDownloadMode::Resumable);
        QVERIFY(waitFor(download));
        QCOMPARE(download->error().httpStatus, 404);
        QVERIFY(!QFileInfo::exists(FileDownload::partPath(path)));
    }

    void sizeLimitForUnknownSizeDropsThePart()
    {
        // No size declared, a limit set by the caller (ResultsFetch: capForUnknownSize): an endless body
        // stops there and leaves nothing.
        QByteArray chunk(64 * 1024, 'x');
        HostileServer server([&](QTcpSocket *socket, const QByteArray &) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\nETag: \"v1\"\r\n\r\n");
            for (int i = 0; i < 40; ++i)
                socket->write(chunk);
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        ApiClient client(configFor(server));
        FileDownload *download =
            client.downloadFileContent(QStringLiteral("file-x"), path, -1, FileDownloadMode::Resumable);
        download->setSizeLimit(1 << 20);
        QVERIFY(waitFor(download));
        QCOMPARE(download->error().kind, ApiError::InvalidResponse);
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(FileDownload::partPath(path)));
    }

    void filesArePrivate()
    {
        const QByteArray body = content();
        HostileServer server([&](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(200, body));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        ApiClient client(configFor(server));
        FileDownload *download = client.downloadFileContent(QStringLiteral("file-x"), path, body.size(),
                                                            FileDownloadMode::Resumable);
        QVERIFY(waitFor(download));
        QVERIFY2(!download->error().isError(), qPrintable(download->error().toString()));
        const QFile::Permissions others =
            QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther;
        QCOMPARE(QFileInfo(path).permissions() & others, QFile::Permissions());
        QCOMPARE(QFileInfo(FileDownload::metaPath(path)).permissions() & others, QFile::Permissions());
    }
};

QTEST_GUILESS_MAIN(TestDownloadSafety)
#include "tst_downloadsafety.moc"
