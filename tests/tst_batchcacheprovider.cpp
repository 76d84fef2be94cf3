#include "core/cache/batchcache.h"
#include "core/providers/provideradapter.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {
std::vector<Batch> anthropicBatches()
{
    QFile file(QStringLiteral(BATCHWATCH_TEST_DATA "/providers/anthropic-list.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return ProviderAdapter::of(Provider::Anthropic).parsePage(file.readAll()).value.data;
}

bool exec(const QString &file, const QString &statement)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("direct"));
        db.setDatabaseName(file);
        ok = db.open() && QSqlQuery(db).exec(statement);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    return ok;
}
} // namespace

// The cache stores each batch's JSON as its provider sent it and reads rows back with that provider's
// adapter: a cache of one provider is never read as another's.
class TestBatchCacheProvider : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsReadBackWithTheAccountsProvider()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("anthropic.sqlite"));
        const std::vector<Batch> batches = anthropicBatches();
        QCOMPARE(batches.size(), size_t(4));
        {
            BatchCache cache;
            QString error;
            QVERIFY2(cache.open(path, Provider::Anthropic, &error), qPrintable(error));
            QVERIFY2(cache.replaceAll(batches, true, &error), qPrintable(error));
        }
        BatchCache cache;
        QString error;
        QVERIFY2(cache.open(path, Provider::Anthropic, &error), qPrintable(error));
        BatchCache::ReadStatus status = BatchCache::ReadStatus::Failed;
        const std::vector<Batch> loaded = cache.load(&error, &status);
        QCOMPARE(status, BatchCache::ReadStatus::Ok);
        QCOMPARE(loaded.size(), batches.size());
        for (size_t i = 0; i < loaded.size(); ++i) {
            QCOMPARE(loaded[i].id, batches[i].id);
            QCOMPARE(loaded[i].status, batches[i].status); // "ended" mapped again by the rule
            QCOMPARE(loaded[i].json, batches[i].json);
            QCOMPARE(loaded[i].providerDetails, batches[i].providerDetails);
        }
    }

    void aCacheOfAnotherProviderIsNotRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.sqlite"));
        {
            BatchCache cache;
            QString error;
            QVERIFY(cache.open(path, Provider::Anthropic, &error));
            QVERIFY(cache.replaceAll(anthropicBatches(), true, &error));
        }
        for (const Provider other : {Provider::OpenAI, Provider::Azure, Provider::Gemini}) {
            BatchCache cache;
            QString error, warning;
            QVERIFY(!cache.open(path, other, &error, &warning));
            QVERIFY2(error.contains(QStringLiteral("anthropic")), qPrintable(error));
            QVERIFY(warning.isEmpty()); // left alone, not moved aside
        }
        BatchCache cache;
        QString error;
        QVERIFY(cache.open(path, Provider::Anthropic, &error));
        QCOMPARE(cache.count(), 4); // still whole
    }

    void aFileFromBeforeProvidersIsOpenAIs()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        {
            BatchCache cache;
            QString error;
            QVERIFY(cache.open(path, &error)); // the old call: OpenAI
        }
        QVERIFY(exec(path, QStringLiteral("DELETE FROM meta WHERE key = 'provider'")));
        BatchCache cache;
        QString error;
        QVERIFY2(cache.open(path, Provider::OpenAI, &error), qPrintable(error));
        BatchCache gemini;
        QVERIFY(!gemini.open(path, Provider::Gemini, &error));
    }

    void eachProviderHasItsOwnFile()
    {
        ApiConfig config;
        config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080"));
        config.apiKey = QStringLiteral("k");
        QStringList paths;
        for (const Provider p : Providers::all()) {
            config.provider = p;
            paths << BatchCache::defaultPath(config);
        }
        paths.removeDuplicates();
        QCOMPARE(paths.size(), Providers::all().size());
        config.provider = Provider::Azure;
        const QString v1 = BatchCache::defaultPath(config);
        config.apiVersion = QStringLiteral("2024-10-21");
        QVERIFY(BatchCache::defaultPath(config) != v1);
    }
};

QTEST_GUILESS_MAIN(TestBatchCacheProvider)
#include "tst_batchcacheprovider.moc"
