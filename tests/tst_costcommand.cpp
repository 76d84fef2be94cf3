#include "batchwatchrun.h"
#include "hostileserver.h"
#include "simprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

// `batchwatch cost` against the real simulator, over batches made to order through its test hook, priced by a
// user price file in a temporary XDG_CONFIG_HOME. Every expected number is worked out by hand here:
//   prices (user file, per million): gpt-4o-mini 0.2 / cached 0.1 / out 0.8 (over the shipped entry);
//   house-model 1 / (no cached price: 1) / out 2; mystery-model is in no table.
//   A  gpt-4o-mini-2024-07-18  2026-11-20 10:00  in 1,000,000 cached 400,000 out 250,000
//      = 600,000 x 0.2 + 400,000 x 0.1 + 250,000 x 0.8 = 0.12 + 0.04 + 0.20 = 0.36
//   B  gpt-4o-mini             2026-11-28 23:30  in 500,000 out 100,000 = 0.10 + 0.08 = 0.18
//   C  house-model             2026-11-29 00:30  in 3,000,000 cached 1,000,000 out 500,000
//      = 2,000,000 x 1 + 1,000,000 x 1 + 500,000 x 2 = 2 + 1 + 1 = 4
//   D  mystery-model           2026-11-29 01:00  in 700 out 300: unpriced (tokens still counted)
//   E  gpt-4o-mini             2026-11-29 02:00  no usage: unpriced
//   total 5 batches, in 4,500,700, cached 1,400,000, out 850,300, cost 4.54, unpriced 2.
namespace {
const QStringList kSim = {QStringLiteral("--batches"), QStringLiteral("0"),     QStringLiteral("--speed"),
                          QStringLiteral("0"),         QStringLiteral("--now"), QStringLiteral("1796083200")};

const char kPrices[] = "{\"updated\": \"2026-11-30\", \"models\": {"
                       "\"gpt-4o-mini\": {\"input\": 0.2, \"cached_input\": 0.1, \"output\": 0.8},"
                       "\"house-model\": {\"input\": 1, \"output\": 2}}}";

const QByteArray kHeader = "cached_tokens,output_tokens,cost,unpriced";

QJsonObject usage(qint64 input, qint64 cached, qint64 output)
{
    return {{QStringLiteral("input_tokens"), input},
            {QStringLiteral("input_tokens_details"), QJsonObject{{QStringLiteral("cached_tokens"), cached}}},
            {QStringLiteral("output_tokens"), output}};
}

// An ended batch through the simulator's hook; returns its id.
QString makeBatch(const SimProcess &sim, const QString &model, qint64 createdAt, const QJsonValue &usage)
{
    const QJsonObject body{{QStringLiteral("requests"), 10},
                           {QStringLiteral("model"), model},
                           {QStringLiteral("ended"), true},
                           {QStringLiteral("created_at"), createdAt},
                           {QStringLiteral("usage"), usage}};
    return sim.postHook(QStringLiteral("/v1/_sim/batches"), body).value(QStringLiteral("id")).toString();
}

QByteArray lines(const QList<QByteArray> &rows)
{
    QByteArray out;
    for (const QByteArray &row : rows)
        out += row + "\r\n";
    return out;
}
} // namespace

