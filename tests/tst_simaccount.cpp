#include "sim/simaccount.h"
#include "sim/simaccountgenerator.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

namespace {
QJsonObject body(const SimResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QJsonArray listAll(const SimAccount &account)
{
    QJsonArray all;
    for (const QByteArray &page : account.listAllPages())
        for (const QJsonValue &v :
             QJsonDocument::fromJson(page).object().value(QStringLiteral("data")).toArray())
            all.append(v);
    return all;
}

SimAccount::Options frozen(int batches, quint64 seed = 1)
{
    SimAccount::Options options;
    options.batches = batches;
    options.seed = seed;
    options.speed = 0;
    options.startTime = 1'790'000'000;
    return options;
}
} // namespace

class TestSimAccount : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tinyAccountShowsEveryStatus()
    {
        const SimAccount account(frozen(9));
        QSet<QString> statuses;
        for (const QJsonValue &v : listAll(account))
            statuses.insert(v[QStringLiteral("status")].toString());
        QCOMPARE(statuses, (QSet<QString>{QStringLiteral("validating"), QStringLiteral("in_progress"),
                                          QStringLiteral("finalizing"), QStringLiteral("completed"),
                                          QStringLiteral("failed"), QStringLiteral("expired"),
                                          QStringLiteral("cancelling"), QStringLiteral("cancelled")}));
    }

