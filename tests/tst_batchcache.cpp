#include "core/cache/batchcache.h"
#include "testbatches.h"

#include <QDir>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {
// With a field Batchwatch does not know, which the cache must keep.
Batch makeBatch(const QString &id, const QString &status, qint64 createdAt)
{
    return TestBatch(id, status, createdAt).with(QStringLiteral("x_unknown"), QStringLiteral("kept"));
}

// Runs SQL on a file directly, as another program (or a damaged disk) would.
bool exec(const QString &file, const QStringList &statements, QVariant *result = nullptr)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("direct"));
        db.setDatabaseName(file);
        ok = db.open();
        QSqlQuery q(db);
        for (const QString &statement : statements) {
            ok = ok && q.exec(statement);
            if (ok && result && q.next())
                *result = q.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    return ok;
}

QStringList brokenBeside(const QString &file)
{
    return QFileInfo(file).absoluteDir().entryList(
        {QFileInfo(file).fileName() + QStringLiteral(".broken-*")});
}

QStringList ids(const std::vector<Batch> &batches)
{
    QStringList list;
    for (const Batch &b : batches)
        list << b.id;
    return list;
}
} // namespace

class TestBatchCache : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name + QStringLiteral(".sqlite")); }

private Q_SLOTS:
    void keepsServerOrderAndEveryField()
    {
        BatchCache cache;
        QString error;
        QVERIFY2(cache.open(path(QStringLiteral("order")), &error), qPrintable(error));
        QVERIFY(!cache.isComplete());
        QVERIFY(cache.replaceAll({makeBatch(QStringLiteral("c"), QStringLiteral("in_progress"), 30),
                                  makeBatch(QStringLiteral("b"), QStringLiteral("completed"), 20),
                                  makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 10)},
                                 true, &error));
        QVERIFY(cache.isComplete());
        // Two new ones on top, one update below.
        QVERIFY(cache.store({makeBatch(QStringLiteral("e"), QStringLiteral("validating"), 50),
                             makeBatch(QStringLiteral("d"), QStringLiteral("validating"), 40)},
                            {makeBatch(QStringLiteral("c"), QStringLiteral("completed"), 30)}, &error));
        const std::vector<Batch> loaded = cache.load();
        QCOMPARE(ids(loaded), (QStringList{QStringLiteral("e"), QStringLiteral("d"), QStringLiteral("c"),
                                           QStringLiteral("b"), QStringLiteral("a")}));
        QCOMPARE(loaded[2].status.value(), BatchStatus::Completed);
        QCOMPARE(loaded[0].rawObject().value(QStringLiteral("x_unknown")).toString(), QStringLiteral("kept"));
        QCOMPARE(cache.count(), 5);
    }

    void aWalkIsWrittenPageByPageAndDropsWhatIsGone()
    {
        BatchCache cache;
        QString error;
        QVERIFY(cache.open(path(QStringLiteral("walk")), &error));
        QVERIFY(cache.replaceAll({makeBatch(QStringLiteral("c"), QStringLiteral("in_progress"), 30),
                                  makeBatch(QStringLiteral("b"), QStringLiteral("completed"), 20),
                                  makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 10)},
                                 false, &error));
        qint64 rank = cache.beginWalk();
        QVERIFY(cache.writeWalkPage({makeBatch(QStringLiteral("e"), QStringLiteral("validating"), 50),
                                     makeBatch(QStringLiteral("d"), QStringLiteral("validating"), 40)},
                                    rank, &error));
        rank += 2;
        // Broken off here, the new pages sit above the older rows.
        QCOMPARE(ids(cache.load()),
                 (QStringList{QStringLiteral("e"), QStringLiteral("d"), QStringLiteral("c"),
                              QStringLiteral("b"), QStringLiteral("a")}));
        QVERIFY(cache.writeWalkPage({makeBatch(QStringLiteral("c"), QStringLiteral("completed"), 30),
                                     makeBatch(QStringLiteral("b"), QStringLiteral("completed"), 20)},
                                    rank, &error));
        rank += 2;
        QVERIFY(!cache.isComplete());
        QVERIFY(cache.finishWalk(rank, &error));
        // "a" is no longer on the server.
        const std::vector<Batch> loaded = cache.load();
        QCOMPARE(ids(loaded), (QStringList{QStringLiteral("e"), QStringLiteral("d"), QStringLiteral("c"),
                                           QStringLiteral("b")}));
        QCOMPARE(loaded[2].status.value(), BatchStatus::Completed);
        QVERIFY(cache.isComplete());
        // The next walk goes above this one.
        QVERIFY(cache.writeWalkPage({makeBatch(QStringLiteral("f"), QStringLiteral("validating"), 60)},
                                    cache.beginWalk(), &error));
        QCOMPARE(ids(cache.load()).constFirst(), QStringLiteral("f"));
    }

    void survivesReopening()
    {
        QString error;
        {
            BatchCache cache;
            QVERIFY(cache.open(path(QStringLiteral("reopen")), &error));
            QVERIFY(cache.replaceAll({makeBatch(QStringLiteral("x"), QStringLiteral("expired"), 1)}, true,
                                     &error));
        }
        BatchCache again;
        QString warning;
        QVERIFY(again.open(path(QStringLiteral("reopen")), &error, &warning));
        QVERIFY(warning.isEmpty());
        QCOMPARE(ids(again.load()), QStringList{QStringLiteral("x")});
        QVERIFY(again.isComplete());
    }

    void damagedAndForeignFilesAreMovedAside_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("garbage") << "garbage";
        QTest::newRow("another app's database") << "foreign";
    }

    void damagedAndForeignFilesAreMovedAside()
    {
        QFETCH(QString, kind);
        const QString file = path(kind);
        if (kind == QLatin1String("garbage")) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, '\x5a'));
        } else {
            {
                QSqlDatabase db =
                    QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("setup"));
                db.setDatabaseName(file);
                QVERIFY(db.open());
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("CREATE TABLE songs (title TEXT)")));
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("setup"));
        }
        BatchCache cache;
        QString error, warning;
        QVERIFY2(cache.open(file, &error, &warning), qPrintable(error));
        QVERIFY2(warning.contains(QStringLiteral("moved it to")), qPrintable(warning));
        QCOMPARE(cache.count(), 0);
        QVERIFY(
            cache.replaceAll({makeBatch(QStringLiteral("n"), QStringLiteral("completed"), 1)}, true, &error));
        // What was there is kept beside it, not deleted.
        QCOMPARE(
            QDir(m_dir.path()).entryList({QFileInfo(file).fileName() + QStringLiteral(".broken-*")}).size(),
            1);
    }

    void aNewerSchemaIsLeftAlone()
    {
        const QString file = path(QStringLiteral("future"));
        QVERIFY(exec(file, {QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
                            QStringLiteral("CREATE TABLE batches (id TEXT)"),
                            QStringLiteral("INSERT INTO meta VALUES ('schema_version', '99')")}));
        BatchCache cache;
        QString error, warning;
        QVERIFY(!cache.open(file, &error, &warning));
        QVERIFY2(error.contains(QStringLiteral("newer Batchwatch")), qPrintable(error));
        QVERIFY(warning.isEmpty());
        QVERIFY(brokenBeside(file).isEmpty());
        QVariant version;
        QVERIFY(
            exec(file, {QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")}, &version));
        QCOMPARE(version.toString(), QStringLiteral("99"));
    }

    void aFileBusyInAnotherWriterIsNotCalledBroken()
    {
        // Another process in the middle of creating the file holds it locked: wait, or go without, but never
        // move a healthy file aside.
        const QString file = path(QStringLiteral("busy"));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
        db.setDatabaseName(file);
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")));
            BatchCache cache;
            QString error, warning;
            QVERIFY(!cache.open(file, &error, &warning));
            QVERIFY(warning.isEmpty());
            QVERIFY(brokenBeside(file).isEmpty());
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        BatchCache cache;
        QString error;
        QVERIFY2(cache.open(file, &error), qPrintable(error)); // free again: it is created and used
        QVERIFY(brokenBeside(file).isEmpty());
    }

    void readsTellDamageFromACompleteAnswer_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<int>("expected"); // BatchCache::ReadStatus
        QTest::newRow("none") << QString() << int(BatchCache::ReadStatus::Ok);
        QTest::newRow("a row that no longer parses")
            << QStringLiteral("UPDATE batches SET json = '{\"id\":' WHERE id = 'b'")
            << int(BatchCache::ReadStatus::Damaged);
        QTest::newRow("a row gone") << QStringLiteral("DELETE FROM batches WHERE id = 'b'")
                                    << int(BatchCache::ReadStatus::Damaged);
        QTest::newRow("a row more")
            << QStringLiteral(
                   "INSERT INTO batches(id, rank, json) SELECT 'z', rank + 100, json FROM batches LIMIT 1")
            << int(BatchCache::ReadStatus::Damaged);
    }

    void readsTellDamageFromACompleteAnswer()
    {
        QFETCH(QString, damage);
        QFETCH(int, expected);
        const QString file =
            path(QStringLiteral("damage-%1").arg(QString::fromLatin1(QTest::currentDataTag())));
        QString error;
        {
            BatchCache cache;
            QVERIFY(cache.open(file, &error));
            QVERIFY(cache.replaceAll({makeBatch(QStringLiteral("c"), QStringLiteral("in_progress"), 30),
                                      makeBatch(QStringLiteral("b"), QStringLiteral("completed"), 20),
                                      makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 10)},
                                     true, &error));
        }
        if (!damage.isEmpty())
            QVERIFY(exec(file, {damage}));
        BatchCache cache;
        QVERIFY(cache.open(file, &error));
        BatchCache::ReadStatus status = BatchCache::ReadStatus::Failed;
        bool complete = false;
        const std::vector<Batch> loaded = cache.load(&error, &status, &complete);
        QCOMPARE(int(status), expected);
        if (status == BatchCache::ReadStatus::Ok) {
            QCOMPARE(loaded.size(), size_t(3));
            QVERIFY(complete);
            return;
        }
        QVERIFY(loaded.empty()); // never a part passed off as the whole
        QVERIFY(!error.isEmpty());
        QString warning;
        QVERIFY2(cache.moveAside(error, &warning, &error), qPrintable(error));
        QVERIFY2(warning.contains(QStringLiteral("moved it to")), qPrintable(warning));
        QCOMPARE(brokenBeside(file).size(), 1);
        QCOMPARE(cache.count(), 0);
        QVERIFY(cache.load(&error, &status).empty());
        QCOMPARE(status, BatchCache::ReadStatus::Ok);
    }

    void atMostTwoBrokenFilesAreKept()
    {
        const QString file = path(QStringLiteral("many-broken"));
        BatchCache cache;
        QString error, warning;
        QVERIFY(cache.open(file, &error));
        for (int i = 0; i < 5; ++i)
            QVERIFY(cache.moveAside(QStringLiteral("test"), &warning, &error));
        QCOMPARE(brokenBeside(file).size(), BatchCache::kBrokenFilesKept);
        QVERIFY(cache.isOpen());
    }

    void migratesAVersionOneFileAndKeepsItsRows()
    {
        const QString file = path(QStringLiteral("v1"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            // Exactly what version 1 created.
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")));
            QVERIFY(q.exec(
                QStringLiteral("CREATE TABLE batches (id TEXT PRIMARY KEY, rank INTEGER NOT NULL, created_at "
                               "INTEGER NOT NULL, status TEXT NOT NULL, input_file_id TEXT, output_file_id "
                               "TEXT, error_file_id TEXT, json BLOB NOT NULL)")));
            QVERIFY(
                q.exec(QStringLiteral("INSERT INTO meta VALUES ('schema_version', '1'), ('complete', '1')")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO batches VALUES ('old', 0, 5, 'completed', '', '', '', "
                                          "'{\"id\":\"old\",\"status\":\"completed\",\"created_at\":5}')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));

        BatchCache cache;
        QString error, warning;
        QVERIFY2(cache.open(file, &error, &warning), qPrintable(error));
        QVERIFY2(warning.isEmpty(), qPrintable(warning)); // migrated in place, not moved aside
        QCOMPARE(ids(cache.load()), QStringList{QStringLiteral("old")});
        QVERIFY(cache.isComplete());
        QVERIFY(cache.addSamples({{QStringLiteral("old"), ProgressSample{1, 2, 3, 10}}}));
        QCOMPARE(cache.loadSamples().value(QStringLiteral("old")),
                 (QList<ProgressSample>{ProgressSample{1, 2, 3, 10}}));
    }

    void twoWritersShareOneFile()
    {
        // The GUI refreshing while a script exports: both write, neither loses the other's rows.
        QString error;
        BatchCache first, second;
        QVERIFY(first.open(path(QStringLiteral("shared")), &error));
        QVERIFY(second.open(path(QStringLiteral("shared")), &error));
        QVERIFY(first.replaceAll({makeBatch(QStringLiteral("a"), QStringLiteral("in_progress"), 1)}, true,
                                 &error));
        QVERIFY(second.store({makeBatch(QStringLiteral("b"), QStringLiteral("validating"), 2)}, {}, &error));
        QVERIFY(first.store({}, {makeBatch(QStringLiteral("a"), QStringLiteral("completed"), 1)}, &error));
        const std::vector<Batch> seen = second.load();
        QCOMPARE(ids(seen), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
        QCOMPARE(seen[1].status.value(), BatchStatus::Completed);
    }

    void pathNamesTheAccountNotTheKey()
    {
        ApiConfig config;
        config.baseUrl = QUrl(QStringLiteral("https://api.openai.com/v1"));
        config.organization = QStringLiteral("org-1");
        config.apiKey = QStringLiteral("sk-very-secret-key-1234");
        const QString path = BatchCache::defaultPath(config);
        QVERIFY2(path.contains(QStringLiteral("api.openai.com-v1_org-1_")), qPrintable(path));
        QVERIFY(!path.contains(QStringLiteral("secret")));
        ApiConfig other = config;
        other.apiKey = QStringLiteral("sk-another-key-5678");
        QVERIFY(BatchCache::defaultPath(other) != path);
        // Two local servers are two accounts.
        ApiConfig local = config, otherPort = config;
        local.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:4000/v1"));
        otherPort.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:4001/v1"));
        QVERIFY(BatchCache::defaultPath(local) != BatchCache::defaultPath(otherPort));
    }
};

QTEST_GUILESS_MAIN(TestBatchCache)
#include "tst_batchcache.moc"
