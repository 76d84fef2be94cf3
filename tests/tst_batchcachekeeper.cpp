#include "core/api/apiclient.h"
#include "core/api/apiconfig.h"
#include "core/cache/batchcache.h"
#include "models/batchcachekeeper.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"
#include "testbatches.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

namespace {
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
} // namespace

class TestBatchCacheKeeper : public QObject
{
    Q_OBJECT

private:
    ApiConfig m_config;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9/v1"));
        m_config.apiKey = QStringLiteral("sk-keeper-test");
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(BatchCache::defaultPath(m_config) + suffix);
        const QFileInfo file(BatchCache::defaultPath(m_config));
        for (const QString &broken :
             file.absoluteDir().entryList({file.fileName() + QStringLiteral(".broken-*")}))
            QFile::remove(file.absoluteDir().filePath(broken));
    }

    void aLargeCacheShowsItsFirstScreenAtOnceAndTheRestBetweenEvents()
    {
        {
            BatchCache cache;
            QVERIFY(cache.open(BatchCache::defaultPath(m_config), nullptr));
            std::vector<Batch> cached;
            for (int n = 0; n < 2'500; ++n)
                cached.push_back(makeBatch(n, QStringLiteral("in_progress")));
            QVERIFY(cache.replaceAll(cached, false)); // older ones remain on the server
        }
        BatchTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // A refresh already brought a newer state of a batch deep in the cache: the cache must not undo it.
        model.merge({makeBatch(2'000, QStringLiteral("completed"))});
        BatchCacheKeeper keeper(&model);
        QString message;
        QVERIFY(keeper.open(m_config, &message));
        QCOMPARE(model.rowCount(), 1'001); // no event processed yet: the first chunk only
        QVERIFY(keeper.isLoading());
        QTRY_VERIFY(!keeper.isLoading());
        QCOMPARE(model.rowCount(), 2'500);
        QCOMPARE(model.batchAt(model.rowOf(QStringLiteral("batch_02000"))).status.value(),
                 BatchStatus::Completed);
        QCOMPARE(model.batchAt(model.rowOf(QStringLiteral("batch_02499"))).status.value(),
                 BatchStatus::InProgress);
    }

    void closingStopsTheLoad()
    {
        BatchTableModel model;
        BatchCacheKeeper keeper(&model);
        QString message;
        QVERIFY(keeper.open(m_config, &message));
        keeper.close();
        QTest::qWait(50);
        QCOMPARE(model.rowCount(), 1'000);
    }

    void aRowThatNoLongerReadsIsNotSkippedSilently()
    {
        const QString path = BatchCache::defaultPath(m_config);
        QVERIFY(cacheWholeAccountThen(
            path, QStringLiteral("UPDATE batches SET json = '{\"id\": 1' WHERE id = 'batch_01500'")));

        BatchTableModel model;
        BatchCacheKeeper keeper(&model);
        QSignalSpy damaged(&keeper, &BatchCacheKeeper::cacheDamaged);
        QString message;
        QVERIFY(keeper.open(m_config, &message));
        QVERIFY(!model.hasMore()); // the cache said it holds the whole account
        QTRY_VERIFY(!keeper.isLoading());
        QCOMPARE(damaged.size(), 1);
        QVERIFY2(damaged.constFirst().constFirst().toString().contains(QStringLiteral("moved it to")),
                 qPrintable(damaged.constFirst().constFirst().toString()));
        // What was read is shown, and the table knows it is not everything: it reads the list again.
        QCOMPARE(model.rowCount(), 1'500); // the rows before the one that failed
        QVERIFY(model.hasMore());
        const QFileInfo file(path);
        QCOMPARE(file.absoluteDir().entryList({file.fileName() + QStringLiteral(".broken-*")}).size(), 1);
    }

    void aRowLostWithoutAnErrorIsNoticed()
    {
        // A row gone without SQLite saying anything (the count the writers recorded still says 2,500): the
        // table must not show 2,499 batches as the whole account.
        const QString path = BatchCache::defaultPath(m_config);
        QVERIFY(cacheWholeAccountThen(path, QStringLiteral("DELETE FROM batches WHERE id = 'batch_01234'")));

        BatchTableModel model;
        BatchCacheKeeper keeper(&model);
        QSignalSpy damaged(&keeper, &BatchCacheKeeper::cacheDamaged);
        QString message;
        QVERIFY(keeper.open(m_config, &message));
        QTRY_VERIFY(!keeper.isLoading());
        QCOMPARE(damaged.size(), 1);
        QVERIFY2(damaged.constFirst().constFirst().toString().contains(
                     QStringLiteral("2499 rows where it recorded 2500")),
                 qPrintable(damaged.constFirst().constFirst().toString()));
        QVERIFY(model.hasMore()); // the table reads the list again instead of trusting the cache
    }

    void aWalkThatEndedOnAnEmptyPageLeavesTheCacheIncomplete()
    {
        // The second page is empty yet claims more, and no retry may mend it: the table stops there, and the
        // cache must not claim to hold the whole account.
        auto sim = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("250"),
                                        QStringLiteral("--fail-every"), QStringLiteral("2"),
                                        QStringLiteral("--fail-status"), QStringLiteral("empty-page")});
        ApiConfig config = sim->config();
        config.maxRetries = 0;
        ApiClient client(config);
        BatchTableModel model;
        BatchCacheKeeper keeper(&model);
        QString message;
        QVERIFY(keeper.open(config, &message));
        QTRY_VERIFY(!keeper.isLoading());
        model.setClient(&client);
        model.loadAll();
        QTRY_VERIFY_WITH_TIMEOUT(!model.isFetching() && !model.hasMore(), 20'000);
        QCOMPARE(model.rowCount(), 100);
        keeper.close();
        BatchCache cache;
        QVERIFY(cache.open(BatchCache::defaultPath(config), nullptr));
        QCOMPARE(cache.count(), 100);
        QVERIFY(!cache.isComplete());
    }
};

QTEST_GUILESS_MAIN(TestBatchCacheKeeper)
#include "tst_batchcachekeeper.moc"