    void newestFirstAndOnlyRecentOnesRun()
    {
        const SimAccount account(frozen(2000));
        const QJsonArray all = listAll(account);
        QCOMPARE(all.size(), 2000);
        qint64 previous = std::numeric_limits<qint64>::max();
        for (const QJsonValue &v : all) {
            const qint64 created = v[QStringLiteral("created_at")].toInteger();
            QVERIFY(created <= previous);
            previous = created;
            const QString status = v[QStringLiteral("status")].toString();
            const bool terminal = QStringList{QStringLiteral("completed"), QStringLiteral("failed"),
                                              QStringLiteral("expired"), QStringLiteral("cancelled")}
                                      .contains(status);
            // Nothing older than its 24 h window (plus the cancel grace) is still running.
            if (created < account.now() - 86'400 - 600)
                QVERIFY2(terminal, qPrintable(v[QStringLiteral("id")].toString() + u' ' + status));
        }
    }

    void sameSeedSameAccount()
    {
        const SimAccount a(frozen(300, 42));
        const SimAccount b(frozen(300, 42));
        const SimAccount c(frozen(300, 43));
        QCOMPARE(listAll(a), listAll(b));
        QVERIFY(listAll(a) != listAll(c));
    }

    void theContractsTrapsArePresent()
    {
        const SimAccount account(frozen(400));
        bool emptyStringErrorFile = false, completedWithoutOutput = false, noUsage = false, noModel = false,
             unknownField = false, newlines = false, quotes = false, zeroTotal = false, errorsList = false;
        for (const QJsonValue &value : listAll(account)) {
            const QJsonObject b = value.toObject();
            const QString status = b[QStringLiteral("status")].toString();
            emptyStringErrorFile |= b[QStringLiteral("error_file_id")] == QJsonValue(QString());
            completedWithoutOutput |=
                status == QLatin1String("completed") && b[QStringLiteral("output_file_id")].isNull() &&
                b[QStringLiteral("request_counts")][QStringLiteral("total")].toInteger() > 0;
            noUsage |= !b.contains(QStringLiteral("usage"));
            noModel |= b[QStringLiteral("model")].isNull();
            unknownField |= b.contains(QStringLiteral("x_trace"));
            const QJsonObject metadata = b[QStringLiteral("metadata")].toObject();
            for (const QJsonValue &v : metadata) {
                newlines |= v.toString().contains(u'\n');
                quotes |= v.toString().contains(u'"') && v.toString().contains(u',');
            }
            zeroTotal |= status == QLatin1String("completed") &&
                         b[QStringLiteral("request_counts")][QStringLiteral("total")].toInteger() == 0;
            errorsList |= b[QStringLiteral("errors")][QStringLiteral("data")].toArray().size() > 0;
        }
        QVERIFY(emptyStringErrorFile);
        QVERIFY(completedWithoutOutput);
        QVERIFY(noUsage);
        QVERIFY(noModel);
        QVERIFY(unknownField);
        QVERIFY(newlines);
        QVERIFY(quotes);
        QVERIFY(zeroTotal);
        QVERIFY(errorsList);
    }

    void validatingShowsZerosFinalizingIsFullButNotDownloadable()
    {
        const SimAccount account(frozen(9));
        for (const QJsonValue &value : listAll(account)) {
            const QJsonObject b = value.toObject();
            const QJsonObject counts = b[QStringLiteral("request_counts")].toObject();
            const QString status = b[QStringLiteral("status")].toString();
            if (status == QLatin1String("validating"))
                QCOMPARE(counts[QStringLiteral("total")].toInteger(), 0);
            if (status == QLatin1String("finalizing")) {
                QCOMPARE(counts[QStringLiteral("completed")].toInteger() +
                             counts[QStringLiteral("failed")].toInteger(),
                         counts[QStringLiteral("total")].toInteger());
                QVERIFY(b[QStringLiteral("output_file_id")].isNull());
            }
        }
    }

    void limitIsValidatedLikeTheApi_data()
    {
        QTest::addColumn<QString>("limit");
        QTest::addColumn<QString>("code");
        QTest::newRow("101") << "101"
                             << "integer_above_max_value";
        QTest::newRow("0") << "0"
                           << "integer_below_min_value";
        QTest::newRow("text") << "ten"
                              << "invalid_type";
    }

    void limitIsValidatedLikeTheApi()
    {
        QFETCH(QString, limit);
        QFETCH(QString, code);
        const SimAccount account(frozen(5));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), limit);
        const SimResponse response = account.listBatches(query);
        QCOMPARE(response.status, 400);
        const QJsonObject error = body(response)[QStringLiteral("error")].toObject();
        QCOMPARE(error[QStringLiteral("code")].toString(), code);
        QCOMPARE(error[QStringLiteral("param")].toString(), QStringLiteral("limit"));
        QCOMPARE(error[QStringLiteral("type")].toString(), QStringLiteral("invalid_request_error"));
    }

    void defaultPageIsTwenty()
    {
        const SimAccount account(frozen(50));
        const QJsonObject page = body(account.listBatches(QUrlQuery()));
        QCOMPARE(page[QStringLiteral("data")].toArray().size(), 20);
        QVERIFY(page[QStringLiteral("has_more")].toBool());
        QCOMPARE(page[QStringLiteral("first_id")], page[QStringLiteral("data")][0][QStringLiteral("id")]);
        QCOMPARE(page[QStringLiteral("last_id")], page[QStringLiteral("data")][19][QStringLiteral("id")]);
    }

    void cancelGoesThroughCancellingToCancelled()
    {
        SimAccount::Options options = frozen(9);
        options.speed = 2000; // the 90 s of cancelling pass in 45 ms
        SimAccount account(options);
        const QJsonArray all = listAll(account);
        QString running, finished;
        for (const QJsonValue &v : all) {
            if (v[QStringLiteral("status")] == QJsonValue(QStringLiteral("in_progress")))
                running = v[QStringLiteral("id")].toString();
            if (v[QStringLiteral("status")] == QJsonValue(QStringLiteral("completed")))
                finished = v[QStringLiteral("id")].toString();
        }
        QVERIFY(!running.isEmpty() && !finished.isEmpty());
        const SimResponse cancelled = account.cancelBatch(running);
        QCOMPARE(cancelled.status, 200);
        QCOMPARE(body(cancelled)[QStringLiteral("status")].toString(), QStringLiteral("cancelling"));
        QCOMPARE(account.cancelBatch(running).status, 200); // asking again is harmless
        QTRY_COMPARE(body(account.retrieveBatch(running))[QStringLiteral("status")].toString(),
                     QStringLiteral("cancelled"));
        const QJsonObject after = body(account.retrieveBatch(running));
        QVERIFY(after[QStringLiteral("cancelled_at")].toInteger() >
                after[QStringLiteral("cancelling_at")].toInteger());

        const SimResponse refused = account.cancelBatch(finished);
        QCOMPARE(refused.status, 400);
        QCOMPARE(account.cancelBatch(QStringLiteral("batch_missing")).status, 404);
    }

    void resultFilesMatchTheCounts()
    {
        const SimAccount account(frozen(120));
        int checked = 0;
        for (const QJsonValue &v : listAll(account)) {
            const QString output = v[QStringLiteral("output_file_id")].toString();
            if (output.isEmpty())
                continue;
            const SimResponse content = account.fileContent(output);
            QCOMPARE(content.status, 200);
            // The output holds the successes and, with a non-2xx status, some failures.
            qint64 ok = 0;
            for (const QByteArray &line : content.body.split('\n')) {
                if (!line.isEmpty() &&
                    QJsonDocument::fromJson(
                        line)[QStringLiteral("response")][QStringLiteral("status_code")] == 200)
                    ++ok;
            }
            QCOMPARE(ok, v[QStringLiteral("request_counts")][QStringLiteral("completed")].toInteger());
            QCOMPARE(body(account.retrieveFile(output))[QStringLiteral("bytes")].toInteger(),
                     content.body.size());
            if (++checked == 5)
                break;
        }
        QCOMPARE(checked, 5);
        QCOMPARE(account.fileContent(QStringLiteral("file-nope")).status, 404);
    }

    void createFromUploadRunsToCompletion()
    {
        SimAccount::Options options = frozen(3);
        options.speed = 1000;
        SimAccount account(options);
        const QByteArray jsonl = "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/"
                                 "responses\",\"body\":{\"model\":\"gpt-4.1\"}}\n"
                                 "{\"custom_id\":\"b\",\"method\":\"POST\",\"url\":\"/v1/"
                                 "responses\",\"body\":{\"model\":\"gpt-4.1\"}}\n";
        const QByteArray form =
            "--XyZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
            "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
            "Content-Type: application/jsonl\r\n\r\n" +
            jsonl + "\r\n--XyZ--\r\n";
        const SimResponse uploaded = account.uploadFile("multipart/form-data; boundary=XyZ", form);
        QCOMPARE(uploaded.status, 200);
        const QString fileId = body(uploaded)[QStringLiteral("id")].toString();
        QCOMPARE(body(account.retrieveFile(fileId))[QStringLiteral("bytes")].toInteger(), jsonl.size());
        QCOMPARE(account.fileContent(fileId).body, jsonl);

        const QByteArray request =
            QJsonDocument(QJsonObject{{QStringLiteral("input_file_id"), fileId},
                                      {QStringLiteral("endpoint"), QStringLiteral("/v1/responses")},
                                      {QStringLiteral("completion_window"), QStringLiteral("24h")}})
                .toJson();
        const SimResponse created = account.createBatch(request);
        QCOMPARE(created.status, 200);
        const QString id = body(created)[QStringLiteral("id")].toString();
        QCOMPARE(body(created)[QStringLiteral("model")].toString(), QStringLiteral("gpt-4.1"));
        QCOMPARE(body(account.listBatches(QUrlQuery()))[QStringLiteral("first_id")].toString(), id);
        QTRY_COMPARE(body(account.retrieveBatch(id))[QStringLiteral("status")].toString(),
                     QStringLiteral("completed"));
        QCOMPARE(
            body(account.retrieveBatch(id))[QStringLiteral("request_counts")][QStringLiteral("completed")]
                .toInteger(),
            2);

        QCOMPARE(account.createBatch("{}").status, 400);
        QCOMPARE(account.createBatch("not json").status, 400);
        QJsonObject wrongEndpoint = QJsonDocument::fromJson(request).object();
        wrongEndpoint[QStringLiteral("endpoint")] = QStringLiteral("/v1/images");
        QCOMPARE(account.createBatch(QJsonDocument(wrongEndpoint).toJson()).status, 400);
    }

    void badInputFailsValidationWithTheLine()
    {
        SimAccount::Options options = frozen(0);
        options.speed = 1000;
        SimAccount account(options);
        const QByteArray form =
            "--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jsonl\"\r\n\r\n"
            "{\"custom_id\":\"a\",\"url\":\"/v1/chat/completions\"}\nnot json\n\r\n--b--\r\n";
        const QString fileId =
            body(account.uploadFile("multipart/form-data; boundary=b", form))[QStringLiteral("id")]
                .toString();
        const QString id = body(account.createBatch(
            QJsonDocument(QJsonObject{{QStringLiteral("input_file_id"), fileId},
                                      {QStringLiteral("endpoint"), QStringLiteral("/v1/chat/completions")},
                                      {QStringLiteral("completion_window"), QStringLiteral("24h")}})
                .toJson()))[QStringLiteral("id")]
                               .toString();
        QTRY_COMPARE(body(account.retrieveBatch(id))[QStringLiteral("status")].toString(),
                     QStringLiteral("failed"));
        const QJsonObject error =
            body(account.retrieveBatch(id))[QStringLiteral("errors")][QStringLiteral("data")][0].toObject();
        QCOMPARE(error[QStringLiteral("code")].toString(), QStringLiteral("invalid_json_line"));
        QCOMPARE(error[QStringLiteral("line")].toInteger(), 2);
    }

    void realTimestampsNeverLieAhead()
    {
        // The demo's clock: an hour a second, yet every moment shown is one the real clock has passed.
        SimAccount::Options options;
        options.batches = 40;
        options.speed = 3600;
        options.realTimestamps = true;
        SimAccount account(options);
        const QString validating = listAll(account).at(0)[QStringLiteral("id")].toString();
        QCOMPARE(body(account.retrieveBatch(validating))[QStringLiteral("status")].toString(),
                 QStringLiteral("validating"));
        // Its validation ends two simulated minutes after the start: a moment of real time.
        QTRY_COMPARE(body(account.retrieveBatch(validating))[QStringLiteral("status")].toString(),
                     QStringLiteral("in_progress"));
        const QJsonArray all = listAll(account);
        const qint64 realNow = QDateTime::currentSecsSinceEpoch();
        int moments = 0;
        for (const QJsonValue &value : all) {
            const QJsonObject b = value.toObject();
            for (auto it = b.begin(); it != b.end(); ++it) {
                if (!it.key().endsWith(QLatin1String("_at")) || it.key() == QLatin1String("expires_at") ||
                    it.value().isNull())
                    continue;
                ++moments;
                QVERIFY2(it.value().toInteger() <= realNow,
                         qPrintable(QStringLiteral("%1 %2 = %3, now %4")
                                        .arg(b[QStringLiteral("id")].toString(), it.key())
                                        .arg(it.value().toInteger())
                                        .arg(realNow)));
            }
        }
        QVERIFY(moments > 40);
        // Created in this run: shown at the real moment too, and the file it came from.
        const QJsonObject file = body(account.uploadFile(
            "multipart/form-data; boundary=b",
            "--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jsonl\"\r\n\r\n"
            "{\"custom_id\":\"a\"}\n\r\n--b--\r\n"));
        QVERIFY(file[QStringLiteral("created_at")].toInteger() <= QDateTime::currentSecsSinceEpoch());
    }

    void alertHooksStallSlowAndExpire()
    {
        // The clock moves on when told; a test batch can freeze, run slowly, or carry an output expiry
        // policy.
        SimAccount account(frozen(0));
        const qint64 start = account.now();
        QCOMPARE(account.advanceClock(600), start + 600);
        SimAccount::TestBatch stalling;
        stalling.requests = 1000;
        stalling.runSeconds = 3600;
        stalling.stallAfter = 360;
        const QString stalled = account.createForTests(stalling).id;
        SimAccount::TestBatch slow;
        slow.requests = 1000;
        slow.runSeconds = 48 * 3600;
        slow.outputExpiresAfter = 7200;
        const QString late = account.createForTests(slow).id;
        const auto json = [&account](const QString &id) {
            return account.batchObject(*account.findBatch(id));
        };
        const auto completed = [&](const QString &id) {
            return json(id)
                .value(QLatin1String("request_counts"))
                .toObject()
                .value(QLatin1String("completed"))
                .toInteger();
        };
        account.advanceClock(5 + 360);
        QCOMPARE(completed(stalled), 100); // a tenth of the hour
        account.advanceClock(10 * 3600);
        QCOMPARE(completed(stalled), 100); // frozen, and still running
        QCOMPARE(json(stalled).value(QLatin1String("status")).toString(), QStringLiteral("in_progress"));
        QVERIFY(json(stalled).value(QLatin1String("finalizing_at")).isNull());
        QVERIFY(completed(late) < 220); // about 10 h of 48
        QCOMPARE(json(late)
                     .value(QLatin1String("output_expires_after"))
                     .toObject()
                     .value(QLatin1String("seconds"))
                     .toInteger(),
                 7200);
    }
};

QTEST_GUILESS_MAIN(TestSimAccount)
#include "tst_simaccount.moc"
