#include "batchwatchrun.h"
#include "simprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// `batchwatch cost` over a warm cache sums the cache's columns instead of reading every batch (the fast
// path); a --query that passes everything takes the slow path over the same cache. Both must give the same
// bytes in every grouping and format, over a mix: a dated snapshot, cached tokens, an unpriced model, a
// batch without usage, two sides of a UTC midnight, a running batch, and a batch new since the last run.
namespace {
// Generated batches too, so that the account spans more than the page a refresh reads again.
const QStringList kSim = {QStringLiteral("--batches"), QStringLiteral("300"),   QStringLiteral("--speed"),
                          QStringLiteral("0"),         QStringLiteral("--now"), QStringLiteral("1796083200")};

const char kPrices[] = "{\"updated\": \"2026-11-30\", \"models\": {"
                       "\"gpt-4o-mini\": {\"input\": 0.2, \"cached_input\": 0.1, \"output\": 0.8},"
                       "\"house-model\": {\"input\": 1.3, \"output\": 2.7}}}";

const QByteArray kFastMarker = "from the cache's columns";

QJsonObject usage(qint64 input, qint64 cached, qint64 output)
{
    return {{QStringLiteral("input_tokens"), input},
            {QStringLiteral("input_tokens_details"), QJsonObject{{QStringLiteral("cached_tokens"), cached}}},
            {QStringLiteral("output_tokens"), output}};
}

QString makeBatch(const SimProcess &sim, const QString &model, std::optional<qint64> createdAt,
                  const QJsonValue &usage)
{
    QJsonObject body{{QStringLiteral("requests"), 10}, {QStringLiteral("model"), model}};
    if (createdAt) {
        body.insert(QStringLiteral("ended"), true);
        body.insert(QStringLiteral("created_at"), *createdAt);
        body.insert(QStringLiteral("usage"), usage);
    }
    return sim.postHook(QStringLiteral("/v1/_sim/batches"), body).value(QStringLiteral("id")).toString();
}
} // namespace

