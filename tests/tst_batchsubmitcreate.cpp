#include "core/api/apiclient.h"
#include "core/results/batchsubmit.h"
#include "hostileserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

// The create request is not idempotent: once it went out it is sent again only on an answer that proves
// nothing was done (429, x-should-retry: true), and an answer that leaves it open (a 5xx, a time-out, a
// cancel while it is under way) says the batch may have been created.
namespace {
const QByteArray kFile = "{\"id\":\"file-1\",\"object\":\"file\",\"bytes\":10,\"purpose\":\"batch\","
                         "\"filename\":\"in.jsonl\",\"created_at\":1700000000}";
const QByteArray kBatch =
    "{\"id\":\"batch_1\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\",\"input_file_id\":"
    "\"file-1\",\"completion_window\":\"24h\",\"status\":\"validating\",\"created_at\":1700000000}";

int creates(const HostileServer &server)
{
    int count = 0;
    for (const QByteArray &line : server.requestLines())
        count += line.startsWith("POST /v1/batches") ? 1 : 0;
    return count;
}
} // namespace

class TestBatchSubmitCreate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QFile file(m_spec.path = m_dir.filePath(QStringLiteral("in.jsonl")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{}}\n");
        m_spec.endpoint = QStringLiteral("/v1/chat/completions");
    }

    void createAnswers_data()
    {
        QTest::addColumn<QByteArrayList>("answers"); // to each create in turn; "" = never answer
        QTest::addColumn<int>("expectedCreates");
        QTest::addColumn<bool>("created");
        QTest::addColumn<bool>("mayHaveCreated");
        QTest::newRow("500: not sent again, may exist")
            << QByteArrayList{HostileServer::response(500, "{\"error\":{\"message\":\"oops\"}}")} << 1
            << false << true;
        QTest::newRow("time-out: not sent again, may exist")
            << QByteArrayList{QByteArray()} << 1 << false << true;
        QTest::newRow("400: nothing was made")
            << QByteArrayList{HostileServer::response(400, "{\"error\":{\"message\":\"bad endpoint\"}}")} << 1
            << false << false;
        QTest::newRow("429: sent again")
            << QByteArrayList{HostileServer::response(429, "{\"error\":{\"message\":\"slow down\"}}",
                                                      "retry-after-ms: 10\r\n"),
                              HostileServer::response(200, kBatch)}
            << 2 << true << false;
        QTest::newRow("x-should-retry: sent again")
            << QByteArrayList{HostileServer::response(503, "{}",
                                                      "x-should-retry: true\r\nretry-after-ms: 10\r\n"),
                              HostileServer::response(200, kBatch)}
            << 2 << true << false;
    }

    void createAnswers()
    {
        QFETCH(QByteArrayList, answers);
        QFETCH(int, expectedCreates);
        QFETCH(bool, created);
        QFETCH(bool, mayHaveCreated);
        int next = 0;
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            if (head.startsWith("POST /v1/files")) {
                socket->write(HostileServer::response(200, kFile));
                return;
            }
            const QByteArray answer = answers.value(next++, answers.last());
            if (!answer.isEmpty())
                socket->write(answer);
        });
        ApiConfig config;
        config.baseUrl = server.baseUrl();
        config.apiKey = QStringLiteral("sk-test-0123456789");
        config.transferTimeoutMs = 1500;
        ApiClient client(config);
        BatchSubmit submit(&client, m_spec);
        QSignalSpy finished(&submit, &BatchSubmit::finished);
        submit.start();
        QVERIFY(finished.wait(30'000));
        QCOMPARE(creates(server), expectedCreates);
        QCOMPARE(submit.batch().has_value(), created);
        QCOMPARE(submit.mayHaveCreated(), mayHaveCreated);
        if (mayHaveCreated)
            QVERIFY2(submit.error().message.contains(QLatin1String("may have been created")),
                     qPrintable(submit.error().message));
        QCOMPARE(submit.fileId(), QStringLiteral("file-1"));
    }

    void cancelWhileCreating()
    {
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            if (head.startsWith("POST /v1/files"))
                socket->write(HostileServer::response(200, kFile));
        });
        ApiConfig config;
        config.baseUrl = server.baseUrl();
        config.apiKey = QStringLiteral("sk-test-0123456789");
        ApiClient client(config);
        BatchSubmit submit(&client, m_spec);
        QSignalSpy finished(&submit, &BatchSubmit::finished);
        submit.start();
        QTRY_COMPARE(creates(server), 1);
        submit.cancel();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(submit.error().kind, ApiError::Cancelled);
        QVERIFY(submit.mayHaveCreated());
        QVERIFY2(submit.error().message.contains(QLatin1String("may have been created")),
                 qPrintable(submit.error().message));
    }

private:
    QTemporaryDir m_dir;
    SubmitSpec m_spec;
};

QTEST_GUILESS_MAIN(TestBatchSubmitCreate)
#include "tst_batchsubmitcreate.moc"
