#include "core/api/apiclient.h"
#include "core/api/filedownload.h"
#include "hostileserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <memory>

namespace {
const QString kKey = QStringLiteral("key-0123456789abcdef");

bool waitFor(ApiCall *call)
{
    QSignalSpy spy(call, &ApiCall::finished);
    return call->isFinished() || spy.wait(30'000);
}

QUrl rootOf(const HostileServer &server)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
}

ApiConfig configFor(Provider provider, const HostileServer &server)
{
    ApiConfig config;
    config.provider = provider;
    config.baseUrl = provider == Provider::OpenAI ? server.baseUrl() : rootOf(server);
    config.apiKey = kKey;
    config.maxRetries = 0;
    return config;
}

// What each provider answers, in its own shape, to the requests the test makes.
QByteArray answerFor(Provider provider, const QByteArray &line)
{
    const bool list = line.contains("batches?") || line.endsWith("batches HTTP/1.1");
    switch (provider) {
    case Provider::OpenAI:
    case Provider::Azure:
        return list ? QByteArray(R"({"object":"list","data":[],"has_more":false})")
                    : QByteArray(
                          R"({"id":"b1","object":"batch","status":"in_progress","created_at":1700000000})");
    case Provider::Anthropic:
        return list ? QByteArray(R"({"data":[],"has_more":false,"first_id":null,"last_id":null})")
                    : QByteArray(R"({"id":"b1","type":"message_batch","processing_status":"canceling",)"
                                 R"("created_at":"2024-01-01T00:00:00Z"})");
    case Provider::Gemini:
        if (line.contains(":cancel"))
            return "{}";
        return list ? QByteArray("{}")
                    : QByteArray(R"({"name":"batches/b1","metadata":{"state":"BATCH_STATE_RUNNING",)"
                                 R"("createTime":"2024-01-01T00:00:00Z"}})");
    }
    return {};
}

bool hasHeader(const QByteArray &head, const QByteArray &nameAndValue)
{
    for (const QByteArray &line : head.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        const qsizetype colon = trimmed.indexOf(':');
        const qsizetype wanted = nameAndValue.indexOf(':');
        if (colon > 0 && trimmed.left(colon).toLower() == nameAndValue.left(wanted).toLower() &&
            trimmed.mid(colon + 1).trimmed() == nameAndValue.mid(wanted + 1).trimmed())
            return true;
    }
    return false;
}

bool carriesKey(const QByteArray &head)
{
    return head.contains(kKey.toUtf8());
}
} // namespace

