#include "core/cache/batchcache.h"
#include "core/cache/batchcachewalkwriter.h"
#include "core/json/batchparser.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
std::vector<Batch> page(int first, int count)
{
    std::vector<Batch> batches;
    for (int n = first; n < first + count; ++n)
        batches.push_back(
            BatchParser::parseBatch(QJsonObject{{QStringLiteral("id"), QStringLiteral("b%1").arg(n)},
                                                {QStringLiteral("status"), QStringLiteral("completed")},
                                                {QStringLiteral("created_at"), 10'000 - n}})
                .value);
    return batches;
}
} // namespace

class TestBatchCacheWalkWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void aWalkWrittenOnItsOwnThreadReplacesTheCache()
    {
        const QString path = m_dir.filePath(QStringLiteral("walk.sqlite"));
        BatchCache cache;
        QVERIFY(cache.open(path, nullptr));
        QVERIFY(cache.replaceAll(page(9'000, 3), false)); // gone from the server by the time of the walk
        {
            // More pages than the queue holds, so write() has to wait for the disk at times.
            BatchCacheWalkWriter writer(path, cache.provider(), cache.beginWalk());
            QSignalSpy finished(&writer, &BatchCacheWalkWriter::finished);
            for (int first = 0; first < 2'500; first += 100)
                writer.write(page(first, 100));
            writer.finish(true);
            QVERIFY(finished.wait(10'000));
            QCOMPARE(finished.constFirst().constFirst().toString(), QString());
        }
        const std::vector<Batch> loaded = cache.load();
        QCOMPARE(loaded.size(), size_t(2'500));
        QCOMPARE(loaded.front().id, QStringLiteral("b0"));
        QCOMPARE(loaded.back().id, QStringLiteral("b2499"));
        QVERIFY(cache.isComplete());
    }

    void aWalkWritesTheCacheOfItsOwnProvider()
    {
        // The writer's own connection opens the file as the provider it holds: an Anthropic account's walk
        // must not be refused as "holds batches of the provider anthropic, not openai".
        const QString path = m_dir.filePath(QStringLiteral("anthropic.sqlite"));
        BatchCache cache;
        QVERIFY(cache.open(path, Provider::Anthropic, nullptr));
        {
            BatchCacheWalkWriter writer(path, cache.provider(), cache.beginWalk());
            QSignalSpy finished(&writer, &BatchCacheWalkWriter::finished);
            writer.write(page(0, 10));
            writer.finish(true);
            QVERIFY(finished.wait(10'000));
            QCOMPARE(finished.constFirst().constFirst().toString(), QString());
        }
        QVERIFY(cache.isComplete());
    }

    void aWriterDroppedMidWalkLeavesAUsableFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("cut.sqlite"));
        BatchCache cache;
        QVERIFY(cache.open(path, nullptr));
        QVERIFY(cache.replaceAll(page(9'000, 3), true));
        {
            BatchCacheWalkWriter writer(path, cache.provider(), cache.beginWalk());
            writer.write(page(0, 100));
        } // destroyed before finish(): what is not committed is rolled back, nothing crashes
        const std::vector<Batch> loaded = cache.load();
        QVERIFY(loaded.size() == 3 || loaded.size() == 103);
        QCOMPARE(loaded.back().id, QStringLiteral("b9002"));
    }

    void aWalkCutShortLeavesTheCacheIncomplete()
    {
        // A complete cache, walked again (--refresh-all) but stopped after a page (--max): older batches the
        // walk did not reach may have changed places with new ones, so the cache may no longer be trusted as
        // the whole account.
        const QString path = m_dir.filePath(QStringLiteral("stopped.sqlite"));
        BatchCache cache;
        QVERIFY(cache.open(path, nullptr));
        QVERIFY(cache.replaceAll(page(100, 3), true));
        {
            BatchCacheWalkWriter writer(path, cache.provider(), cache.beginWalk());
            QSignalSpy finished(&writer, &BatchCacheWalkWriter::finished);
            writer.write(page(0, 100));
            writer.finish(false);
            QVERIFY(finished.wait(10'000));
            QCOMPARE(finished.constFirst().constFirst().toString(), QString());
        }
        QCOMPARE(cache.load().size(), size_t(103)); // what it read is kept
        QVERIFY(!cache.isComplete());
    }
};

QTEST_GUILESS_MAIN(TestBatchCacheWalkWriter)
#include "tst_batchcachewalkwriter.moc"
