// What `batchwatch results`, `retry` and `create` refuse to do because it could cost twice or mislead,
// through the real binary against a small server that answers as told: retry while the read is incomplete,
// results of a running batch, a create that may have happened, a file that is not a regular file.
#include "batchwatchrun.h"
#include "core/accounts/account.h"
#include "core/results/resultsfetch.h"
#include "hostileserver.h"

#include <QCoreApplication>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {
using Run = BatchwatchRun;

QByteArray inputLine(const char *id)
{
    return "{\"custom_id\": \"" + QByteArray(id) +
           "\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": {\"model\": \"m\"}}";
}

QByteArray okLine(const char *id)
{
    return "{\"id\": \"r\", \"custom_id\": \"" + QByteArray(id) +
           "\", \"response\": {\"status_code\": 200, \"body\": {}}, \"error\": null}\n";
}

// One OpenAI batch `batch_x` of the requests a, b, c with `output` as its output file, in `status` with
// `completed` requests counted; uploads answer as a file and creates as `createAnswer` says.
struct FakeBatch
{
    QByteArray status = "completed";
    int completed = 3;
    QByteArray output;
    QByteArray createAnswer = HostileServer::response(500, "{\"error\": {\"message\": \"oops\"}}");

    QByteArray input() const { return inputLine("a") + '\n' + inputLine("b") + '\n' + inputLine("c") + '\n'; }

    QByteArray batchJson() const
    {
        return "{\"id\": \"batch_x\", \"object\": \"batch\", \"endpoint\": \"/v1/chat/completions\", "
               "\"input_file_id\": \"file-in\", \"output_file_id\": \"file-out\", \"error_file_id\": null, "
               "\"completion_window\": \"24h\", \"status\": \"" +
               status +
               "\", \"created_at\": 1790000000, \"completed_at\": 1790000100, \"metadata\": {}, "
               "\"request_counts\": {\"total\": 3, \"completed\": " +
               QByteArray::number(completed) + ", \"failed\": 0}}";
    }

    static QByteArray fileJson(const char *id, qint64 bytes)
    {
        return "{\"id\": \"" + QByteArray(id) +
               "\", \"object\": \"file\", \"bytes\": " + QByteArray::number(bytes) +
               ", \"created_at\": 1790000000, \"filename\": \"x.jsonl\", \"purpose\": \"batch\"}";
    }

    void answer(QTcpSocket *socket, const QByteArray &head) const
    {
        const QByteArray method = head.split(' ').value(0);
        const QByteArray path = head.split(' ').value(1);
        QByteArray reply = HostileServer::response(404, "{\"error\": {\"message\": \"no\"}}");
        if (method == "POST" && path.startsWith("/v1/files"))
            reply = HostileServer::response(200, fileJson("file-new", 100));
        else if (method == "POST" && path.startsWith("/v1/batches"))
            reply = createAnswer;
        else if (path.startsWith("/v1/batches/batch_x"))
            reply = HostileServer::response(200, batchJson());
        else if (path.startsWith("/v1/files/file-in/content"))
            reply = HostileServer::response(200, input());
        else if (path.startsWith("/v1/files/file-out/content"))
            reply = HostileServer::response(200, output);
        else if (path.startsWith("/v1/files/file-in"))
            reply = HostileServer::response(200, fileJson("file-in", input().size()));
        else if (path.startsWith("/v1/files/file-out"))
            reply = HostileServer::response(200, fileJson("file-out", output.size()));
        socket->write(reply);
    }
};

qsizetype countOf(const HostileServer &server, const QByteArray &start)
{
    qsizetype n = 0;
    for (const QByteArray &line : server.requestLines())
        n += line.startsWith(start) ? 1 : 0;
    return n;
}

QStringList args(std::initializer_list<const char *> words)
{
    QStringList out;
    for (const char *word : words)
        out << QString::fromUtf8(word);
    return out;
}
} // namespace

class TestResultsSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryRefusesWhileTheReadHasWarnings()
    {
        // b's result line does not read: b shows as not run although it may have run. Sending it again
        // could run it twice.
        FakeBatch fake;
        fake.output = okLine("c") + okLine("a") + "{this is not json\n";
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) { fake.answer(socket, head); });
        const Run run = runBatchwatch(args({"retry", "batch_x"}), server.baseUrl());
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("line 3"), run.err.constData());
        QVERIFY2(run.err.contains("nothing sent"), run.err.constData());
        QVERIFY(run.out.isEmpty());
        QCOMPARE(countOf(server, "POST"), 0);
    }

    void retryDryRunWritesTheLinesButExitsFour()
    {
        FakeBatch fake;
        fake.output = okLine("c") + okLine("a") + "{this is not json\n";
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) { fake.answer(socket, head); });
        const Run run = runBatchwatch(args({"retry", "batch_x", "--dry-run"}), server.baseUrl());
        QCOMPARE(run.exitCode, 4);
        QCOMPARE(run.out, inputLine("b") + '\n');
        QVERIFY2(run.err.contains("may have run"), run.err.constData());
        QCOMPARE(countOf(server, "POST"), 0);
    }

    void countsThatDisagreeAreAWarningAndStopRetry()
    {
        // Every line reads, but the batch counts 3 completed and the output holds 2: a file cut on a line
        // end. b reads as not run although it ran.
        FakeBatch fake;
        fake.output = okLine("c") + okLine("a");
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) { fake.answer(socket, head); });
        const Run results =
            runBatchwatch(args({"results", "batch_x", "--format", "jsonl"}), server.baseUrl());
        QCOMPARE(results.exitCode, 4);
        QCOMPARE(results.out.count('\n'), 3); // the records are still written
        QVERIFY2(results.err.contains("warning: ") && results.err.contains('3') && results.err.contains('2'),
                 results.err.constData());
        const Run retry = runBatchwatch(args({"retry", "batch_x"}), server.baseUrl());
        QCOMPARE(retry.exitCode, 4);
        QVERIFY2(retry.err.contains("nothing sent"), retry.err.constData());
        QCOMPARE(countOf(server, "POST"), 0);
    }

    void resultsOfARunningBatchAreRefused()
    {
        FakeBatch fake;
        fake.status = "in_progress";
        fake.completed = 2;
        fake.output = okLine("a") + okLine("c");
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) { fake.answer(socket, head); });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        const Run run = runBatchwatch(args({"results", "batch_x", "-o"}) << path, server.baseUrl());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("the batch is still in_progress; its results come when it ends"),
                 run.err.constData());
        QVERIFY(!QFile::exists(path));
        QCOMPARE(countOf(server, "GET /v1/files"), 0);
    }

    void aCreateThatFailedAfterSendingMayHaveHappened_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<bool>("ambiguous");
        QTest::newRow("500") << HostileServer::response(500, "{\"error\": {\"message\": \"oops\"}}") << true;
        QTest::newRow("cut") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"id\"") << true;
        QTest::newRow("400")
            << HostileServer::response(
                   400, "{\"error\": {\"message\": \"bad\", \"type\": \"invalid_request_error\"}}")
            << false;
    }

    void aCreateThatFailedAfterSendingMayHaveHappened()
    {
        QFETCH(QByteArray, answer);
        QFETCH(bool, ambiguous);
        FakeBatch fake;
        fake.createAnswer = answer;
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            fake.answer(socket, head);
            if (head.startsWith("POST /v1/batches"))
                socket->disconnectFromHost(); // a cut answer ends here
        });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(inputLine("a") + '\n');
        }
        const Run run =
            runBatchwatch(args({"create", "--max-retries", "0", "--timeout", "5"}) << path, server.baseUrl());
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("file-new"), run.err.constData());
        QCOMPARE(run.err.contains("the batch may have been created: check `batchwatch list` before creating "
                                  "again"),
                 ambiguous);
        QCOMPARE(run.err.contains("no batch was created"), !ambiguous);
    }

    void createRefusesWhatIsNotARegularFile_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("fifo") << QStringLiteral("fifo");
        QTest::newRow("directory") << QStringLiteral("directory");
        QTest::newRow("device") << QStringLiteral("device");
    }

    void createRefusesWhatIsNotARegularFile()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        QString path = dir.filePath(QStringLiteral("requests"));
        if (kind == QLatin1String("fifo"))
            QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        else if (kind == QLatin1String("directory"))
            QVERIFY(QDir().mkpath(path));
        else
            path = QStringLiteral("/dev/null");
        HostileServer server([](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(500, "{}"));
        });
        const Run run = runBatchwatch(args({"create"}) << path, server.baseUrl());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("not a regular file"), run.err.constData());
        QCOMPARE(server.requestLines().size(), 0);
    }

    void createRefusesAFileThatChangesWhileCopied()
    {
        // A procfs file says it is 0 bytes long and reads as more: it stands in for a file that a generator
        // is still writing while it is copied (the copy is what the check sees and what is sent).
        if (QFileInfo(QStringLiteral("/proc/version")).size() != 0)
            QSKIP("needs procfs");
        HostileServer server([](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(500, "{}"));
        });
        const Run run = runBatchwatch(args({"create", "/proc/version"}), server.baseUrl());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("changed while it was read"), run.err.constData());
        QCOMPARE(server.requestLines().size(), 0);
    }

    void resultsKeepTheirFilesWhereTheWindowLooks()
    {
        // One rule for the window and the command line: ResultsFetch::cacheDirFor(account.cacheName(key)),
        // so a batch read in one is not downloaded again by the other.
        FakeBatch fake;
        fake.output = okLine("c") + okLine("a") + okLine("b");
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) { fake.answer(socket, head); });
        QTemporaryDir cacheHome;
        const QString key = QStringLiteral("sk-test-cache-0001");
        const Run run = runBatchwatch(args({"results", "batch_x"}), server.baseUrl(), key, cacheHome.path());
        QCOMPARE(run.exitCode, 0);

        Account account;
        account.name = QStringLiteral("OpenAI");
        account.baseUrl = server.baseUrl().toString();
        account.fromEnvironment = true;
        const QByteArray oldCacheHome = qgetenv("XDG_CACHE_HOME");
        qputenv("XDG_CACHE_HOME", QFile::encodeName(cacheHome.path()));
        const QString organization = QCoreApplication::organizationName();
        const QString application = QCoreApplication::applicationName();
        QCoreApplication::setOrganizationName(QStringLiteral("Batchwatch"));
        QCoreApplication::setApplicationName(QStringLiteral("batchwatch"));
        const QString dir = ResultsFetch::cacheDirFor(account.cacheName(key));
        QCoreApplication::setOrganizationName(organization);
        QCoreApplication::setApplicationName(application);
        qputenv("XDG_CACHE_HOME", oldCacheHome);
        QVERIFY2(dir.startsWith(cacheHome.path()), qPrintable(dir));
        const QStringList files = QDir(dir).entryList(QDir::Files);
        QVERIFY2(files.size() >= 2, qPrintable(dir + QStringLiteral(": ") + files.join(u' ')));
    }

    void resultsHelpSaysHowCsvCellsAreDefused()
    {
        HostileServer server([](QTcpSocket *, const QByteArray &) {});
        const Run run = runBatchwatch(args({"results", "--help"}), server.baseUrl());
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("= + - @") && run.out.contains("a leading '"), run.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestResultsSafety)
#include "tst_resultssafety.moc"
