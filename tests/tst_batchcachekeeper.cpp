#include "apiconfig.h"
#include "batchcache.h"
#include "batchcachekeeper.h"
#include "batchtablemodel.h"
#include "testbatches.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QStandardPaths>
#include <QTest>

namespace {
Batch makeBatch(int n, const QString &status)
{
    return TestBatch(TestBatch::numberedId(n), status, 1'790'000'000 - n);
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
};

QTEST_GUILESS_MAIN(TestBatchCacheKeeper)
#include "tst_batchcachekeeper.moc"
