// The one sync engine: its rule for what may still change, its one policy for a failed retrieve, and the gap
// rules (a cache is never marked complete from a short walk), against the real simulator and against servers
// that misbehave in ways the simulator does not. The headless BatchSync and the window's AccountSession are
// its two sinks; tst_accountsession and tst_cacherecovery drive it through them.
#include "core/api/apiclient.h"
#include "core/cache/batchcache.h"
#include "core/sync/batchsync.h"
#include "core/sync/syncengine.h"
#include "core/sync/syncsink.h"
#include "hostileserver.h"
#include "simprocess.h"
#include "testbatches.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {
// What an engine delivered, in order.
struct RecordingSink : SyncSink
{
    std::vector<Batch> onTop, below, updated;
    void syncArrived(const std::vector<Batch> &batches, bool top) override
    {
        (top ? onTop : below).insert((top ? onTop : below).end(), batches.begin(), batches.end());
    }
    void syncUpdated(const std::vector<Batch> &batches) override
    {
        updated.insert(updated.end(), batches.begin(), batches.end());
    }
};

QByteArray objectOf(const TestBatch &batch)
{
    return QJsonDocument(batch.json()).toJson(QJsonDocument::Compact);
}

QByteArray listOf(const QList<TestBatch> &batches, bool hasMore)
{
    QByteArrayList items;
    for (const TestBatch &b : batches)
        items << objectOf(b);
    return "{\"object\":\"list\",\"data\":[" + items.join(',') +
           "],\"has_more\":" + (hasMore ? "true" : "false") + "}";
}

