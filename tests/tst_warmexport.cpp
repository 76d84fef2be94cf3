// A warm `batchwatch export` streams the refreshed cache instead of holding the account: what it writes is
// what a cold run writes, and a cache that lost rows under it fails the run rather than answer short.
#include "batchwatchrun.h"
#include "hostileserver.h"
#include "simprocess.h"
#include "testbatches.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using Run = BatchwatchRun;

namespace {
const QString kKey = QStringLiteral("sk-test-warm-0001");

QString cacheFile(const QString &cacheHome)
{
    QDirIterator files(cacheHome, {QStringLiteral("*.sqlite")}, QDir::Files, QDirIterator::Subdirectories);
    return files.hasNext() ? files.next() : QString();
}

bool execOn(const QString &file, const QString &statement)
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

QByteArray listOf(int count)
{
    QJsonArray data;
    for (int n = 0; n < count; ++n)
        data.append(TestBatch(TestBatch::numberedId(count - n), QStringLiteral("completed"),
                              TestBatch::kCreatedAt + count - n)
                        .json());
    return QJsonDocument(QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                                     {QStringLiteral("data"), data},
                                     {QStringLiteral("first_id"), TestBatch::numberedId(count)},
                                     {QStringLiteral("last_id"), TestBatch::numberedId(1)},
                                     {QStringLiteral("has_more"), false}})
        .toJson(QJsonDocument::Compact);
}
} // namespace

class TestWarmExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aWarmExportWritesWhatAColdOneWritesAfterTheServerChanged_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("jsonl") << QStringList{QStringLiteral("--format"), QStringLiteral("jsonl")};
        QTest::newRow("csv") << QStringList{QStringLiteral("--format"), QStringLiteral("csv")};
        QTest::newRow("json, running ones")
            << QStringList{QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--status"),
                           QStringLiteral("in_progress,validating")};
        QTest::newRow("max across chunks") << QStringList{QStringLiteral("--format"), QStringLiteral("jsonl"),
                                                          QStringLiteral("--max"), QStringLiteral("1500")};
    }

    void aWarmExportWritesWhatAColdOneWritesAfterTheServerChanged()
    {
        QFETCH(QStringList, options);
        // Many of the stream's chunks (BatchSync::kChunk), with batches still running.
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("2500"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        QTemporaryDir cacheHome;
        const QStringList args = QStringList{QStringLiteral("export")} + options;
        const Run cold = runBatchwatch(args, sim.baseUrl(), kKey, cacheHome.path());
        QCOMPARE(cold.exitCode, 0);
        QVERIFY(!cacheFile(cacheHome.path()).isEmpty());

        // New batches on top, and time moving on so that running ones change status further down.
        for (int i = 0; i < 3; ++i) {
            int status = 0;
            sim.postHook(QStringLiteral("/v1/_sim/batches"), {{QStringLiteral("requests"), 5}}, &status);
            QCOMPARE(status, 200);
        }
        int status = 0;
        sim.postHook(QStringLiteral("/v1/_sim/clock"), {{QStringLiteral("advance"), 6 * 3600}}, &status);
        QCOMPARE(status, 200);

        const Run warm = runBatchwatch(args, sim.baseUrl(), kKey, cacheHome.path());
        QVERIFY2(warm.exitCode == 0, warm.err.constData());
        const Run reference = runBatchwatch(args + QStringList{QStringLiteral("--no-cache")}, sim.baseUrl());
        QCOMPARE(reference.exitCode, 0);
        QVERIFY(warm.out != cold.out); // the server did change
        QCOMPARE(warm.out.size(), reference.out.size());
        QVERIFY(warm.out == reference.out);
    }

    void aCacheThatLostRowsUnderAWarmExportFailsIt()
    {
        // The rows go while the refresh asks the server (another process, a damaged disk): the count the
        // refresh then records agrees with what is left, but the run held more. It fails and writes nothing.
        QString cachePath;
        bool damage = false;
        HostileServer server([&](QTcpSocket *socket, const QByteArray &) {
            if (damage && !cachePath.isEmpty())
                QVERIFY(execOn(
                    cachePath,
                    QStringLiteral("DELETE FROM batches WHERE id = '%1'").arg(TestBatch::numberedId(40))));
            socket->write(HostileServer::response(200, listOf(80)));
        });
        QTemporaryDir cacheHome, out;
        const QString output = out.filePath(QStringLiteral("batches.csv"));
        const QStringList args = {QStringLiteral("export"), QStringLiteral("-o"), output};
        const Run cold = runBatchwatch(args, server.baseUrl(), kKey, cacheHome.path());
        QVERIFY2(cold.exitCode == 0, cold.err.constData());
        cachePath = cacheFile(cacheHome.path());
        QVERIFY(!cachePath.isEmpty());
        QFile before(output);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray written = before.readAll();
        before.close();
        QCOMPARE(written.count('\n'), 81); // CSV: a header and 80 rows

        const Run untouched = runBatchwatch(args, server.baseUrl(), kKey, cacheHome.path());
        QVERIFY2(untouched.exitCode == 0, untouched.err.constData()); // warm, nothing lost: fine

        damage = true;
        const Run run = runBatchwatch(args, server.baseUrl(), kKey, cacheHome.path());
        QVERIFY2(run.exitCode == 4, run.err.constData());
        QVERIFY2(run.err.contains("cannot read the cache whole"), run.err.constData());
        QFile after(output);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), written);
    }
};

QTEST_GUILESS_MAIN(TestWarmExport)
#include "tst_warmexport.moc"
