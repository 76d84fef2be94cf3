#include "apiclient.h"
#include "batchparser.h"
#include "simprocess.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

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
        // An id with a slash stays one path segment: the server sees an unknown batch, not another endpoint.
        QCOMPARE(traversal->error().httpStatus, 404);
        QVERIFY2(traversal->error().message.contains(QStringLiteral("No batch found")),
                 qPrintable(traversal->error().message));
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

private:
    std::unique_ptr<SimProcess> m_sim;
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