// 250 held batches, newest first, all completed except three far apart (positions 1, 120 and 240): no run
// of list pages reaches them more cheaply than three retrieves.
const int kChanging[] = {1, 120, 240};
TestBatch heldBatch(int n, const QString &status = QString())
{
    const bool changing = std::find(std::begin(kChanging), std::end(kChanging), n) != std::end(kChanging);
    return TestBatch(TestBatch::numberedId(n),
                     !status.isEmpty() ? status
                     : changing        ? QStringLiteral("in_progress")
                                       : QStringLiteral("completed"),
                     1'790'000'000 - n);
}

ApiConfig configFor(const HostileServer &server)
{
    ApiConfig config;
    config.baseUrl = server.baseUrl();
    config.maxRetries = 0;
    return config;
}
} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneRuleForWhatMayStillChange()
    {
        // The window re-read "not terminal", the headless sync also anything younger than 25 h. One rule now:
        // a terminal status is final, however young the batch.
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        for (const char *status : {"validating", "in_progress", "finalizing", "cancelling"})
            QVERIFY2(SyncEngine::mayChange(TestBatch(QStringLiteral("b"), QLatin1String(status), now)),
                     status);
        for (const char *status : {"completed", "failed", "expired", "cancelled"})
            QVERIFY2(!SyncEngine::mayChange(TestBatch(QStringLiteral("b"), QLatin1String(status), now)),
                     status);
    }

    void aFailedRetrieveFailsTheRefreshKeepsWhatCameAndAsksNoMore()
    {
        // The second retrieve fails with a 500: the refresh says so, the first one's news is kept and cached,
        // and the third is never asked for.
        QTemporaryDir dir;
        BatchCache cache;
        QVERIFY(cache.open(dir.filePath(QStringLiteral("account.sqlite")), nullptr));
        std::vector<Batch> held;
        for (int n = 0; n < 250; ++n)
            held.push_back(heldBatch(n));
        QVERIFY(cache.replaceAll(held, true));
        HostileServer server([](QTcpSocket *socket, const QByteArray &head) {
            const QByteArray line = head.left(head.indexOf("\r\n"));
            if (line.contains("/batches?")) // page 1: the newest held batch ends the new ones
                socket->write(HostileServer::response(200, listOf({heldBatch(0)}, true)));
            else if (line.contains(TestBatch::numberedId(120).toLatin1()))
                socket->write(HostileServer::response(500, "{\"error\":{\"message\":\"boom\"}}"));
            else
                socket->write(HostileServer::response(
                    200, objectOf(heldBatch(line.contains(TestBatch::numberedId(1).toLatin1()) ? 1 : 240,
                                            QStringLiteral("completed")))));
        });
        ApiClient client(configFor(server));
        RecordingSink sink;
        SyncEngine engine(&client, &sink);
        engine.setCache(&cache);
        engine.setMaxConcurrent(1);
        (void)engine.adopt(held);
        QSignalSpy finished(&engine, &SyncEngine::refreshFinished);
        engine.refresh();
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.constFirst().constFirst().value<ApiError>().httpStatus, 500);
        QCOMPARE(server.requestLines().size(), 3); // page 1, the retrieve that worked, the one that failed
        QCOMPARE(engine.heldAt(1).status.value(), BatchStatus::Completed);
        QCOMPARE(engine.heldAt(240).status.value(), BatchStatus::InProgress);
        const std::vector<Batch> cached = cache.load();
        QCOMPARE(cached[1].status.value(), BatchStatus::Completed);
        QCOMPARE(cached[240].status.value(), BatchStatus::InProgress);
        QVERIFY(sink.onTop.empty());
    }

    void aBatchGoneFromTheServerKeepsItsLastState()
    {
        // 404 for one retrieve: not an error; the others go on.
        std::vector<Batch> held;
        for (int n = 0; n < 250; ++n)
            held.push_back(heldBatch(n));
        HostileServer server([](QTcpSocket *socket, const QByteArray &head) {
            const QByteArray line = head.left(head.indexOf("\r\n"));
            if (line.contains("/batches?"))
                socket->write(HostileServer::response(200, listOf({heldBatch(0)}, true)));
            else if (line.contains(TestBatch::numberedId(120).toLatin1()))
                socket->write(HostileServer::response(404, "{\"error\":{\"message\":\"No batch found\"}}"));
            else
                socket->write(HostileServer::response(
                    200, objectOf(heldBatch(line.contains(TestBatch::numberedId(1).toLatin1()) ? 1 : 240,
                                            QStringLiteral("completed")))));
        });
        ApiClient client(configFor(server));
        RecordingSink sink;
        SyncEngine engine(&client, &sink);
        engine.setMaxConcurrent(1);
        (void)engine.adopt(held);
        QSignalSpy finished(&engine, &SyncEngine::refreshFinished);
        engine.refresh();
        QVERIFY(finished.wait(10'000));
        QVERIFY(!finished.constFirst().constFirst().value<ApiError>().isError());
        QCOMPARE(server.requestLines().size(), 4);
        QCOMPARE(engine.heldAt(120).status.value(), BatchStatus::InProgress);
        QCOMPARE(engine.heldAt(240).status.value(), BatchStatus::Completed);
        QCOMPARE(engine.updatedCount(), 3); // the first page's batch and two retrieves
    }

    void newBatchesAboveAGapMakeTheHeadlessRunReadEverything()
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
            objectOf(TestBatch(QStringLiteral("batch_new"), QStringLiteral("completed"), 1'700'000'000));
        // The first time round the server hides what lies below the new batch; asked again from the top it
        // lists the whole account (batch_gap included).
        int tops = 0;
        const QByteArray gap =
            objectOf(TestBatch(QStringLiteral("batch_gap"), QStringLiteral("completed"), 1'650'000'000));
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            const bool later = head.left(head.indexOf("\r\n")).contains("after=");
            tops += !later;
            const QByteArray items =
                later       ? QByteArray()
                : tops == 1 ? fresh
                            : fresh + "," + gap + "," +
                                  objectOf(TestBatch(QStringLiteral("batch_old1"),
                                                     QStringLiteral("completed"), 1'600'000'000));
            socket->write(HostileServer::response(
                200, "{\"object\":\"list\",\"data\":[" + items +
                         "],\"has_more\":" + (later || tops == 1 ? "true" : "false") + "}"));
        });
        ApiClient client(configFor(server));
        BatchSync sync(&client, &cache);
        QSignalSpy warnings(&sync, &BatchSync::warning);
        QSignalSpy finished(&sync, &BatchSync::finished);
        std::vector<Batch> walked;
        connect(&sync, &BatchSync::walked, this, [&](const std::vector<Batch> &page) {
            walked.insert(walked.end(), page.begin(), page.end());
        });
        sync.start();
        QVERIFY(finished.wait(10'000));
        QVERIFY(!finished.constFirst().constFirst().value<ApiError>().isError());
        // Never the short answer (new + cached, 3 batches, exit 0): the gap made it read everything.
        QStringList ids;
        if (!sync.streamed()) {
            walked.clear();
            QVERIFY(!sync.readResult([&](const std::vector<Batch> &chunk) {
                             walked.insert(walked.end(), chunk.begin(), chunk.end());
                             return true;
                         })
                         .isError());
        }
        for (const Batch &batch : walked)
            ids << batch.id;
        QCOMPARE(ids, QStringList({QStringLiteral("batch_new"), QStringLiteral("batch_gap"),
                                   QStringLiteral("batch_old1")}));
        QCOMPARE(warnings.size(), 1);
        QVERIFY(cache.isComplete());
    }

    void aRetrieveAnsweredForAnotherBatchFailsTheRefresh()
    {
        // Asked for batch 1, the server answers with batch 120's object: taken, it would overwrite 120 and
        // leave 1 stale without a word.
        QTemporaryDir dir;
        BatchCache cache;
        QVERIFY(cache.open(dir.filePath(QStringLiteral("account.sqlite")), nullptr));
        std::vector<Batch> held;
        for (int n = 0; n < 250; ++n)
            held.push_back(heldBatch(n));
        QVERIFY(cache.replaceAll(held, true));
        HostileServer server([](QTcpSocket *socket, const QByteArray &head) {
            const QByteArray line = head.left(head.indexOf("\r\n"));
            if (line.contains("/batches?"))
                socket->write(HostileServer::response(200, listOf({heldBatch(0)}, true)));
            else
                socket->write(
                    HostileServer::response(200, objectOf(heldBatch(120, QStringLiteral("completed")))));
        });
        ApiClient client(configFor(server));
        RecordingSink sink;
        SyncEngine engine(&client, &sink);
        engine.setCache(&cache);
        engine.setMaxConcurrent(1);
        (void)engine.adopt(held);
        QSignalSpy finished(&engine, &SyncEngine::refreshFinished);
        engine.refresh();
        QVERIFY(finished.wait(10'000));
        const ApiError error = finished.constFirst().constFirst().value<ApiError>();
        QCOMPARE(error.kind, ApiError::InvalidResponse);
        QVERIFY2(error.message.contains(QStringLiteral("another")) ||
                     error.message.contains(QStringLiteral("answered for")),
                 qPrintable(error.message));
        QCOMPARE(engine.heldAt(120).status.value(), BatchStatus::InProgress);
    }

    void aGapIsReadFromTheTopBeforeTheCacheIsCompleteAgain()
    {
        // The window's path. The cache holds the whole account; a refresh finds new batches on top and then
        // an empty page that claims more. The stretch below them (g1, g2) is unknown: older pages must read
        // it from the top, never resume below the oldest cached batch and call the cache complete.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("account.sqlite"));
        const auto b = [](const char *id, qint64 created) {
            return TestBatch(QLatin1String(id), QStringLiteral("completed"), created);
        };
        const QList<TestBatch> top{b("batch_n2", 1'700'000'009), b("batch_n1", 1'700'000'008)};
        const QList<TestBatch> gap{b("batch_g2", 1'700'000'007), b("batch_g1", 1'700'000'006)};
        const QList<TestBatch> old{b("batch_a2", 1'600'000'001), b("batch_a1", 1'600'000'000)};
        {
            BatchCache cache;
            QVERIFY(cache.open(path, nullptr));
            QVERIFY(cache.replaceAll({old[0], old[1]}, true));
        }
        bool healed = false; // after the refresh the server lists everything
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            const QByteArray line = head.left(head.indexOf("\r\n"));
            if (healed) {
                socket->write(HostileServer::response(
                    200, line.contains("after=") ? listOf({}, false) : listOf(top + gap + old, false)));
                return;
            }
            socket->write(
                HostileServer::response(200, line.contains("after=") ? listOf({}, true) : listOf(top, true)));
        });
        ApiClient client(configFor(server));
        for (const bool reopen : {false, true}) {
            healed = false;
            BatchCache cache;
            QVERIFY(cache.open(path, nullptr));
            QVERIFY(cache.replaceAll({old[0], old[1]}, true));
            RecordingSink sink;
            SyncEngine engine(&client, &sink);
            engine.setCache(&cache);
            (void)engine.adopt(cache.load());
            engine.resumeAfter(cache.oldestId(), !cache.isComplete());
            QSignalSpy finished(&engine, &SyncEngine::refreshFinished);
            engine.refresh();
            QVERIFY(finished.wait(10'000));
            QVERIFY(engine.leftGap());
            QVERIFY(!cache.isComplete());
            std::unique_ptr<SyncEngine> next;
            SyncEngine *older = &engine;
            if (reopen) {
                // As the window opens the cache on the next start (AccountSession::openCache).
                next = std::make_unique<SyncEngine>(&client, &sink);
                next->setCache(&cache);
                (void)next->adopt(cache.load());
                if (cache.hasGap())
                    next->resumeAtGap();
                else
                    next->resumeAfter(cache.oldestId(), !cache.isComplete());
                older = next.get();
            }
            healed = true;
            QSignalSpy fetching(older, &SyncEngine::olderFetchingChanged);
            older->fetchOlder(0);
            QTRY_VERIFY_WITH_TIMEOUT(!older->isFetchingOlder() && fetching.count() == 2, 10'000);
            QStringList ids;
            for (const Batch &batch : cache.load())
                ids << batch.id;
            QVERIFY2(ids.contains(QStringLiteral("batch_g1")) && ids.contains(QStringLiteral("batch_g2")),
                     qPrintable(ids.join(u' ')));
            QVERIFY(cache.isComplete());
            QVERIFY(!cache.hasGap());
        }
    }

    void aShortWalkNeverCompletesTheCache()
    {
        // Paging and the headless walk alike: the second page is empty yet claims more, no retry mends it.
        auto sim = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("250"),
                                        QStringLiteral("--fail-every"), QStringLiteral("2"),
                                        QStringLiteral("--fail-status"), QStringLiteral("empty-page")});
        ApiConfig config = sim->config();
        config.maxRetries = 0;
        ApiClient client(config);
        for (const bool walk : {false, true}) {
            QTemporaryDir dir;
            BatchCache cache;
            QVERIFY(cache.open(dir.filePath(QStringLiteral("account.sqlite")), nullptr));
            RecordingSink sink;
            SyncEngine engine(&client, &sink);
            engine.setCache(&cache);
            QSignalSpy warnings(&engine, &SyncEngine::warning);
            if (walk) {
                QSignalSpy finished(&engine, &SyncEngine::walkFinished);
                engine.walkAll();
                QVERIFY(finished.wait(20'000));
                QCOMPARE(engine.heldCount(), 0); // streamed, not held
            } else {
                QSignalSpy fetching(&engine, &SyncEngine::olderFetchingChanged);
                engine.fetchOlder(0);
                QTRY_VERIFY_WITH_TIMEOUT(!engine.isFetchingOlder() && fetching.count() == 2, 20'000);
                QVERIFY(!engine.hasMore());
                QCOMPARE(engine.heldCount(), 100);
            }
            QCOMPARE(sink.below.size(), size_t(100));
            QCOMPARE(warnings.size(), 1);
            QCOMPARE(cache.count(), 100);
            QVERIFY2(!cache.isComplete(), walk ? "walk" : "paging");
        }
    }

    void aWholeWalkCompletesTheCacheAndAWarmRefreshCostsOnePage()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("250"), QStringLiteral("--speed"),
                        QStringLiteral("0"), QStringLiteral("--now"), QStringLiteral("1790000000")});
        QVERIFY(sim.start());
        ApiClient client(sim.config());
        QTemporaryDir dir;
        BatchCache cache;
        QVERIFY(cache.open(dir.filePath(QStringLiteral("account.sqlite")), nullptr));
        {
            RecordingSink sink;
            SyncEngine engine(&client, &sink);
            engine.setCache(&cache);
            QSignalSpy fetching(&engine, &SyncEngine::olderFetchingChanged);
            engine.fetchOlder(0);
            QTRY_VERIFY_WITH_TIMEOUT(!engine.isFetchingOlder() && fetching.count() == 2, 20'000);
            QCOMPARE(engine.heldCount(), 250);
            QVERIFY(cache.isComplete());
        }
        // A second engine on the cache: its refresh finds nothing new, and re-reads only what may change.
        RecordingSink sink;
        SyncEngine engine(&client, &sink);
        engine.setCache(&cache);
        (void)engine.adopt(cache.load());
        int changing = 0;
        for (qsizetype i = 0; i < engine.heldCount(); ++i)
            changing += SyncEngine::mayChange(engine.heldAt(i));
        QSignalSpy finished(&engine, &SyncEngine::refreshFinished);
        const qint64 before = sim.requestsServed();
        engine.refresh();
        QVERIFY(finished.wait(20'000));
        QVERIFY(!finished.constFirst().constFirst().value<ApiError>().isError());
        QCOMPARE(sim.requestsServed() - before, qint64(engine.refreshRequests()));
        QVERIFY(engine.refreshRequests() <= 1 + changing);
        QVERIFY(sink.onTop.empty());
        QCOMPARE(engine.newCount(), 0);
        QVERIFY(cache.isComplete());
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
