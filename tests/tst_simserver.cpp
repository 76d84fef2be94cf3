#include "sim/simaccount.h"
#include "sim/simserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {
struct Answer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QByteArray requestId;
    QByteArray retryAfter;
};
} // namespace

// The simulator's HTTP face, in-process: routing, keys, request ids and each fault mode.
class TestSimServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimAccount> m_account;
    std::unique_ptr<SimServer> m_server;
    QUrl m_base;
    QNetworkAccessManager m_manager;

    void serve(const SimServer::Faults &faults = SimServer::Faults(), const QString &key = QString())
    {
        m_server.reset();
        SimAccount::Options options;
        options.batches = 30;
        options.speed = 0;
        m_account = std::make_unique<SimAccount>(options);
        m_server = std::make_unique<SimServer>(m_account.get(), key, faults);
        const quint16 port = m_server->listenLoopback(0);
        QVERIFY(port != 0);
        m_base = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
    }

    Answer request(const QByteArray &verb, const QString &path, const QByteArray &key = "sk-test",
                   int timeoutMs = 10'000)
    {
        QNetworkRequest request(QUrl(m_base.toString() + path));
        if (!key.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + key);
        request.setTransferTimeout(timeoutMs);
        QNetworkReply *reply = m_manager.sendCustomRequest(request, verb);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(timeoutMs + 5000);
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.error = reply->error();
        answer.body = reply->readAll();
        answer.requestId = reply->rawHeader("x-request-id");
        answer.retryAfter = reply->rawHeader("retry-after");
        reply->deleteLater();
        return answer;
    }

private Q_SLOTS:
    void initTestCase() { m_manager.setProxy(QNetworkProxy::NoProxy); }

    void everyAnswerHasARequestIdAndTheApisErrorShape_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("list") << QByteArray("GET") << "/batches" << 200;
        QTest::newRow("unknown route") << QByteArray("GET") << "/nothing/here" << 404;
        QTest::newRow("wrong verb") << QByteArray("DELETE") << "/batches" << 404;
        QTest::newRow("unknown batch") << QByteArray("GET") << "/batches/batch_0" << 404;
        QTest::newRow("unknown file") << QByteArray("GET") << "/files/file-0/content" << 404;
        QTest::newRow("bad limit") << QByteArray("GET") << "/batches?limit=500" << 400;
    }

    void everyAnswerHasARequestIdAndTheApisErrorShape()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(int, status);
        serve();
        const Answer answer = request(verb, path);
        QCOMPARE(answer.status, status);
        QVERIFY(answer.requestId.startsWith("req_"));
        QCOMPARE(answer.requestId.size(), 36);
        const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
        if (status != 200) {
            const QJsonObject error = body[QStringLiteral("error")].toObject();
            QVERIFY(!error[QStringLiteral("message")].toString().isEmpty());
            QVERIFY(error.contains(QStringLiteral("type")));
            QVERIFY(error.contains(QStringLiteral("param")));
            QVERIFY(error.contains(QStringLiteral("code")));
        }
    }

    void keysAreChecked()
    {
        serve(SimServer::Faults(), QStringLiteral("sk-only-this-one"));
        QCOMPARE(request("GET", QStringLiteral("/batches"), QByteArray()).status, 401);
        const Answer wrong = request("GET", QStringLiteral("/batches"), "sk-another-key-1234");
        QCOMPARE(wrong.status, 401);
        QVERIFY(!wrong.body.contains("sk-another-key-1234")); // the server masks what it echoes
        QCOMPARE(request("GET", QStringLiteral("/batches"), "sk-only-this-one").status, 200);
    }

    void failEveryCountsApiRequestsOnly()
    {
        SimServer::Faults faults;
        faults.failEvery = 3;
        faults.failMode = QStringLiteral("429");
        faults.retryAfterSeconds = 7;
        serve(faults);
        QCOMPARE(request("GET", QStringLiteral("/batches")).status, 200);
        QCOMPARE(request("GET", QStringLiteral("/_sim/stats")).status, 200); // not counted
        QCOMPARE(request("GET", QStringLiteral("/batches")).status, 200);
        const Answer limited = request("GET", QStringLiteral("/batches"));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.retryAfter, QByteArray("7"));
        QCOMPARE(
            QJsonDocument::fromJson(limited.body)[QStringLiteral("error")][QStringLiteral("code")].toString(),
            QStringLiteral("rate_limit_exceeded"));
        QCOMPARE(m_server->apiRequests(), 3);
        const QJsonObject stats =
            QJsonDocument::fromJson(request("GET", QStringLiteral("/_sim/stats")).body).object();
        QCOMPARE(stats[QStringLiteral("requests")].toInteger(), 3);
        QCOMPARE(stats[QStringLiteral("faults")].toInteger(), 1);
        QCOMPARE(stats[QStringLiteral("by_route")][QStringLiteral("GET batches")].toInteger(), 2);
    }

    void dropClosesWithoutAnswer()
    {
        SimServer::Faults faults;
        faults.failEvery = 1;
        faults.failMode = QStringLiteral("drop");
        serve(faults);
        const Answer answer = request("GET", QStringLiteral("/batches"));
        QCOMPARE(answer.status, 0);
        QVERIFY(answer.error != QNetworkReply::NoError);
    }

    void truncateSendsHalfThenHangsUp()
    {
        SimServer::Faults faults;
        faults.failEvery = 1;
        faults.failMode = QStringLiteral("truncate");
        serve(faults);
        const Answer answer = request("GET", QStringLiteral("/batches?limit=100"));
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.error != QNetworkReply::NoError);
        QVERIFY(QJsonDocument::fromJson(answer.body).isNull());
    }

    void hangNeverAnswers()
    {
        SimServer::Faults faults;
        faults.failEvery = 1;
        faults.failMode = QStringLiteral("hang");
        serve(faults);
        const Answer answer = request("GET", QStringLiteral("/batches"), "sk-test", 300);
        QCOMPARE(answer.status, 0);
        QVERIFY(answer.error != QNetworkReply::NoError);
    }

    void latencyDelaysEveryAnswer()
    {
        SimServer::Faults faults;
        faults.latencyMs = 200;
        serve(faults);
        QElapsedTimer clock;
        clock.start();
        const Answer answer = request("GET", QStringLiteral("/batches"));
        QVERIFY(clock.elapsed() >= 200);
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.requestId.startsWith("req_"));
        QCOMPARE(QJsonDocument::fromJson(answer.body)[QStringLiteral("data")].toArray().size(), 20);
    }
};

QTEST_GUILESS_MAIN(TestSimServer)
#include "tst_simserver.moc"
