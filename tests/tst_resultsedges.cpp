// `batchwatch results` at its edges, through the real binary: a result line that does not read, a server that
// never answers (--deadline), files the provider no longer keeps.
#include "batchwatchrun.h"
#include "hostileserver.h"
#include "simprocess.h"

#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {
using Run = BatchwatchRun;

QList<QByteArray> lines(const QByteArray &content)
{
    QList<QByteArray> out = content.split('\n');
    if (!out.isEmpty() && out.constLast().isEmpty())
        out.removeLast();
    return out;
}
} // namespace

class TestResultsEdges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aLineThatDoesNotReadIsAWarningAndExitFour()
    {
        // A batch of three requests whose output file has a line that is not JSON: the records are written
        // (the unread request reads as not run), a warning names the line, and the exit status says that not
        // everything was read.
        const QByteArray batch =
            "{\"id\": \"batch_x\", \"object\": \"batch\", \"endpoint\": \"/v1/chat/completions\", "
            "\"input_file_id\": \"file-in\", \"output_file_id\": \"file-out\", \"error_file_id\": null, "
            "\"completion_window\": \"24h\", \"status\": \"completed\", \"created_at\": 1790000000, "
            "\"completed_at\": 1790000100, \"request_counts\": {\"total\": 3, \"completed\": 3, \"failed\": "
            "0}}";
        QByteArray input, output;
        for (const char *id : {"a", "b", "c"})
            input += "{\"custom_id\": \"" + QByteArray(id) +
                     "\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": {\"model\": "
                     "\"m\"}}\n";
        for (const char *id : {"c", "a"})
            output += "{\"id\": \"r\", \"custom_id\": \"" + QByteArray(id) +
                      "\", \"response\": {\"status_code\": 200, \"body\": {}}, \"error\": null}\n";
        output += "{this is not json\n";
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            const QByteArray path = head.split(' ').value(1);
            const auto file = [](const char *id, const QByteArray &content) -> QByteArray {
                return "{\"id\": \"" + QByteArray(id) +
                       "\", \"object\": \"file\", \"bytes\": " + QByteArray::number(content.size()) +
                       ", \"created_at\": 1790000000, \"filename\": \"x.jsonl\", \"purpose\": \"batch\"}";
            };
            QByteArray answer = HostileServer::response(404, "{\"error\": {\"message\": \"no\"}}");
            if (path.startsWith("/v1/batches/batch_x"))
                answer = HostileServer::response(200, batch);
            else if (path.startsWith("/v1/files/file-in/content"))
                answer = HostileServer::response(200, input);
            else if (path.startsWith("/v1/files/file-out/content"))
                answer = HostileServer::response(200, output);
            else if (path.startsWith("/v1/files/file-in"))
                answer = HostileServer::response(200, file("file-in", input));
            else if (path.startsWith("/v1/files/file-out"))
                answer = HostileServer::response(200, file("file-out", output));
            socket->write(answer);
        });
        const Run run = runBatchwatch({QStringLiteral("results"), QStringLiteral("batch_x"),
                                       QStringLiteral("--format"), QStringLiteral("jsonl")},
                                      server.baseUrl());
        QCOMPARE(run.exitCode, 4);
        const QList<QByteArray> records = lines(run.out);
        QCOMPARE(records.size(), 3);
        QVERIFY(records.at(0).contains("\"custom_id\":\"a\",\"outcome\":\"ok\""));
        QVERIFY(records.at(1).contains("\"custom_id\":\"b\",\"outcome\":\"not_run\""));
        QVERIFY(records.at(2).contains("\"custom_id\":\"c\",\"outcome\":\"ok\""));
        QVERIFY2(run.err.contains("warning: ") && run.err.contains("line 3"), run.err.constData());
        QVERIFY2(run.err.contains("not everything was read"), run.err.constData());
    }

    void theDeadlineStopsTheRunAndTouchesNothing()
    {
        HostileServer silent([](QTcpSocket *, const QByteArray &) {}); // never answers
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keep.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("yesterday's results\n");
        }
        const Run run =
            runBatchwatch({QStringLiteral("results"), QStringLiteral("batch_x"), QStringLiteral("-o"), path,
                           QStringLiteral("--deadline"), QStringLiteral("1")},
                          silent.baseUrl());
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("--deadline of 1 s"), run.err.constData());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("yesterday's results\n"));
    }

    void filesTheProviderNoLongerKeepsExitFour()
    {
        // The simulator's clock two months back: every file's expires_at (30 days) has passed by now.
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("40"), QStringLiteral("--speed"),
                        QStringLiteral("0"), QStringLiteral("--now"),
                        QString::number(QDateTime::currentSecsSinceEpoch() - 60 * 86'400)});
        QVERIFY(sim.start());
        const Run list = runBatchwatch({QStringLiteral("export"), QStringLiteral("--status"),
                                        QStringLiteral("completed"), QStringLiteral("--format"),
                                        QStringLiteral("csv"), QStringLiteral("--max"), QStringLiteral("1")},
                                       sim.baseUrl());
        QCOMPARE(list.exitCode, 0);
        const QList<QByteArray> rows = lines(list.out);
        QCOMPARE(rows.size(), 2);
        const QByteArray id = rows.at(1).split(',').value(rows.at(0).split(',').indexOf("id"));
        QVERIFY2(id.startsWith("batch_"), rows.at(1).constData());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("results.csv"));
        const Run run = runBatchwatch(
            {QStringLiteral("results"), QString::fromLatin1(id), QStringLiteral("-o"), path}, sim.baseUrl());
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("expired"), run.err.constData());
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestResultsEdges)
#include "tst_resultsedges.moc"