class TestCostFastPath : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimProcess> m_sim;
    QTemporaryDir m_config;
    QTemporaryDir m_cache; // one cache for every run: warm after the first

    BatchwatchRun cost(const QStringList &args)
    {
        QProcessEnvironment env =
            batchwatchEnvironment(m_sim->baseUrl(), QStringLiteral("sk-test-cost-0002"), m_cache.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("batchwatch.cost.info=true"));
        return runBatchwatchIn(env, QStringList{QStringLiteral("cost")} + args);
    }

    // The same run both ways; fails unless the fast one summed the columns and the slow one did not.
    void compareBothWays(const QStringList &args)
    {
        const BatchwatchRun fast = cost(args);
        QVERIFY2(fast.exitCode == 0, fast.err.constData());
        QVERIFY2(fast.err.contains(kFastMarker), fast.err.constData());
        // Every batch id of the simulator starts so: the query passes everything, and needs the batch.
        const BatchwatchRun slow =
            cost(args + QStringList{QStringLiteral("--query"), QStringLiteral("id~batch_")});
        QVERIFY2(slow.exitCode == 0, slow.err.constData());
        QVERIFY2(!slow.err.contains(kFastMarker), slow.err.constData());
        QVERIFY(!slow.out.isEmpty());
        QCOMPARE(fast.out, slow.out);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = SimProcess::started(kSim);
        QVERIFY(!m_sim->baseUrl().isEmpty());
        QVERIFY(m_config.isValid() && m_cache.isValid());
        QVERIFY(QDir().mkpath(m_config.path() + QStringLiteral("/batchwatch")));
        QFile prices(m_config.path() + QStringLiteral("/batchwatch/prices.json"));
        QVERIFY(prices.open(QIODevice::WriteOnly));
        prices.write(kPrices);
        prices.close();
        // Uneven counts at prices that are not round in binary: a sum in another order could differ.
        const QStringList ids{
            makeBatch(*m_sim, QStringLiteral("gpt-4o-mini-2024-07-18"), 1795168800,
                      usage(1'000'003, 400'001, 250'007)),
            makeBatch(*m_sim, QStringLiteral("gpt-4o-mini"), 1795908600, usage(500'011, 0, 100'013)),
            makeBatch(*m_sim, QStringLiteral("house-model"), 1795910000,
                      usage(3'000'017, 1'000'019, 500'023)),
            makeBatch(*m_sim, QStringLiteral("house-model"), 1795912200, usage(7'777'777, 33, 1'234'567)),
            makeBatch(*m_sim, QStringLiteral("gpt-4o-mini"), 1795912300, usage(123'457, 12'345, 6'789)),
            makeBatch(*m_sim, QStringLiteral("mystery-model"), 1795914000, usage(700, 0, 300)),
            makeBatch(*m_sim, QStringLiteral("gpt-4o-mini"), 1795917600, QJsonValue()),
            makeBatch(*m_sim, QStringLiteral("gpt-4o-mini"), std::nullopt, QJsonValue()), // running
        };
        for (const QString &id : ids)
            QVERIFY(id.startsWith(QLatin1String("batch_")));
        // The first run walks the account into the cache: every batch handed over, no columns summed.
        const BatchwatchRun cold = cost({QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(cold.exitCode == 0, cold.err.constData());
        QVERIFY2(!cold.err.contains(kFastMarker), cold.err.constData());
    }

    void everyGroupingAndFormatGivesTheSameBytes_data()
    {
        QTest::addColumn<QString>("by");
        QTest::addColumn<QString>("format");
        for (const char *by : {"model", "day", "batch", "account"}) {
            for (const char *format : {"csv", "json", "table"})
                QTest::newRow(
                    qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(by), QLatin1String(format))))
                    << QString::fromLatin1(by) << QString::fromLatin1(format);
        }
    }

    void everyGroupingAndFormatGivesTheSameBytes()
    {
        QFETCH(QString, by);
        QFETCH(QString, format);
        compareBothWays({QStringLiteral("--by"), by, QStringLiteral("--format"), format});
    }

    void sinceIsAnsweredFromTheColumns()
    {
        compareBothWays({QStringLiteral("--by"), QStringLiteral("day"), QStringLiteral("--since"),
                         QStringLiteral("2026-11-28"), QStringLiteral("--format"), QStringLiteral("csv")});
    }

    void aBatchNewSinceTheLastRunIsSummed()
    {
        // The refresh brings it into the cache before the columns are summed. A running batch, created now:
        // on top of the list, where a refresh looks for new ones.
        const QString id = makeBatch(*m_sim, QStringLiteral("house-model"), std::nullopt, QJsonValue());
        QVERIFY(id.startsWith(QLatin1String("batch_")));
        const BatchwatchRun fast = cost({QStringLiteral("--by"), QStringLiteral("batch"),
                                         QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(fast.exitCode == 0, fast.err.constData());
        QVERIFY2(fast.err.contains(kFastMarker), fast.err.constData());
        QVERIFY2(fast.out.contains(QByteArray(id.toUtf8() + ",1,")), fast.out.constData());
        compareBothWays({QStringLiteral("--by"), QStringLiteral("model"), QStringLiteral("--format"),
                         QStringLiteral("json")});
    }

    void aRowThatLostItsCreatedTimeIsFilledAgain()
    {
        const QStringList args{QStringLiteral("--by"), QStringLiteral("day"), QStringLiteral("--format"),
                               QStringLiteral("csv")};
        const BatchwatchRun before = cost(args);
        QVERIFY2(before.err.contains(kFastMarker), before.err.constData());
        // The oldest row loses its created_at: a file the columns no longer describe (the refresh rewrites
        // only the top). Never a sum without it: the next open fills the row's columns again from its JSON.
        QDirIterator files(m_cache.path(), {QStringLiteral("*.sqlite")}, QDir::Files,
                           QDirIterator::Subdirectories);
        QVERIFY(files.hasNext());
        const QString path = files.next();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral(
                "UPDATE batches SET created_at = NULL WHERE rank = (SELECT MAX(rank) FROM batches)")));
            QCOMPARE(query.numRowsAffected(), 1);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("damage"));
        const BatchwatchRun after = cost(args);
        QVERIFY2(after.exitCode == 0, after.err.constData());
        QVERIFY2(after.err.contains(kFastMarker), after.err.constData());
        QVERIFY2(!after.err.contains("warning"), after.err.constData());
        QCOMPARE(after.out, before.out);
    }

    void batchesThatEndedSinceTheLastRunAreSummedAsTheyEnded()
    {
        const QStringList args{QStringLiteral("--by"), QStringLiteral("batch"), QStringLiteral("--format"),
                               QStringLiteral("csv")};
        const BatchwatchRun before = cost(args);
        QVERIFY2(before.err.contains(kFastMarker), before.err.constData());
        // Days later the running batches have ended, with usage: the light refresh retrieves them (they are
        // held as rows that may change) and stores them before the sum. The server's own answer, read
        // without the cache, is the truth the fast run must match.
        m_sim->postHook(QStringLiteral("/v1/_sim/clock"), {{QStringLiteral("advance"), 3 * 86'400}});
        const BatchwatchRun fast = cost(args);
        QVERIFY2(fast.exitCode == 0, fast.err.constData());
        QVERIFY2(fast.err.contains(kFastMarker), fast.err.constData());
        const BatchwatchRun server = cost(args + QStringList{QStringLiteral("--no-cache")});
        QVERIFY2(server.exitCode == 0, server.err.constData());
        QVERIFY(fast.out != before.out);
        QCOMPARE(fast.out, server.out);
    }

    void noCacheReadsEveryBatch()
    {
        const BatchwatchRun run =
            cost({QStringLiteral("--no-cache"), QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(!run.err.contains(kFastMarker), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCostFastPath)
#include "tst_costfastpath.moc"
