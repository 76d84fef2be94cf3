#include "core/api/apiclient.h"
#include "core/json/batchparser.h"
#include "models/batchrefresher.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

class TestBatchRefresher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refreshFindsNewBatchesAndUpdatesRunningOnes()
    {
        // Fast simulated time so the running batches move between two refreshes.
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("150"), QStringLiteral("--speed"),
                        QStringLiteral("120")});
        QVERIFY(sim.start());
        ApiClient client(sim.config());
        BatchTableModel model;
        model.setClient(&client);
        model.loadAll();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 150, 10'000);
        QTRY_VERIFY(!model.isFetching());

        BatchRefresher refresher(&client, &model);
        refresher.setAutoRefresh(false);
        const qint64 loadedAt = sim.stats().value(QStringLiteral("now")).toInteger();
        const QString newId = sim.createBatch(2);
        QVERIFY(!newId.isEmpty());
        // Half a simulated minute, so the running batches have moved since they were loaded.
        QTRY_VERIFY(sim.stats().value(QStringLiteral("now")).toInteger() >= loadedAt + 30);

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy finished(&refresher, &BatchRefresher::finished);
        const qint64 before = sim.stats().value(QStringLiteral("requests")).toInteger();
        refresher.refreshNow();
        QVERIFY(refresher.isRefreshing());
        refresher.refreshNow(); // one at a time
        QVERIFY(finished.wait(20'000));
        QCOMPARE(finished.count(), 1);
        QVERIFY2(!finished.at(0).at(0).value<ApiError>().isError(),
                 qPrintable(finished.at(0).at(0).value<ApiError>().toString()));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 151);
        QVERIFY(model.rowOf(newId) >= 0);
        QCOMPARE(reset.count(), 0);
        QVERIFY(changed.count() > 0);

        // Page 1 (it holds known batches, so the walk stops) plus one retrieve per running batch not on it.
        const qint64 made = sim.stats().value(QStringLiteral("requests")).toInteger() - before;
        QCOMPARE(made, qint64(refresher.requestsInLastRefresh()));
        QVERIFY(made >= 1 && made < 40);
        QVERIFY(refresher.lastRefresh().isValid());
    }

    void manyChangingBatchesDeepDownAreReadByTheList()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("300"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        ApiClient client(sim.config());
        BatchTableModel model;
        model.setClient(&client);
        model.loadAll();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 300, 10'000);
        QTRY_VERIFY(!model.isFetching());
        // Pretend 100 old batches were still running when last seen (a cache from long ago would say so).
        std::vector<Batch> stale;
        for (int row = 150; row < 250; ++row) {
            QJsonObject o = model.batchAt(row).rawObject();
            o[QStringLiteral("status")] = QStringLiteral("in_progress");
            stale.push_back(BatchParser::parseBatch(o).value);
        }
        model.merge(stale, false);
        BatchRefresher refresher(&client, &model);
        refresher.setAutoRefresh(false);
        QSignalSpy finished(&refresher, &BatchRefresher::finished);
        const qint64 before = sim.requestsServed();
        refresher.refreshNow();
        QVERIFY(finished.wait(20'000));
        // Page 1, then two more pages reach row 249: three requests, not a hundred retrieves.
        QCOMPARE(sim.requestsServed() - before, qint64(refresher.requestsInLastRefresh()));
        QVERIFY2(refresher.requestsInLastRefresh() <= 4,
                 qPrintable(QString::number(refresher.requestsInLastRefresh())));
        int stillRunning = 0;
        for (int row = 150; row < 250; ++row)
            stillRunning += model.batchAt(row).status.isRunning();
        QCOMPARE(stillRunning, 0);
    }

    void failedRefreshKeepsEveryRow()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("30"), QStringLiteral("--fail-every"),
                        QStringLiteral("2"), QStringLiteral("--fail-status"), QStringLiteral("401")});
        QVERIFY(sim.start());
        ApiClient client(sim.config());
        BatchTableModel model;
        model.setClient(&client);
        model.fetchMore(QModelIndex());
        QTRY_COMPARE(model.rowCount(), 30);
        BatchRefresher refresher(&client, &model);
        refresher.setAutoRefresh(false);
        QSignalSpy finished(&refresher, &BatchRefresher::finished);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        refresher.refreshNow();
        QVERIFY(finished.wait(10'000));
        const ApiError error = finished.at(0).at(0).value<ApiError>();
        QCOMPARE(error.httpStatus, 401);
        QVERIFY(error.requestId.startsWith(QStringLiteral("req_")));
        QCOMPARE(model.rowCount(), 30);
        QCOMPARE(removed.count(), 0);
        QVERIFY(!refresher.lastRefresh().isValid());
        QVERIFY(refresher.lastRefreshFailed());
        QVERIFY(refresher.lastAttempt().isValid());
    }

    void refreshOfAnEmptyModelIsItsFirstPage()
    {
        // After a failed first load, a refresh (Retry, or the timer) brings the rows: page 1 only, and the
        // model's paging carries on after it, or knows there is nothing more.
        for (const int size : {30, 250}) {
            SimProcess sim({QStringLiteral("--batches"), QString::number(size), QStringLiteral("--speed"),
                            QStringLiteral("0")});
            QVERIFY(sim.start());
            ApiClient client(sim.config());
            BatchTableModel model;
            model.setClient(&client);
            BatchRefresher refresher(&client, &model);
            refresher.setAutoRefresh(false);
            QSignalSpy finished(&refresher, &BatchRefresher::finished);
            refresher.refreshNow();
            QVERIFY(finished.wait(10'000));
            QVERIFY(!finished.at(0).at(0).value<ApiError>().isError());
            QCOMPARE(refresher.requestsInLastRefresh(), 1);
            QCOMPARE(model.rowCount(), qMin(size, 100));
            QCOMPARE(model.hasMore(), size > 100);
            QCOMPARE(model.canFetchMore(QModelIndex()), size > 100);
            if (size <= 100)
                continue;
            const qint64 before = sim.requestsServed();
            model.fetchMore(QModelIndex());
            QTRY_COMPARE(model.rowCount(), 200); // page 2, not page 1 again
            QTRY_VERIFY(!model.isFetching());
            QCOMPARE(sim.requestsServed() - before, qint64(1));
        }
    }

    void aViewFetchingOnInsertGetsTheNextPage()
    {
        // Like a view with room to spare, ask for more as the refresher's rows are inserted: that must bring
        // page 2, not page 1 again.
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("250"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        ApiClient client(sim.config());
        BatchTableModel model;
        model.setClient(&client);
        connect(&model, &QAbstractItemModel::rowsInserted, &model, [&model] {
            if (model.canFetchMore(QModelIndex()))
                model.fetchMore(QModelIndex());
        });
        BatchRefresher refresher(&client, &model);
        refresher.setAutoRefresh(false);
        refresher.refreshNow();
        QTRY_COMPARE(model.rowCount(), 200);
        QTRY_VERIFY(!model.isFetching() && !refresher.isRefreshing());
        QVERIFY(model.hasMore());
        QCOMPARE(sim.requestsServed(), qint64(2));
    }

    void timerIsSingleShotAndPausable()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("5")});
        QVERIFY(sim.start());
        ApiClient client(sim.config());
        BatchTableModel model;
        BatchRefresher refresher(&client, &model);
        refresher.setIntervalSeconds(1); // clamped to the 5 s floor
        QCOMPARE(refresher.intervalSeconds(), 5);
        refresher.setIntervalSeconds(100'000);
        QCOMPARE(refresher.intervalSeconds(), 600);
        refresher.setAutoRefresh(true);
        QVERIFY(refresher.nextRefresh().isValid());
        refresher.setPaused(true);
        QVERIFY(!refresher.nextRefresh().isValid());
        QSignalSpy started(&refresher, &BatchRefresher::started);
        refresher.setPaused(false); // back from minimised: refresh at once
        QCOMPARE(started.count(), 1);
        QSignalSpy finished(&refresher, &BatchRefresher::finished);
        QVERIFY(finished.wait(10'000));
        QVERIFY(refresher.nextRefresh().isValid()); // re-armed after the result
        QCOMPARE(model.rowCount(), 5);
        refresher.setAutoRefresh(false);
        QVERIFY(!refresher.nextRefresh().isValid());
    }
};

QTEST_MAIN(TestBatchRefresher)
#include "tst_batchrefresher.moc"
