#include "core/api/apiclient.h"
#include "core/api/filedownload.h"
#include "hostileserver.h"
#include "simprocess.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Upload (multipart, streamed from disk) and create, per dialect the simulator serves, and what must hold on
// hostile ground: the key stays on its origin, a stalled upload times out, a key in an error is masked.
namespace {
bool waitFor(ApiCall *call)
{
    QSignalSpy spy(call, &ApiCall::finished);
    return call->isFinished() || spy.wait(30'000);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray openAiLines(int count)
{
    QByteArray lines;
    for (int i = 0; i < count; ++i)
        lines += "{\"custom_id\": \"req \\\"" + QByteArray::number(i) +
                 "\\\" \xc3\xa9\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": "
                 "{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}}\n";
    return lines;
}
} // namespace

class TestApiClientUpload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void uploadsAndCreatesFromTheFile_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("apiVersion");
        QTest::newRow("openai") << QStringLiteral("openai") << QString();
        QTest::newRow("azure v1") << QStringLiteral("azure") << QString();
        QTest::newRow("azure dated") << QStringLiteral("azure") << QStringLiteral("2024-10-21");
    }
    void uploadsAndCreatesFromTheFile()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, apiVersion);
        SimProcess sim(dialect, {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
        const QByteArray content = openAiLines(7);
        QVERIFY(writeFile(path, content));

        ApiConfig config = sim.config();
        config.apiVersion = apiVersion;
        ApiClient client(config);
        QVERIFY(client.createsFromUploadedFile());
        FileInfoCall *upload = client.uploadFile(path);
        QSignalSpy progress(upload, &ApiCall::progress);
        QVERIFY(waitFor(upload));
        QVERIFY2(!upload->error().isError(), qPrintable(upload->error().toString()));
        QVERIFY(upload->file().id.startsWith(QLatin1String("file-")));
        QCOMPARE(upload->file().bytes, content.size());
        QCOMPARE(upload->file().filename, QStringLiteral("requests.jsonl"));
        QCOMPARE(upload->file().purpose, QStringLiteral("batch"));
        // Progress counts bytes sent: the last report is the whole body, file and form together.
        QVERIFY(!progress.isEmpty());
        const qint64 sent = progress.last().at(0).toLongLong();
        QCOMPARE(sent, progress.last().at(1).toLongLong());
        QVERIFY(sent > content.size());

        // The server holds exactly the bytes on disk.
        const QString back = dir.filePath(QStringLiteral("back.jsonl"));
        FileDownload *download = client.downloadFileContent(upload->file().id, back);
        QVERIFY(waitFor(download));
        QVERIFY2(!download->error().isError(), qPrintable(download->error().toString()));
        QCOMPARE(readFile(back), content);

        BatchCreateSpec spec;
        spec.inputFileId = upload->file().id;
        spec.endpoint = QStringLiteral("/v1/chat/completions");
        spec.metadata.insert(QStringLiteral("batchwatch_retry_of"), QStringLiteral("batch_abc"));
        spec.metadata.insert(QStringLiteral("note"), QStringLiteral("caf\u00e9 \"quoted\""));
        BatchCall *create = client.createBatch(spec);
        QVERIFY(waitFor(create));
        QVERIFY2(!create->error().isError(), qPrintable(create->error().toString()));
        QVERIFY(create->batch().has_value());
        const Batch &batch = *create->batch();
        QVERIFY(!batch.id.isEmpty());
        QCOMPARE(batch.inputFileId, upload->file().id);
        QCOMPARE(batch.endpoint, spec.endpoint);
        QCOMPARE(batch.completionWindow, QStringLiteral("24h"));
        QCOMPARE(batch.metadata, spec.metadata);

        // The created batch is the account's: a retrieve finds it.
        BatchCall *retrieve = client.retrieveBatch(batch.id);
        QVERIFY(waitFor(retrieve));
        QVERIFY2(!retrieve->error().isError(), qPrintable(retrieve->error().toString()));
        QCOMPARE(retrieve->batch()->id, batch.id);
    }

    void anthropicCreatesWithTheLinesInTheBody()
    {
        SimProcess sim(QStringLiteral("anthropic"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
        // CRLF line ends, a blank line and a last line without its end: each line goes as it is.
        QByteArray content;
        for (int i = 0; i < 5; ++i) {
            content += "{\"custom_id\": \"r" + QByteArray::number(i) +
                       "\", \"params\": {\"model\": \"claude-sonnet-4-5\", \"max_tokens\": 10, "
                       "\"messages\": [{\"role\": \"user\", \"content\": \"a\\nb\"}]}}";
            content += i == 2 ? "\r\n\r\n" : i == 4 ? "" : "\n";
        }
        QVERIFY(writeFile(path, content));
        ApiClient client(sim.config());
        QVERIFY(!client.createsFromUploadedFile());

        FileInfoCall *upload = client.uploadFile(path);
        QVERIFY(waitFor(upload));
        QCOMPARE(upload->error().kind, ApiError::InvalidRequest);

        BatchCreateSpec spec;
        spec.requestsPath = path;
        BatchCall *create = client.createBatch(spec);
        QSignalSpy progress(create, &ApiCall::progress);
        QVERIFY(waitFor(create));
        QVERIFY2(!create->error().isError(), qPrintable(create->error().toString()));
        QVERIFY(create->batch().has_value());
        QVERIFY(create->batch()->id.startsWith(QLatin1String("msgbatch_")));
        QCOMPARE(create->batch()->requestCounts.total, 5);
        QVERIFY(!progress.isEmpty());
    }

    void anthropicRefusesAFileItCannotRead()
    {
        ApiConfig config;
        config.provider = Provider::Anthropic;
        config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
        config.apiKey = QStringLiteral("sk-ant-0123456789");
        ApiClient client(config);
        BatchCreateSpec spec;
        spec.requestsPath = QStringLiteral("/nonexistent/requests.jsonl");
        BatchCall *create = client.createBatch(spec);
        QVERIFY(waitFor(create));
        QCOMPARE(create->error().kind, ApiError::LocalIo);
        QVERIFY2(create->error().message.contains(spec.requestsPath), qPrintable(create->error().message));
    }

    void geminiUploadsAndCreatesFromTheFile()
    {
        SimProcess sim(QStringLiteral("gemini"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gemini \"requests\".jsonl"));
        QByteArray content;
        for (int i = 0; i < 6; ++i)
            content +=
                "{\"key\": \"k-" + QByteArray::number(i) +
                " \xe2\x9c\x93\", \"request\": {\"contents\": [{\"parts\": [{\"text\": \"hi\"}], \"role\": "
                "\"user\"}]}}\n";
        QVERIFY(writeFile(path, content));
        ApiClient client(sim.config());
        QVERIFY(client.createsFromUploadedFile());
        FileInfoCall *upload = client.uploadFile(path);
        QSignalSpy progress(upload, &ApiCall::progress);
        QVERIFY(waitFor(upload));
        QVERIFY2(!upload->error().isError(), qPrintable(upload->error().toString()));
        QVERIFY(upload->file().id.startsWith(QLatin1String("files/")));
        QCOMPARE(upload->file().bytes, content.size());
        QVERIFY(!progress.isEmpty());
        const QString back = dir.filePath(QStringLiteral("back.jsonl"));
        FileDownload *download = client.downloadFileContent(upload->file().id, back);
        QVERIFY(waitFor(download));
        QVERIFY2(!download->error().isError(), qPrintable(download->error().toString()));
        QCOMPARE(readFile(back), content);

        BatchCreateSpec spec;
        spec.inputFileId = upload->file().id;
        BatchCall *refused = client.createBatch(spec); // no model: Gemini names it in the path
        QVERIFY(waitFor(refused));
        QCOMPARE(refused->error().kind, ApiError::InvalidRequest);
        QVERIFY2(refused->error().message.contains(QLatin1String("model")),
                 qPrintable(refused->error().message));

        spec.model = QStringLiteral("models/gemini-2.5-flash");
        BatchCall *create = client.createBatch(spec);
        QVERIFY(waitFor(create));
        QVERIFY2(!create->error().isError(), qPrintable(create->error().toString()));
        QVERIFY(create->batch().has_value());
        QVERIFY(!create->batch()->id.isEmpty());
        QCOMPARE(create->batch()->inputFileId, upload->file().id);
        QCOMPARE(create->batch()->model, QStringLiteral("gemini-2.5-flash"));
    }

    void largeUploadPeakMemory()
    {
        // A measure, not a check (no memory assertions in the suite): BATCHWATCH_MEASURE_UPLOAD_MB=200
        // uploads a file that large to the simulator and prints this process's peak resident size before and
        // after.
        const int megabytes = qEnvironmentVariableIntValue("BATCHWATCH_MEASURE_UPLOAD_MB");
        if (megabytes <= 0)
            QSKIP("set BATCHWATCH_MEASURE_UPLOAD_MB to measure");
        const auto peakKb = [] {
            QFile status(QStringLiteral("/proc/self/status"));
            if (!status.open(QIODevice::ReadOnly))
                return qint64(-1);
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("VmHWM:"))
                    return line.mid(6).trimmed().split(' ').first().toLongLong();
            }
            return qint64(-1);
        };
        SimProcess sim(QStringLiteral("openai"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.jsonl"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            const QByteArray block = openAiLines(1000);
            while (file.size() < qint64(megabytes) << 20)
                QVERIFY(file.write(block) == block.size());
        }
        const qint64 before = peakKb();
        ApiConfig config = sim.config();
        config.transferTimeoutMs = 120'000;
        ApiClient client(config);
        FileInfoCall *upload = client.uploadFile(path);
        QSignalSpy finished(upload, &ApiCall::finished);
        QVERIFY(finished.wait(600'000));
        QVERIFY2(!upload->error().isError(), qPrintable(upload->error().toString()));
        qInfo("uploaded %lld bytes; peak RSS %lld kB before, %lld kB after", QFileInfo(path).size(), before,
              peakKb());
    }

    void retriedUploadSendsTheWholeBodyAgain()
    {
        // A device Qt has read cannot go out again: each attempt gets its own. The server answers only once a
        // request's whole body (its Content-Length) has come.
        int served = 0;
        HostileServer server([&served](QTcpSocket *socket, const QByteArray &) {
            socket->write(
                served++ == 0
                    ? HostileServer::response(503, R"({"error":{"message":"busy","type":"server_error"}})")
                    : HostileServer::response(200, R"({"id":"file-ok","object":"file","bytes":3})"));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
        QVERIFY(writeFile(path, openAiLines(300)));
        ApiConfig config;
        config.baseUrl = server.baseUrl();
        config.apiKey = QStringLiteral("sk-test-0123456789");
        ApiClient client(config);
        FileInfoCall *upload = client.uploadFile(path);
        QVERIFY(waitFor(upload));
        QVERIFY2(!upload->error().isError(), qPrintable(upload->error().toString()));
        QCOMPARE(upload->file().id, QStringLiteral("file-ok"));
        QCOMPARE(upload->attempts(), 2);
        QCOMPARE(server.heads().size(), 2);
        const auto length = [](const QByteArray &head) {
            const qsizetype at = head.toLower().indexOf("content-length:");
            return head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
        };
        QVERIFY(length(server.heads().at(0)) > QFileInfo(path).size());
        QCOMPARE(length(server.heads().at(1)), length(server.heads().at(0)));
    }

    void uploadKeyStaysOnItsOrigin()
    {
        HostileServer elsewhere([](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(200, R"({"id":"file-evil","object":"file","bytes":1})"));
        });
        const QByteArray location = "Location: " + elsewhere.baseUrl().toString().toUtf8() + "/files\r\n";
        HostileServer server([location](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(307, QByteArray(), location));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
        QVERIFY(writeFile(path, openAiLines(3)));
        ApiConfig config;
        config.baseUrl = server.baseUrl();
        config.apiKey = QStringLiteral("sk-secret-0123456789");
        config.maxRetries = 0;
        ApiClient client(config);
        FileInfoCall *upload = client.uploadFile(path);
        QVERIFY(waitFor(upload));
        QVERIFY(upload->error().isError());
        QCOMPARE(server.requestLines().size(), 1);
        QVERIFY(server.heads().first().contains("Bearer sk-secret-0123456789"));
        QVERIFY(server.requestLines().first().startsWith("POST /v1/files "));
        QCOMPARE(elsewhere.connections(), 0);
    }

    void keyInAnUploadErrorIsMasked()
    {
        HostileServer server([](QTcpSocket *socket, const QByteArray &head) {
            const qsizetype at = head.indexOf("Bearer ");
            const QByteArray key = head.mid(at + 7, head.indexOf('\r', at) - at - 7);
            socket->write(HostileServer::response(400, "{\"error\":{\"message\":\"bad key " + key +
                                                           "\",\"type\":\"invalid_request_error\"}}"));
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
        QVERIFY(writeFile(path, openAiLines(2)));
        ApiConfig config;
        config.baseUrl = server.baseUrl();
        config.apiKey = QStringLiteral("sk-secret-0123456789");
        ApiClient client(config);
        FileInfoCall *upload = client.uploadFile(path);
        QVERIFY(waitFor(upload));
        QCOMPARE(upload->error().httpStatus, 400);
        QVERIFY(upload->error().message.startsWith(QLatin1String("bad key ")));
        QVERIFY(!upload->error().toString().contains(config.apiKey));
    }

    void stalledUploadTimesOut()
    {
        // A server that takes the connection and then stops reading: the client's buffers fill and the
        // upload goes silent. Only the silence limit ends it; nothing else ever would.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> held;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                socket->setReadBufferSize(16 * 1024);
                held.append(socket);
            }
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.jsonl"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            const QByteArray block = openAiLines(1000);
            while (file.size() < (qint64(64) << 20))
                QVERIFY(file.write(block) == block.size());
        }
        ApiConfig config;
        config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(server.serverPort()));
        config.apiKey = QStringLiteral("sk-test-0123456789");
        config.maxRetries = 0;
        config.transferTimeoutMs = 1'500;
        ApiClient client(config);
        FileInfoCall *upload = client.uploadFile(path);
        QSignalSpy progress(upload, &ApiCall::progress);
        QVERIFY(waitFor(upload));
        QCOMPARE(upload->error().kind, ApiError::Timeout);
        QVERIFY2(upload->error().message.contains(QLatin1String("upload")),
                 qPrintable(upload->error().message));
        // It stalled part way: some bytes went, not all.
        QVERIFY(!progress.isEmpty());
        QVERIFY(progress.last().at(0).toLongLong() < progress.last().at(1).toLongLong());
    }
};

QTEST_GUILESS_MAIN(TestApiClientUpload)
#include "tst_apiclientupload.moc"
