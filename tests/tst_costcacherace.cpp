// `batchwatch cost`'s fast path refreshes the cache and then sums its columns: whatever happens to the file
// between the two (a write the refresh could not make, another process clearing it) must never come out as
// a short sum with exit 0. Another process is played by the test, through a connection of its own, while
// the run asks the test's server for the list.
#include "batchwatchrun.h"
#include "hostileserver.h"
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
#include <QUrl>
#include <QUrlQuery>

namespace {
const QString kKey = QStringLiteral("sk-test-costrace-0001");
const QByteArray kFastMarker = "from the cache's columns";

QString cacheFile(const QString &cacheHome)
{
    QDirIterator files(cacheHome, {QStringLiteral("*.sqlite")}, QDir::Files, QDirIterator::Subdirectories);
    return files.hasNext() ? files.next() : QString();
}

constexpr int kRunning = 40; // the one batch that runs until the server says it ended

// The account's newest `count` batches (with usage when ended), newest first, as the API pages them (30 a
// page, `after` an id) and retrieves them one by one.
QByteArray answer(const QByteArray &head, int count, bool ended)
{
    QJsonArray all;
    for (int n = count; n > 0; --n) {
        const QJsonObject usage{{QStringLiteral("input_tokens"), 1000 + n},
                                {QStringLiteral("output_tokens"), 100 + n},
                                {QStringLiteral("total_tokens"), 1100 + 2 * n}};
        const bool running = n == kRunning && !ended;
        TestBatch batch(TestBatch::numberedId(n),
                        running ? QStringLiteral("in_progress") : QStringLiteral("completed"),
                        TestBatch::kCreatedAt + n);
        batch.with(QStringLiteral("model"), QStringLiteral("gpt-4o-mini"));
        if (!running)
            batch.with(QStringLiteral("usage"), usage);
        all.append(batch.json());
    }
    const QByteArray target = head.left(head.indexOf('\n')).split(' ').value(1);
    const QUrl url(QString::fromLatin1(target));
    const QString path = url.path();
    if (path.startsWith(QLatin1String("/v1/batches/"))) {
        const QString id = path.mid(12);
        for (const QJsonValue &batch : std::as_const(all)) {
            if (batch.toObject().value(QStringLiteral("id")).toString() == id)
                return QJsonDocument(batch.toObject()).toJson(QJsonDocument::Compact);
        }
        return {};
    }
    const QString after = QUrlQuery(url).queryItemValue(QStringLiteral("after"));
    qsizetype first = 0;
    while (!after.isEmpty() && first < all.size() &&
           all.at(first).toObject().value(QStringLiteral("id")).toString() != after)
        ++first;
    if (!after.isEmpty())
        ++first;
    QJsonArray data;
    for (qsizetype i = first; i < all.size() && data.size() < 30; ++i)
        data.append(all.at(i));
    return QJsonDocument(
               QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                           {QStringLiteral("data"), data},
                           {QStringLiteral("first_id"), data.first().toObject().value(QStringLiteral("id"))},
                           {QStringLiteral("last_id"), data.last().toObject().value(QStringLiteral("id"))},
                           {QStringLiteral("has_more"), first + data.size() < all.size()}})
        .toJson(QJsonDocument::Compact);
}

QByteArray contentsOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestCostCacheRace : public QObject
{
    Q_OBJECT

private:
    int m_count = 80;
    bool m_ended = false;
    // Called once, at the next request: what "another process" does to the file meanwhile.
    std::function<void()> m_meanwhile;
    QTemporaryDir m_cacheHome;
    QTemporaryDir m_out;
    std::unique_ptr<HostileServer> m_server;

    QString output() const { return m_out.filePath(QStringLiteral("costs.csv")); }

    BatchwatchRun cost(const QStringList &extra = {})
    {
        QProcessEnvironment env = batchwatchEnvironment(m_server->baseUrl(), kKey, m_cacheHome.path());
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("batchwatch.cost.info=true"));
        return runBatchwatchIn(env, QStringList{QStringLiteral("cost"), QStringLiteral("--by"),
                                                QStringLiteral("batch"), QStringLiteral("-o"), output()} +
                                        extra);
    }

    // A fresh cache of m_count batches, warm (a run summed its columns), and the output it wrote.
    QByteArray warmCache()
    {
        m_count = 80;
        m_ended = false;
        const QString file = cacheFile(m_cacheHome.path());
        if (!file.isEmpty())
            QFile::remove(file);
        const BatchwatchRun cold = cost();
        if (cold.exitCode != 0 || cold.err.contains(kFastMarker))
            return {};
        const BatchwatchRun warm = cost();
        if (warm.exitCode != 0 || !warm.err.contains(kFastMarker))
            return {};
        return contentsOf(output());
    }

    QSqlDatabase other()
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        db.setDatabaseName(cacheFile(m_cacheHome.path()));
        return db;
    }

