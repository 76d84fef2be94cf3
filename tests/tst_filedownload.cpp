#include "core/api/apiclient.h"
#include "core/api/batchlistfetcher.h"
#include "core/api/filedownload.h"
#include "hostileserver.h"
#include "simprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <memory>

namespace {
bool waitFor(ApiCall *call)
{
    QSignalSpy spy(call, &ApiCall::finished);
    return call->isFinished() || spy.wait(30'000);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

namespace {
// Output lines whose response carries a non-2xx status.
int nonSuccessLines(const QList<QByteArray> &lines)
{
    int count = 0;
    for (const QByteArray &line : lines) {
        const int status = QJsonDocument::fromJson(line)
                               .object()
                               .value(QStringLiteral("response"))
                               .toObject()
                               .value(QStringLiteral("status_code"))
                               .toInt();
        count += status < 200 || status >= 300 ? 1 : 0;
    }
    return count;
}
} // namespace

class TestFileDownload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<SimProcess>(QStringList{QStringLiteral("--batches"), QStringLiteral("80"),
                                                         QStringLiteral("--speed"), QStringLiteral("0")});
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        // A completed batch with both an output and an error file.
        ApiClient client(m_sim->config());
        BatchListFetcher fetcher(&client);
        bool done = false;
        connect(&fetcher, &BatchListFetcher::pageReceived, this, [this](const BatchPage &page) {
            for (const Batch &b : page.data) {
                if (m_batch.id.isEmpty() && b.status.value() == BatchStatus::Completed &&
                    !b.outputFileId.isEmpty() && !b.errorFileId.isEmpty())
                    m_batch = b;
            }
        });
        connect(&fetcher, &BatchListFetcher::finished, this, [&done] { done = true; });
        fetcher.start();
        QTRY_VERIFY_WITH_TIMEOUT(done, 30'000);
        QVERIFY(!m_batch.id.isEmpty());
    }

    void streamsOutputToDisk()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("output.jsonl"));
        ApiClient client(m_sim->config());
        FileDownload *download = client.downloadFileContent(m_batch.outputFileId, path);
        QSignalSpy progress(download, &ApiCall::progress);
        QVERIFY(waitFor(download));
        QVERIFY2(!download->error().isError(), qPrintable(download->error().toString()));
        QVERIFY(download->body().isEmpty()); // streamed, not held
        const QByteArray content = readFile(path);
        QCOMPARE(download->bytesWritten(), content.size());
        const QList<QByteArray> lines = content.trimmed().split('\n');
        // The simulator answers some failures inside the output, with their non-2xx status: the 2xx lines
        // are the completed requests.
        QCOMPARE(lines.size() - nonSuccessLines(lines), m_batch.requestCounts.completed);
        QVERIFY(QJsonDocument::fromJson(lines.first()).object().contains(QStringLiteral("custom_id")));
        QVERIFY(progress.count() >= 1);

        // The file metadata agrees on the size.
        ApiCall *meta = client.retrieveFile(m_batch.outputFileId);
        QVERIFY(waitFor(meta));
        QCOMPARE(QJsonDocument::fromJson(meta->body()).object().value(QStringLiteral("bytes")).toInteger(),
                 content.size());
    }

