#include "core/api/apiclient.h"
#include "core/results/resultsfetch.h"
#include "hostileserver.h"
#include "simprocess.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

// A batch's results against the real simulator: its files downloaded once into the cache and read in a
// worker thread; reused the next time without a download; an expired or vanished file said plainly; a cancel
// during the read.
namespace {
// An ended batch made through the simulator's test hook; returns the dialect's id.
QString endedBatch(const SimProcess &sim, int requests, const QString &outcome, double failedShare)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QUrl url = sim.rootUrl();
    url.setPath(QStringLiteral("/v1/_sim/batches"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QJsonObject body{{QStringLiteral("requests"), requests},
                           {QStringLiteral("outcome"), outcome},
                           {QStringLiteral("failed_share"), failedShare},
                           {QStringLiteral("endpoint"), QStringLiteral("/v1/chat/completions")},
                           {QStringLiteral("ended"), true}};
    QNetworkReply *reply = manager.post(request, QJsonDocument(body).toJson());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    const QString id =
        QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("id")).toString();
    return id.startsWith(QLatin1String("batches/")) ? id.mid(8) : id; // Gemini's name is batches/ID
}

Batch retrieve(ApiClient *client, const QString &id)
{
    BatchCall *call = client->retrieveBatch(id);
    QSignalSpy spy(call, &ApiCall::finished);
    if (!call->isFinished())
        spy.wait(30'000);
    return call->batch().value_or(Batch());
}

bool waitFor(ResultsFetch *fetch)
{
    QSignalSpy spy(fetch, &ResultsFetch::finished);
    return fetch->isFinished() || spy.wait(60'000);
}

int contentRequests(const SimProcess &sim)
{
    const QJsonObject routes = sim.stats().value(QStringLiteral("by_route")).toObject();
    int count = 0;
    for (auto it = routes.begin(); it != routes.end(); ++it) {
        if (it.key().contains(QLatin1String("content")) || it.key().contains(QLatin1String("results")) ||
            it.key().contains(QLatin1String("download")))
            count += it.value().toInt();
    }
    return count;
}
} // namespace

class TestResultsFetch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void downloadsOnceThenReuses_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("outcome");
        QTest::newRow("openai completed") << QStringLiteral("openai") << QStringLiteral("completed");
        QTest::newRow("openai expired") << QStringLiteral("openai") << QStringLiteral("expired");
        QTest::newRow("azure cancelled") << QStringLiteral("azure") << QStringLiteral("cancelled");
        QTest::newRow("anthropic completed") << QStringLiteral("anthropic") << QStringLiteral("completed");
        QTest::newRow("gemini expired") << QStringLiteral("gemini") << QStringLiteral("expired");
    }
    void downloadsOnceThenReuses()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, outcome);
        SimProcess sim(dialect, {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        const QString id = endedBatch(sim, 40, outcome, 0.3);
        QVERIFY(!id.isEmpty());
        ApiClient client(sim.config());
        const Batch batch = retrieve(&client, id);
        QCOMPARE(batch.id, id);
        QVERIFY(batch.status.isTerminal());

        QTemporaryDir cache;
        ResultsFetch first(&client, batch, cache.path());
        QSignalSpy progress(&first, &ResultsFetch::progress);
        QSignalSpy finished(&first, &ResultsFetch::finished);
        first.start();
        QVERIFY(waitFor(&first));
        QVERIFY2(!first.error().isError(), qPrintable(first.error().toString()));
        QVERIFY(!first.filesExpired());
        QVERIFY(first.results());
        const ResultSet &rows = *first.results();
        QCOMPARE(rows.ok, batch.requestCounts.completed);
        QCOMPARE(rows.failed, batch.requestCounts.failed);
        QCOMPARE(rows.rows.size(), 40);
        QCOMPARE(rows.ok + rows.failed + rows.notRun, 40);
        if (outcome != QLatin1String("completed"))
            QVERIFY(rows.notRun > 0); // partial output of an expired or cancelled batch
        QCOMPARE(finished.size(), 1);
        bool downloading = false, reading = false;
        for (const QList<QVariant> &p : progress) {
            downloading |= p.at(0).value<ResultsFetch::Phase>() == ResultsFetch::Phase::Downloading;
            reading |= p.at(0).value<ResultsFetch::Phase>() == ResultsFetch::Phase::Reading;
        }
        QVERIFY(downloading && reading);
        const int downloads = contentRequests(sim);
        QVERIFY(downloads >= 1);
        // Nothing partial is left behind.
        QVERIFY(QDir(cache.path()).entryList({QStringLiteral("*.part")}, QDir::Files).isEmpty());

        const qint64 served = sim.requestsServed();
        ResultsFetch second(&client, batch, cache.path());
        second.start();
        QVERIFY(waitFor(&second));
        QVERIFY2(!second.error().isError(), qPrintable(second.error().toString()));
        QCOMPARE(second.results()->rows.size(), rows.rows.size());
        QCOMPARE(second.results()->ok, rows.ok);
        QCOMPARE(contentRequests(sim), downloads);
        // Not even the metadata again.
        QCOMPARE(sim.requestsServed(), served);
    }

    void resumesAPartLeftInTheCache()
    {
        // The simulator answers a Range with 206: a part left by a broken run is completed, not fetched
        // again.
        SimProcess sim(QStringLiteral("openai"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        const QString id = endedBatch(sim, 300, QStringLiteral("completed"), 0.3);
        ApiClient client(sim.config());
        const Batch batch = retrieve(&client, id);
        QTemporaryDir whole;
        ResultsFetch first(&client, batch, whole.path());
        first.start();
        QVERIFY(waitFor(&first));
        QVERIFY2(!first.error().isError(), qPrintable(first.error().toString()));

        QTemporaryDir broken;
        const QString name = QFileInfo(first.results()->files.output).fileName();
        QFile output(first.results()->files.output);
        QVERIFY(output.open(QIODevice::ReadOnly));
        const QByteArray bytes = output.readAll();
        // The part's first byte is a space instead of '{' (still JSON): kept, it shows the rest came by
        // Range; a download from the start would have written '{'.
        QByteArray kept = bytes.left(bytes.size() / 2 + 7);
        QCOMPARE(kept.at(0), '{');
        kept[0] = ' ';
        QFile part(QDir(broken.path()).filePath(name + QStringLiteral(".part")));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write(kept);
        part.close();
        ResultsFetch second(&client, batch, broken.path());
        second.start();
        QVERIFY(waitFor(&second));
        QVERIFY2(!second.error().isError(), qPrintable(second.error().toString()));
        QFile resumed(QDir(broken.path()).filePath(name));
        QVERIFY(resumed.open(QIODevice::ReadOnly));
        QCOMPARE(resumed.readAll(), kept + bytes.mid(kept.size()));
        QVERIFY(!QFileInfo::exists(part.fileName()));
        QCOMPARE(second.results()->rows.size(), first.results()->rows.size());
    }

    void expiredFileSaysSo()
    {
        // The simulator's clock 31 days back: files of a batch that ended an hour before its "now" expired a
        // day ago by ours.
        const qint64 now = QDateTime::currentSecsSinceEpoch() - 31 * 86'400;
        SimProcess sim(QStringLiteral("openai"), {QStringLiteral("--batches"), QStringLiteral("0"),
                                                  QStringLiteral("--now"), QString::number(now)});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        const QString id = endedBatch(sim, 10, QStringLiteral("completed"), 0.2);
        ApiClient client(sim.config());
        const Batch batch = retrieve(&client, id);
        QVERIFY(!batch.inputFileId.isEmpty());
        QTemporaryDir cache;
        ResultsFetch fetch(&client, batch, cache.path());
        fetch.start();
        QVERIFY(waitFor(&fetch));
        QVERIFY(fetch.filesExpired());
        QVERIFY(fetch.error().isError());
        QVERIFY2(fetch.error().message.contains(QLatin1String("expired")), qPrintable(fetch.error().message));
        QVERIFY(!fetch.results());
        QCOMPARE(contentRequests(sim), 0); // nothing downloaded for an expired file
    }

    void vanishedFileSaysSo()
    {
        SimProcess sim(QStringLiteral("openai"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        const QString id = endedBatch(sim, 10, QStringLiteral("completed"), 0.2);
        ApiClient client(sim.config());
        Batch batch = retrieve(&client, id);
        batch.outputFileId = QStringLiteral("file-gone0123456789");
        QTemporaryDir cache;
        ResultsFetch fetch(&client, batch, cache.path());
        fetch.start();
        QVERIFY(waitFor(&fetch));
        QVERIFY(fetch.filesExpired());
        QCOMPARE(fetch.error().kind, ApiError::InvalidRequest);
        QVERIFY2(fetch.error().message.contains(QLatin1String("gone")), qPrintable(fetch.error().message));
    }

    void cancelDuringTheRead()
    {
        SimProcess sim(QStringLiteral("openai"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        const QString id = endedBatch(sim, 20'000, QStringLiteral("completed"), 0.3);
        ApiClient client(sim.config());
        const Batch batch = retrieve(&client, id);
        QTemporaryDir cache;
        ResultsFetch fetch(&client, batch, cache.path());
        QSignalSpy finished(&fetch, &ResultsFetch::finished);
        bool cancelled = false;
        // Cancelled once the worker has reported bytes read: the read is under way.
        connect(&fetch, &ResultsFetch::progress, this, [&](ResultsFetch::Phase phase, qint64 done) {
            if (phase == ResultsFetch::Phase::Reading && done > 0 && !cancelled) {
                cancelled = true;
                fetch.cancel();
            }
        });
        fetch.start();
        QVERIFY(waitFor(&fetch));
        QVERIFY(cancelled);
        QCOMPARE(fetch.error().kind, ApiError::Cancelled);
        QVERIFY(!fetch.results());
        QCOMPARE(finished.size(), 1);
        // The downloads stay: the next fetch reads without downloading again.
        const int downloads = contentRequests(sim);
        ResultsFetch again(&client, batch, cache.path());
        again.start();
        QVERIFY(waitFor(&again));
        QVERIFY2(!again.error().isError(), qPrintable(again.error().toString()));
        QCOMPARE(again.results()->rows.size(), 20'000);
        QCOMPARE(contentRequests(sim), downloads);
    }

    void cancelDuringTheDownload()
    {
        SimProcess sim(QStringLiteral("openai"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        const QString id = endedBatch(sim, 50, QStringLiteral("completed"), 0.3);
        ApiClient client(sim.config());
        const Batch batch = retrieve(&client, id);
        QTemporaryDir cache;
        ResultsFetch fetch(&client, batch, cache.path());
        QSignalSpy finished(&fetch, &ResultsFetch::finished);
        fetch.start();
        fetch.cancel();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(fetch.error().kind, ApiError::Cancelled);
        fetch.cancel();
        QCOMPARE(finished.size(), 1);
    }

    void aDamagedCachedFileIsFetchedAgain()
    {
        // A cached file is used only while it agrees with its sidecar: one cut short (at a line end, so the
        // read alone would not notice) or one without a sidecar is downloaded again.
        SimProcess sim(QStringLiteral("openai"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        const QString id = endedBatch(sim, 60, QStringLiteral("completed"), 0.3);
        ApiClient client(sim.config());
        const Batch batch = retrieve(&client, id);
        QTemporaryDir cache;
        ResultsFetch first(&client, batch, cache.path());
        first.start();
        QVERIFY(waitFor(&first));
        QVERIFY2(!first.error().isError(), qPrintable(first.error().toString()));
        const ResultSet rows = *first.results();
        const int downloads = contentRequests(sim);

        QFile output(rows.files.output);
        QVERIFY(output.open(QIODevice::ReadWrite));
        const QByteArray bytes = output.readAll();
        QVERIFY(output.resize(bytes.lastIndexOf('\n', bytes.size() - 2) + 1));
        output.close();
        QVERIFY(QFile::remove(rows.files.input + QStringLiteral(".meta")));
        ResultsFetch second(&client, batch, cache.path());
        second.start();
        QVERIFY(waitFor(&second));
        QVERIFY2(!second.error().isError(), qPrintable(second.error().toString()));
        QCOMPARE(second.results()->ok, rows.ok);
        QCOMPARE(second.results()->failed, rows.failed);
        QCOMPARE(second.results()->rows.size(), rows.rows.size());
        QCOMPARE(contentRequests(sim), downloads + 2);
    }

    void cacheIsPrivate()
    {
        SimProcess sim(QStringLiteral("openai"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        const QString id = endedBatch(sim, 10, QStringLiteral("completed"), 0.3);
        ApiClient client(sim.config());
        const Batch batch = retrieve(&client, id);
        QTemporaryDir root;
        const QString dir = root.filePath(QStringLiteral("results/acct"));
        ResultsFetch first(&client, batch, dir);
        first.start();
        QVERIFY(waitFor(&first));
        QVERIFY2(!first.error().isError(), qPrintable(first.error().toString()));
        const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                          QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
        // Made private, and tightened again when an older version left them open.
        for (int run = 0; run < 2; ++run) {
            QCOMPARE(QFileInfo(dir).permissions() & others, QFile::Permissions());
            QCOMPARE(QFileInfo(root.filePath(QStringLiteral("results"))).permissions() & others,
                     QFile::Permissions());
            for (const QFileInfo &file : QDir(dir).entryInfoList(QDir::Files))
                QVERIFY2((file.permissions() & others) == QFile::Permissions(), qPrintable(file.filePath()));
            for (const QFileInfo &file : QDir(dir).entryInfoList(QDir::Files))
                QFile::setPermissions(file.filePath(), file.permissions() | QFile::ReadOther);
            QFile::setPermissions(dir, QFileInfo(dir).permissions() | QFile::ReadOther | QFile::ExeOther);
            if (run == 0) {
                ResultsFetch again(&client, batch, dir);
                again.start();
                QVERIFY(waitFor(&again));
                QVERIFY2(!again.error().isError(), qPrintable(again.error().toString()));
            }
        }
    }

    void unknownSizeIsStillBounded()
    {
        // A file object without `bytes` and an endless body: stopped at the cap for the batch's size, and no
        // part left behind.
        const QByteArray batchJson =
            "{\"id\":\"batch_1\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/"
            "completions\",\"input_file_id\":"
            "\"\",\"completion_window\":\"24h\",\"status\":\"completed\",\"output_file_id\":\"file-out\","
            "\"created_at\":1700000000,\"request_counts\":{\"total\":2,\"completed\":2,\"failed\":0}}";
        const QByteArray chunk(1 << 20, 'x');
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) {
            if (head.startsWith("GET /v1/batches/"))
                socket->write(HostileServer::response(200, batchJson));
            else if (head.startsWith("GET /v1/files/file-out/content")) {
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n");
                for (int i = 0; i < 18; ++i)
                    socket->write(chunk);
            } else
                socket->write(HostileServer::response(200, "{\"id\":\"file-out\",\"object\":\"file\"}"));
        });
        ApiConfig config;
        config.baseUrl = server.baseUrl();
        config.apiKey = QStringLiteral("sk-test-0123456789");
        config.transferTimeoutMs = 3000;
        config.maxRetries = 0;
        ApiClient client(config);
        const Batch batch = retrieve(&client, QStringLiteral("batch_1"));
        QCOMPARE(batch.outputFileId, QStringLiteral("file-out"));
        QTemporaryDir cache;
        ResultsFetch fetch(&client, batch, cache.path());
        fetch.start();
        QVERIFY(waitFor(&fetch));
        QCOMPARE(fetch.error().kind, ApiError::InvalidResponse);
        QVERIFY2(fetch.error().message.contains(QLatin1String("grew past")),
                 qPrintable(fetch.error().message));
        QVERIFY(QDir(cache.path()).entryList({QStringLiteral("*.part")}, QDir::Files).isEmpty());
    }

    void cacheDirIsUnderTheCacheLocation()
    {
        const QString dir = ResultsFetch::cacheDirFor(QStringLiteral("../evil/name"));
        QVERIFY(dir.contains(QLatin1String("/results/")));
        QVERIFY(!dir.contains(QLatin1String("..")));
        QVERIFY(!dir.mid(dir.indexOf(QLatin1String("/results/")) + 9).contains(u'/'));
    }
};

QTEST_GUILESS_MAIN(TestResultsFetch)
#include "tst_resultsfetch.moc"
