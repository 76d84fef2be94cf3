#include "core/api/apiclient.h"
#include "core/api/filedownload.h"
#include "core/json/batchparser.h"
#include "hostileserver.h"
#include "simprocess.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {
// Waits for a call to finish and checks that it finished exactly once.
bool waitFor(ApiCall *call, int timeoutMs = 30'000)
{
    QSignalSpy spy(call, &ApiCall::finished);
    if (!call->isFinished() && !spy.wait(timeoutMs))
        return false;
    QTest::qWait(0);
    return spy.count() <= 1 && call->isFinished();
}

ApiConfig hostileConfig(const HostileServer &server, const QString &scheme = QStringLiteral("http"))
{
    ApiConfig config;
    config.baseUrl = server.baseUrl(scheme);
    config.apiKey = QStringLiteral("sk-test-0123456789");
    config.maxRetries = 2;
    return config;
}

const QByteArray kEmptyPage = R"({"object":"list","data":[],"has_more":false})";

// With 0.3 s to connect and 10 s for the answer, a server that answers kEmptyPage after 1.5 s is heard.
void expectTheSlowAnswer(ApiConfig config)
{
    config.connectTimeoutMs = 300;
    config.transferTimeoutMs = 10'000;
    config.maxRetries = 0;
    ApiClient client(config);
    ApiCall *call = client.listBatches(QString(), 1);
    QVERIFY(waitFor(call));
    QVERIFY2(!call->error().isError(), qPrintable(call->error().toString()));
    QCOMPARE(call->body(), kEmptyPage);
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("60"),
                                     QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(!m_sim->baseUrl().isEmpty());
    }

    void listsOnePage()
    {
        ApiClient client(m_sim->config());
        ApiCall *call = client.listBatches(QString(), 5);
        QVERIFY(waitFor(call));
        QVERIFY2(!call->error().isError(), qPrintable(call->error().toString()));
        QCOMPARE(call->httpStatus(), 200);
        QVERIFY(call->requestId().startsWith(QStringLiteral("req_")));
        QCOMPARE(call->attempts(), 1);
        const Parsed<BatchPage> page = BatchParser::parseListPage(call->body());
        QVERIFY(page.ok());
        QCOMPARE(page.value.data.size(), size_t(5));
        QVERIFY(page.value.hasMore);

        ApiCall *next = client.listBatches(page.value.nextCursor(), 100);
        QVERIFY(waitFor(next));
        const Parsed<BatchPage> rest = BatchParser::parseListPage(next->body());
        QCOMPARE(rest.value.data.size(), size_t(55));
        QVERIFY(!rest.value.hasMore);
        QVERIFY(rest.value.data.front().createdAt <= page.value.data.back().createdAt);
    }

    void retrieveAndCancel()
    {
        ApiClient client(m_sim->config());
        ApiCall *list = client.listBatches(QString(), 10);
        QVERIFY(waitFor(list));
        const BatchPage page = BatchParser::parseListPage(list->body()).value;
        const auto running = std::find_if(page.data.begin(), page.data.end(), [](const Batch &b) {
            return b.status.value() == BatchStatus::InProgress;
        });
        QVERIFY(running != page.data.end());

        ApiCall *get = client.retrieveBatch(running->id);
        QVERIFY(waitFor(get));
        QCOMPARE(BatchParser::parseBatch(get->body()).value.id, running->id);

        ApiCall *cancel = client.cancelBatch(running->id);
        QVERIFY(waitFor(cancel));
        QVERIFY2(!cancel->error().isError(), qPrintable(cancel->error().toString()));
        QCOMPARE(BatchParser::parseBatch(cancel->body()).value.status.value(), BatchStatus::Cancelling);

        const auto done = std::find_if(page.data.begin(), page.data.end(),
                                       [](const Batch &b) { return b.status.isTerminal(); });
        ApiCall *refused = client.cancelBatch(done->id);
        QVERIFY(waitFor(refused));
        QCOMPARE(refused->error().kind, ApiError::Http);
        QCOMPARE(refused->error().httpStatus, 400);
        QVERIFY(refused->error().message.contains(QStringLiteral("Cannot cancel")));
        QCOMPARE(refused->attempts(), 1); // a 400 is not retried
    }

    void httpErrorsCarryTheApisWords()
    {
        ApiClient client(m_sim->config());
        ApiCall *badLimit = client.listBatches(QString(), 0);
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("101"));
        ApiCall *tooMany = client.get(QStringLiteral("batches"), query);
        ApiCall *missing = client.retrieveBatch(QStringLiteral("batch_nope"));
        ApiCall *traversal = client.retrieveBatch(QStringLiteral("../files/x"));
        for (ApiCall *call : {badLimit, tooMany, missing, traversal})
            QVERIFY(waitFor(call));
        QVERIFY(!badLimit->error().isError()); // no limit: the server's default
        QCOMPARE(tooMany->error().httpStatus, 400);
        QCOMPARE(tooMany->error().code, QStringLiteral("integer_above_max_value"));
        QCOMPARE(tooMany->error().param, QStringLiteral("limit"));
        QVERIFY(tooMany->error().requestId.startsWith(QStringLiteral("req_")));
        QVERIFY(tooMany->body().isEmpty());
        QCOMPARE(missing->error().httpStatus, 404);
        QVERIFY(missing->error().toString().contains(QStringLiteral("batch_nope")));
        // An id with a slash would reach another endpoint: refused before it is sent.
        QCOMPARE(traversal->error().kind, ApiError::InvalidRequest);
        QCOMPARE(traversal->attempts(), 0);
    }

    void emptyIdsAreRefusedBeforeSending()
    {
        ApiClient client(m_sim->config());
        const qint64 before = m_sim->stats().value(QStringLiteral("requests")).toInteger();
        ApiCall *call = client.retrieveBatch(QString());
        QVERIFY(!call->isFinished()); // callers can still connect
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::InvalidRequest);
        QCOMPARE(m_sim->stats().value(QStringLiteral("requests")).toInteger(), before);
    }

    void wrongKeyIsAnAuthenticationError()
    {
        auto sim = SimProcess::started({QStringLiteral("--api-key"), QStringLiteral("sk-right-key-000000")});
        ApiClient client(sim->config(QStringLiteral("sk-wrong-key-123456")));
        ApiCall *call = client.listBatches(QString(), 10);
        QVERIFY(waitFor(call));
        QVERIFY(call->error().isAuthentication());
        QCOMPARE(call->error().code, QStringLiteral("invalid_api_key"));
        QVERIFY(call->error().toString().startsWith(
            QStringLiteral("HTTP 401 invalid_api_key: Incorrect API key provided")));
        QCOMPARE(call->attempts(), 1);

        ApiClient keyless(sim->config(QString()));
        ApiCall *anonymous = keyless.listBatches(QString(), 10);
        QVERIFY(waitFor(anonymous));
        QCOMPARE(anonymous->error().httpStatus, 401);
        QVERIFY(anonymous->error().message.contains(QStringLiteral("didn't provide an API key")));
    }

    void keyIsNeverSentOverPlainHttpToAnotherHost()
    {
        // A listening server that must never see a connection.
        QTcpServer trap;
        QVERIFY(trap.listen(QHostAddress::LocalHost));
        ApiConfig config;
        config.baseUrl = QUrl(QStringLiteral("http://batchwatch-test.invalid:%1/v1").arg(trap.serverPort()));
        config.apiKey = QStringLiteral("sk-secret-never-sent-0000");
        ApiClient client(config);
        ApiCall *call = client.listBatches(QString(), 10);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::InsecureTransport);
        QVERIFY(call->error().message.contains(QStringLiteral("plain http://")));
        QVERIFY(!call->error().message.contains(config.apiKey));
        QCOMPARE(call->attempts(), 0);
        QVERIFY(!trap.hasPendingConnections());
    }

    void loopbackBypassesTheProxy()
    {
        QTcpServer proxy; // would see the request if it went through the proxy
        QVERIFY(proxy.listen(QHostAddress::LocalHost));
        const QByteArray address = "http://127.0.0.1:" + QByteArray::number(proxy.serverPort());
        qputenv("http_proxy", address);
        qputenv("HTTP_PROXY", address);
        qputenv("no_proxy", "");
        ApiClient client(m_sim->config());
        ApiCall *call = client.listBatches(QString(), 1);
        const bool finished = waitFor(call);
        qunsetenv("http_proxy");
        qunsetenv("HTTP_PROXY");
        qunsetenv("no_proxy");
        QVERIFY(finished);
        QVERIFY2(!call->error().isError(), qPrintable(call->error().toString()));
        QVERIFY(!proxy.hasPendingConnections());
    }

    void retriesHonourRetryAfter()
    {
        // Every second request is a 429 asking for one second's patience.
        auto sim = SimProcess::started({QStringLiteral("--fail-every"), QStringLiteral("2"),
                                        QStringLiteral("--fail-status"), QStringLiteral("429"),
                                        QStringLiteral("--retry-after"), QStringLiteral("1")});
        ApiClient client(sim->config());
        ApiCall *first = client.listBatches(QString(), 1);
        QVERIFY(waitFor(first));
        QCOMPARE(first->attempts(), 1);

        ApiCall *second = client.listBatches(QString(), 1);
        QSignalSpy retrying(second, &ApiCall::retrying);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(waitFor(second));
        QVERIFY2(!second->error().isError(), qPrintable(second->error().toString()));
        QCOMPARE(second->attempts(), 2);
        QCOMPARE(retrying.count(), 1);
        QCOMPARE(retrying.at(0).at(1).toInt(), 1000);
        QCOMPARE(retrying.at(0).at(2).value<ApiError>().httpStatus, 429);
        QVERIFY(clock.elapsed() >= 1000);
        QCOMPARE(sim->stats().value(QStringLiteral("requests")).toInteger(), 3);
    }

    void serverErrorsBeyondTheBudgetFail()
    {
        auto sim = SimProcess::started({QStringLiteral("--fail-every"), QStringLiteral("1"),
                                        QStringLiteral("--fail-status"), QStringLiteral("500")});
        ApiConfig config = sim->config();
        config.maxRetries = 2;
        ApiClient client(config);
        ApiCall *call = client.listBatches(QString(), 1);
        QSignalSpy retrying(call, &ApiCall::retrying);
        QVERIFY(waitFor(call));
        QCOMPARE(call->attempts(), 3);
        QCOMPARE(retrying.count(), 2);
        // Exponential back-off: 0.5 s then 1 s, less up to a quarter.
        QVERIFY(retrying.at(0).at(1).toInt() >= 375 && retrying.at(0).at(1).toInt() <= 500);
        QVERIFY(retrying.at(1).at(1).toInt() >= 750 && retrying.at(1).at(1).toInt() <= 1000);
        QCOMPARE(call->error().httpStatus, 500);
        QCOMPARE(call->error().type, QStringLiteral("server_error"));
        QCOMPARE(sim->stats().value(QStringLiteral("requests")).toInteger(), 3);

        config.maxRetries = 0;
        client.setConfig(config);
        ApiCall *once = client.listBatches(QString(), 1);
        QVERIFY(waitFor(once));
        QCOMPARE(once->attempts(), 1);
    }

    void droppedAndTruncatedAnswersAreRetried_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("drop") << "drop";
        QTest::newRow("truncate") << "truncate";
    }

    void droppedAndTruncatedAnswersAreRetried()
    {
        QFETCH(QString, mode);
        auto sim = SimProcess::started({QStringLiteral("--fail-every"), QStringLiteral("2"),
                                        QStringLiteral("--fail-status"), mode, QStringLiteral("--speed"),
                                        QStringLiteral("0")});
        ApiClient client(sim->config());
        ApiCall *first = client.listBatches(QString(), 100);
        QVERIFY(waitFor(first));
        ApiCall *second = client.listBatches(QString(), 100);
        QVERIFY(waitFor(second));
        QVERIFY2(!second->error().isError(), qPrintable(second->error().toString()));
        // Qt resends once by itself when a reused connection closes unanswered; either way nothing is lost.
        if (mode == QLatin1String("truncate"))
            QCOMPARE(second->attempts(), 2);
        QCOMPARE(second->body(), first->body()); // frozen time: the same page, whole
        QCOMPARE(sim->stats().value(QStringLiteral("requests")).toInteger(), 3);
    }

    void droppedEveryTimeExhaustsTheRetries()
    {
        auto sim = SimProcess::started({QStringLiteral("--fail-every"), QStringLiteral("1"),
                                        QStringLiteral("--fail-status"), QStringLiteral("drop")});
        ApiClient client(sim->config());
        ApiCall *call = client.listBatches(QString(), 1);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::Network);
        QCOMPARE(call->attempts(), 3);
        QVERIFY(sim->stats().value(QStringLiteral("requests")).toInteger() >= 3);
    }

    void connectionRefusedIsANetworkError()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        ApiConfig config;
        config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
        config.apiKey = QStringLiteral("sk-test");
        config.maxRetries = 1;
        ApiClient client(config);
        ApiCall *call = client.listBatches(QString(), 1);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::Network);
        QCOMPARE(call->attempts(), 2);
        QVERIFY2(call->error().message.contains(QStringLiteral("refused"), Qt::CaseInsensitive),
                 qPrintable(call->error().message));
    }

    void silenceTimesOut()
    {
        auto sim = SimProcess::started({QStringLiteral("--fail-every"), QStringLiteral("1"),
                                        QStringLiteral("--fail-status"), QStringLiteral("hang")});
        ApiConfig config = sim->config();
        config.transferTimeoutMs = 300;
        config.maxRetries = 1;
        ApiClient client(config);
        ApiCall *call = client.listBatches(QString(), 1);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::Timeout);
        QVERIFY(call->error().message.contains(QStringLiteral("timed out")));
        QCOMPARE(call->attempts(), 2);
    }

    void abortIsACancelNotARetry()
    {
        auto sim = SimProcess::started({QStringLiteral("--fail-every"), QStringLiteral("1"),
                                        QStringLiteral("--fail-status"), QStringLiteral("hang")});
        ApiClient client(sim->config());
        ApiCall *call = client.listBatches(QString(), 1);
        QSignalSpy finished(call, &ApiCall::finished);
        QTimer::singleShot(100, call, &ApiCall::abort);
        QVERIFY(finished.wait(5000));
        QCOMPARE(call->error().kind, ApiError::Cancelled);
        QCOMPARE(call->attempts(), 1);
        call->abort(); // twice is harmless
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1);
    }

    void abortDuringBackoffStopsRetrying()
    {
        auto sim = SimProcess::started({QStringLiteral("--fail-every"), QStringLiteral("1"),
                                        QStringLiteral("--fail-status"), QStringLiteral("503"),
                                        QStringLiteral("--retry-after"), QStringLiteral("30")});
        ApiClient client(sim->config());
        ApiCall *call = client.listBatches(QString(), 1);
        QSignalSpy retrying(call, &ApiCall::retrying);
        QVERIFY(retrying.wait(5000));
        QCOMPARE(retrying.at(0).at(1).toInt(), 30'000);
        call->abort();
        QVERIFY(call->isFinished());
        QCOMPARE(call->error().kind, ApiError::Cancelled);
        QCOMPARE(call->attempts(), 1);
    }

    void garbageIsNotRetriedButReported()
    {
        auto sim = SimProcess::started({QStringLiteral("--fail-every"), QStringLiteral("1"),
                                        QStringLiteral("--fail-status"), QStringLiteral("garbage")});
        ApiClient client(sim->config());
        ApiCall *call = client.listBatches(QString(), 1);
        QVERIFY(waitFor(call));
        QVERIFY(!call->error().isError()); // HTTP said 200; the parser is the judge
        const Parsed<BatchPage> page = BatchParser::parseListPage(call->body());
        QVERIFY(!page.ok());
        const ApiError error = call->invalidResponse(page.error);
        QCOMPARE(error.kind, ApiError::InvalidResponse);
        QVERIFY(error.toString().contains(QStringLiteral("not valid JSON")));
        QVERIFY(error.toString().contains(QStringLiteral("(request req_")));
    }

    void aServerThatThinksLongerThanAConnectTakesIsNotAConnectTimeout()
    {
        // The answer comes after 1.5 s: past the connect limit, well within the transfer one.
        HostileServer server([](QTcpSocket *socket, const QByteArray &) {
            QTimer::singleShot(1500, socket,
                               [socket] { socket->write(HostileServer::response(200, kEmptyPage)); });
        });
        expectTheSlowAnswer(hostileConfig(server));
    }

    void aSlowAnswerOverTlsIsNotAConnectTimeout()
    {
        // A real TLS server on loopback with a certificate made for this test; it thinks for 1.5 s.
        QTemporaryDir dir;
        const QString certPath = dir.filePath(QStringLiteral("cert.pem"));
        const QString keyPath = dir.filePath(QStringLiteral("key.pem"));
        QCOMPARE(QProcess::execute(QStringLiteral("openssl"),
                                   {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                                    QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                                    QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath,
                                    QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                                    QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                                    QStringLiteral("subjectAltName=IP:127.0.0.1")}),
                 0);
        QFile certFile(certPath), keyFile(keyPath);
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        const QSslCertificate cert(&certFile, QSsl::Pem);
        const QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
        QSslServer server;
        QSslConfiguration serverTls = QSslConfiguration::defaultConfiguration();
        serverTls.setLocalCertificate(cert);
        serverTls.setPrivateKey(key);
        server.setSslConfiguration(serverTls);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QTcpServer::pendingConnectionAvailable, &server, [&server] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    QTimer::singleShot(1500, socket,
                                       [socket] { socket->write(HostileServer::response(200, kEmptyPage)); });
                });
            }
        });
        const QSslConfiguration saved = QSslConfiguration::defaultConfiguration();
        QSslConfiguration trusting = saved;
        trusting.addCaCertificate(cert);
        QSslConfiguration::setDefaultConfiguration(trusting);
        const auto restore = qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(saved); });

        ApiConfig config;
        config.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1/v1").arg(server.serverPort()));
        config.apiKey = QStringLiteral("sk-test-0123456789");
        expectTheSlowAnswer(config);
    }

    void timeOutMessagesNameTheLimitThatRanOut()
    {
        HostileServer silent([](QTcpSocket *, const QByteArray &) {});
        ApiConfig config = hostileConfig(silent);
        config.connectTimeoutMs = 10'000;
        config.transferTimeoutMs = 700;
        config.maxRetries = 0;
        ApiClient client(config);
        ApiCall *call = client.listBatches(QString(), 1);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::Timeout);
        QVERIFY2(call->error().message.contains(QStringLiteral("no answer within 0.7 s")),
                 qPrintable(call->error().message));
    }

    void aTrickleBelowTheMinimumRateTimesOut()
    {
        // One byte every 50 ms never leaves the line silent, and would take 8 minutes for this body.
        HostileServer trickle([](QTcpSocket *socket, const QByteArray &) {
            socket->write(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{");
            auto *timer = new QTimer(socket);
            QObject::connect(timer, &QTimer::timeout, socket, [socket] { socket->write(" "); });
            timer->start(50);
        });
        ApiConfig config = hostileConfig(trickle);
        config.transferTimeoutMs = 1000;
        config.minBytesPerSecond = 1024;
        config.maxRetries = 1;
        ApiClient client(config);
        ApiCall *call = client.listBatches(QString(), 1);
        QVERIFY(waitFor(call, 20'000));
        QCOMPARE(call->error().kind, ApiError::Timeout);
        QVERIFY2(call->error().message.contains(QStringLiteral("slower than 1024 bytes/s")),
                 qPrintable(call->error().message));
        QCOMPARE(call->attempts(), 2); // slow is retried, like silence
    }

    void anOversizedBodyIsRefusedNotHeld_data()
    {
        QTest::addColumn<bool>("announced");
        QTest::newRow("Content-Length says so") << true;
        QTest::newRow("chunked, found while reading") << false;
    }

    void anOversizedBodyIsRefusedNotHeld()
    {
        QFETCH(bool, announced);
        const QByteArray body = "{\"object\":\"list\",\"data\":[],\"has_more\":false,\"pad\":\"" +
                                QByteArray(200'000, 'x') + "\"}";
        HostileServer huge([&](QTcpSocket *socket, const QByteArray &) {
            if (announced) {
                socket->write(HostileServer::response(200, body));
                return;
            }
            socket->write(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (qsizetype at = 0; at < body.size(); at += 8192) {
                const QByteArray chunk = body.mid(at, 8192);
                socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
            }
            socket->write("0\r\n\r\n");
        });
        ApiConfig config = hostileConfig(huge);
        config.maxResponseBytes = 100'000;
        ApiClient client(config);
        ApiCall *call = client.listBatches(QString(), 1);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::InvalidResponse);
        QVERIFY2(call->error().message.contains(QStringLiteral("--max-response-size")),
                 qPrintable(call->error().message));
        QCOMPARE(call->attempts(), 1); // the same server sends the same page again: not retried
        QVERIFY(call->body().isEmpty());

        // Within the limit, the same body is fine.
        config.maxResponseBytes = 1'000'000;
        client.setConfig(config);
        ApiCall *fits = client.listBatches(QString(), 1);
        QVERIFY(waitFor(fits));
        QVERIFY2(!fits->error().isError(), qPrintable(fits->error().toString()));
        QCOMPARE(fits->body(), body);
    }

    void anEndlessErrorBodyEndsTheCall()
    {
        // A 500 whose body never ends: read up to 1 MB for its message, then the call ends.
        HostileServer endless([](QTcpSocket *socket, const QByteArray &) {
            socket->write(
                "HTTP/1.1 500 Oops\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
            auto *timer = new QTimer(socket);
            QObject::connect(timer, &QTimer::timeout, socket, [socket] {
                const QByteArray chunk(64 * 1024, 'e');
                socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
            });
            timer->start(1);
        });
        ApiConfig config = hostileConfig(endless);
        config.maxRetries = 0;
        ApiClient client(config);
        ApiCall *call = client.listBatches(QString(), 1);
        QVERIFY(waitFor(call, 20'000));
        QCOMPARE(call->error().kind, ApiError::Http);
        QCOMPARE(call->error().httpStatus, 500);
    }

    void idsAreEncodedOnceAndPathTricksRefused()
    {
        HostileServer recorder([](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(404, R"({"error":{"message":"no"}})"));
        });
        ApiConfig config = hostileConfig(recorder);
        config.maxRetries = 0;
        ApiClient client(config);
        const QStringList sent = {QStringLiteral("batch a b"), QStringLiteral("batch%2F"),
                                  QStringLiteral("b\u00e9+x")};
        for (const QString &id : sent)
            QVERIFY(waitFor(client.retrieveBatch(id)));
        QCOMPARE(recorder.requestLines().size(), sent.size());
        for (qsizetype i = 0; i < sent.size(); ++i) {
            const QByteArray path = recorder.requestLines().at(i).split(' ').at(1);
            QCOMPARE(QUrl::fromPercentEncoding(path), QStringLiteral("/v1/batches/") + sent.at(i));
        }

        for (const QString &id : {QString(), QStringLiteral("."), QStringLiteral(".."), QStringLiteral("a/b"),
                                  QStringLiteral("a?b"), QStringLiteral("a#b")}) {
            for (ApiCall *call :
                 {static_cast<ApiCall *>(client.retrieveBatch(id)),
                  static_cast<ApiCall *>(client.cancelBatch(id)),
                  static_cast<ApiCall *>(client.retrieveFile(id)),
                  static_cast<ApiCall *>(client.downloadFileContent(id, QStringLiteral("/nonexistent/x")))}) {
                QVERIFY(waitFor(call));
                QCOMPARE(call->error().kind, ApiError::InvalidRequest);
                QCOMPARE(call->attempts(), 0);
            }
        }
        QCOMPARE(recorder.requestLines().size(), sent.size()); // none of those went out
    }

    void aCrossOriginRedirectIsNotFollowedNorRetried()
    {
        HostileServer elsewhere([](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(200, kEmptyPage));
        });
        HostileServer redirecting([&](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(
                302, {}, "Location: " + elsewhere.baseUrl().toEncoded() + "/batches\r\n"));
        });
        ApiClient client(hostileConfig(redirecting));
        ApiCall *call = client.listBatches(QString(), 1);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::Network);
        QCOMPARE(call->attempts(), 1);
        QCOMPARE(redirecting.requestLines().size(), 1);
        QCOMPARE(elsewhere.connections(), 0); // the key never went there
    }

    void aFailedTlsHandshakeIsNotRetried()
    {
        // Plain bytes where TLS is expected: the handshake fails the same way every time.
        QTcpServer plain;
        QVERIFY(plain.listen(QHostAddress::LocalHost));
        int connections = 0;
        connect(&plain, &QTcpServer::newConnection, &plain, [&] {
            while (QTcpSocket *socket = plain.nextPendingConnection()) {
                ++connections;
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                socket->disconnectFromHost();
            }
        });
        ApiConfig config;
        config.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1/v1").arg(plain.serverPort()));
        config.apiKey = QStringLiteral("sk-test-0123456789");
        ApiClient client(config);
        ApiCall *call = client.listBatches(QString(), 1);
        QVERIFY(waitFor(call));
        QCOMPARE(call->error().kind, ApiError::Network);
        QCOMPARE(call->attempts(), 1);
        QCOMPARE(connections, 1);
    }

private:
    std::unique_ptr<SimProcess> m_sim;
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
