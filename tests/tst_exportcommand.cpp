// `batchwatch export` and `list` through the real binary, against the real simulator and its faults.
#include "batchwatchrun.h"
#include "core/api/apiclient.h"
#include "simprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
using Run = BatchwatchRun;

const QStringList kAccount = {QStringLiteral("--batches"), QStringLiteral("450"),
                              QStringLiteral("--speed"),   QStringLiteral("0"),
                              QStringLiteral("--now"),     QStringLiteral("1790000000")};

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

QStringList faultArgs(const QString &every, const QString &status)
{
    return kAccount +
           QStringList{QStringLiteral("--fail-every"), every, QStringLiteral("--fail-status"), status};
}
} // namespace

class TestExportCommand : public QObject
{
    Q_OBJECT

private:
    QByteArray m_reference; // a fault-free JSON export of the account

private Q_SLOTS:
    void initTestCase()
    {
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        const Run run = runBatchwatch(
            {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")}, sim.baseUrl());
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), run.err.constData()); // not a terminal: no progress, no noise
        m_reference = run.out;
        const QJsonArray all = QJsonDocument::fromJson(m_reference).array();
        QCOMPARE(all.size(), 450);
        for (qsizetype i = 1; i < all.size(); ++i)
            QVERIFY(all[i - 1][QStringLiteral("created_at")].toInteger() >=
                    all[i][QStringLiteral("created_at")].toInteger());
    }

    void faultsWithinTheBudgetChangeNothing_data()
    {
        QTest::addColumn<QStringList>("simArgs");
        QTest::newRow("429 with retry-after") << faultArgs(QStringLiteral("3"), QStringLiteral("429"));
        QTest::newRow("500") << faultArgs(QStringLiteral("2"), QStringLiteral("500"));
        QTest::newRow("dropped connections") << faultArgs(QStringLiteral("2"), QStringLiteral("drop"));
        QTest::newRow("truncated bodies") << faultArgs(QStringLiteral("2"), QStringLiteral("truncate"));
        QTest::newRow("time-outs") << faultArgs(QStringLiteral("3"), QStringLiteral("hang"));
    }

