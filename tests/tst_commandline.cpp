// The command line's edges through the real binary: arguments it does not know, no display, odd output
// paths, a deadline, unknown statuses, and a server whose text holds terminal control sequences.
#include "batchwatchrun.h"
#include "simprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
const QStringList kAccount = {QStringLiteral("--batches"), QStringLiteral("450"),
                              QStringLiteral("--speed"),   QStringLiteral("0"),
                              QStringLiteral("--now"),     QStringLiteral("1790000000")};

// A server that answers every request with one fixed HTTP response, whatever was asked.
class FixedServer
{
public:
    FixedServer(int status, const QByteArray &body)
    {
        const QByteArray reason = status == 200 ? "OK" : "Bad Request";
        m_response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                     "\r\nContent-Type: application/json\r\nx-request-id: req_fixed\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_requests[socket] += socket->readAll();
                    if (m_requests[socket].contains("\r\n\r\n")) {
                        m_requests.remove(socket);
                        ++m_served;
                        socket->write(m_response);
                        socket->disconnectFromHost();
                    }
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(m_server.serverPort())); }
    int served() const { return m_served; }

private:
    QTcpServer m_server;
    QByteArray m_response;
    QHash<QTcpSocket *, QByteArray> m_requests;
    int m_served = 0;
};

// Title-setting (OSC 0 ... BEL) and clear-screen (CSI 2J) sequences; the server sends them as JSON escapes.
const QString kTitle = QStringLiteral("\x1b]0;title\x07");
const QString kClear = QStringLiteral("\x1b[2J");

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A batch whose text holds control sequences, and a C1 CSI (U+009B) in its status.
QByteArray hostileBatch()
{
    const QJsonObject counts{
        {QStringLiteral("total"), 1}, {QStringLiteral("completed"), 0}, {QStringLiteral("failed"), 1}};
    return compact(
        {{QStringLiteral("id"), QStringLiteral("batch_hostile")},
         {QStringLiteral("object"), QStringLiteral("batch")},
         {QStringLiteral("endpoint"), QString(QStringLiteral("/v1/x") + kClear)},
         {QStringLiteral("model"), QString(QStringLiteral("m") + kTitle)},
         {QStringLiteral("status"), QString(QStringLiteral("failed") + QChar(0x9b))},
         {QStringLiteral("created_at"), 1'790'000'000},
         {QStringLiteral("completion_window"), QStringLiteral("24h")},
         {QStringLiteral("input_file_id"), QStringLiteral("file-1")},
         {QStringLiteral("request_counts"), counts},
         {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("note"), QString(kTitle + kClear)}}}});
}

QProcessEnvironment withoutDisplay()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QLatin1String(name));
    return env;
}

bool hasControlBytes(const QByteArray &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](char c) {
        return (static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7f;
    });
}
} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

private:
    QByteArray m_reference; // a JSON Lines export of the account