class TestCostCommand : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimProcess> m_sim;
    QTemporaryDir m_config;
    QStringList m_ids; // A to E

    BatchwatchRun cost(const QStringList &args)
    {
        QTemporaryDir cache;
        QProcessEnvironment env =
            batchwatchEnvironment(m_sim->baseUrl(), QStringLiteral("sk-test-cost-0001"), cache.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        return runBatchwatchIn(env, QStringList{QStringLiteral("cost")} + args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = SimProcess::started(kSim);
        QVERIFY(!m_sim->baseUrl().isEmpty());
        QVERIFY(m_config.isValid());
        QVERIFY(QDir().mkpath(m_config.path() + QStringLiteral("/batchwatch")));
        QFile prices(m_config.path() + QStringLiteral("/batchwatch/prices.json"));
        QVERIFY(prices.open(QIODevice::WriteOnly));
        prices.write(kPrices);
        prices.close();
        m_ids << makeBatch(*m_sim, QStringLiteral("gpt-4o-mini-2024-07-18"), 1795168800,
                           usage(1'000'000, 400'000, 250'000))
              << makeBatch(*m_sim, QStringLiteral("gpt-4o-mini"), 1795908600, usage(500'000, 0, 100'000))
              << makeBatch(*m_sim, QStringLiteral("house-model"), 1795912200,
                           usage(3'000'000, 1'000'000, 500'000))
              << makeBatch(*m_sim, QStringLiteral("mystery-model"), 1795914000, usage(700, 0, 300))
              << makeBatch(*m_sim, QStringLiteral("gpt-4o-mini"), 1795917600, QJsonValue());
        for (const QString &id : std::as_const(m_ids))
            QVERIFY(id.startsWith(QLatin1String("batch_")));
    }

    void byModelAsCsv()
    {
        const BatchwatchRun run = cost({QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out,
                 lines({"model,batches,input_tokens," + kHeader, "gpt-4o-mini,2,500000,0,100000,0.18,1",
                        "gpt-4o-mini-2024-07-18,1,1000000,400000,250000,0.36,0",
                        "house-model,1,3000000,1000000,500000,4,0", "mystery-model,1,700,0,300,,1",
                        "(total),5,4500700,1400000,850300,4.54,2"}));
    }

    void byUtcDay()
    {
        // 23:30 on the 28th and 00:30 on the 29th are different days in UTC, whatever the local zone.
        const BatchwatchRun run = cost({QStringLiteral("--by"), QStringLiteral("day"),
                                        QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out,
                 lines({"day,batches,input_tokens," + kHeader, "2026-11-20,1,1000000,400000,250000,0.36,0",
                        "2026-11-28,1,500000,0,100000,0.18,0", "2026-11-29,3,3000700,1000000,500300,4,2",
                        "(total),5,4500700,1400000,850300,4.54,2"}));
    }

    void byBatchNewestFirst()
    {
        const BatchwatchRun run = cost({QStringLiteral("--by"), QStringLiteral("batch"),
                                        QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out, lines({"batch,batches,input_tokens," + kHeader, m_ids[4].toUtf8() + ",1,0,0,0,,1",
                                 m_ids[3].toUtf8() + ",1,700,0,300,,1",
                                 m_ids[2].toUtf8() + ",1,3000000,1000000,500000,4,0",
                                 m_ids[1].toUtf8() + ",1,500000,0,100000,0.18,0",
                                 m_ids[0].toUtf8() + ",1,1000000,400000,250000,0.36,0",
                                 "(total),5,4500700,1400000,850300,4.54,2"}));
    }

    void byAccountAsJson()
    {
        const BatchwatchRun run = cost({QStringLiteral("--by"), QStringLiteral("account"),
                                        QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(root.value(QStringLiteral("by")).toString(), QStringLiteral("account"));
        QCOMPARE(root.value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
        QCOMPARE(root.value(QStringLiteral("prices_updated")).toString(), QStringLiteral("2026-11-30"));
        QVERIFY(root.value(QStringLiteral("since")).isNull());
        const QJsonArray groups = root.value(QStringLiteral("groups")).toArray();
        QCOMPARE(groups.size(), 1);
        const QJsonObject account = groups.at(0).toObject();
        QCOMPARE(account.value(QStringLiteral("account")).toString(), QStringLiteral("OpenAI"));
        for (const QJsonObject &o : {account, root.value(QStringLiteral("total")).toObject()}) {
            QCOMPARE(o.value(QStringLiteral("batches")).toInteger(), 5);
            QCOMPARE(o.value(QStringLiteral("input_tokens")).toInteger(), 4'500'700);
            QCOMPARE(o.value(QStringLiteral("cached_tokens")).toInteger(), 1'400'000);
            QCOMPARE(o.value(QStringLiteral("output_tokens")).toInteger(), 850'300);
            QCOMPARE(o.value(QStringLiteral("cost")).toDouble(), 4.54);
            QCOMPARE(o.value(QStringLiteral("unpriced")).toInteger(), 2);
        }
    }

    void jsonGivesNullNotZeroForAnUnpricedGroup()
    {
        const BatchwatchRun run = cost({QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray groups =
            QJsonDocument::fromJson(run.out).object().value(QStringLiteral("groups")).toArray();
        QCOMPARE(groups.size(), 4);
        const QJsonObject mystery = groups.at(3).toObject();
        QCOMPARE(mystery.value(QStringLiteral("model")).toString(), QStringLiteral("mystery-model"));
        QVERIFY(mystery.value(QStringLiteral("cost")).isNull());
        QCOMPARE(mystery.value(QStringLiteral("input_tokens")).toInteger(), 700);
        const QJsonObject mini = groups.at(0).toObject();
        QCOMPARE(mini.value(QStringLiteral("cost")).toDouble(), 0.18);
        QCOMPARE(mini.value(QStringLiteral("unpriced")).toInteger(), 1);
    }

    void tableForAPerson()
    {
        // The default format on standard output.
        const BatchwatchRun run = cost({QStringLiteral("--by"), QStringLiteral("day")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<QByteArray> rows = run.out.split('\n');
        QVERIFY2(rows.size() >= 6, run.out.constData());
        QVERIFY(rows[0].startsWith("DAY"));
        QVERIFY(rows[0].contains("COST"));
        QCOMPARE(rows[1].simplified(), QByteArray("2026-11-20 1 1,000,000 400,000 250,000 $0.36 0"));
        QCOMPARE(rows[3].simplified(), QByteArray("2026-11-29 3 3,000,700 1,000,000 500,300 $4.00 2"));
        QCOMPARE(rows[5].simplified(), QByteArray("Total 5 4,500,700 1,400,000 850,300 $4.54 2"));
        QVERIFY(run.out.contains("Prices of 2026-11-30 at batch rates"));
        const BatchwatchRun models = cost({QStringLiteral("--format"), QStringLiteral("table")});
        QVERIFY(models.out.contains("mystery-model"));
        QCOMPARE(models.out.split('\n')[4].simplified(), QByteArray("mystery-model 1 700 0 300 - 1"));
    }

    void sinceADateOrASpan()
    {
        // From midnight UTC of the 29th: C, D and E; E's group has no priced batch, so no cost (not 0).
        BatchwatchRun run = cost({QStringLiteral("--since"), QStringLiteral("2026-11-29"),
                                  QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out, lines({"model,batches,input_tokens," + kHeader, "gpt-4o-mini,1,0,0,0,,1",
                                 "house-model,1,3000000,1000000,500000,4,0", "mystery-model,1,700,0,300,,1",
                                 "(total),3,3000700,1000000,500300,4,2"}));
        // A time cuts at that time, not at its day's midnight: D and E only.
        run = cost({QStringLiteral("--since"), QStringLiteral("2026-11-29T00:45Z"),
                    QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(run.out, lines({"model,batches,input_tokens," + kHeader, "gpt-4o-mini,1,0,0,0,,1",
                                 "mystery-model,1,700,0,300,,1", "(total),2,700,0,300,,2"}));
        // Spans count back from now: the last hour holds none of them, a hundred years all.
        run = cost({QStringLiteral("--since"), QStringLiteral("1h"), QStringLiteral("--format"),
                    QStringLiteral("csv")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out, lines({"model,batches,input_tokens," + kHeader, "(total),0,0,0,0,,0"}));
        run = cost({QStringLiteral("--since"), QStringLiteral("36500d"), QStringLiteral("--by"),
                    QStringLiteral("day"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QVERIFY(root.value(QStringLiteral("since")).toString().endsWith(u'Z'));
        QCOMPARE(root.value(QStringLiteral("groups")).toArray().size(), 3);
        QCOMPARE(root.value(QStringLiteral("total")).toObject().value(QStringLiteral("cost")).toDouble(),
                 4.54);
    }

    void queryPicksTheBatches()
    {
        // C and D, by model names, and again by what they are not (the account is the environment's).
        const QList<QByteArray> expected{
            "model,batches,input_tokens," + kHeader, "house-model,1,3000000,1000000,500000,4,0",
            "mystery-model,1,700,0,300,,1", "(total),2,3000700,1000000,500300,4,1"};
        for (const QString &query : {QStringLiteral("model:house-model,MYSTERY-model"),
                                     QStringLiteral("account:OpenAI provider:openai -model~mini")}) {
            const BatchwatchRun run =
                cost({QStringLiteral("--query"), query, QStringLiteral("--format"), QStringLiteral("csv")});
            QVERIFY2(run.exitCode == 0, run.err.constData());
            QCOMPARE(run.out, lines(expected));
        }
        // With --since: both must hold (C and D are on the 29th, B is not).
        const BatchwatchRun run =
            cost({QStringLiteral("--query"), QStringLiteral("model~o"), QStringLiteral("--since"),
                  QStringLiteral("2026-11-29"), QStringLiteral("--by"), QStringLiteral("day"),
                  QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out,
                 lines({"day,batches,input_tokens," + kHeader, "2026-11-29,3,3000700,1000000,500300,4,2",
                        "(total),3,3000700,1000000,500300,4,2"}));
        const BatchwatchRun wrong = cost({QStringLiteral("--query"), QStringLiteral("tokens>lots")});
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY2(wrong.err.contains("--query, character 8:"), wrong.err.constData());
    }

    void outputFileTakesItsFormatFromTheName()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cost.json"));
        const BatchwatchRun run = cost({QStringLiteral("-o"), path});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.isEmpty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("by")).toString(),
                 QStringLiteral("model"));
    }

    void mistakesAndFailuresSaySo()
    {
        BatchwatchRun run = cost({QStringLiteral("--by"), QStringLiteral("week")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("--by must be model, day, batch or account"));
        run = cost({QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(run.exitCode, 2);
        run = cost({QStringLiteral("--since"), QStringLiteral("yesterday")});
        QCOMPARE(run.exitCode, 2);
        // A run that cannot read every batch writes no sum that would pass for the whole.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cost.csv"));
        QTemporaryDir cache;
        QProcessEnvironment env = batchwatchEnvironment(QUrl(QStringLiteral("http://127.0.0.1:9/v1")),
                                                        QStringLiteral("sk-x"), cache.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        run = runBatchwatchIn(env, {QStringLiteral("cost"), QStringLiteral("--max-retries"),
                                    QStringLiteral("0"), QStringLiteral("-o"), path});
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("no costs written"), run.err.constData());
        QVERIFY(!QFile::exists(path));
    }

    void csvDefusesFormulasInKeys()
    {
        // A model name a spreadsheet would run: its own simulator, so the hand-computed set above stays as it
        // is.
        const std::unique_ptr<SimProcess> sim = SimProcess::started(kSim);
        QVERIFY(!sim->baseUrl().isEmpty());
        QVERIFY(!makeBatch(*sim, QStringLiteral("\t=1+1"), 1795168800, usage(1, 0, 1)).isEmpty());
        QVERIFY(!makeBatch(*sim, QStringLiteral(" a, b "), 1795168800, usage(1, 0, 1)).isEmpty());
        QTemporaryDir cache;
        QProcessEnvironment env =
            batchwatchEnvironment(sim->baseUrl(), QStringLiteral("sk-test-cost-0001"), cache.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        const BatchwatchRun run =
            runBatchwatchIn(env, {QStringLiteral("cost"), QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out, lines({"model,batches,input_tokens," + kHeader, "'\t=1+1,1,1,0,1,,1",
                                 "\" a, b \",1,1,0,1,,1", "(total),2,2,0,2,,2"}));
    }

    void simHookRefusesUsageThatMakesNoSense()
    {
        // Each with "requests": 1 and "ended": true.
        for (const auto &[key, value] : std::initializer_list<std::pair<QString, QJsonValue>>{
                 {QStringLiteral("usage"), usage(10, 11, 0)},
                 {QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), 5}}},
                 {QStringLiteral("usage"), QStringLiteral("lots")},
                 {QStringLiteral("usage"), usage(9'000'000'000'000'000'000, 0, 9'000'000'000'000'000'000)},
                 {QStringLiteral("created_at"), QStringLiteral("yesterday")}}) {
            const QJsonObject body{
                {QStringLiteral("requests"), 1}, {QStringLiteral("ended"), true}, {key, value}};
            int status = 0;
            m_sim->postHook(QStringLiteral("/v1/_sim/batches"), body, &status);
            QCOMPARE(status, 400);
        }
        int status = 0;
        m_sim->postHook(QStringLiteral("/v1/_sim/batches"),
                        {{QStringLiteral("requests"), 1}, {QStringLiteral("created_at"), 1795168800}},
                        &status);
        QCOMPARE(status, 400); // created_at places ended batches only
    }

    void aListThatEndsEarlyWritesNothing()
    {
        // A first page that claims more, then empty pages that still claim more: the list ends short.
        HostileServer server([](QTcpSocket *socket, const QByteArray &head) {
            const QByteArray batch =
                "{\"id\": \"batch_one\", \"object\": \"batch\", \"endpoint\": \"/v1/responses\", "
                "\"model\": \"gpt-4o-mini\", \"status\": \"completed\", \"created_at\": 1795168800, "
                "\"input_file_id\": \"file-1\", \"completion_window\": \"24h\", "
                "\"request_counts\": {\"total\": 1, \"completed\": 1, \"failed\": 0}, "
                "\"usage\": {\"input_tokens\": 10, \"output_tokens\": 5, \"total_tokens\": 15}}";
            const QByteArray page =
                head.contains("after=")
                    ? QByteArray("{\"object\": \"list\", \"data\": [], \"has_more\": true}")
                    : "{\"object\": \"list\", \"data\": [" + batch +
                          "], \"first_id\": \"batch_one\", \"last_id\": \"batch_one\", "
                          "\"has_more\": true}";
            socket->write(HostileServer::response(200, page));
        });
        for (const bool useCache : {false, true}) {
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("cost.csv"));
            QTemporaryDir cache;
            QProcessEnvironment env =
                batchwatchEnvironment(server.baseUrl(), QStringLiteral("sk-x"), cache.path());
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
            QStringList args{QStringLiteral("cost"), QStringLiteral("--max-retries"), QStringLiteral("0"),
                             QStringLiteral("-o"), path};
            if (!useCache)
                args << QStringLiteral("--no-cache");
            const BatchwatchRun run = runBatchwatchIn(env, args);
            QCOMPARE(run.exitCode, 4);
            QVERIFY2(run.err.contains("no costs written"), run.err.constData());
            QVERIFY(!QFile::exists(path));
        }
    }

    void unusablePriceFileIsSkippedWithAWarning()
    {
        QTemporaryDir config;
        QVERIFY(QDir().mkpath(config.filePath(QStringLiteral("batchwatch"))));
        QFile prices(config.filePath(QStringLiteral("batchwatch/prices.json")));
        QVERIFY(prices.open(QIODevice::WriteOnly));
        prices.write("{\"models\": {\"house-model\": {\"input\": -1, \"output\": 2}}}");
        prices.close();
        QTemporaryDir cache;
        QProcessEnvironment env =
            batchwatchEnvironment(m_sim->baseUrl(), QStringLiteral("sk-test-cost-0001"), cache.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        const BatchwatchRun run =
            runBatchwatchIn(env, {QStringLiteral("cost"), QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("warning: skipped the price file"), run.err.constData());
        QVERIFY2(run.err.contains("models.\"house-model\".input"), run.err.constData());
        // The shipped table prices nothing called house-model: that batch is unpriced now.
        QVERIFY2(run.out.contains("house-model,1,3000000,1000000,500000,,1"), run.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCostCommand)
#include "tst_costcommand.moc"