    void faultsWithinTheBudgetChangeNothing()
    {
        QFETCH(QStringList, simArgs);
        SimProcess sim(simArgs);
        QVERIFY(sim.start());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("all.json"));
        const Run run = runBatchwatch({QStringLiteral("export"), QStringLiteral("-o"), path,
                                       QStringLiteral("--timeout"), QStringLiteral("1")},
                                      sim.baseUrl());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(readFile(path), m_reference);
        QVERIFY(sim.stats().value(QStringLiteral("faults")).toInteger() > 0);
    }

    void beyondTheBudgetExitsFourAndTouchesNothing()
    {
        SimProcess sim(faultArgs(QStringLiteral("1"), QStringLiteral("503")));
        QVERIFY(sim.start());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keep.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("yesterday's export\n");
        }
        const Run run = runBatchwatch({QStringLiteral("export"), QStringLiteral("-o"), path,
                                       QStringLiteral("--max-retries"), QStringLiteral("1")},
                                      sim.baseUrl());
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.startsWith("batchwatch: HTTP 503"), run.err.constData());
        QVERIFY(run.err.contains("(request req_"));
        QCOMPARE(run.err.count('\n'), 1);
        QCOMPARE(readFile(path), QByteArray("yesterday's export\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("keep.csv")});
    }

    void badPagesExitFourWithAClearMessage_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("not JSON") << "garbage" << QByteArray("not valid JSON");
        QTest::newRow("wrong shape") << "wrong-shape" << QByteArray("'data' is an object");
        QTest::newRow("always truncated") << "truncate" << QByteArray("batchwatch: ");
    }

    void badPagesExitFourWithAClearMessage()
    {
        QFETCH(QString, mode);
        QFETCH(QByteArray, message);
        SimProcess sim(
            faultArgs(mode == QLatin1String("truncate") ? QStringLiteral("1") : QStringLiteral("2"), mode));
        QVERIFY(sim.start());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        const Run run = runBatchwatch({QStringLiteral("export"), QStringLiteral("-o"), path}, sim.baseUrl());
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(message), run.err.constData());
        QVERIFY(!QFile::exists(path)); // never a file with silently fewer batches
    }

    void anEmptyPageClaimingMoreIsAskedForAgain()
    {
        // Every second answer is an empty page that claims more; asked again, the walk reads everything.
        SimProcess sim(faultArgs(QStringLiteral("2"), QStringLiteral("empty-page")));
        QVERIFY(sim.start());
        const Run run = runBatchwatch(
            {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("jsonl")}, sim.baseUrl());
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.count('\n'), 450);
        QVERIFY2(!run.err.contains("may be missing"), run.err.constData());
    }

    void wrongKeyExitsThree()
    {
        SimProcess sim(kAccount +
                       QStringList{QStringLiteral("--api-key"), QStringLiteral("sk-the-right-one")});
        QVERIFY(sim.start());
        const Run run =
            runBatchwatch({QStringLiteral("list")}, sim.baseUrl(), QStringLiteral("sk-a-wrong-key-4321"));
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.startsWith("batchwatch: HTTP 401 invalid_api_key: Incorrect API key provided"),
                 run.err.constData());
        QVERIFY(!run.err.contains("sk-a-wrong-key-4321"));
        QVERIFY2(run.out.isEmpty(), run.out.constData()); // no table header before a page arrived
    }

    void keyOverPlainHttpIsRefusedBeforeSending()
    {
        const Run run = runBatchwatch({QStringLiteral("export")},
                                      QUrl(QStringLiteral("http://batchwatch-test.invalid/v1")));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("refusing to send the API key over plain http://"), run.err.constData());
    }

    void unwritableOutputExitsFive()
    {
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        const Run run = runBatchwatch(
            {QStringLiteral("export"), QStringLiteral("-o"), QStringLiteral("/nonexistent-dir/x.csv")},
            sim.baseUrl());
        QCOMPARE(run.exitCode, 5);
        QVERIFY(run.err.contains("/nonexistent-dir/x.csv"));
    }

    void usageErrorsExitTwo()
    {
        const Run run =
            runBatchwatch({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("xml")},
                          QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("--format must be csv, json or jsonl"));
        QCOMPARE(runBatchwatch({QStringLiteral("frobnicate")}, QUrl()).exitCode, 2);
        const Run help = runBatchwatch({QStringLiteral("--help")}, QUrl());
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("batchwatch export"));
        QVERIFY(runBatchwatch({QStringLiteral("--version")}, QUrl())
                    .out.startsWith("batchwatch " BATCHWATCH_VERSION));
    }

    void filtersAndMaxPickTheRightBatches()
    {
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        const QJsonArray all = QJsonDocument::fromJson(m_reference).array();
        QJsonArray expected;
        for (const QJsonValue &v : all) {
            const QString status = v[QStringLiteral("status")].toString();
            const QString model = v[QStringLiteral("model")].toString();
            if ((status == QLatin1String("failed") || status == QLatin1String("expired")) &&
                model.contains(QStringLiteral("GPT-4"), Qt::CaseInsensitive))
                expected.append(v);
        }
        QVERIFY(expected.size() >= 3);
        const Run run =
            runBatchwatch({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                           QStringLiteral("--status"), QStringLiteral("failed,expired"),
                           QStringLiteral("--search"), QStringLiteral("GPT-4")},
                          sim.baseUrl());
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out).array(), expected);

        const Run two = runBatchwatch({QStringLiteral("export"), QStringLiteral("--format"),
                                       QStringLiteral("jsonl"), QStringLiteral("--status"),
                                       QStringLiteral("failed,expired"), QStringLiteral("--search"),
                                       QStringLiteral("GPT-4"), QStringLiteral("--max"), QStringLiteral("2")},
                                      sim.baseUrl());
        QCOMPARE(two.exitCode, 0);
        const QList<QByteArray> lines = two.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(lines[1]).object(), expected[1].toObject());
    }

    void createdAfterStopsReadingEarly()
    {
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        // 36 hours back from the simulated now; the walk needs only the pages that reach that far.
        const qint64 now = 1'790'000'000;
        const QString after = QDateTime::fromSecsSinceEpoch(now - 36 * 3600, Qt::UTC).toString(Qt::ISODate);
        const Run run =
            runBatchwatch({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("jsonl"),
                           QStringLiteral("--created-after"), after, QStringLiteral("--no-cache")},
                          sim.baseUrl());
        QCOMPARE(run.exitCode, 0);
        qint64 expected = 0;
        for (const QJsonValue &v : QJsonDocument::fromJson(m_reference).array())
            expected += v[QStringLiteral("created_at")].toInteger() >= now - 36 * 3600;
        QVERIFY(expected > 0);
        QCOMPARE(run.out.count('\n'), expected);
        QVERIFY(sim.stats().value(QStringLiteral("requests")).toInteger() < 5);
    }

    void queryFiltersAndStopsReadingEarly()
    {
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        const qint64 now = 1'790'000'000;
        const QString after = QDateTime::fromSecsSinceEpoch(now - 36 * 3600, Qt::UTC).toString(Qt::ISODate);
        const Run run =
            runBatchwatch({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("jsonl"),
                           QStringLiteral("--no-cache"), QStringLiteral("--query"),
                           QStringLiteral("created>=%1 -status:completed provider:openai").arg(after)},
                          sim.baseUrl());
        QCOMPARE(run.exitCode, 0);
        qint64 expected = 0;
        for (const QJsonValue &v : QJsonDocument::fromJson(m_reference).array())
            expected += v[QStringLiteral("created_at")].toInteger() >= now - 36 * 3600 &&
                        v[QStringLiteral("status")].toString() != QLatin1String("completed");
        QVERIFY(expected > 0);
        QCOMPARE(run.out.count('\n'), expected);
        QVERIFY(sim.stats().value(QStringLiteral("requests")).toInteger() < 5);
    }

    void aFilterThatMatchesNothingEarlyStillReadsOn()
    {
        // The one batch wanted sits on the third page; the first two match nothing and must not end the walk.
        const QString deep =
            QJsonDocument::fromJson(m_reference).array()[250][QStringLiteral("id")].toString();
        for (const QString &cache : {QStringLiteral("--no-cache"), QStringLiteral("--refresh-all")}) {
            SimProcess sim(kAccount);
            QVERIFY(sim.start());
            const Run run = runBatchwatch({QStringLiteral("export"), QStringLiteral("--format"),
                                           QStringLiteral("jsonl"), QStringLiteral("--search"), deep, cache},
                                          sim.baseUrl());
            QCOMPARE(run.exitCode, 0);
            QCOMPARE(run.out.count('\n'), 1);
            QVERIFY(run.out.contains(deep.toUtf8()));
        }
    }

    void warmCacheCostsAFewRequestsAndChangesNothing()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("5000"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        QTemporaryDir cacheHome;
        const QStringList args = {QStringLiteral("export"), QStringLiteral("--format"),
                                  QStringLiteral("json")};
        const Run cold =
            runBatchwatch(args, sim.baseUrl(), QStringLiteral("sk-test-export-0001"), cacheHome.path());
        QCOMPARE(cold.exitCode, 0);
        const qint64 coldRequests = sim.requestsServed();
        QCOMPARE(coldRequests, 50);
        QCOMPARE(QJsonDocument::fromJson(cold.out).array().size(), 5000);

        const Run warm =
            runBatchwatch(args, sim.baseUrl(), QStringLiteral("sk-test-export-0001"), cacheHome.path());
        QCOMPARE(warm.exitCode, 0);
        const qint64 warmRequests = sim.requestsServed() - coldRequests;
        QVERIFY2(warmRequests <= 5, qPrintable(QString::number(warmRequests)));
        QCOMPARE(warm.out, cold.out);

        // Something new on top, something that changed below: both picked up, and still what a cold run sees.
        const QString created = sim.createBatch(3);
        QVERIFY(!created.isEmpty());
        QString running;
        for (const QJsonValue &v : QJsonDocument::fromJson(cold.out).array()) {
            if (running.isEmpty() && v[QStringLiteral("status")] == QJsonValue(QStringLiteral("in_progress")))
                running = v[QStringLiteral("id")].toString();
        }
        ApiClient client(sim.config());
        ApiCall *cancel = client.cancelBatch(running);
        QSignalSpy cancelled(cancel, &ApiCall::finished);
        QVERIFY(cancelled.wait(10'000));
        const qint64 before = sim.requestsServed();
        const Run updated =
            runBatchwatch(args, sim.baseUrl(), QStringLiteral("sk-test-export-0001"), cacheHome.path());
        QCOMPARE(updated.exitCode, 0);
        QVERIFY(sim.requestsServed() - before <= 5);
        const Run reference = runBatchwatch(args + QStringList{QStringLiteral("--no-cache")}, sim.baseUrl());
        QCOMPARE(updated.out, reference.out);
        const QJsonArray all = QJsonDocument::fromJson(updated.out).array();
        QCOMPARE(all.size(), 5001);
        QCOMPARE(all[0][QStringLiteral("id")].toString(), created);
        QVERIFY(updated.out.contains(QByteArray("\"cancelling\"")));
    }

    void aDamagedCacheIsMovedAsideAndRebuilt()
    {
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        QTemporaryDir cacheHome;
        const QStringList args = {QStringLiteral("export"), QStringLiteral("--format"),
                                  QStringLiteral("json")};
        QCOMPARE(runBatchwatch(args, sim.baseUrl(), QStringLiteral("sk-test-export-0001"), cacheHome.path())
                     .exitCode,
                 0);
        QDirIterator files(cacheHome.path(), {QStringLiteral("*.sqlite")}, QDir::Files,
                           QDirIterator::Subdirectories);
        QVERIFY(files.hasNext());
        const QString path = files.next();
        QVERIFY(
            !path.contains(QStringLiteral("sk-test-export"))); // named from a hash of the key, not the key
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write("this is not a database, just bytes where one used to be");
        }
        QFile::remove(path + QStringLiteral("-wal"));
        const Run run =
            runBatchwatch(args, sim.baseUrl(), QStringLiteral("sk-test-export-0001"), cacheHome.path());
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("moved it to"), run.err.constData());
        QCOMPARE(run.out, m_reference);
    }

    void listPrintsATable()
    {
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        const Run run = runBatchwatch({QStringLiteral("list"), QStringLiteral("--max"), QStringLiteral("9")},
                                      sim.baseUrl());
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 10);
        QVERIFY(lines[0].startsWith("STATUS"));
        QVERIFY(lines[1].startsWith("validating"));
    }

    void hugePagesPass()
    {
        // One page of 100 batches at 500 KB each: a 50 MB answer.
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("100"), QStringLiteral("--speed"),
                        QStringLiteral("0"), QStringLiteral("--pad-bytes"), QStringLiteral("500000")});
        QVERIFY(sim.start());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.jsonl"));
        const Run run = runBatchwatch({QStringLiteral("export"), QStringLiteral("-o"), path}, sim.baseUrl());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(QFileInfo(path).size() > 50'000'000);
        QCOMPARE(readFile(path).count('\n'), 100);
    }
};

QTEST_GUILESS_MAIN(TestExportCommand)
#include "tst_exportcommand.moc"