    void errorFileHasOneLinePerFailure()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("errors.jsonl"));
        ApiClient client(m_sim->config());
        FileDownload *download = client.downloadFileContent(m_batch.errorFileId, path);
        QVERIFY(waitFor(download));
        // Failed = error lines + the output's non-2xx lines.
        const QString outputPath = dir.filePath(QStringLiteral("output.jsonl"));
        FileDownload *output = client.downloadFileContent(m_batch.outputFileId, outputPath);
        QVERIFY(waitFor(output));
        QCOMPARE(readFile(path).trimmed().split('\n').size() +
                     nonSuccessLines(readFile(outputPath).trimmed().split('\n')),
                 m_batch.requestCounts.failed);
    }

    void aFailedDownloadLeavesTheOldFileAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keep.jsonl"));
        {
            QFile existing(path);
            QVERIFY(existing.open(QIODevice::WriteOnly));
            existing.write("precious\n");
        }
        ApiClient client(m_sim->config());
        FileDownload *download = client.downloadFileContent(QStringLiteral("file-unknown"), path);
        QVERIFY(waitFor(download));
        QCOMPARE(download->error().httpStatus, 404);
        QVERIFY(download->error().message.contains(QStringLiteral("file-unknown")));
        QCOMPARE(readFile(path), QByteArray("precious\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("keep.jsonl")});
    }

    void truncatedTransferRetriesFromScratch()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("80"), QStringLiteral("--speed"),
                        QStringLiteral("0"), QStringLiteral("--fail-every"), QStringLiteral("2"),
                        QStringLiteral("--fail-status"), QStringLiteral("truncate")});
        QVERIFY(sim.start());
        QTemporaryDir dir;
        ApiClient client(sim.config());
        FileDownload *whole =
            client.downloadFileContent(m_batch.outputFileId, dir.filePath(QStringLiteral("a.jsonl")));
        QVERIFY(waitFor(whole));
        FileDownload *retried =
            client.downloadFileContent(m_batch.outputFileId, dir.filePath(QStringLiteral("b.jsonl")));
        QVERIFY(waitFor(retried));
        QVERIFY2(!retried->error().isError(), qPrintable(retried->error().toString()));
        QCOMPARE(retried->attempts(), 2);
        QCOMPARE(readFile(dir.filePath(QStringLiteral("b.jsonl"))),
                 readFile(dir.filePath(QStringLiteral("a.jsonl"))));
    }

    void unwritableTargetIsALocalError()
    {
        ApiClient client(m_sim->config());
        FileDownload *download = client.downloadFileContent(
            m_batch.outputFileId, QStringLiteral("/nonexistent-dir/for/sure/out.jsonl"));
        QVERIFY(waitFor(download));
        QCOMPARE(download->error().kind, ApiError::LocalIo);
        QVERIFY(download->error().message.contains(QStringLiteral("/nonexistent-dir/for/sure/out.jsonl")));
    }

    void emptyFileIdIsNeverRequested()
    {
        ApiClient client(m_sim->config());
        const qint64 before = m_sim->stats().value(QStringLiteral("requests")).toInteger();
        QTemporaryDir dir;
        FileDownload *download = client.downloadFileContent(QString(), dir.filePath(QStringLiteral("x")));
        QVERIFY(waitFor(download));
        QCOMPARE(download->error().kind, ApiError::InvalidRequest);
        QCOMPARE(m_sim->stats().value(QStringLiteral("requests")).toInteger(), before);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x"))));
    }

    void aCompressedDownloadStopsAtTheDeclaredSize()
    {
        // 8 MB of zeros deflate to a few kB: the file object said 1,000 bytes, so this is not that file.
        const QByteArray zeros(8 << 20, '\0');
        const QByteArray deflated = qCompress(zeros).mid(4); // zlib stream, without Qt's length prefix
        HostileServer bomb([&](QTcpSocket *socket, const QByteArray &) {
            socket->write(HostileServer::response(200, deflated, "Content-Encoding: deflate\r\n"));
        });
        ApiConfig config;
        config.baseUrl = bomb.baseUrl();
        config.apiKey = QStringLiteral("sk-test-0123456789");
        ApiClient client(config);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        FileDownload *download = client.downloadFileContent(QStringLiteral("file-bomb"), path, 1000);
        QVERIFY(waitFor(download));
        QCOMPARE(download->error().kind, ApiError::InvalidResponse);
        // Qt's guard (at twice our limit) or ours, whichever sees it first; either way nothing is kept.
        QVERIFY2(download->error().message.contains(QStringLiteral("more than the file is said to hold")) ||
                     download->error().message.contains(QStringLiteral("would not unpack within its bounds")),
                 qPrintable(download->error().message));
        QCOMPARE(download->attempts(), 1);
        QVERIFY(!QFile::exists(path));

        // Declared as what it is, the same answer is a good download.
        FileDownload *honest = client.downloadFileContent(QStringLiteral("file-bomb"), path, zeros.size());
        QVERIFY(waitFor(honest));
        QVERIFY2(!honest->error().isError(), qPrintable(honest->error().toString()));
        QCOMPARE(QFileInfo(path).size(), zeros.size());
    }

    void aDownloadCutShortWithoutALengthIsNotSaved()
    {
        // No Content-Length, no chunks: the server closes cleanly after 10 of the 100 bytes the file holds.
        HostileServer cut([](QTcpSocket *socket, const QByteArray &) {
            socket->write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n0123456789");
            socket->disconnectFromHost();
        });
        ApiConfig config;
        config.baseUrl = cut.baseUrl();
        config.maxRetries = 0;
        ApiClient client(config);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        FileDownload *download = client.downloadFileContent(QStringLiteral("file-cut"), path, 100);
        QVERIFY(waitFor(download));
        QVERIFY(download->error().isError());
        QVERIFY2(download->error().message.contains(QStringLiteral("10 of the 100 bytes")),
                 qPrintable(download->error().message));
        QVERIFY(!QFile::exists(path));
    }

    void aHugeDeclaredSizeStillBoundsTheDownload()
    {
        QCOMPARE(FileDownload::limitFor(-1), 0);
        QCOMPARE(FileDownload::limitFor(0), qint64(1) << 20);
        QCOMPARE(FileDownload::limitFor(std::numeric_limits<qint64>::max()),
                 std::numeric_limits<qint64>::max());
        QCOMPARE(FileDownload::limitFor(std::numeric_limits<qint64>::max() - 5),
                 std::numeric_limits<qint64>::max());
    }

private:
    std::unique_ptr<SimProcess> m_sim;
    Batch m_batch;
};

QTEST_GUILESS_MAIN(TestFileDownload)
#include "tst_filedownload.moc"