// The client against a server that records what reached it: each provider's URLs, headers, typed answers,
// and the rule that its key reaches no other origin.
class TestApiClientProviders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachProviderGetsItsOwnRequests_data()
    {
        QTest::addColumn<int>("provider");
        QTest::addColumn<QString>("apiVersion");
        QTest::addColumn<QByteArrayList>("lines"); // list, next page, retrieve, cancel
        QTest::addColumn<QByteArrayList>("headers");
        QTest::newRow("openai") << int(Provider::OpenAI) << QString()
                                << QByteArrayList{"GET /v1/batches?limit=10 HTTP/1.1",
                                                  "GET /v1/batches?after=c%2B1&limit=10 HTTP/1.1",
                                                  "GET /v1/batches/b1 HTTP/1.1",
                                                  "POST /v1/batches/b1/cancel HTTP/1.1"}
                                << QByteArrayList{"authorization: Bearer " + kKey.toUtf8(),
                                                  "openai-project: proj_1"};
        QTest::newRow("azure v1") << int(Provider::Azure) << QString()
                                  << QByteArrayList{"GET /openai/v1/batches?limit=10 HTTP/1.1",
                                                    "GET /openai/v1/batches?after=c%2B1&limit=10 HTTP/1.1",
                                                    "GET /openai/v1/batches/b1 HTTP/1.1",
                                                    "POST /openai/v1/batches/b1/cancel HTTP/1.1"}
                                  << QByteArrayList{"api-key: " + kKey.toUtf8()};
        QTest::newRow("azure dated")
            << int(Provider::Azure) << QStringLiteral("2024-10-21")
            << QByteArrayList{"GET /openai/batches?limit=10&api-version=2024-10-21 HTTP/1.1",
                              "GET /openai/batches?after=c%2B1&limit=10&api-version=2024-10-21 HTTP/1.1",
                              "GET /openai/batches/b1?api-version=2024-10-21 HTTP/1.1",
                              "POST /openai/batches/b1/cancel?api-version=2024-10-21 HTTP/1.1"}
            << QByteArrayList{"api-key: " + kKey.toUtf8()};
        QTest::newRow("anthropic")
            << int(Provider::Anthropic) << QString()
            << QByteArrayList{"GET /v1/messages/batches?limit=10 HTTP/1.1",
                              "GET /v1/messages/batches?after_id=c%2B1&limit=10 HTTP/1.1",
                              "GET /v1/messages/batches/b1 HTTP/1.1",
                              "POST /v1/messages/batches/b1/cancel HTTP/1.1"}
            << QByteArrayList{"x-api-key: " + kKey.toUtf8(), "anthropic-version: 2023-06-01"};
        QTest::newRow("gemini") << int(Provider::Gemini) << QString()
                                << QByteArrayList{"GET /v1beta/batches?pageSize=10 HTTP/1.1",
                                                  "GET /v1beta/batches?pageSize=10&pageToken=c%2B1 HTTP/1.1",
                                                  "GET /v1beta/batches/b1 HTTP/1.1",
                                                  "POST /v1beta/batches/b1:cancel HTTP/1.1"}
                                << QByteArrayList{"x-goog-api-key: " + kKey.toUtf8()};
    }

    void eachProviderGetsItsOwnRequests()
    {
        QFETCH(int, provider);
        QFETCH(QString, apiVersion);
        QFETCH(QByteArrayList, lines);
        QFETCH(QByteArrayList, headers);
        const Provider p = Provider(provider);
        HostileServer server([p](QTcpSocket *socket, const QByteArray &head) {
            socket->write(HostileServer::response(200, answerFor(p, head.left(head.indexOf("\r\n")))));
        });
        ApiConfig config = configFor(p, server);
        config.apiVersion = apiVersion;
        config.project = p == Provider::OpenAI ? QStringLiteral("proj_1") : QString();
        ApiClient client(config);

        ApiCall *list = client.listBatches(QString(), 10);
        QVERIFY(waitFor(list));
        QVERIFY2(!list->error().isError(), qPrintable(list->error().toString()));
        const Parsed<BatchPage> page = client.parsePage(list->body());
        QVERIFY2(page.ok(), qPrintable(page.error));
        QVERIFY(waitFor(client.listBatches(QStringLiteral("c+1"), 10)));
        BatchCall *retrieve = client.retrieveBatch(QStringLiteral("b1"));
        QVERIFY(waitFor(retrieve));
        QVERIFY2(!retrieve->error().isError(), qPrintable(retrieve->error().toString()));
        QVERIFY(retrieve->batch());
        QCOMPARE(retrieve->batch()->id, QStringLiteral("b1"));
        BatchCall *cancel = client.cancelBatch(QStringLiteral("b1"));
        QVERIFY(waitFor(cancel));
        QVERIFY2(!cancel->error().isError(), qPrintable(cancel->error().toString()));
        QCOMPARE(cancel->batch().has_value(), p != Provider::Gemini); // Gemini answers a cancel with {}

        QCOMPARE(server.requestLines(), lines);
        for (const QByteArray &head : server.heads()) {
            for (const QByteArray &header : headers)
                QVERIFY2(hasHeader(head, header), head.constData());
            // One credential header, the provider's; never another provider's.
            QCOMPARE(head.count(kKey.toUtf8()), 1);
        }
    }

    void errorsCarryEachProvidersRequestId_data()
    {
        QTest::addColumn<int>("provider");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::newRow("openai")
            << int(Provider::OpenAI) << QByteArray("x-request-id")
            << QByteArray(
                   R"({"error":{"message":"no","type":"invalid_request_error","code":"invalid_api_key"}})")
            << QStringLiteral("invalid_api_key");
        QTest::newRow("azure") << int(Provider::Azure) << QByteArray("apim-request-id")
                               << QByteArray(R"({"error":{"code":"401","message":"Access denied"}})")
                               << QStringLiteral("401");
        QTest::newRow("anthropic")
            << int(Provider::Anthropic) << QByteArray("request-id")
            << QByteArray(R"({"type":"error","error":{"type":"authentication_error","message":"no"}})")
            << QString();
        QTest::newRow("gemini") << int(Provider::Gemini) << QByteArray("x-request-id")
                                << QByteArray(
                                       R"({"error":{"code":400,"message":"no","status":"INVALID_ARGUMENT"}})")
                                << QStringLiteral("INVALID_ARGUMENT");
    }

    void errorsCarryEachProvidersRequestId()
    {
        QFETCH(int, provider);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        HostileServer server([&](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(401, body, header + ": rid-42\r\n"));
        });
        ApiClient client(configFor(Provider(provider), server));
        ApiCall *call = client.retrieveBatch(QStringLiteral("b1"));
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::Http);
        QCOMPARE(call->error().requestId, QStringLiteral("rid-42"));
        QCOMPARE(call->error().code, code);
        QVERIFY(call->error().isAuthentication());
    }

    void aKeyEchoedInAnErrorIsMasked()
    {
        // A gateway that repeats the key it was given: the error is printed and shown, the key must not be.
        for (const Provider p : Providers::all()) {
            HostileServer server([&](QTcpSocket *socket, const QByteArray &) {
                socket->write(HostileServer::response(401, "{\"error\":{\"message\":\"invalid key " +
                                                               kKey.toUtf8() + "\",\"code\":\"" +
                                                               kKey.toUtf8() + "\"}}"));
            });
            ApiConfig config = configFor(p, server);
            ApiClient client(config);
            ApiCall *call = client.retrieveBatch(QStringLiteral("b1"));
            QVERIFY(waitFor(call));
            const QString shown = call->error().toString() + call->error().message + call->error().code;
            QVERIFY2(!shown.contains(kKey), qPrintable(shown));
            QVERIFY2(call->error().message.contains(config.maskedKey()), qPrintable(call->error().message));
        }
    }

    void theKeyFollowsNoRedirectToAnotherOrigin_data()
    {
        QTest::addColumn<int>("provider");
        for (const Provider p : Providers::all())
            QTest::newRow(qPrintable(Providers::id(p))) << int(p);
    }

    void theKeyFollowsNoRedirectToAnotherOrigin()
    {
        QFETCH(int, provider);
        HostileServer elsewhere([](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(200, "{}"));
        });
        HostileServer redirecting([&](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(
                307, {}, "Location: " + rootOf(elsewhere).toEncoded() + "/steal\r\n"));
        });
        ApiClient client(configFor(Provider(provider), redirecting));
        QTemporaryDir dir;
        Batch done;
        done.id = QStringLiteral("b1");
        done.status = BatchStatus::Completed;
        done.outputFileId =
            Provider(provider) == Provider::Gemini ? QStringLiteral("files/out") : QStringLiteral("file-out");
        done.resultsUrl = rootOf(redirecting).toString() + QStringLiteral("/results");
        for (ApiCall *call :
             {static_cast<ApiCall *>(client.retrieveBatch(QStringLiteral("b1"))),
              static_cast<ApiCall *>(client.cancelBatch(QStringLiteral("b1"))),
              static_cast<ApiCall *>(client.downloadResults(done, dir.filePath(QStringLiteral("r"))))}) {
            QVERIFY(waitFor(call));
            QCOMPARE(call->error().kind, ApiError::Network);
        }
        QCOMPARE(redirecting.requestLines().size(), 3);
        QCOMPARE(elsewhere.connections(), 0); // the key never went there
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("r"))));
    }

    void resultsOfUnknownSizeAreStillBounded()
    {
        // Anthropic's results come without a size: a body that never ends must not fill the disk. The server
        // gives up after 40 MiB, more than a one-request batch's results may hold (16 MiB).
        constexpr int kChunk = 1 << 20;
        HostileServer endless([](QTcpSocket *socket, const QByteArray &) {
            socket->write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            auto sent = std::make_shared<int>(0);
            const auto more = [socket, sent] {
                if (socket->bytesToWrite() > kChunk)
                    return;
                if (++*sent > 40) {
                    socket->disconnectFromHost();
                    return;
                }
                socket->write(QByteArray(kChunk, 'x'));
            };
            QObject::connect(socket, &QTcpSocket::bytesWritten, socket, more);
            more();
        });
        ApiClient client(configFor(Provider::Anthropic, endless));
        QTemporaryDir dir;
        Batch batch;
        batch.id = QStringLiteral("msgbatch_1");
        batch.status = BatchStatus::Completed;
        batch.requestCounts.present = true;
        batch.requestCounts.total = 1;
        const QString path = dir.filePath(QStringLiteral("results.jsonl"));
        FileDownload *download = client.downloadResults(batch, path);
        QVERIFY(waitFor(download));
        QVERIFY2(download->error().isError(), "40 MiB of results for one request were taken");
        QVERIFY2(download->error().message.contains(QStringLiteral("grew past")),
                 qPrintable(download->error().message));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(FileDownload::capForUnknownSize(-1), qint64(16) << 30);
        QCOMPARE(FileDownload::capForUnknownSize(std::numeric_limits<qint64>::max()), qint64(16) << 30);
    }

    void aResultsUrlOnAnotherHostIsNotWhereTheKeyGoes()
    {
        QByteArray results = "{\"custom_id\":\"a\",\"result\":{\"type\":\"succeeded\"}}\n";
        HostileServer elsewhere([](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(200, "stolen"));
        });
        HostileServer account([&](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(200, results));
        });
        ApiClient client(configFor(Provider::Anthropic, account));
        QTemporaryDir dir;
        Batch batch;
        batch.id = QStringLiteral("msgbatch_1");
        batch.status = BatchStatus::Completed;
        batch.resultsUrl =
            rootOf(elsewhere).toString() + QStringLiteral("/v1/messages/batches/msgbatch_1/results");
        const QString path = dir.filePath(QStringLiteral("results.jsonl"));
        FileDownload *download = client.downloadResults(batch, path);
        QVERIFY(waitFor(download));
        QVERIFY2(!download->error().isError(), qPrintable(download->error().toString()));
        QCOMPARE(elsewhere.connections(), 0);
        QCOMPARE(account.requestLines(),
                 QByteArrayList{"GET /v1/messages/batches/msgbatch_1/results HTTP/1.1"});
        QVERIFY(carriesKey(account.heads().constFirst()));
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), results);

        // On the account's own origin, the URL the server gave is used as it is.
        batch.resultsUrl = rootOf(account).toString() + QStringLiteral("/custom/results?page=1");
        QVERIFY(waitFor(client.downloadResults(batch, path)));
        QCOMPARE(account.requestLines().constLast(), QByteArray("GET /custom/results?page=1 HTTP/1.1"));
    }

    void geminiDownloadsItsResponsesFileAndReadsItsMetadata()
    {
        HostileServer server([](QTcpSocket *socket, const QByteArray &head) {
            if (head.startsWith("GET /v1beta/files/"))
                socket->write(HostileServer::response(
                    200,
                    R"({"name":"files/batch-1","displayName":"out","sizeBytes":"6","mimeType":"application/jsonl"})"));
            else
                socket->write(HostileServer::response(200, "{}\n{}\n"));
        });
        ApiClient client(configFor(Provider::Gemini, server));
        FileInfoCall *info = client.retrieveFile(QStringLiteral("files/batch-1"));
        QVERIFY(waitFor(info));
        QVERIFY2(!info->error().isError(), qPrintable(info->error().toString()));
        QCOMPARE(info->file().bytes, 6);
        QTemporaryDir dir;
        FileDownload *download =
            client.downloadFileContent(QStringLiteral("files/batch-1"), dir.filePath(QStringLiteral("o")), 6);
        QVERIFY(waitFor(download));
        QVERIFY2(!download->error().isError(), qPrintable(download->error().toString()));
        QCOMPARE(server.requestLines(),
                 (QByteArrayList{"GET /v1beta/files/batch-1 HTTP/1.1",
                                 "GET /download/v1beta/files/batch-1:download?alt=media HTTP/1.1"}));
        QVERIFY(hasHeader(server.heads().constLast(), "x-goog-api-key: " + kKey.toUtf8()));
    }

    void aBodyTheAdapterCannotReadFailsTheTypedCall()
    {
        HostileServer server([](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(200, R"({"id":"b1","status":"in_progress"})"));
        });
        ApiClient client(configFor(Provider::Anthropic, server)); // an OpenAI body is no Anthropic batch
        BatchCall *call = client.retrieveBatch(QStringLiteral("b1"));
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::InvalidResponse);
        QVERIFY(!call->batch());
        QCOMPARE(call->attempts(), 1);
    }

    void plainHttpHoldsForEveryProviderAndTheEntraToken_data()
    {
        QTest::addColumn<int>("provider");
        QTest::addColumn<bool>("token");
        for (const Provider p : Providers::all())
            QTest::newRow(qPrintable(Providers::id(p))) << int(p) << false;
        QTest::newRow("azure, Entra ID token only") << int(Provider::Azure) << true;
    }

    void plainHttpHoldsForEveryProviderAndTheEntraToken()
    {
        QFETCH(int, provider);
        QFETCH(bool, token);
        ApiConfig config;
        config.provider = Provider(provider);
        config.baseUrl = QUrl(QStringLiteral("http://batches.example.com"));
        (token ? config.adToken : config.apiKey) = kKey;
        ApiClient client(config);
        for (ApiCall *call : {client.listBatches(QString(), 1),
                              static_cast<ApiCall *>(client.retrieveBatch(QStringLiteral("b1")))}) {
            QVERIFY(waitFor(call));
            QCOMPARE(call->error().kind, ApiError::InsecureTransport);
            QCOMPARE(call->attempts(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestApiClientProviders)
#include "tst_apiclientproviders.moc"
