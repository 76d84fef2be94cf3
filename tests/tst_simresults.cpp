#include "common/simprocess.h"
#include "sim/simaccount.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <limits>

namespace {
QJsonObject body(const SimResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QList<QJsonObject> jsonLines(const QByteArray &content)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : content.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (!document.isObject())
            qWarning("not a JSON object: %s", line.left(200).constData());
        lines << document.object();
    }
    return lines;
}

SimAccount::Options frozen()
{
    SimAccount::Options options;
    options.batches = 0;
    options.speed = 0;
    options.startTime = 1'790'000'000;
    return options;
}

// A batch's three files, read as a client reads them, and what their lines say.
struct Files
{
    QJsonObject batch;
    QStringList input;  // custom_ids in input order
    QStringList output; // custom_ids in file order
    QStringList errors;
    qint64 outputOk = 0;     // 2xx lines of the output
    qint64 outputFailed = 0; // non-2xx lines of the output
    QSet<int> outputStatuses;
    QSet<QString> errorCodes; // the error file's codes, from `error` or the response body
};

QByteArray contentOf(const SimAccount &account, const QJsonValue &fileId)
{
    if (!fileId.isString() || fileId.toString().isEmpty())
        return {};
    const SimResponse content = account.fileContent(fileId.toString());
    if (content.status != 200)
        qWarning("file %s: %d", qPrintable(fileId.toString()), content.status);
    const qint64 bytes =
        body(account.retrieveFile(fileId.toString())).value(QLatin1String("bytes")).toInteger();
    if (bytes != content.body.size())
        qWarning("file %s: %lld bytes said, %lld served", qPrintable(fileId.toString()), bytes,
                 qint64(content.body.size()));
    return content.body;
}

Files filesOf(const SimAccount &account, const QString &id)
{
    Files files;
    files.batch = body(account.retrieveBatch(id));
    for (const QJsonObject &line :
         jsonLines(contentOf(account, files.batch.value(QLatin1String("input_file_id")))))
        files.input << line.value(QLatin1String("custom_id")).toString();
    for (const QJsonObject &line :
         jsonLines(contentOf(account, files.batch.value(QLatin1String("output_file_id"))))) {
        files.output << line.value(QLatin1String("custom_id")).toString();
        const int status = line.value(QLatin1String("response"))[QLatin1String("status_code")].toInt();
        (status >= 200 && status < 300 ? files.outputOk : files.outputFailed)++;
        files.outputStatuses << status;
    }
    for (const QJsonObject &line :
         jsonLines(contentOf(account, files.batch.value(QLatin1String("error_file_id"))))) {
        files.errors << line.value(QLatin1String("custom_id")).toString();
        const QJsonValue code =
            line.value(QLatin1String("error")).isObject()
                ? line.value(QLatin1String("error"))[QLatin1String("code")]
                : line.value(QLatin1String(
                      "response"))[QLatin1String("body")][QLatin1String("error")][QLatin1String("code")];
        files.errorCodes << code.toString();
    }
    return files;
}

// The counts and the files tell the same story: total = input lines; completed = 2xx output lines; failed =
// non-2xx output lines + error lines; no request twice; the rest never ran. Returns the requests not run.
qint64 checkAgreement(const Files &files)
{
    const QJsonObject counts = files.batch.value(QLatin1String("request_counts")).toObject();
    const qint64 total = counts.value(QLatin1String("total")).toInteger();
    const qint64 completed = counts.value(QLatin1String("completed")).toInteger();
    const qint64 failed = counts.value(QLatin1String("failed")).toInteger();
    [&] {
        QCOMPARE(qint64(files.input.size()), total);
        QCOMPARE(files.outputOk, completed);
        QCOMPARE(files.outputFailed + files.errors.size(), failed);
        const QSet<QString> input(files.input.cbegin(), files.input.cend());
        QCOMPARE(qint64(input.size()), total); // unique ids
        QSet<QString> results;
        for (const QStringList *list : {&files.output, &files.errors}) {
            for (const QString &customId : *list) {
                QVERIFY2(input.contains(customId), qPrintable(customId));
                QVERIFY2(!results.contains(customId), qPrintable(customId));
                results.insert(customId);
            }
        }
        if (files.output.size() > 2) // the output is not in input order
            QVERIFY(files.output != files.input.mid(0, files.output.size()));
    }();
    return total - completed - failed;
}

