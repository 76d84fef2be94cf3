#include "core/api/apiclient.h"
#include "core/results/batchsubmit.h"
#include "simprocess.h"

#include <QFile>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

// A new batch from a JSONL file against the real simulator: upload then create (or Anthropic's one call), the
// phases in order, the error of a failed create with the uploaded file kept, and a cancel mid-upload.
namespace {
bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray openAiLines(int count)
{
    QByteArray lines;
    for (int i = 0; i < count; ++i)
        lines += "{\"custom_id\": \"r" + QByteArray::number(i) +
                 "\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": {\"model\": "
                 "\"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}}\n";
    return lines;
}

bool waitFor(BatchSubmit *submit)
{
    QSignalSpy spy(submit, &BatchSubmit::finished);
    return submit->isFinished() || spy.wait(30'000);
}
} // namespace

class TestBatchSubmit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void uploadsThenCreates()
    {
        SimProcess sim(QStringLiteral("openai"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        SubmitSpec spec;
        spec.path = m_dir.filePath(QStringLiteral("new.jsonl"));
        QVERIFY(writeFile(spec.path, openAiLines(12)));
        spec.endpoint = QStringLiteral("/v1/chat/completions");
        spec.metadata.insert(QStringLiteral("batchwatch_retry_of"), QStringLiteral("batch_parent"));
        ApiClient client(sim.config());
        BatchSubmit submit(&client, spec);
        QSignalSpy progress(&submit, &BatchSubmit::progress);
        QSignalSpy finished(&submit, &BatchSubmit::finished);
        submit.start();
        QVERIFY(waitFor(&submit));
        QVERIFY2(!submit.error().isError(), qPrintable(submit.error().toString()));
        QVERIFY(submit.batch().has_value());
        QCOMPARE(submit.batch()->inputFileId, submit.fileId());
        QVERIFY(submit.fileId().startsWith(QLatin1String("file-")));
        QCOMPARE(submit.batch()->metadata, spec.metadata);
        QCOMPARE(submit.batch()->endpoint, spec.endpoint);
        // Upload progress first (bytes sent), then the create.
        QVERIFY(progress.size() >= 2);
        QCOMPARE(progress.first().at(0).value<BatchSubmit::Phase>(), BatchSubmit::Phase::Uploading);
        QCOMPARE(progress.last().at(0).value<BatchSubmit::Phase>(), BatchSubmit::Phase::Creating);
        bool uploadCompleted = false;
        for (const QList<QVariant> &p : progress)
            uploadCompleted |= p.at(0).value<BatchSubmit::Phase>() == BatchSubmit::Phase::Uploading &&
                               p.at(1).toLongLong() == p.at(2).toLongLong() && p.at(2).toLongLong() > 0;
        QVERIFY(uploadCompleted);
        QCOMPARE(finished.size(), 1);
    }

    void anthropicCreatesInOneCall()
    {
        SimProcess sim(QStringLiteral("anthropic"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        SubmitSpec spec;
        spec.path = m_dir.filePath(QStringLiteral("anthropic.jsonl"));
        QByteArray lines;
        for (int i = 0; i < 4; ++i)
            lines += "{\"custom_id\": \"a" + QByteArray::number(i) +
                     "\", \"params\": {\"model\": \"claude-sonnet-4-5\", \"max_tokens\": 5, \"messages\": "
                     "[{\"role\": \"user\", \"content\": \"hi\"}]}}\n";
        QVERIFY(writeFile(spec.path, lines));
        ApiClient client(sim.config());
        BatchSubmit submit(&client, spec);
        submit.start();
        QVERIFY(waitFor(&submit));
        QVERIFY2(!submit.error().isError(), qPrintable(submit.error().toString()));
        QVERIFY(submit.batch()->id.startsWith(QLatin1String("msgbatch_")));
        QVERIFY(submit.fileId().isEmpty());
        QCOMPARE(sim.stats()
                     .value(QStringLiteral("by_route"))
                     .toObject()
                     .value(QStringLiteral("POST batches"))
                     .toInt(),
                 1);
    }

    void geminiUploadsThenCreatesWithTheModel()
    {
        SimProcess sim(QStringLiteral("gemini"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        SubmitSpec spec;
        spec.path = m_dir.filePath(QStringLiteral("gemini.jsonl"));
        QVERIFY(writeFile(
            spec.path,
            "{\"key\": \"a\", \"request\": {\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}]}}\n"
            "{\"key\": \"b\", \"request\": {\"contents\": [{\"parts\": [{\"text\": \"yo\"}]}]}}\n"));
        spec.model = QStringLiteral("gemini-2.5-flash");
        ApiClient client(sim.config());
        BatchSubmit submit(&client, spec);
        submit.start();
        QVERIFY(waitFor(&submit));
        QVERIFY2(!submit.error().isError(), qPrintable(submit.error().toString()));
        QVERIFY(submit.fileId().startsWith(QLatin1String("files/")));
        QCOMPARE(submit.batch()->inputFileId, submit.fileId());
        QCOMPARE(submit.batch()->model, spec.model);
    }

    void failedCreateKeepsTheUploadedFile()
    {
        SimProcess sim(QStringLiteral("openai"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        SubmitSpec spec;
        spec.path = m_dir.filePath(QStringLiteral("bad-endpoint.jsonl"));
        QVERIFY(writeFile(spec.path, openAiLines(3)));
        spec.endpoint = QStringLiteral("/v1/no-such-endpoint");
        ApiClient client(sim.config());
        BatchSubmit submit(&client, spec);
        submit.start();
        QVERIFY(waitFor(&submit));
        QCOMPARE(submit.error().kind, ApiError::Http);
        QCOMPARE(submit.error().httpStatus, 400);
        QVERIFY2(submit.error().message.contains(QLatin1String("endpoint")),
                 qPrintable(submit.error().message));
        QVERIFY(!submit.error().requestId.isEmpty());
        QVERIFY(!submit.batch().has_value());
        QVERIFY(submit.fileId().startsWith(QLatin1String("file-")));
    }

    void cancelMidUpload()
    {
        QTcpServer server; // takes the connection, never reads: the upload hangs until cancelled
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> held;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                socket->setReadBufferSize(16 * 1024);
                held.append(socket);
            }
        });
        SubmitSpec spec;
        spec.path = m_dir.filePath(QStringLiteral("big.jsonl"));
        {
            QFile file(spec.path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            const QByteArray block = openAiLines(1000);
            while (file.size() < (qint64(32) << 20))
                QVERIFY(file.write(block) == block.size());
        }
        spec.endpoint = QStringLiteral("/v1/chat/completions");
        ApiConfig config;
        config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(server.serverPort()));
        config.apiKey = QStringLiteral("sk-test-0123456789");
        ApiClient client(config);
        BatchSubmit submit(&client, spec);
        QSignalSpy progress(&submit, &BatchSubmit::progress);
        QSignalSpy finished(&submit, &BatchSubmit::finished);
        submit.start();
        QVERIFY(progress.wait(10'000));
        submit.cancel();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(submit.error().kind, ApiError::Cancelled);
        QVERIFY(!submit.batch().has_value());
        submit.cancel(); // a second cancel changes nothing
        QCOMPARE(finished.size(), 1);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestBatchSubmit)
#include "tst_batchsubmit.moc"
