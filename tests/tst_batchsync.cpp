#include "core/api/apiclient.h"
#include "core/cache/batchcache.h"
#include "core/sync/batchsync.h"
#include "hostileserver.h"
#include "testbatches.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

// The headless sync against servers that misbehave in ways the simulator does not.
class TestBatchSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newBatchesAboveAGapLeaveTheCacheIncomplete()
    {
        // The cache holds the whole account. The server's first page holds a batch never seen, and the page
        // after it is empty yet claims more: whatever lies between it and the cached batches is unknown.
        QTemporaryDir dir;
        BatchCache cache;
        QVERIFY(cache.open(dir.filePath(QStringLiteral("account.sqlite")), nullptr));
        QVERIFY(cache.replaceAll(
            {TestBatch(QStringLiteral("batch_old1"), QStringLiteral("completed"), 1'600'000'000),
             TestBatch(QStringLiteral("batch_old2"), QStringLiteral("completed"), 1'599'000'000)},
            true));
        const QByteArray fresh =
            QJsonDocument(
                TestBatch(QStringLiteral("batch_new"), QStringLiteral("completed"), 1'700'000'000).json())
                .toJson(QJsonDocument::Compact);
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            const bool later = head.left(head.indexOf("\r\n")).contains("after=");
            socket->write(HostileServer::response(200, "{\"object\":\"list\",\"data\":[" +
                                                           (later ? QByteArray() : fresh) +
                                                           "],\"has_more\":true}"));
        });
        ApiConfig config;
        config.baseUrl = server.baseUrl();
        config.maxRetries = 0;
        ApiClient client(config);
        BatchSync sync(&client, &cache);
        QSignalSpy warnings(&sync, &BatchSync::warning);
        QSignalSpy finished(&sync, &BatchSync::finished);
        sync.start();
        QVERIFY(finished.wait(10'000));
        QVERIFY(!finished.constFirst().constFirst().value<ApiError>().isError());
        QCOMPARE(sync.batches().size(), size_t(3));
        QCOMPARE(warnings.size(), 1);
        QVERIFY(!cache.isComplete()); // so the next run walks everything
    }
};

QTEST_GUILESS_MAIN(TestBatchSync)
#include "tst_batchsync.moc"
