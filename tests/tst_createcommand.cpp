// `batchwatch create` and the usage of the new commands through the real binary against the real simulator:
// each kind of problem reported with its line and nothing sent, a good file becomes a batch the simulator
// lists, and option mistakes exit 2.
#include "batchwatchrun.h"
#include "simprocess.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

namespace {
using Run = BatchwatchRun;

QByteArray request(const QByteArray &customId, const QByteArray &model = "gpt-4o-mini",
                   const QByteArray &url = "/v1/chat/completions", const QByteArray &method = "POST")
{
    // Escaped, not raw: moc (Qt 6.4) misreads a raw string whose content ends with a quote.
    return "{\"custom_id\": \"" + customId + "\", \"method\": \"" + method + "\", \"url\": \"" + url +
           "\", \"body\": {\"model\": \"" + model +
           "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}}";
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return path;
}

QByteArray get(const SimProcess &sim, const QString &path)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(sim.baseUrl().toString() + path));
    request.setRawHeader("Authorization", "Bearer sk-test");
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return reply->readAll();
}

QByteArray fileContent(const SimProcess &sim, const QString &fileId)
{
    return get(sim, QStringLiteral("/files/%1/content").arg(fileId));
}

qint64 posts(const SimProcess &sim)
{
    const QJsonObject routes = sim.stats().value(QStringLiteral("by_route")).toObject();
    return routes.value(QStringLiteral("POST files")).toInteger() +
           routes.value(QStringLiteral("POST batches")).toInteger();
}
} // namespace

class TestCreateCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachProblemIsReportedWithItsLine()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("3")});
        QVERIFY(sim.start());
        QTemporaryDir dir;
        const QByteArray content =
            request("a") + '\n' + // 1: good
            "{not json\n" +       // 2
            R"({"method": "POST", "url": "/v1/chat/completions", "body": {"model": "m"}})" +
            QByteArray("\n") +                                                  // 3: no custom_id
            request("a") + '\n' +                                               // 4: duplicate
            request("e", "gpt-4o-mini", "/v1/chat/completions", "GET") + '\n' + // 5
            request("f", "gpt-4o-mini", "/v1/embeddings") + '\n' +              // 6
            R"({"custom_id": "g", "method": "POST", "url": "/v1/chat/completions", "body": {}})" +
            QByteArray("\n") +              // 7: no model
            request("h", "gpt-4.1") + '\n'; // 8: another model
        const QString path = writeFile(dir, QStringLiteral("problems.jsonl"), content);
        QVERIFY(!path.isEmpty());
        const Run run = runBatchwatch({QStringLiteral("create"), path}, sim.baseUrl());
        QCOMPARE(run.exitCode, 2);
        for (int line = 2; line <= 8; ++line) {
            const QByteArray where = path.toUtf8() + ':' + QByteArray::number(line) + ": ";
            QVERIFY2(
                run.err.contains(where),
                qPrintable(
                    QStringLiteral("line %1 missing in:\n%2").arg(line).arg(QString::fromUtf8(run.err))));
        }
        QVERIFY2(!run.err.contains(QByteArray(path.toUtf8() + ":1: ")), run.err.constData());
        QVERIFY(run.err.contains(QByteArray(path.toUtf8() + ":4: ")) &&
                run.err.contains("line 1")); // names the first
        QVERIFY(run.out.isEmpty());
        QCOMPARE(posts(sim), 0);
    }

    void anEmptyOrMissingFileIsAProblem()
    {
        QTemporaryDir dir;
        const QString empty = writeFile(dir, QStringLiteral("empty.jsonl"), "\n\n");
        const QString missing = dir.filePath(QStringLiteral("missing.jsonl"));
        for (const QString &path : {empty, missing}) {
            const Run run = runBatchwatch({QStringLiteral("create"), path},
                                          QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.startsWith(QByteArray(path.toUtf8() + ": ")), run.err.constData());
        }
    }

    void tooManyLinesIsAProblem()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("3")});
        QVERIFY(sim.start());
        QTemporaryDir dir;
        QByteArray content;
        for (int i = 0; i <= 50'000; ++i)
            content += request("r" + QByteArray::number(i)) + '\n';
        const QString path = writeFile(dir, QStringLiteral("big.jsonl"), content);
        const Run run = runBatchwatch({QStringLiteral("create"), path}, sim.baseUrl());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("50,000") || run.err.contains("50000"), run.err.constData());
        QCOMPARE(posts(sim), 0);
    }

    void aGoodFileBecomesABatchTheSimulatorLists()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("3"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        QTemporaryDir dir;
        QByteArray content;
        for (int i = 1; i <= 5; ++i)
            content +=
                request("req \\\"" + QByteArray::number(i) + "\\\" é") + '\n'; // quotes, unicode, spaces
        const QString path = writeFile(dir, QStringLiteral("good.jsonl"), content);

        const Run dry =
            runBatchwatch({QStringLiteral("create"), path, QStringLiteral("--dry-run")}, sim.baseUrl());
        QVERIFY2(dry.exitCode == 0, dry.err.constData());
        QVERIFY(dry.out.isEmpty());
        QVERIFY2(dry.err.contains("5 requests") && dry.err.contains("gpt-4o-mini") &&
                     dry.err.contains("/v1/chat/completions") && dry.err.contains("estimate"),
                 dry.err.constData());
        QCOMPARE(posts(sim), 0);

        const Run run = runBatchwatch({QStringLiteral("create"), path, QStringLiteral("--metadata"),
                                       QStringLiteral("team=research"), QStringLiteral("--window"),
                                       QStringLiteral("24h")},
                                      sim.baseUrl());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString id = QString::fromUtf8(run.out).trimmed();
        QVERIFY2(id.startsWith(QLatin1String("batch_")), run.out.constData());
        const Run list = runBatchwatch(
            {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")}, sim.baseUrl());
        QCOMPARE(list.exitCode, 0);
        bool found = false;
        for (const QJsonValue &batch : QJsonDocument::fromJson(list.out).array()) {
            if (batch[QStringLiteral("id")].toString() != id)
                continue;
            found = true;
            QCOMPARE(batch[QStringLiteral("endpoint")].toString(), QStringLiteral("/v1/chat/completions"));
            QCOMPARE(batch[QStringLiteral("metadata")][QStringLiteral("team")].toString(),
                     QStringLiteral("research"));
            // The file uploaded is the file given, byte for byte.
            const QString fileId = batch[QStringLiteral("input_file_id")].toString();
            QCOMPARE(fileContent(sim, fileId), content);
            // What is sent is a private copy, under the name of the file given.
            QCOMPARE(QJsonDocument::fromJson(get(sim, QStringLiteral("/files/") + fileId))
                         .object()
                         .value(QStringLiteral("filename"))
                         .toString(),
                     QStringLiteral("good.jsonl"));
        }
        QVERIFY2(found, qPrintable(id));
    }

    void optionMistakesExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("results without id")
            << QStringList{QStringLiteral("results")} << QByteArray("BATCH_ID is missing");
        QTest::newRow("results --only") << QStringList{QStringLiteral("results"), QStringLiteral("b"),
                                                       QStringLiteral("--only"), QStringLiteral("good")}
                                        << QByteArray("--only takes");
        QTest::newRow("retry -o -") << QStringList{QStringLiteral("retry"), QStringLiteral("b"),
                                                   QStringLiteral("-o"), QStringLiteral("-")}
                                    << QByteArray("standard output carries");
        QTest::newRow("create --window 48h")
            << QStringList{QStringLiteral("create"), QStringLiteral("f.jsonl"), QStringLiteral("--window"),
                           QStringLiteral("48h")}
            << QByteArray("--window");
        QTest::newRow("create 17 pairs") << [] {
            QStringList args{QStringLiteral("create"), QStringLiteral("f.jsonl")};
            for (int i = 0; i < 17; ++i)
                args << QStringLiteral("--metadata") << QStringLiteral("k%1=v").arg(i);
            return args;
        }() << QByteArray("at most 16");
        QTest::newRow("create --metadata long key")
            << QStringList{QStringLiteral("create"), QStringLiteral("f.jsonl"), QStringLiteral("--metadata"),
                           QString(65, u'k') + QStringLiteral("=v")}
            << QByteArray("longer than 64");
        QTest::newRow("results ..") << QStringList{QStringLiteral("results"), QStringLiteral("..")}
                                    << QByteArray("\"..\" is not an id");
        QTest::newRow("create unknown option")
            << QStringList{QStringLiteral("create"), QStringLiteral("f.jsonl"),
                           QStringLiteral("--frobnicate")}
            << QByteArray("frobnicate");
    }

    void optionMistakesExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        // Nothing listens there: a mistake must be found before anything is sent.
        const Run run = runBatchwatch(args, QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), run.err.constData());
    }

    void helpListsTheCommands()
    {
        const Run top = runBatchwatch({QStringLiteral("--help")}, QUrl());
        QCOMPARE(top.exitCode, 0);
        for (const char *command : {"results BATCH_ID", "retry BATCH_ID", "create FILE"})
            QVERIFY2(top.out.contains(QByteArray(QByteArray("batchwatch ") + command)), top.out.constData());
        for (const char *command : {"results", "retry", "create"}) {
            const Run help = runBatchwatch({QString::fromLatin1(command), QStringLiteral("--help")}, QUrl());
            QCOMPARE(help.exitCode, 0);
            QVERIFY2(help.out.startsWith(QByteArray(QByteArray("Usage: batchwatch ") + command)),
                     help.out.constData());
            QVERIFY2(help.out.contains("--account") && help.out.contains("--provider") &&
                         help.out.contains("--deadline"),
                     help.out.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestCreateCommand)
#include "tst_createcommand.moc"