private Q_SLOTS:
    void initTestCase()
    {
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        const BatchwatchRun run = runBatchwatch(
            {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("jsonl")}, sim.baseUrl());
        QCOMPARE(run.exitCode, 0);
        m_reference = run.out;
        QCOMPARE(m_reference.count('\n'), 450);
    }

    void argumentsWithoutACommandAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--bogus")} << QByteArray("unknown option \"--bogus\"");
        QTest::newRow("Qt's own option") << QStringList{QStringLiteral("-style"), QStringLiteral("fusion")}
                                         << QByteArray("unknown option \"-style\"");
        QTest::newRow("after --demo") << QStringList{QStringLiteral("--demo"), QStringLiteral("stray")}
                                      << QByteArray("unexpected argument \"stray\"");
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("frobnicate")} << QByteArray("unknown command \"frobnicate\"");
    }

    void argumentsWithoutACommandAreUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        // With an offscreen display, so a dashboard that started anyway would keep running, not abort.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const BatchwatchRun run = runBatchwatchIn(env, args, 30'000);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), run.err.constData());
        QVERIFY(run.err.contains("Usage: batchwatch"));
    }

    void noDisplayIsOneLineAndExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("platform"); // QT_QPA_PLATFORM, empty: unset
        QTest::newRow("no arguments") << QStringList() << QString();
        QTest::newRow("--demo") << QStringList{QStringLiteral("--demo")} << QString();
        QTest::newRow("xcb named") << QStringList() << QStringLiteral("xcb");
        QTest::newRow("wayland, then xcb") << QStringList() << QStringLiteral("wayland;xcb");
    }

    void noDisplayIsOneLineAndExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, platform);
        QProcessEnvironment env = withoutDisplay();
        if (!platform.isEmpty())
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
        const BatchwatchRun run = runBatchwatchIn(env, args, 30'000);
        QCOMPARE(run.exitCode, 2); // not Qt's abort (134)
        QVERIFY2(run.err.startsWith("batchwatch: no display"), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
    }

    // A platform that needs no display server (offscreen, vnc, ...) is left to Qt. A plugin that does not
    // exist shows it without a window to close: Qt's own error about the plugin, not our "no display".
    void platformWithoutDisplayServerIsLeftToQt()
    {
        QProcessEnvironment env = withoutDisplay();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("nosuchplatform"));
        const BatchwatchRun run = runBatchwatchIn(env, {QStringLiteral("--demo")}, 30'000);
        QVERIFY2(!run.err.startsWith("batchwatch: no display"), run.err.constData());
        QVERIFY2(run.err.contains("nosuchplatform"), run.err.constData());
    }

    void emptyOutputNameIsAUsageErrorBeforeAnyRequest()
    {
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        const BatchwatchRun run =
            runBatchwatch({QStringLiteral("export"), QStringLiteral("-o"), QString()}, sim.baseUrl());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("-o needs a file name"), run.err.constData());
        QCOMPARE(sim.requestsServed(), 0);
    }

    void anUnknownStatusWarnsAndStillFilters()
    {
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        const BatchwatchRun run =
            runBatchwatch({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("jsonl"),
                           QStringLiteral("--status"), QStringLiteral("failed,paused")},
                          sim.baseUrl());
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("warning: --status: \"paused\" is not a status Batchwatch knows"),
                 run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
        qsizetype failed = 0;
        for (const QByteArray &line : m_reference.split('\n'))
            failed += line.contains("\"status\":\"failed\"");
        QVERIFY(failed > 0);
        QCOMPARE(run.out.count('\n'), failed);
    }

    void listPrintsItsHeaderOnlyOnceAPageArrived()
    {
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        // Nothing matches, but the pages arrived: the header says the table is empty.
        const BatchwatchRun none = runBatchwatch(
            {QStringLiteral("list"), QStringLiteral("--search"), QStringLiteral("no-such-batch-anywhere")},
            sim.baseUrl());
        QCOMPARE(none.exitCode, 0);
        QVERIFY(none.out.startsWith("STATUS"));
        QCOMPARE(none.out.count('\n'), 1);
        // No page at all (nothing listens on the port): an error and nothing on stdout.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QUrl gone(QStringLiteral("http://127.0.0.1:%1/v1").arg(closed.serverPort()));
        closed.close();
        const BatchwatchRun failed = runBatchwatch(
            {QStringLiteral("list"), QStringLiteral("--max-retries"), QStringLiteral("0")}, gone);
        QCOMPARE(failed.exitCode, 4);
        QVERIFY2(failed.out.isEmpty(), failed.out.constData());
    }

    void theDeadlineStopsTheRunAndLeavesTheFile()
    {
        // Every request hangs; the transfer time-out is far away, the deadline is not.
        SimProcess sim(kAccount + QStringList{QStringLiteral("--fail-every"), QStringLiteral("1"),
                                              QStringLiteral("--fail-status"), QStringLiteral("hang")});
        QVERIFY(sim.start());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keep.jsonl"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("yesterday's export\n");
        }
        const BatchwatchRun run =
            runBatchwatch({QStringLiteral("export"), QStringLiteral("-o"), path, QStringLiteral("--timeout"),
                           QStringLiteral("600"), QStringLiteral("--deadline"), QStringLiteral("1")},
                          sim.baseUrl());
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("--deadline of 1 s"), run.err.constData());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("yesterday's export\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("keep.jsonl")});
    }

    void outputToAFifoIsWrittenThrough()
    {
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        QTemporaryDir dir;
        const QByteArray fifo = QFile::encodeName(dir.filePath(QStringLiteral("pipe")));
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        // The reading end, opened first so the writer's open does not wait; five batches fit in the pipe.
        const int reader = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK);
        QVERIFY(reader >= 0);
        const BatchwatchRun run =
            runBatchwatch({QStringLiteral("export"), QStringLiteral("-o"), QFile::decodeName(fifo),
                           QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--max"),
                           QStringLiteral("5")},
                          sim.baseUrl());
        QByteArray received;
        char buffer[4096];
        for (ssize_t n; (n = ::read(reader, buffer, sizeof buffer)) > 0;)
            received.append(buffer, n);
        ::close(reader);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        struct stat info = {};
        QCOMPARE(::stat(fifo.constData(), &info), 0);
        QVERIFY(S_ISFIFO(info.st_mode)); // still the FIFO, not a file renamed over it
        const QList<QByteArray> lines = m_reference.split('\n');
        QCOMPARE(received, QList<QByteArray>(lines.begin(), lines.begin() + 5).join('\n') + '\n');
    }

    void outputToDevicesIsWrittenThrough()
    {
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        const QStringList jsonl = {QStringLiteral("--format"), QStringLiteral("jsonl")};
        const BatchwatchRun toStdout = runBatchwatch(
            QStringList{QStringLiteral("export"), QStringLiteral("-o"), QStringLiteral("/dev/stdout")} +
                jsonl,
            sim.baseUrl());
        QVERIFY2(toStdout.exitCode == 0, toStdout.err.constData());
        QCOMPARE(toStdout.out, m_reference);

        const BatchwatchRun toNull = runBatchwatch(
            QStringList{QStringLiteral("export"), QStringLiteral("-o"), QStringLiteral("/dev/null")} + jsonl,
            sim.baseUrl());
        QVERIFY2(toNull.exitCode == 0, toNull.err.constData());
        struct stat info = {};
        QCOMPARE(::stat("/dev/null", &info), 0);
        QVERIFY(S_ISCHR(info.st_mode));

        // Nothing is ever created under /dev.
        const BatchwatchRun missing = runBatchwatch({QStringLiteral("export"), QStringLiteral("-o"),
                                                     QStringLiteral("/dev/batchwatch-no-such-device")},
                                                    sim.baseUrl());
        QCOMPARE(missing.exitCode, 5);
        QVERIFY(!QFileInfo::exists(QStringLiteral("/dev/batchwatch-no-such-device")));
    }

    void devStdoutOntoAFileKeepsTheShellsFile()
    {
        // `batchwatch export -o /dev/stdout > file`: the shell's file gets the data; replacing what
        // /dev/stdout leads to would leave the shell's descriptor on a deleted file.
        SimProcess sim(kAccount);
        QVERIFY(sim.start());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("redirected.jsonl"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("# written by the shell first\n");
        }
        struct stat before = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &before), 0);
        QTemporaryDir cache;
        QProcess process;
        process.setProcessEnvironment(
            batchwatchEnvironment(sim.baseUrl(), QStringLiteral("sk-test-export-0001"), cache.path()));
        process.setStandardOutputFile(path, QIODevice::Append);
        process.start(QStringLiteral(BATCHWATCH_PATH),
                      {QStringLiteral("export"), QStringLiteral("-o"), QStringLiteral("/dev/stdout"),
                       QStringLiteral("--format"), QStringLiteral("jsonl")});
        QVERIFY(process.waitForFinished(120'000));
        QCOMPARE(process.exitCode(), 0);
        struct stat after = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &after), 0);
        QCOMPARE(after.st_ino, before.st_ino);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), "# written by the shell first\n" + m_reference);
    }

    void controlSequencesFromTheServerAreShownEscaped()
    {
        const QByteArray batch = hostileBatch();
        const QByteArray page =
            compact({{QStringLiteral("object"), QStringLiteral("list")},
                     {QStringLiteral("data"), QJsonArray{QJsonDocument::fromJson(batch).object()}},
                     {QStringLiteral("first_id"), QStringLiteral("batch_hostile")},
                     {QStringLiteral("last_id"), QStringLiteral("batch_hostile")},
                     {QStringLiteral("has_more"), false}});
        FixedServer server(200, page);
        QVERIFY(server.listen());
        const BatchwatchRun list =
            runBatchwatch({QStringLiteral("list"), QStringLiteral("--no-cache")}, server.baseUrl());
        QVERIFY2(list.exitCode == 0, list.err.constData());
        QVERIFY2(!hasControlBytes(list.out), list.out.toHex(' ').constData());
        QVERIFY(!list.out.contains("\xc2\x9b")); // the C1 CSI, as UTF-8
        QVERIFY2(list.out.contains("m\\x1b]0;title\\x07"), list.out.constData());
        QVERIFY(list.out.contains("/v1/x\\x1b[2J"));
        QVERIFY(list.out.contains("failed\\x9b"));

        // Exports keep the server's text exactly: the JSON as sent, the CSV with the characters themselves.
        const BatchwatchRun jsonl = runBatchwatch({QStringLiteral("export"), QStringLiteral("--format"),
                                                   QStringLiteral("jsonl"), QStringLiteral("--no-cache")},
                                                  server.baseUrl());
        QCOMPARE(jsonl.exitCode, 0);
        QCOMPARE(jsonl.out, batch + '\n');
        const BatchwatchRun csv = runBatchwatch({QStringLiteral("export"), QStringLiteral("--format"),
                                                 QStringLiteral("csv"), QStringLiteral("--no-cache")},
                                                server.baseUrl());
        QCOMPARE(csv.exitCode, 0);
        QVERIFY(csv.out.contains("m\x1b]0;title\x07"));
        QVERIFY(csv.out.contains("\x1b[2J"));
    }

    void controlSequencesInAnErrorAreShownEscaped()
    {
        const QString message = QStringLiteral("bad ") + kTitle + QStringLiteral(" request") + kClear +
                                QStringLiteral("\nsecond line");
        const QJsonObject error{{QStringLiteral("message"), message},
                                {QStringLiteral("type"), QStringLiteral("invalid_request_error")},
                                {QStringLiteral("code"), QStringLiteral("bad\x07")}};
        FixedServer server(400, compact({{QStringLiteral("error"), error}}));
        QVERIFY(server.listen());
        const BatchwatchRun run =
            runBatchwatch({QStringLiteral("list"), QStringLiteral("--no-cache")}, server.baseUrl());
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(!hasControlBytes(run.err), run.err.toHex(' ').constData());
        QVERIFY2(run.err.contains("bad \\x1b]0;title\\x07 request\\x1b[2J\\nsecond line"),
                 run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
