#include "core/api/apiclient.h"
#include "core/api/batchlistfetcher.h"
#include "hostileserver.h"
#include "simprocess.h"

#include <QSet>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace {
struct Walk
{
    std::vector<Batch> batches;
    ApiError error;
    int finishedCount = 0;
};

Walk walk(BatchListFetcher &fetcher, const QString &after = QString(), int pageSize = 100, int maxPages = 0,
          qint64 maxBatches = 0)
{
    Walk result;
    QObject context;
    QObject::connect(&fetcher, &BatchListFetcher::pageReceived, &context, [&](const BatchPage &page) {
        result.batches.insert(result.batches.end(), page.data.begin(), page.data.end());
    });
    QObject::connect(&fetcher, &BatchListFetcher::finished, &context, [&](const ApiError &error) {
        result.error = error;
        ++result.finishedCount;
    });
    fetcher.start(after, pageSize, maxPages, maxBatches);
    if (!QTest::qWaitFor([&] { return result.finishedCount > 0; }, 30'000))
        result.error =
            ApiError::make(ApiError::Timeout, QStringLiteral("the walk did not finish within 30 s"));
    QTest::qWait(0);
    return result;
}

// One valid batch object; (moc misreads raw strings that end in a quote, so these are spelled out).
QByteArray batchJson(const QByteArray &id, qint64 createdAt)
{
    return "{\"id\":\"" + id +
           "\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\",\"status\":\"completed\","
           "\"input_file_id\":\"file-1\",\"completion_window\":\"24h\",\"created_at\":" +
           QByteArray::number(createdAt) + "}";
}

// One Gemini operation (a batch) and a page of them with an opaque next-page token.
QByteArray operationJson(const QByteArray &id)
{
    return "{\"name\":\"batches/" + id +
           "\",\"metadata\":{\"createTime\":\"2025-07-01T10:00:00Z\",\"state\":\"BATCH_STATE_RUNNING\"}}";
}

QByteArray operationsJson(const QByteArray &items, const QByteArray &token)
{
    return "{\"operations\":[" + items + "]" +
           (token.isEmpty() ? QByteArray() : ",\"nextPageToken\":\"" + token + "\"") + "}";
}

ApiConfig geminiConfig(const HostileServer &server)
{
    ApiConfig config;
    config.provider = Provider::Gemini;
    config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    config.maxRetries = 0;
    return config;
}

QByteArray listJson(const QByteArray &items, bool hasMore)
{
    return "{\"object\":\"list\",\"data\":[" + items + "],\"has_more\":" + (hasMore ? "true" : "false") + "}";
}

} // namespace

class TestBatchListFetcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prefetchingReadsTheSamePagesAndStopsCleanly()
    {
        auto sim = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("450"),
                                        QStringLiteral("--speed"), QStringLiteral("0")});
        ApiClient client(sim->config());
        BatchListFetcher plain(&client);
        const Walk expected = walk(plain);
        BatchListFetcher fetcher(&client);
        fetcher.setPrefetch(true);
        const Walk result = walk(fetcher);
        QVERIFY2(!result.error.isError(), qPrintable(result.error.toString()));
        QCOMPARE(result.finishedCount, 1);
        QCOMPARE(result.batches.size(), size_t(450));
        for (size_t i = 0; i < result.batches.size(); ++i)
            QCOMPARE(result.batches[i].id, expected.batches[i].id);
        // Five pages, no request after the last one (has_more is false there).
        QCOMPARE(fetcher.requestsMade(), 5);
        QCOMPARE(sim->stats().value(QStringLiteral("requests")).toInteger(), 10);

        // A listener that stops at the second page: the request already on its way is dropped, the walk
        // finishes once, without an error.
        QObject context;
        connect(&fetcher, &BatchListFetcher::pageReceived, &context, [&fetcher] {
            if (fetcher.pagesFetched() == 2)
                fetcher.stop();
        });
        const Walk stopped = walk(fetcher);
        QVERIFY(!stopped.error.isError());
        QCOMPARE(stopped.finishedCount, 1);
        QCOMPARE(stopped.batches.size(), size_t(200));
        QCOMPARE(fetcher.requestsMade(), 3);
        QVERIFY(!fetcher.isRunning());
    }

    void walksEveryPageNewestFirst()
    {
        auto sim = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("250"),
                                        QStringLiteral("--speed"), QStringLiteral("0")});
        ApiClient client(sim->config());
        BatchListFetcher fetcher(&client);
        QSignalSpy pages(&fetcher, &BatchListFetcher::pageReceived);
        const Walk result = walk(fetcher);
        QVERIFY2(!result.error.isError(), qPrintable(result.error.toString()));
        QCOMPARE(result.finishedCount, 1);
        QCOMPARE(pages.count(), 3);
        QCOMPARE(result.batches.size(), size_t(250));
        QSet<QString> ids;
        for (size_t i = 0; i < result.batches.size(); ++i) {
            ids.insert(result.batches[i].id);
            if (i > 0)
                QVERIFY(result.batches[i - 1].createdAt >= result.batches[i].createdAt);
        }
        QCOMPARE(ids.size(), 250);
        QCOMPARE(fetcher.pagesFetched(), 3);
        QCOMPARE(fetcher.requestsMade(), 3);
        QVERIFY(!fetcher.hasMore());
        QCOMPARE(sim->stats().value(QStringLiteral("requests")).toInteger(), 3);
    }

    void limitsAndCursorContinue()
    {
        auto sim = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("120"),
                                        QStringLiteral("--speed"), QStringLiteral("0")});
        ApiClient client(sim->config());
        BatchListFetcher fetcher(&client);
        const Walk firstTwo = walk(fetcher, QString(), 20, 2);
        QCOMPARE(firstTwo.batches.size(), size_t(40));
        QVERIFY(fetcher.hasMore());
        const Walk rest = walk(fetcher, fetcher.cursor());
        QCOMPARE(rest.batches.size(), size_t(80));
        QVERIFY(rest.batches.front().createdAt <= firstTwo.batches.back().createdAt);

        // maxBatches asks for no more than it needs.
        const Walk thirty = walk(fetcher, QString(), 100, 0, 30);
        QCOMPARE(thirty.batches.size(), size_t(30));
    }

    void faultsWithinTheBudgetLoseNothing()
    {
        auto clean = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("300"),
                                          QStringLiteral("--speed"), QStringLiteral("0"),
                                          QStringLiteral("--now"), QStringLiteral("1790000000")});
        auto faulty = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("300"),
                                           QStringLiteral("--speed"), QStringLiteral("0"),
                                           QStringLiteral("--now"), QStringLiteral("1790000000"),
                                           QStringLiteral("--fail-every"), QStringLiteral("2"),
                                           QStringLiteral("--fail-status"), QStringLiteral("502")});
        ApiClient cleanClient(clean->config());
        ApiClient faultyClient(faulty->config());
        BatchListFetcher cleanFetcher(&cleanClient);
        BatchListFetcher faultyFetcher(&faultyClient);
        const Walk expected = walk(cleanFetcher);
        const Walk actual = walk(faultyFetcher);
        QVERIFY2(!actual.error.isError(), qPrintable(actual.error.toString()));
        QCOMPARE(actual.batches.size(), expected.batches.size());
        for (size_t i = 0; i < expected.batches.size(); ++i)
            QCOMPARE(actual.batches[i].json, expected.batches[i].json);
        QCOMPARE(faultyFetcher.requestsMade(), 5); // every second request fails: 3 pages in 5 requests
    }

    void anEmptyPageClaimingMoreIsAskedForAgain()
    {
        // Every second answer is an empty page that claims more: asked again, each is followed by the real
        // one.
        auto sim = SimProcess::started({QStringLiteral("--fail-every"), QStringLiteral("2"),
                                        QStringLiteral("--fail-status"), QStringLiteral("empty-page"),
                                        QStringLiteral("--batches"), QStringLiteral("50")});
        ApiClient client(sim->config());
        BatchListFetcher fetcher(&client);
        QSignalSpy warnings(&fetcher, &BatchListFetcher::warning);
        const Walk result = walk(fetcher, QString(), 10);
        QVERIFY(!result.error.isError());
        QCOMPARE(result.batches.size(), size_t(50));
        QVERIFY(!fetcher.endedShort());
        QCOMPARE(warnings.count(), 0);
    }

    void anEmptyPageThatStaysEmptyEndsTheWalkShortWithAWarning()
    {
        auto sim = SimProcess::started({QStringLiteral("--fail-every"), QStringLiteral("1"),
                                        QStringLiteral("--fail-status"), QStringLiteral("empty-page")});
        ApiConfig config = sim->config();
        config.maxRetries = 2;
        ApiClient client(config);
        BatchListFetcher fetcher(&client);
        QSignalSpy warnings(&fetcher, &BatchListFetcher::warning);
        const Walk result = walk(fetcher, QString(), 10);
        QVERIFY(!result.error.isError()); // as the SDKs end it
        QCOMPARE(result.finishedCount, 1);
        QVERIFY(result.batches.empty());
        QVERIFY(fetcher.endedShort());
        QVERIFY(!fetcher.hasMore());
        QCOMPARE(fetcher.requestsMade(), 3); // the page, asked again twice
        QCOMPARE(warnings.count(), 1);
        QVERIFY2(warnings.at(0).at(0).toString().contains(QStringLiteral("may be missing")),
                 qPrintable(warnings.at(0).at(0).toString()));

        // The next walk starts clean.
        sim.reset();
        auto healthy = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("5")});
        client.setConfig(healthy->config());
        const Walk again = walk(fetcher);
        QCOMPARE(again.batches.size(), size_t(5));
        QVERIFY(!fetcher.endedShort());
    }

    void aPageLargerThanAskedForIsAnError()
    {
        HostileServer generous([](QTcpSocket *socket, const QByteArray &) {
            QByteArray items;
            for (int i = 0; i < 3; ++i)
                items += (i ? "," : "") + batchJson("batch_" + QByteArray::number(i), 1'700'000'000);
            socket->write(HostileServer::response(200, listJson(items, false)));
        });
        ApiConfig config;
        config.baseUrl = generous.baseUrl();
        ApiClient client(config);
        BatchListFetcher fetcher(&client);
        const Walk result = walk(fetcher, QString(), 2);
        QCOMPARE(result.error.kind, ApiError::InvalidResponse);
        QVERIFY2(
            result.error.message.contains(QStringLiteral("3 batches in a page that asked for at most 2")),
            qPrintable(result.error.message));
        QVERIFY(result.batches.empty());
    }

    void aListThatIsNotNewestFirstStopsTheWalk()
    {
        // Fresh ids for ever, each page newer than the last: without the order check this never ends.
        int served = 0;
        HostileServer endless([&](QTcpSocket *socket, const QByteArray &) {
            ++served;
            const QByteArray item = batchJson("batch_" + QByteArray::number(served), 1'700'000'000 + served);
            socket->write(HostileServer::response(200, listJson(item, true)));
        });
        ApiConfig config;
        config.baseUrl = endless.baseUrl();
        ApiClient client(config);
        BatchListFetcher fetcher(&client);
        const Walk result = walk(fetcher, QString(), 1);
        QCOMPARE(result.error.kind, ApiError::InvalidResponse);
        QVERIFY2(result.error.message.contains(QStringLiteral("not newest first")),
                 qPrintable(result.error.message));
        QCOMPARE(served, 2);
        QCOMPARE(result.batches.size(), size_t(1));
    }

    void aRepeatedBatchWithFreshTokensStopsTheWalk()
    {
        // The same operation on every page with a fresh token: cursors never repeat and createTime never
        // rises, so only the ids can tell. (The server gives up after 50 pages so a failing run ends.)
        int served = 0;
        HostileServer endless([&](QTcpSocket *socket, const QByteArray &) {
            ++served;
            const QByteArray token = served < 50 ? "t" + QByteArray::number(served) : QByteArray();
            socket->write(HostileServer::response(200, operationsJson(operationJson("same"), token)));
        });
        ApiClient client(geminiConfig(endless));
        BatchListFetcher fetcher(&client);
        const Walk result = walk(fetcher, QString(), 1);
        QCOMPARE(result.error.kind, ApiError::InvalidResponse);
        QVERIFY2(result.error.message.contains(QStringLiteral("same twice")),
                 qPrintable(result.error.message));
        QCOMPARE(served, 2);
        QCOMPARE(result.batches.size(), size_t(1));
    }

    void batchesOfTheSameSecondAreAllTaken()
    {
        // Equal createTimes across pages are fine as long as no id comes back.
        int served = 0;
        HostileServer server([&](QTcpSocket *socket, const QByteArray &) {
            ++served;
            const QByteArray token = served < 3 ? "t" + QByteArray::number(served) : QByteArray();
            socket->write(HostileServer::response(
                200, operationsJson(operationJson("b" + QByteArray::number(served)), token)));
        });
        ApiClient client(geminiConfig(server));
        BatchListFetcher fetcher(&client);
        const Walk result = walk(fetcher, QString(), 1);
        QVERIFY2(!result.error.isError(), qPrintable(result.error.toString()));
        QCOMPARE(result.batches.size(), size_t(3));
    }

    void anOverlongPageTokenIsAnError()
    {
        int served = 0;
        HostileServer server([&](QTcpSocket *socket, const QByteArray &) {
            ++served;
            socket->write(HostileServer::response(
                200, operationsJson(operationJson("b" + QByteArray::number(served)), QByteArray(5000, 'x'))));
        });
        ApiClient client(geminiConfig(server));
        BatchListFetcher fetcher(&client);
        const Walk result = walk(fetcher, QString(), 1);
        QCOMPARE(result.error.kind, ApiError::InvalidResponse);
        QVERIFY2(result.error.message.contains(QStringLiteral("5000 characters")),
                 qPrintable(result.error.message));
        QCOMPARE(served, 1);
    }

    void wrongShapeIsAnErrorWithTheRequestId()
    {
        auto sim = SimProcess::started({QStringLiteral("--fail-every"), QStringLiteral("2"),
                                        QStringLiteral("--fail-status"), QStringLiteral("wrong-shape")});
        ApiClient client(sim->config());
        BatchListFetcher fetcher(&client);
        const Walk result = walk(fetcher, QString(), 10);
        QCOMPARE(result.error.kind, ApiError::InvalidResponse);
        QVERIFY2(result.error.toString().contains(QStringLiteral("'data' is an object")),
                 qPrintable(result.error.toString()));
        QVERIFY(result.error.requestId.startsWith(QStringLiteral("req_")));
        QCOMPARE(result.batches.size(), size_t(10)); // the first page arrived and was delivered
    }

    void restartFromInsidePageReceived()
    {
        // What a view does when rows arrive: ask again at once. Each walk still finishes exactly once.
        auto sim = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("30"),
                                        QStringLiteral("--speed"), QStringLiteral("0")});
        ApiClient client(sim->config());
        BatchListFetcher fetcher(&client);
        QSignalSpy finished(&fetcher, &BatchListFetcher::finished);
        int pages = 0;
        connect(&fetcher, &BatchListFetcher::pageReceived, this, [&](const BatchPage &page) {
            QVERIFY(fetcher.isRunning());
            if (++pages == 1)
                fetcher.start(page.nextCursor(), 10, 1);
        });
        fetcher.start(QString(), 10, 0);
        QTRY_COMPARE(finished.count(), 2);
        QTest::qWait(100);
        QCOMPARE(finished.count(), 2);
        QCOMPARE(finished.at(0).at(0).value<ApiError>().kind, ApiError::Cancelled);
        QVERIFY(!finished.at(1).at(0).value<ApiError>().isError());
        QCOMPARE(pages, 2);
        QVERIFY(!fetcher.isRunning());
    }

    void abortFinishesOnceAsCancelled()
    {
        auto sim = SimProcess::started({QStringLiteral("--latency-ms"), QStringLiteral("2000")});
        ApiClient client(sim->config());
        BatchListFetcher fetcher(&client);
        QSignalSpy finished(&fetcher, &BatchListFetcher::finished);
        fetcher.start();
        QVERIFY(fetcher.isRunning());
        QTimer::singleShot(50, &fetcher, &BatchListFetcher::abort);
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<ApiError>().kind, ApiError::Cancelled);
        QVERIFY(!fetcher.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestBatchListFetcher)
#include "tst_batchlistfetcher.moc"