private Q_SLOTS:
    void init()
    {
        m_meanwhile = nullptr;
        m_server = std::make_unique<HostileServer>([this](QTcpSocket *socket, const QByteArray &head) {
            if (m_meanwhile) {
                m_meanwhile();
                m_meanwhile = nullptr;
            }
            const QByteArray body = answer(head, m_count, m_ended);
            socket->write(HostileServer::response(body.isEmpty() ? 404 : 200, body));
        });
        QVERIFY(m_cacheHome.isValid() && m_out.isValid());
    }

    void cleanup()
    {
        if (QSqlDatabase::contains(QStringLiteral("other")))
            QSqlDatabase::removeDatabase(QStringLiteral("other"));
    }

    // H1: the refresh found a new batch but could not store it (another process holds the write lock):
    // the columns are behind the server, so nothing is summed from them.
    void aRefreshThatCouldNotWriteTheCacheFailsTheRun()
    {
        const QByteArray before = warmCache();
        QVERIFY(!before.isEmpty());
        m_count = 81; // a new batch on top
        {
            QSqlDatabase db = other();
            QVERIFY(db.open());
            m_meanwhile = [&db] { QVERIFY(QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"))); };
            const BatchwatchRun run = cost();
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("ROLLBACK")));
            db.close();
            QVERIFY2(run.exitCode == 4, QByteArray(run.out + run.err).constData());
            QVERIFY2(run.err.contains("could not write"), run.err.constData());
            QCOMPARE(contentsOf(output()), before);
        }
        // The lock gone, the next run catches up.
        const BatchwatchRun again = cost();
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY2(again.err.contains(kFastMarker), again.err.constData());
        QVERIFY(contentsOf(output()).contains(TestBatch::numberedId(81).toUtf8()));
    }

    // M1: the file is emptied (another process's clear(): no rows, recorded so, not complete) after the
    // refresh read what it holds: the sum must not answer from it.
    void aCacheClearedUnderTheRunIsNotSummed_data()
    {
        QTest::addColumn<QStringList>("statements");
        QTest::newRow("cleared") << QStringList{
            QStringLiteral("DELETE FROM batches"),
            QStringLiteral("UPDATE meta SET value = '0' WHERE key IN ('rows', 'complete')")};
        // A refresh of another process left a gap above the cached rows: they may not be all there is.
        QTest::newRow("gap") << QStringList{QStringLiteral("INSERT OR REPLACE INTO meta(key, value) "
                                                           "VALUES ('gap', '1'), ('complete', '0')")};
        QTest::newRow("gap only") << QStringList{
            QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES ('gap', '1')")};
    }

    void aCacheClearedUnderTheRunIsNotSummed()
    {
        QFETCH(QStringList, statements);
        const QByteArray before = warmCache();
        QVERIFY(!before.isEmpty());
        {
            QSqlDatabase db = other();
            QVERIFY(db.open());
            m_meanwhile = [&db, statements] {
                for (const QString &statement : statements)
                    QVERIFY2(QSqlQuery(db).exec(statement), qPrintable(statement));
            };
            const BatchwatchRun run = cost();
            db.close();
            QVERIFY2(run.exitCode == 0, run.err.constData());
            QVERIFY2(!run.err.contains(kFastMarker), run.err.constData());
            QCOMPARE(contentsOf(output()), before);
        }
    }

    // L1: two ids that share a rank (rank is not unique; a hand-edited or damaged file) are both refreshed:
    // the running one that ended is summed with the usage the server now gives.
    void twoBatchesOfOneRankAreBothRefreshed()
    {
        QVERIFY(!warmCache().isEmpty());
        {
            QSqlDatabase db = other();
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(
                QStringLiteral("UPDATE batches SET rank = (SELECT rank FROM batches WHERE id = '%1') "
                               "WHERE id = '%2'")
                    .arg(TestBatch::numberedId(kRunning + 1), TestBatch::numberedId(kRunning))));
            db.close();
        }
        m_ended = true;
        const BatchwatchRun fast = cost();
        QVERIFY2(fast.exitCode == 0, fast.err.constData());
        QVERIFY2(fast.err.contains(kFastMarker), fast.err.constData());
        const QByteArray summed = contentsOf(output());
        const BatchwatchRun server = cost({QStringLiteral("--no-cache")});
        QVERIFY2(server.exitCode == 0, server.err.constData());
        QCOMPARE(summed, contentsOf(output()));
    }

    // L4: a column that is not a number (a file another tool wrote) is never summed, read as 0 or warned
    // about on every run: the run reads every batch's JSON, quietly, and gives what the server gives.
    void aColumnThatIsNotANumberReadsEveryBatchQuietly_data()
    {
        QTest::addColumn<QString>("column");
        QTest::newRow("input_tokens") << QStringLiteral("input_tokens");
        QTest::newRow("output_tokens") << QStringLiteral("output_tokens");
        QTest::newRow("created_at") << QStringLiteral("created_at");
    }

    void aColumnThatIsNotANumberReadsEveryBatchQuietly()
    {
        QFETCH(QString, column);
        const QByteArray before = warmCache();
        QVERIFY(!before.isEmpty());
        {
            QSqlDatabase db = other();
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("UPDATE batches SET %1 = 'many' WHERE id = '%2'")
                                           .arg(column, TestBatch::numberedId(10))));
            db.close();
        }
        const BatchwatchRun run = cost();
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(!run.err.contains(kFastMarker), run.err.constData());
        QVERIFY2(!run.err.contains("warning"), run.err.constData());
        QCOMPARE(contentsOf(output()), before);
    }
};

QTEST_GUILESS_MAIN(TestCostCacheRace)
#include "tst_costcacherace.moc"