SimAccount::TestBatch ended(qint64 requests, SimBatch::Outcome outcome, double failedShare)
{
    SimAccount::TestBatch spec;
    spec.requests = requests;
    spec.outcome = outcome;
    spec.failedShare = failedShare;
    spec.ended = true;
    spec.endpoint = QStringLiteral("/v1/chat/completions");
    return spec;
}

QByteArray uploadForm(const QByteArray &jsonl)
{
    return "--XyZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
           "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
           "Content-Type: application/jsonl\r\n\r\n" +
           jsonl + "\r\n--XyZ--\r\n";
}

QByteArray requestLine(const QString &customId, const QString &model)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("custom_id"), customId},
                                     {QStringLiteral("method"), QStringLiteral("POST")},
                                     {QStringLiteral("url"), QStringLiteral("/v1/chat/completions")},
                                     {QStringLiteral("body"), QJsonObject{{QStringLiteral("model"), model}}}})
               .toJson(QJsonDocument::Compact) +
           '\n';
}
} // namespace

// The files of a batch agree with its counts in every outcome, in the order and shapes the real API uses:
// output out of input order, failures both as non-2xx lines in the output and in the error file, partial
// output when a batch expired or was cancelled, hostile custom_ids, and an uploaded file's own ids.
class TestSimResults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endedBatchesAgreeWithTheirFiles_data()
    {
        QTest::addColumn<int>("outcome");
        QTest::addColumn<double>("failedShare");
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("partial");
        QTest::newRow("completed") << int(SimBatch::Outcome::Completed) << 0.2 << "completed" << false;
        QTest::newRow("failed-heavy") << int(SimBatch::Outcome::Completed) << 0.85 << "completed" << false;
        QTest::newRow("expired") << int(SimBatch::Outcome::Expired) << 0.3 << "expired" << true;
        QTest::newRow("cancelled") << int(SimBatch::Outcome::Cancelled) << 0.3 << "cancelled" << true;
    }
    void endedBatchesAgreeWithTheirFiles()
    {
        QFETCH(int, outcome);
        QFETCH(double, failedShare);
        QFETCH(QString, status);
        QFETCH(bool, partial);
        SimAccount account(frozen());
        const SimBatch &batch = account.createForTests(ended(997, SimBatch::Outcome(outcome), failedShare));
        const Files files = filesOf(account, batch.id);
        QCOMPARE(files.batch.value(QLatin1String("status")).toString(), status);
        const qint64 notRun = checkAgreement(files);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(notRun > 0, partial);
        QVERIFY(files.outputFailed > 0); // some failures answer inside the output, with their status
        QVERIFY(!files.errors.isEmpty());
        // Several kinds of failure, so that error groups have something to group.
        QCOMPARE(files.outputStatuses, (QSet<int>{200, 400, 429, 500}));
        QCOMPARE(files.errorCodes, (QSet<QString>{QStringLiteral("context_length_exceeded"),
                                                  QStringLiteral("request_timeout")}));
        const qint64 failed = files.outputFailed + files.errors.size();
        const qint64 done = files.outputOk + failed;
        QVERIFY(qAbs(double(failed) - failedShare * double(done)) <= 1.0);
    }

    void validationFailureHasNoFiles()
    {
        SimAccount account(frozen());
        const SimBatch &batch = account.createForTests(ended(40, SimBatch::Outcome::Failed, 0.0));
        const QJsonObject object = body(account.retrieveBatch(batch.id));
        QCOMPARE(object.value(QLatin1String("status")).toString(), QStringLiteral("failed"));
        QVERIFY(object.value(QLatin1String("output_file_id")).isNull());
        QVERIFY(object.value(QLatin1String("error_file_id")).isNull());
        QCOMPARE(object.value(QLatin1String("errors"))[QLatin1String("data")][0][QLatin1String("line")]
                     .toInteger(),
                 20);
        // Its input file is still there, with the line that failed it broken.
        const QList<QByteArray> lines =
            account.fileContent(object.value(QLatin1String("input_file_id")).toString()).body.split('\n');
        QCOMPARE(lines.size(), 41); // 40 lines and the last line end
        for (int i = 0; i < 40; ++i)
            QCOMPARE(QJsonDocument::fromJson(lines.at(i)).isObject(), i != 19);
    }

    void everyRequestFailedMeansNoOutputFile()
    {
        SimAccount account(frozen());
        const SimBatch &batch = account.createForTests(ended(60, SimBatch::Outcome::Completed, 1.0));
        const Files files = filesOf(account, batch.id);
        QVERIFY(files.batch.value(QLatin1String("output_file_id")).isNull());
        QCOMPARE(files.errors.size(), 60);
        checkAgreement(files);
    }

    void endedBatchesKeepTheListNewestFirst()
    {
        // An ended batch's times lie in the past; the list must still run newest first around it, or a client
        // walking the list refuses the page (the Results screenshots met it).
        SimAccount::Options options = frozen();
        options.batches = 120;
        SimAccount account(options);
        const QString completed = account.createForTests(ended(30, SimBatch::Outcome::Completed, 0.2)).id;
        const QString expired = account.createForTests(ended(30, SimBatch::Outcome::Expired, 0.2)).id;
        QStringList seen;
        qint64 previous = std::numeric_limits<qint64>::max();
        for (const QByteArray &body : account.listAllPages(50)) {
            for (const QJsonValue &item :
                 QJsonDocument::fromJson(body).object().value(QLatin1String("data")).toArray()) {
                const QJsonObject batch = item.toObject();
                const qint64 created = batch.value(QLatin1String("created_at")).toInteger();
                QVERIFY2(created <= previous, qPrintable(batch.value(QLatin1String("id")).toString()));
                previous = created;
                seen << batch.value(QLatin1String("id")).toString();
            }
        }
        QCOMPARE(seen.size(), 122);
        QVERIFY(seen.contains(completed));
        QVERIFY(seen.contains(expired));
        QVERIFY(account.findBatch(completed) && account.findBatch(expired));
        QCOMPARE(account.findBatch(expired)->id, expired);
    }

    void hostileCustomIdsRoundTrip()
    {
        SimAccount account(frozen());
        const SimBatch &batch = account.createForTests(ended(200, SimBatch::Outcome::Completed, 0.3));
        const Files files = filesOf(account, batch.id);
        checkAgreement(files);
        const QString joined = files.input.join(u'\n');
        for (const QString &piece : {QStringLiteral("\""), QStringLiteral("\\"), QStringLiteral(" "),
                                     QStringLiteral("\u8bc4\u4f30"), QStringLiteral("\U0001F4CA")})
            QVERIFY2(joined.contains(piece), qPrintable(piece));
        QStringList results = files.output + files.errors;
        QStringList input = files.input;
        results.sort();
        input.sort();
        QCOMPARE(results, input); // a completed batch answers every request under its own id
        // Escaped as JSON must: the raw bytes hold \" and \\, and stay UTF-8.
        const QByteArray raw =
            account.fileContent(files.batch.value(QLatin1String("input_file_id")).toString()).body;
        QVERIFY(raw.contains("\\\"quoted\\\""));
        QVERIFY(raw.contains("request\\\\"));
        QVERIFY(raw.contains(QStringLiteral("\u8bc4\u4f30").toUtf8()));
    }

    void uploadedFileIdsComeBack()
    {
        SimAccount::Options options = frozen();
        options.speed = 100'000;
        options.createdFailedShare = 0.25;
        SimAccount account(options);
        QByteArray jsonl;
        QStringList ids;
        for (int i = 1; i <= 40; ++i) {
            ids << (i % 9 == 4 ? QStringLiteral("row \"%1\" \\ z\u00fcrich \u2603").arg(i)
                               : QStringLiteral("item-%1").arg(i * 7));
            jsonl +=
                requestLine(ids.last(), i % 2 ? QStringLiteral("gpt-4.1-mini") : QStringLiteral("gpt-4.1"));
        }
        const QString fileId =
            body(account.uploadFile("multipart/form-data; boundary=XyZ", uploadForm(jsonl)))
                .value(QLatin1String("id"))
                .toString();
        const QJsonObject created = body(account.createBatch(
            QJsonDocument(QJsonObject{{QStringLiteral("input_file_id"), fileId},
                                      {QStringLiteral("endpoint"), QStringLiteral("/v1/chat/completions")},
                                      {QStringLiteral("completion_window"), QStringLiteral("24h")}})
                .toJson()));
        const QString id = created.value(QLatin1String("id")).toString();
        QCOMPARE(created.value(QLatin1String("model")).toString(), QStringLiteral("gpt-4.1-mini"));
        QTRY_COMPARE(body(account.retrieveBatch(id)).value(QLatin1String("status")).toString(),
                     QStringLiteral("completed"));
        const Files files = filesOf(account, id);
        QCOMPARE(files.input, ids); // the uploaded file itself
        QCOMPARE(checkAgreement(files), 0);
        QVERIFY(files.outputFailed + files.errors.size() == 10);
        QStringList results = files.output + files.errors;
        results.sort();
        QStringList sorted = ids;
        sorted.sort();
        QCOMPARE(results, sorted);
        // Each line answers with the model of its own request.
        const QByteArray output =
            account.fileContent(files.batch.value(QLatin1String("output_file_id")).toString()).body;
        for (const QJsonObject &line : jsonLines(output)) {
            const QJsonObject response = line.value(QLatin1String("response")).toObject();
            if (response.value(QLatin1String("status_code")).toInt() != 200)
                continue;
            const qsizetype index = ids.indexOf(line.value(QLatin1String("custom_id")).toString());
            QCOMPARE(response.value(QLatin1String("body"))[QLatin1String("model")].toString(),
                     index % 2 == 0 ? QStringLiteral("gpt-4.1-mini") : QStringLiteral("gpt-4.1"));
        }
    }

    void inputProblemsFailValidationWithTheirLine_data()
    {
        QTest::addColumn<QByteArray>("jsonl");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("line");
        const QByteArray a = requestLine(QStringLiteral("a"), QStringLiteral("gpt-4.1"));
        QTest::newRow("not json") << QByteArray(a + "{oops\n") << "invalid_json_line" << 2;
        QTest::newRow("duplicate") << QByteArray(a + "\n" + a) << "duplicate_custom_id" << 3;
        QTest::newRow("no custom_id") << QByteArray(a + R"({"method":"POST","url":"/v1/chat/completions"})"
                                                        "\n")
                                      << "missing_custom_id" << 2;
        QTest::newRow("other url") << QByteArray(a +
                                                 requestLine(QStringLiteral("b"), QStringLiteral("gpt-4.1"))
                                                     .replace("chat/completions", "embeddings"))
                                   << "mismatched_endpoint" << 2;
    }
    void inputProblemsFailValidationWithTheirLine()
    {
        QFETCH(QByteArray, jsonl);
        QFETCH(QString, code);
        QFETCH(int, line);
        SimAccount::Options options = frozen();
        options.speed = 100'000;
        SimAccount account(options);
        const QString fileId =
            body(account.uploadFile("multipart/form-data; boundary=XyZ", uploadForm(jsonl)))
                .value(QLatin1String("id"))
                .toString();
        const QString id =
            body(account.createBatch(
                     QJsonDocument(
                         QJsonObject{{QStringLiteral("input_file_id"), fileId},
                                     {QStringLiteral("endpoint"), QStringLiteral("/v1/chat/completions")},
                                     {QStringLiteral("completion_window"), QStringLiteral("24h")}})
                         .toJson()))
                .value(QLatin1String("id"))
                .toString();
        QTRY_COMPARE(body(account.retrieveBatch(id)).value(QLatin1String("status")).toString(),
                     QStringLiteral("failed"));
        const QJsonObject error =
            body(account.retrieveBatch(id))[QLatin1String("errors")][QLatin1String("data")][0].toObject();
        QCOMPARE(error.value(QLatin1String("code")).toString(), code);
        QCOMPARE(error.value(QLatin1String("line")).toInt(), line);
    }

    void downloadsResumeFromARange()
    {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        QNetworkAccessManager manager;
        manager.setProxy(QNetworkProxy::NoProxy);
        struct Reply
        {
            int status = 0;
            QByteArray body;
            QByteArray contentRange;
            QByteArray acceptRanges;
        };
        const auto call = [&](const QByteArray &verb, const QString &path, const QByteArray &payload,
                              const QByteArray &range = QByteArray()) {
            QNetworkRequest request(QUrl(sim.rootUrl().toString() + path));
            request.setRawHeader("Authorization", "Bearer sk-test");
            if (!range.isEmpty())
                request.setRawHeader("Range", range);
            QNetworkReply *reply = manager.sendCustomRequest(request, verb, payload);
            QSignalSpy finished(reply, &QNetworkReply::finished);
            if (!reply->isFinished())
                finished.wait(30'000);
            Reply answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
                         reply->rawHeader("Content-Range"), reply->rawHeader("Accept-Ranges")};
            reply->deleteLater();
            return answer;
        };
        const QString id = QJsonDocument::fromJson(
                               call("POST", QStringLiteral("/v1/_sim/batches"),
                                    R"({"requests":300,"failed_share":0.3,"ended":true,"answer_chars":700})")
                                   .body)[QLatin1String("id")]
                               .toString();
        const QString output =
            QJsonDocument::fromJson(
                call("GET", QStringLiteral("/v1/batches/") + id, {}).body)[QLatin1String("output_file_id")]
                .toString();
        const QString path = QStringLiteral("/v1/files/%1/content").arg(output);
        const Reply whole = call("GET", path, {});
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.acceptRanges, QByteArray("bytes"));
        const qint64 size = whole.body.size();
        for (const QJsonObject &line : jsonLines(whole.body)) { // answers as long as the hook asked
            const QJsonObject response = line.value(QLatin1String("response")).toObject();
            if (response.value(QLatin1String("status_code")).toInt() == 200)
                QCOMPARE(response[QLatin1String("body")][QLatin1String("output")][0][QLatin1String("content")]
                                 [0][QLatin1String("text")]
                                     .toString()
                                     .size(),
                         700);
        }
        const Reply rest = call("GET", path, {}, "bytes=1000-");
        QCOMPARE(rest.status, 206);
        QCOMPARE(rest.body, whole.body.mid(1000));
        QCOMPARE(rest.contentRange,
                 "bytes 1000-" + QByteArray::number(size - 1) + '/' + QByteArray::number(size));
        const Reply middle = call("GET", path, {}, "bytes=10-19");
        QCOMPARE(middle.status, 206);
        QCOMPARE(middle.body, whole.body.mid(10, 10));
        const Reply past = call("GET", path, {}, "bytes=" + QByteArray::number(size) + '-');
        QCOMPARE(past.status, 416);
        QCOMPARE(past.contentRange, "bytes */" + QByteArray::number(size));
        QCOMPARE(call("GET", path, {}, "bytes=oops").status, 200); // a range it cannot read: the whole file
    }

    void validationListsTheFirstProblemsWithTheirLines()
    {
        SimAccount::Options options = frozen();
        options.speed = 100'000;
        SimAccount account(options);
        QByteArray jsonl;
        for (int i = 1; i <= 30; ++i)
            jsonl += i % 4 == 0 ? QByteArray("not json\n")
                                : requestLine(QStringLiteral("r%1").arg(i % 7), QStringLiteral("m"));
        const QString fileId =
            body(account.uploadFile("multipart/form-data; boundary=XyZ", uploadForm(jsonl)))
                .value(QLatin1String("id"))
                .toString();
        const QString id =
            body(account.createBatch(
                     QJsonDocument(
                         QJsonObject{{QStringLiteral("input_file_id"), fileId},
                                     {QStringLiteral("endpoint"), QStringLiteral("/v1/chat/completions")},
                                     {QStringLiteral("completion_window"), QStringLiteral("24h")}})
                         .toJson()))
                .value(QLatin1String("id"))
                .toString();
        QTRY_COMPARE(body(account.retrieveBatch(id)).value(QLatin1String("status")).toString(),
                     QStringLiteral("failed"));
        const QJsonArray errors =
            body(account.retrieveBatch(id))[QLatin1String("errors")][QLatin1String("data")].toArray();
        QCOMPARE(errors.size(), 10); // the first ten, in line order
        QStringList seen;
        for (const QJsonValue error : errors)
            seen << QStringLiteral("%1:%2")
                        .arg(error[QLatin1String("line")].toInt())
                        .arg(error[QLatin1String("code")].toString());
        // r1..r6, r0 repeat every 7 lines: line 8 is r1 again, line 4, 12, ... are not JSON.
        QCOMPARE(
            seen.mid(0, 4),
            (QStringList{QStringLiteral("4:invalid_json_line"), QStringLiteral("8:invalid_json_line"),
                         QStringLiteral("9:duplicate_custom_id"), QStringLiteral("10:duplicate_custom_id")}));
    }

    void theHookMakesAnEndedBatchOf50000()
    {
        // Through HTTP, as the lead's screenshot and other tests make it.
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        QNetworkAccessManager manager;
        manager.setProxy(QNetworkProxy::NoProxy);
        const auto call = [&](const QByteArray &verb, const QString &path, const QByteArray &payload) {
            QNetworkRequest request(QUrl(sim.rootUrl().toString() + path));
            request.setRawHeader("Authorization", "Bearer sk-test");
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            QNetworkReply *reply = manager.sendCustomRequest(request, verb, payload);
            QSignalSpy finished(reply, &QNetworkReply::finished);
            if (!reply->isFinished())
                finished.wait(60'000);
            const QByteArray answer = reply->readAll();
            reply->deleteLater();
            return answer;
        };
        QElapsedTimer timer;
        timer.start();
        const QJsonObject made =
            QJsonDocument::fromJson(
                call("POST", QStringLiteral("/v1/_sim/batches"),
                     R"({"requests":50000,"outcome":"completed","failed_share":0.4,"ended":true})"))
                .object();
        const QString id = made.value(QLatin1String("id")).toString();
        QVERIFY(!id.isEmpty());
        const QJsonObject batch =
            QJsonDocument::fromJson(call("GET", QStringLiteral("/v1/batches/") + id, {})).object();
        QCOMPARE(batch.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(batch[QLatin1String("request_counts")][QLatin1String("total")].toInteger(), 50'000);
        const QByteArray output = call("GET",
                                       QStringLiteral("/v1/files/%1/content")
                                           .arg(batch.value(QLatin1String("output_file_id")).toString()),
                                       {});
        const QByteArray errors = call("GET",
                                       QStringLiteral("/v1/files/%1/content")
                                           .arg(batch.value(QLatin1String("error_file_id")).toString()),
                                       {});
        const QByteArray input = call("GET",
                                      QStringLiteral("/v1/files/%1/content")
                                          .arg(batch.value(QLatin1String("input_file_id")).toString()),
                                      {});
        qInfo("50,000 requests: made, retrieved and three files (%lld MB) served in %lld ms",
              qint64(output.size() + errors.size() + input.size()) / 1'000'000, timer.elapsed());
        QCOMPARE(input.count('\n'), 50'000);
        const qint64 failed = batch[QLatin1String("request_counts")][QLatin1String("failed")].toInteger();
        QCOMPARE(output.count('\n') + errors.count('\n'), 50'000);
        QCOMPARE(failed, 20'000);
        QCOMPARE(QJsonDocument::fromJson(
                     call("POST", QStringLiteral("/v1/_sim/batches"), R"({"requests":1,"outcome":"maybe"})"))
                     .object()
                     .contains(QLatin1String("error")),
                 true);
    }
};

QTEST_GUILESS_MAIN(TestSimResults)
#include "tst_simresults.moc"
