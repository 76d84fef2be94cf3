// One account's session feeding the passive table model, against the real simulator: refreshes (ported from
// tst_batchrefresher), the cache shown at start (ported from tst_batchcachekeeper), its timing and history.
#include "core/api/apicall.h"
#include "core/api/apiclient.h"
#include "core/cache/batchcache.h"
#include "core/json/batchparser.h"
#include "core/session/accountsession.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"
#include "testbatches.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {
SessionSpec specFor(const ApiConfig &config, const QString &cachePath = QString())
{
    SessionSpec spec;
    spec.name = QStringLiteral("test");
    spec.config = config;
    spec.cachePath = cachePath;
    spec.autoRefresh = false;
    return spec;
}

Batch makeBatch(int n, const QString &status)
{
    return TestBatch(TestBatch::numberedId(n), status, 1'790'000'000 - n);
}

// Caches 2,500 completed batches as the whole account, then runs `damage` on the file behind the cache's
// back.
bool cacheWholeAccountThen(const QString &path, const QString &damage)
{
    {
        BatchCache cache;
        if (!cache.open(path, nullptr))
            return false;
        std::vector<Batch> cached;
        for (int n = 0; n < 2'500; ++n)
            cached.push_back(makeBatch(n, QStringLiteral("completed")));
        if (!cache.replaceAll(cached, true))
            return false;
    }
    bool done = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
        db.setDatabaseName(path);
        done = db.open() && QSqlQuery(db).exec(damage);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("damage"));
    return done;
}

// Nothing listens there: a refresh fails at once, and the cache is all the session shows.
ApiConfig deadServer()
{
    ApiConfig config;
    config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9/v1"));
    config.apiKey = QStringLiteral("sk-session-test");
    config.maxRetries = 0;
    return config;
}
} // namespace

class TestAccountSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refreshFindsNewBatchesAndUpdatesRunningOnes()
    {
        // Fast simulated time so the running batches move between two refreshes.
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("150"), QStringLiteral("--speed"),
                        QStringLiteral("120")});
        QVERIFY(sim.start());
        AccountSession session(specFor(sim.config()));
        BatchTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addSession(&session);
        session.loadAll();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 150, 10'000);
        QTRY_VERIFY(!model.isFetching());

        const qint64 loadedAt = sim.stats().value(QStringLiteral("now")).toInteger();
        const QString newId = sim.createBatch(2);
        QVERIFY(!newId.isEmpty());
        // Half a simulated minute, so the running batches have moved since they were loaded.
        QTRY_VERIFY(sim.stats().value(QStringLiteral("now")).toInteger() >= loadedAt + 30);

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy finished(&session, &AccountSession::refreshFinished);
        const qint64 before = sim.stats().value(QStringLiteral("requests")).toInteger();
        session.refreshNow();
        QVERIFY(session.isRefreshing());
        session.refreshNow(); // one at a time
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
        QCOMPARE(made, qint64(session.requestsInLastRefresh()));
        QVERIFY(made >= 1 && made < 40);
        QVERIFY(session.lastRefresh().isValid());
        // What the session holds is what the model shows.
        QCOMPARE(session.count(), qsizetype(151));
    }

    void aStatusChangeIsToldWithWhatItWas()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("40"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        AccountSession session(specFor(sim.config()));
        BatchTableModel model;
        model.addSession(&session);
        session.start();
        QTRY_VERIFY(session.count() == 40 && !session.isFetching());
        QString running;
        for (int row = 0; row < model.rowCount() && running.isEmpty(); ++row) {
            if (model.batchAt(row).status.value() == BatchStatus::InProgress)
                running = model.batchAt(row).id;
        }
        QVERIFY(!running.isEmpty());
        ApiClient other(sim.config()); // someone else cancels it
        ApiCall *cancel = other.cancelBatch(running);
        QSignalSpy cancelled(cancel, &ApiCall::finished);
        QVERIFY(cancelled.wait(10'000));
        QSignalSpy changes(&session, &AccountSession::statusChanged);
        QSignalSpy finished(&session, &AccountSession::refreshFinished);
        session.refreshNow();
        QVERIFY(finished.wait(10'000));
        QCOMPARE(changes.count(), 1);
        QCOMPARE(changes.constFirst().at(1).value<Batch>().id, running);
        QCOMPARE(changes.constFirst().at(0).value<BatchStatus>().value(), BatchStatus::InProgress);
        QCOMPARE(changes.constFirst().at(1).value<Batch>().status.value(), BatchStatus::Cancelling);
    }

    void manyChangingBatchesDeepDownAreReadByTheList()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("300"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("account.sqlite"));
        {
            AccountSession first(specFor(sim.config(), path));
            QSignalSpy fetching(&first, &AccountSession::fetchingChanged);
            first.start();
            first.loadAll();
            QTRY_VERIFY_WITH_TIMEOUT(first.count() == 300 && !first.isFetching(), 10'000);
        }
        // Pretend 100 old batches were still running when last seen (a cache from long ago would say so).
        QStringList stale;
        {
            BatchCache cache;
            QVERIFY(cache.open(path, nullptr));
            bool complete = false;
            std::vector<Batch> cached = cache.load(nullptr, nullptr, &complete);
            QCOMPARE(cached.size(), size_t(300));
            QVERIFY(complete);
            for (size_t row = 150; row < 250; ++row) {
                QJsonObject o = cached[row].rawObject();
                if (cached[row].status.isRunning())
                    continue; // running on the server too
                o[QStringLiteral("status")] = QStringLiteral("in_progress");
                cached[row] = BatchParser::parseBatch(o).value;
                stale << cached[row].id;
            }
            QVERIFY(cache.replaceAll(cached, true));
        }
        AccountSession session(specFor(sim.config(), path));
        BatchTableModel model;
        model.addSession(&session);
        QSignalSpy finished(&session, &AccountSession::refreshFinished);
        const qint64 before = sim.requestsServed();
        session.start(); // the cache, then a refresh
        QVERIFY(finished.wait(20'000));
        // Page 1, then two more pages reach row 249: three requests, not a hundred retrieves.
        QCOMPARE(sim.requestsServed() - before, qint64(session.requestsInLastRefresh()));
        QVERIFY2(session.requestsInLastRefresh() <= 4,
                 qPrintable(QString::number(session.requestsInLastRefresh())));
        QCOMPARE(model.rowCount(), 300);
        QVERIFY(stale.size() > 90);
        int stillRunning = 0;
        for (const QString &id : std::as_const(stale))
            stillRunning += model.batchAt(model.rowOf(id)).status.isRunning();
        QCOMPARE(stillRunning, 0);
    }

    void failedRefreshKeepsEveryRow()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("30"), QStringLiteral("--fail-every"),
                        QStringLiteral("2"), QStringLiteral("--fail-status"), QStringLiteral("401")});
        QVERIFY(sim.start());
        AccountSession session(specFor(sim.config()));
        BatchTableModel model;
        model.addSession(&session);
        model.fetchMore(QModelIndex());
        QTRY_COMPARE(model.rowCount(), 30);
        QSignalSpy finished(&session, &AccountSession::refreshFinished);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        session.refreshNow();
        QVERIFY(finished.wait(10'000));
        const ApiError error = finished.at(0).at(0).value<ApiError>();
        QCOMPARE(error.httpStatus, 401);
        QVERIFY(error.requestId.startsWith(QStringLiteral("req_")));
        QCOMPARE(model.rowCount(), 30);
        QCOMPARE(removed.count(), 0);
        QVERIFY(!session.lastRefresh().isValid());
        QVERIFY(session.lastRefreshFailed());
        QVERIFY(session.lastAttempt().isValid());
        QCOMPARE(session.lastError().httpStatus, 401);
    }

    void refreshOfAnEmptyModelIsItsFirstPage()
    {
        // After a failed first load, a refresh (Retry, or the timer) brings the rows: page 1 only, and the
        // paging carries on after it, or knows there is nothing more.
        for (const int size : {30, 250}) {
            SimProcess sim({QStringLiteral("--batches"), QString::number(size), QStringLiteral("--speed"),
                            QStringLiteral("0")});
            QVERIFY(sim.start());
            AccountSession session(specFor(sim.config()));
            BatchTableModel model;
            model.addSession(&session);
            QSignalSpy finished(&session, &AccountSession::refreshFinished);
            session.refreshNow();
            QVERIFY(finished.wait(10'000));
            QVERIFY(!finished.at(0).at(0).value<ApiError>().isError());
            QCOMPARE(session.requestsInLastRefresh(), 1);
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
        // Like a view with room to spare, ask for more as the refresh's rows are inserted: that must bring
        // page 2, not page 1 again.
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("250"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        AccountSession session(specFor(sim.config()));
        BatchTableModel model;
        model.addSession(&session);
        connect(&model, &QAbstractItemModel::rowsInserted, &model, [&model] {
            if (model.canFetchMore(QModelIndex()))
                model.fetchMore(QModelIndex());
        });
        session.refreshNow();
        QTRY_COMPARE(model.rowCount(), 200);
        QTRY_VERIFY(!model.isFetching() && !session.isRefreshing());
        QVERIFY(model.hasMore());
        QCOMPARE(sim.requestsServed(), qint64(2));
    }

    void timerIsSingleShotAndPausable()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("5")});
        QVERIFY(sim.start());
        AccountSession session(specFor(sim.config()));
        BatchTableModel model;
        model.addSession(&session);
        session.setIntervalSeconds(1); // clamped to the 5 s floor
        QCOMPARE(session.intervalSeconds(), 5);
        session.setIntervalSeconds(100'000);
        QCOMPARE(session.intervalSeconds(), 600);
        session.setAutoRefresh(true);
        QVERIFY(session.nextRefresh().isValid());
        session.setPaused(true);
        QVERIFY(!session.nextRefresh().isValid());
        QSignalSpy started(&session, &AccountSession::refreshStarted);
        session.setPaused(false); // back from minimised: refresh at once
        QCOMPARE(started.count(), 1);
        QSignalSpy finished(&session, &AccountSession::refreshFinished);
        QVERIFY(finished.wait(10'000));
        QVERIFY(session.nextRefresh().isValid()); // re-armed after the result
        QCOMPARE(model.rowCount(), 5);
        session.setAutoRefresh(false);
        QVERIFY(!session.nextRefresh().isValid());
    }

    void samplesComeFromRefreshesNeverFromTheCache()
    {
        // Cached counts are from the last run, not from now: the ETA must not take them as a sample.
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("60"), QStringLiteral("--speed"),
                        QStringLiteral("120")});
        QVERIFY(sim.start());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("account.sqlite"));
        {
            AccountSession first(specFor(sim.config(), path));
            first.start();
            QTRY_VERIFY(first.count() == 60 && !first.isFetching());
        }
        AccountSession session(specFor(deadServer(), path));
        BatchTableModel model;
        model.addSession(&session);
        QSignalSpy samples(&session, &AccountSession::sampleRecorded);
        QSignalSpy finished(&session, &AccountSession::refreshFinished);
        session.start();
        QCOMPARE(model.rowCount(), 60);
        QVERIFY(finished.wait(10'000)); // nothing listens: only the cache is shown
        QCOMPARE(samples.count(), 0);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.historyAt(row), &session.history());
    }

    void aLargeCacheShowsItsFirstScreenAtOnceAndTheRestBetweenEvents()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("account.sqlite"));
        {
            BatchCache cache;
            QVERIFY(cache.open(path, nullptr));
            std::vector<Batch> cached;
            for (int n = 0; n < 2'500; ++n)
                cached.push_back(makeBatch(n, QStringLiteral("in_progress")));
            QVERIFY(cache.replaceAll(cached, false)); // older ones remain on the server
        }
        AccountSession session(specFor(deadServer(), path));
        BatchTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addSession(&session);
        // An action already brought a newer state of a batch deep in the cache: the cache must not undo it.
        session.updateBatch(makeBatch(2'000, QStringLiteral("completed")));
        session.start();
        QCOMPARE(model.rowCount(), 1'001); // no event processed yet: the first chunk only
        QVERIFY(session.isLoadingCache());
        QTRY_VERIFY(!session.isLoadingCache());
        QCOMPARE(model.rowCount(), 2'500);
        QCOMPARE(model.batchAt(model.rowOf(QStringLiteral("batch_02000"))).status.value(),
                 BatchStatus::Completed);
        QCOMPARE(model.batchAt(model.rowOf(QStringLiteral("batch_02499"))).status.value(),
                 BatchStatus::InProgress);
        QVERIFY(model.hasMore());
    }

    void goingAwayStopsTheLoad()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("account.sqlite"));
        {
            BatchCache cache;
            QVERIFY(cache.open(path, nullptr));
            std::vector<Batch> cached;
            for (int n = 0; n < 2'500; ++n)
                cached.push_back(makeBatch(n, QStringLiteral("completed")));
            QVERIFY(cache.replaceAll(cached, true));
        }
        BatchTableModel model;
        auto session = std::make_unique<AccountSession>(specFor(deadServer(), path));
        model.addSession(session.get());
        session->start();
        session.reset();
        for (int i = 0; i < 10; ++i)
            QCoreApplication::processEvents();
        QCOMPARE(model.rowCount(), 1'000);
        QVERIFY(!model.canFetchMore(QModelIndex())); // no session left to ask
    }

    void aRowThatNoLongerReadsIsNotSkippedSilently()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("account.sqlite"));
        QVERIFY(cacheWholeAccountThen(
            path, QStringLiteral("UPDATE batches SET json = '{\"id\": 1' WHERE id = 'batch_01500'")));

        AccountSession session(specFor(deadServer(), path));
        BatchTableModel model;
        model.addSession(&session);
        QSignalSpy warnings(&session, &AccountSession::warning);
        session.start();
        QVERIFY(!model.hasMore()); // the cache said it holds the whole account
        QTRY_VERIFY(!session.isLoadingCache());
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.constFirst().constFirst().toString().contains(QStringLiteral("moved it to")),
                 qPrintable(warnings.constFirst().constFirst().toString()));
        // What was read is shown, and the session knows it is not everything: it reads the list again.
        QCOMPARE(model.rowCount(), 1'500); // the rows before the one that failed
        QVERIFY(model.hasMore());
        const QFileInfo file(path);
        QCOMPARE(file.absoluteDir().entryList({file.fileName() + QStringLiteral(".broken-*")}).size(), 1);
    }

    void aRowLostWithoutAnErrorIsNoticed()
    {
        // A row gone without SQLite saying anything (the count the writers recorded still says 2,500): the
        // table must not show 2,499 batches as the whole account.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("account.sqlite"));
        QVERIFY(cacheWholeAccountThen(path, QStringLiteral("DELETE FROM batches WHERE id = 'batch_01234'")));

        AccountSession session(specFor(deadServer(), path));
        BatchTableModel model;
        model.addSession(&session);
        QSignalSpy warnings(&session, &AccountSession::warning);
        session.start();
        QTRY_VERIFY(!session.isLoadingCache());
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.constFirst().constFirst().toString().contains(
                     QStringLiteral("2499 rows where it recorded 2500")),
                 qPrintable(warnings.constFirst().constFirst().toString()));
        QVERIFY(model.hasMore()); // the list is read again instead of trusting the cache
    }

    void aWalkThatEndedOnAnEmptyPageLeavesTheCacheIncomplete()
    {
        // The second page is empty yet claims more, and no retry may mend it: the paging stops there, and the
        // cache must not claim to hold the whole account.
        auto sim = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("250"),
                                        QStringLiteral("--fail-every"), QStringLiteral("2"),
                                        QStringLiteral("--fail-status"), QStringLiteral("empty-page")});
        ApiConfig config = sim->config();
        config.maxRetries = 0;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("account.sqlite"));
        {
            AccountSession session(specFor(config, path));
            BatchTableModel model;
            model.addSession(&session);
            session.start(); // nothing cached: the first page
            QTRY_VERIFY(model.rowCount() == 100 && !model.isFetching());
            session.loadAll();
            QTRY_VERIFY_WITH_TIMEOUT(!model.isFetching() && !model.hasMore(), 20'000);
            QCOMPARE(model.rowCount(), 100);
        }
        BatchCache cache;
        QVERIFY(cache.open(path, nullptr));
        QCOMPARE(cache.count(), 100);
        QVERIFY(!cache.isComplete());
    }

    void aProviderWithPageTokensResumesFromTheTop()
    {
        // Gemini's pages start only at the token the page before handed out, never after a batch id: a
        // session that starts from a cache holding the first pages must read on from the top (the cached
        // batches come back as updates), not ask for a page "after" its oldest cached id.
        SimProcess sim(QStringLiteral("gemini"), {QStringLiteral("--batches"), QStringLiteral("250"),
                                                  QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(sim.start());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gemini.sqlite"));
        {
            AccountSession first(specFor(sim.config(), path));
            BatchTableModel model;
            model.addSession(&first);
            first.start();
            QTRY_VERIFY(model.rowCount() == 100 && !model.isFetching() && !first.isRefreshing());
            QVERIFY(model.hasMore());
        }
        AccountSession session(specFor(sim.config(), path));
        BatchTableModel model;
        QAbstractItemModelTester tester(&model);
        model.addSession(&session);
        QSignalSpy failures(&session, &AccountSession::fetchFailed);
        session.start();
        QTRY_VERIFY(!session.isLoadingCache() && model.rowCount() >= 100);
        session.loadAll();
        QTRY_VERIFY_WITH_TIMEOUT(!model.isFetching() && !model.hasMore(), 20'000);
        QCOMPARE(failures.count(), 0);
        QCOMPARE(model.rowCount(), 250);
        QSet<QString> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.insert(model.batchAt(row).id);
        QCOMPARE(ids.size(), 250);
    }
};

QTEST_GUILESS_MAIN(TestAccountSession)
#include "tst_accountsession.moc"
