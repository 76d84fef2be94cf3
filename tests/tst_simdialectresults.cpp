#include "sim/simaccount.h"
#include "sim/simanthropicdialect.h"
#include "sim/simgeminidialect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

namespace {
SimAccount::Options fastAccount(double createdFailedShare = 0.0)
{
    SimAccount::Options options;
    options.batches = 0;
    options.speed = 100'000; // a created batch ends within milliseconds
    options.createdFailedShare = createdFailedShare;
    return options;
}

SimRequest request(const char *method, const QString &path, const QByteArray &body = QByteArray(),
                   const QUrlQuery &query = QUrlQuery())
{
    SimRequest r = SimRequest::get(path, query);
    r.method = QLatin1String(method);
    r.body = body;
    return r;
}

QList<QJsonObject> jsonLines(const QByteArray &content)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : content.split('\n')) {
        if (!line.isEmpty())
            lines << QJsonDocument::fromJson(line).object();
    }
    return lines;
}

QJsonObject jsonOf(const SimResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QByteArray header(const SimResponse &response, const QByteArray &name)
{
    for (const auto &pair : response.headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

// Anthropic's results for an ended batch, by type, checked against its counts; returns the custom_ids seen.
QStringList anthropicResults(SimAnthropicDialect &dialect, SimAccount &account, const QString &id)
{
    QString route;
    const QJsonObject batch = jsonOf(
        dialect.handle(SimRequest::get(QStringLiteral("/v1/messages/batches/") + id), account, &route));
    const SimResponse results = dialect.handle(
        SimRequest::get(QStringLiteral("/v1/messages/batches/%1/results").arg(id)), account, &route);
    [&] { QCOMPARE(results.status, 200); }();
    QHash<QString, qint64> byType;
    QStringList ids;
    for (const QJsonObject &line : jsonLines(results.body)) {
        byType[line[QLatin1String("result")][QLatin1String("type")].toString()]++;
        ids << line.value(QLatin1String("custom_id")).toString();
    }
    const QJsonObject counts = batch.value(QLatin1String("request_counts")).toObject();
    [&] {
        for (const char *type : {"succeeded", "errored", "canceled", "expired"})
            QCOMPARE(byType.value(QLatin1String(type)), counts.value(QLatin1String(type)).toInteger());
    }();
    return ids;
}
} // namespace

// Anthropic's results and Gemini's responses files carry the ids of the requests a client sent (Anthropic's
// create, Gemini's uploaded file), in numbers that agree with the counts; Gemini's upload protocols.
class TestSimDialectResults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anthropicResultsCarryTheCreatedIds()
    {
        SimAccount account(fastAccount(0.25));
        SimAnthropicDialect dialect({});
        QJsonArray requests;
        QStringList sent;
        for (int i = 0; i < 40; ++i) {
            sent << QStringLiteral("ticket_%1-%2").arg(1000 + 17 * i).arg(i % 2 ? 'a' : 'b');
            requests.append(
                QJsonObject{{QStringLiteral("custom_id"), sent.last()},
                            {QStringLiteral("params"),
                             QJsonObject{{QStringLiteral("model"), QStringLiteral("claude-haiku-4-5")},
                                         {QStringLiteral("max_tokens"), 16}}}});
        }
        QString route;
        const QJsonObject created = jsonOf(dialect.handle(
            request("POST", QStringLiteral("/v1/messages/batches"),
                    QJsonDocument(QJsonObject{{QStringLiteral("requests"), requests}}).toJson()),
            account, &route));
        const QString id = created.value(QLatin1String("id")).toString();
        QTRY_COMPARE(jsonOf(dialect.handle(SimRequest::get(QStringLiteral("/v1/messages/batches/") + id),
                                           account, &route))
                         .value(QLatin1String("processing_status"))
                         .toString(),
                     QStringLiteral("ended"));
        QStringList ids = anthropicResults(dialect, account, id);
        QVERIFY(ids != sent); // in the order they ran
        ids.sort();
        sent.sort();
        QCOMPARE(ids, sent);
        const QJsonObject counts =
            jsonOf(dialect.handle(SimRequest::get(QStringLiteral("/v1/messages/batches/") + id), account,
                                  &route))
                .value(QLatin1String("request_counts"))
                .toObject();
        QCOMPARE(counts.value(QLatin1String("errored")).toInteger(), 10);
    }

    void anthropicPartialBatchesAnswerEveryRequest_data()
    {
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("notRunType");
        QTest::newRow("cancelled") << int(SimBatch::Outcome::Cancelled) << "canceled";
        QTest::newRow("expired") << int(SimBatch::Outcome::Expired) << "expired";
    }
    void anthropicPartialBatchesAnswerEveryRequest()
    {
        QFETCH(int, outcome);
        SimAccount account(fastAccount());
        SimAnthropicDialect dialect({});
        SimAccount::TestBatch spec;
        spec.requests = 300;
        spec.outcome = SimBatch::Outcome(outcome);
        spec.failedShare = 0.4;
        spec.ended = true;
        const SimBatch &batch = account.createForTests(spec);
        QStringList ids = anthropicResults(dialect, account, SimAnthropicDialect::toAnthropicId(batch.id));
        QStringList expected;
        for (qint64 n = 1; n <= 300; ++n)
            expected << batch.customIdOf(n);
        ids.sort();
        expected.sort();
        QCOMPARE(ids, expected); // every request once: run (succeeded, errored) or not (canceled, expired)
    }

    void geminiResumableUploadThenABatchFromTheFile()
    {
        SimAccount account(fastAccount(0.25));
        SimGeminiDialect dialect({});
        QByteArray jsonl;
        QStringList keys;
        for (int i = 0; i < 30; ++i) {
            keys << (i % 7 == 3 ? QStringLiteral("cl\u00e9 \"%1\" \\ \U0001F4CA").arg(i)
                                : QStringLiteral("k%1").arg(i));
            jsonl += QJsonDocument(QJsonObject{{QStringLiteral("key"), keys.last()},
                                               {QStringLiteral("request"),
                                                QJsonObject{{QStringLiteral("contents"), QJsonArray()}}}})
                         .toJson(QJsonDocument::Compact) +
                     '\n';
        }
        QString route;
        SimRequest start =
            request("POST", QStringLiteral("/upload/v1beta/files"), R"({"file":{"displayName":"requests"}})");
        start.headers = {{"X-Goog-Upload-Protocol", "resumable"},
                         {"X-Goog-Upload-Command", "start"},
                         {"X-Goog-Upload-Header-Content-Length", QByteArray::number(jsonl.size())},
                         {"X-Goog-Upload-Header-Content-Type", "application/jsonl"}};
        const SimResponse started = dialect.handle(start, account, &route);
        QCOMPARE(started.status, 200);
        QCOMPARE(route, QStringLiteral("POST upload/files"));
        const QUrl uploadUrl(QString::fromLatin1(header(started, "x-goog-upload-url")));
        QVERIFY(uploadUrl.isValid());
        bool keyless = true;
        const auto chunk = [&](const QByteArray &command, qint64 offset, const QByteArray &bytes) {
            SimRequest r = request("POST", uploadUrl.path(), bytes, QUrlQuery(uploadUrl));
            r.headers = {{"X-Goog-Upload-Command", command},
                         {"X-Goog-Upload-Offset", QByteArray::number(offset)}};
            keyless &= dialect.authenticate(r).status == 200; // the session URL needs no key
            return dialect.handle(r, account, &route);
        };
        const qsizetype half = jsonl.size() / 2;
        const SimResponse first = chunk("upload", 0, jsonl.left(half));
        QCOMPARE(first.status, 200);
        QCOMPARE(header(first, "x-goog-upload-status"), QByteArray("active"));
        QCOMPARE(chunk("upload, finalize", 3, jsonl.mid(half)).status, 400); // not where the upload stands
        const SimResponse last = chunk("upload, finalize", half, jsonl.mid(half));
        QCOMPARE(last.status, 200);
        QCOMPARE(header(last, "x-goog-upload-status"), QByteArray("final"));
        QVERIFY(keyless);
        const QJsonObject file = jsonOf(last).value(QLatin1String("file")).toObject();
        QCOMPARE(file.value(QLatin1String("sizeBytes")).toString().toLongLong(), jsonl.size());
        QCOMPARE(file.value(QLatin1String("displayName")).toString(), QStringLiteral("requests"));
        const QString name = file.value(QLatin1String("name")).toString();
        QCOMPARE(jsonOf(dialect.handle(SimRequest::get(QStringLiteral("/v1beta/") + name), account, &route)),
                 file);

        const SimResponse created = dialect.handle(
            request(
                "POST", QStringLiteral("/v1beta/models/gemini-2.5-flash:batchGenerateContent"),
                QJsonDocument(QJsonObject{{QStringLiteral("batch"),
                                           QJsonObject{{QStringLiteral("inputConfig"),
                                                        QJsonObject{{QStringLiteral("fileName"), name}}}}}})
                    .toJson()),
            account, &route);
        QCOMPARE(created.status, 200);
        const QString batchName = jsonOf(created).value(QLatin1String("name")).toString();
        QCOMPARE(
            jsonOf(
                created)[QLatin1String("metadata")][QLatin1String("inputConfig")][QLatin1String("fileName")]
                .toString(),
            name);
        QJsonObject done;
        QTRY_VERIFY((done = jsonOf(dialect.handle(SimRequest::get(QStringLiteral("/v1beta/") + batchName),
                                                  account, &route)))
                        .value(QLatin1String("done"))
                        .toBool());
        const QJsonObject metadata = done.value(QLatin1String("metadata")).toObject();
        const QString responses =
            metadata[QLatin1String("output")][QLatin1String("responsesFile")].toString();
        QVERIFY(!responses.isEmpty());
        const SimResponse download =
            dialect.handle(SimRequest::get(QStringLiteral("/download/v1beta/%1:download").arg(responses),
                                           QUrlQuery{{QStringLiteral("alt"), QStringLiteral("media")}}),
                           account, &route);
        QCOMPARE(download.status, 200);
        QStringList seen;
        qint64 ok = 0;
        for (const QJsonObject &line : jsonLines(download.body)) {
            seen << line.value(QLatin1String("key")).toString();
            ok += line.contains(QLatin1String("response"));
        }
        const QJsonObject stats = metadata.value(QLatin1String("batchStats")).toObject();
        QCOMPARE(ok, stats.value(QLatin1String("successfulRequestCount")).toString().toLongLong());
        QCOMPARE(qint64(seen.size()) - ok,
                 stats.value(QLatin1String("failedRequestCount")).toString().toLongLong());
        QVERIFY(seen.size() - ok > 0);
        seen.sort();
        keys.sort();
        QCOMPARE(seen, keys);
    }

    void geminiMultipartUploadAndARefusedFile()
    {
        SimAccount account(fastAccount());
        SimGeminiDialect dialect({});
        QString route;
        const QByteArray bytes = "{\"key\":\"a\",\"request\":{}}\n{\"key\":\"a\",\"request\":{}}\n";
        SimRequest upload =
            request("POST", QStringLiteral("/upload/v1beta/files"),
                    "--B\r\nContent-Type: application/json\r\n\r\n{\"file\":{\"displayName\":\"dup\"}}"
                    "\r\n--B\r\nContent-Type: application/jsonl\r\n\r\n" +
                        bytes + "\r\n--B--\r\n",
                    QUrlQuery{{QStringLiteral("uploadType"), QStringLiteral("multipart")}});
        upload.headers = {{"Content-Type", "multipart/related; boundary=B"}};
        const SimResponse uploaded = dialect.handle(upload, account, &route);
        QCOMPARE(uploaded.status, 200);
        const QJsonObject file = jsonOf(uploaded).value(QLatin1String("file")).toObject();
        QCOMPARE(file.value(QLatin1String("sizeBytes")).toString().toLongLong(), bytes.size());
        const SimResponse refused = dialect.handle(
            request(
                "POST", QStringLiteral("/v1beta/models/gemini-2.5-flash:batchGenerateContent"),
                QJsonDocument(QJsonObject{{QStringLiteral("batch"),
                                           QJsonObject{{QStringLiteral("inputConfig"),
                                                        QJsonObject{{QStringLiteral("fileName"),
                                                                     file.value(QLatin1String("name"))}}}}}})
                    .toJson()),
            account, &route);
        QCOMPARE(refused.status, 400);
        QVERIFY(refused.body.contains("line 2"));
        SimRequest unknown = request("POST", QStringLiteral("/upload/v1beta/files"), {},
                                     QUrlQuery{{QStringLiteral("upload_id"), QStringLiteral("nope")}});
        unknown.headers = {{"X-Goog-Upload-Command", "upload, finalize"}, {"X-Goog-Upload-Offset", "0"}};
        QCOMPARE(dialect.handle(unknown, account, &route).status, 404);
    }

    void geminiResponsesAgreeForEndedHookBatches()
    {
        SimAccount account(fastAccount());
        SimGeminiDialect dialect({});
        for (const auto outcome :
             {SimBatch::Outcome::Completed, SimBatch::Outcome::Expired, SimBatch::Outcome::Cancelled}) {
            SimAccount::TestBatch spec;
            spec.requests = 250;
            spec.outcome = outcome;
            spec.failedShare = 0.5;
            spec.ended = true;
            const SimBatch &batch = account.createForTests(spec);
            QString route;
            const QJsonObject op = jsonOf(dialect.handle(
                SimRequest::get(QStringLiteral("/v1beta/") + dialect.publicId(batch.id)), account, &route));
            const QJsonObject metadata = op.value(QLatin1String("metadata")).toObject();
            const QString responses =
                metadata[QLatin1String("output")][QLatin1String("responsesFile")].toString();
            const SimResponse download =
                dialect.handle(SimRequest::get(QStringLiteral("/download/v1beta/%1:download").arg(responses),
                                               QUrlQuery{{QStringLiteral("alt"), QStringLiteral("media")}}),
                               account, &route);
            QCOMPARE(download.status, 200);
            qint64 ok = 0;
            qint64 failed = 0;
            QSet<QString> keys;
            for (const QJsonObject &line : jsonLines(download.body)) {
                (line.contains(QLatin1String("response")) ? ok : failed)++;
                keys << line.value(QLatin1String("key")).toString();
            }
            const QJsonObject stats = metadata.value(QLatin1String("batchStats")).toObject();
            QCOMPARE(ok, stats.value(QLatin1String("successfulRequestCount")).toString().toLongLong());
            QCOMPARE(failed, stats.value(QLatin1String("failedRequestCount")).toString().toLongLong());
            QCOMPARE(qint64(keys.size()), ok + failed);
            QCOMPARE(ok + failed < 250, outcome != SimBatch::Outcome::Completed);
            // The input file it names holds every request under the keys the responses use.
            const QString input =
                metadata[QLatin1String("inputConfig")][QLatin1String("fileName")].toString();
            const SimResponse inputFile =
                dialect.handle(SimRequest::get(QStringLiteral("/download/v1beta/%1:download").arg(input),
                                               QUrlQuery{{QStringLiteral("alt"), QStringLiteral("media")}}),
                               account, &route);
            QCOMPARE(inputFile.status, 200);
            QSet<QString> inputKeys;
            for (const QJsonObject &line : jsonLines(inputFile.body)) {
                QVERIFY(line.value(QLatin1String("request")).isObject());
                inputKeys << line.value(QLatin1String("key")).toString();
            }
            QCOMPARE(inputKeys.size(), 250);
            QCOMPARE(keys & inputKeys, keys);
        }
    }
};

QTEST_GUILESS_MAIN(TestSimDialectResults)
#include "tst_simdialectresults.moc"
