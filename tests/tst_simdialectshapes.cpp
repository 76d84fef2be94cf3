#include "sim/simaccount.h"
#include "sim/simanthropicdialect.h"
#include "sim/simgeminidialect.h"
#include "sim/simpagedump.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(SimDialect::Kind)

namespace {
const QRegularExpression kRfc3339(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z$"));

SimAccount::Options accountOptions(int batches)
{
    SimAccount::Options options;
    options.batches = batches;
    options.speed = 0;
    return options;
}

SimRequest post(const QString &path)
{
    SimRequest request = SimRequest::get(path);
    request.method = QStringLiteral("POST");
    return request;
}

QJsonObject jsonOf(const SimResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

// What a reader makes of an ended Message Batch: the rule the providers' adapter states.
QString endedAs(const QJsonObject &counts)
{
    if (counts.value(QLatin1String("canceled")).toInteger() > 0)
        return QStringLiteral("cancelled");
    if (counts.value(QLatin1String("expired")).toInteger() > 0)
        return QStringLiteral("expired");
    if (counts.value(QLatin1String("succeeded")).toInteger() == 0 &&
        counts.value(QLatin1String("errored")).toInteger() > 0)
        return QStringLiteral("failed");
    return QStringLiteral("completed");
}
} // namespace

// The objects each dialect shows for the account's batches: statuses and counts a reader can map back, times
// in the provider's format, and the routes only one provider has (results, downloads, dated paths).
class TestSimDialectShapes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anthropicCountsTellTheStatus()
    {
        SimAccount account(accountOptions(400));
        QSet<QString> seen;
        int allFailedCompleted = 0;
        for (int row = 0; row < account.batchCount(); ++row) {
            const SimBatch &batch = account.batchAt(row);
            const QJsonObject openAi = account.batchObject(batch);
            const QString status = openAi.value(QLatin1String("status")).toString();
            const QJsonObject object =
                SimAnthropicDialect::batchObject(batch, openAi, QStringLiteral("http://h:1"));
            const QJsonObject counts = object.value(QLatin1String("request_counts")).toObject();
            const QString processing = object.value(QLatin1String("processing_status")).toString();
            QVERIFY(kRfc3339.match(object.value(QLatin1String("created_at")).toString()).hasMatch());
            QVERIFY(kRfc3339.match(object.value(QLatin1String("expires_at")).toString()).hasMatch());
            seen << status;
            if (status == QLatin1String("cancelling")) {
                QCOMPARE(processing, QStringLiteral("canceling"));
                QVERIFY(object.value(QLatin1String("cancel_initiated_at")).isString());
            } else if (status == QLatin1String("validating") || status == QLatin1String("in_progress") ||
                       status == QLatin1String("finalizing")) {
                QCOMPARE(processing, QStringLiteral("in_progress"));
                QVERIFY(object.value(QLatin1String("results_url")).isNull());
                QVERIFY(object.value(QLatin1String("ended_at")).isNull());
            } else {
                QCOMPARE(processing, QStringLiteral("ended"));
                QCOMPARE(counts.value(QLatin1String("processing")).toInteger(), 0);
                QVERIFY(kRfc3339.match(object.value(QLatin1String("ended_at")).toString()).hasMatch());
                QCOMPARE(object.value(QLatin1String("results_url")).toString(),
                         QStringLiteral("http://h:1/v1/messages/batches/%1/results")
                             .arg(object.value(QLatin1String("id")).toString()));
                if (status == QLatin1String("cancelled"))
                    QVERIFY(object.value(QLatin1String("cancel_initiated_at")).isString());
                // A completed batch whose every request failed is, in Anthropic's terms, all errored.
                if (status == QLatin1String("completed") && batch.failedShare >= 1.0 && batch.total > 0) {
                    ++allFailedCompleted;
                    QCOMPARE(endedAs(counts), QStringLiteral("failed"));
                } else {
                    QCOMPARE(endedAs(counts), status);
                }
            }
        }
        for (const char *status : {"validating", "in_progress", "finalizing", "cancelling", "completed",
                                   "failed", "cancelled", "expired"})
            QVERIFY2(seen.contains(QLatin1String(status)), status);
        QVERIFY(allFailedCompleted > 0); // the trap is in the account, and the test saw it
    }

    void geminiStatesAndStats()
    {
        SimAccount account(accountOptions(200));
        const QHash<QString, QString> states{
            {QStringLiteral("validating"), QStringLiteral("BATCH_STATE_PENDING")},
            {QStringLiteral("in_progress"), QStringLiteral("BATCH_STATE_RUNNING")},
            {QStringLiteral("finalizing"), QStringLiteral("BATCH_STATE_RUNNING")},
            {QStringLiteral("cancelling"), QStringLiteral("BATCH_STATE_RUNNING")},
            {QStringLiteral("completed"), QStringLiteral("BATCH_STATE_SUCCEEDED")},
            {QStringLiteral("failed"), QStringLiteral("BATCH_STATE_FAILED")},
            {QStringLiteral("cancelled"), QStringLiteral("BATCH_STATE_CANCELLED")},
            {QStringLiteral("expired"), QStringLiteral("BATCH_STATE_EXPIRED")}};
        for (int row = 0; row < account.batchCount(); ++row) {
            const SimBatch &batch = account.batchAt(row);
            const QJsonObject openAi = account.batchObject(batch);
            const QString status = openAi.value(QLatin1String("status")).toString();
            const QJsonObject op = SimGeminiOperation::operation(batch, openAi);
            const QJsonObject metadata = op.value(QLatin1String("metadata")).toObject();
            QCOMPARE(metadata.value(QLatin1String("state")).toString(), states.value(status));
            QCOMPARE(op.value(QLatin1String("name")).toString(),
                     metadata.value(QLatin1String("name")).toString());
            const bool ended = status == QLatin1String("completed") || status == QLatin1String("failed") ||
                               status == QLatin1String("cancelled") || status == QLatin1String("expired");
            QCOMPARE(op.contains(QLatin1String("done")), ended);
            QCOMPARE(metadata.contains(QLatin1String("endTime")), ended);
            QCOMPARE(op.contains(QLatin1String("error")), status == QLatin1String("failed"));
            QVERIFY(kRfc3339.match(metadata.value(QLatin1String("createTime")).toString()).hasMatch());
            const QJsonObject stats = metadata.value(QLatin1String("batchStats")).toObject();
            for (auto it = stats.constBegin(); it != stats.constEnd(); ++it)
                QVERIFY2(it.value().isString() && it.value().toString() != QLatin1String("0"),
                         qPrintable(it.key()));
            const QJsonObject counts = openAi.value(QLatin1String("request_counts")).toObject();
            QCOMPARE(stats.value(QLatin1String("successfulRequestCount")).toString().toLongLong(),
                     counts.value(QLatin1String("completed")).toInteger());
            QCOMPARE(stats.value(QLatin1String("failedRequestCount")).toString().toLongLong(),
                     counts.value(QLatin1String("failed")).toInteger());
        }
    }

    void anthropicResultsMatchTheCounts()
    {
        SimAccount account(accountOptions(120));
        SimAnthropicDialect dialect({});
        int checked = 0;
        QSet<QString> typesSeen;
        for (int row = 0; row < account.batchCount(); ++row) {
            const SimBatch &batch = account.batchAt(row);
            if (batch.submitted > 400)
                continue; // the large ones only cost time
            const QString id = SimAnthropicDialect::toAnthropicId(batch.id);
            QString route;
            const SimResponse retrieved = dialect.handle(
                SimRequest::get(QStringLiteral("/v1/messages/batches/") + id), account, &route);
            QCOMPARE(retrieved.status, 200);
            const QJsonObject object = jsonOf(retrieved);
            const SimResponse results = dialect.handle(
                SimRequest::get(QStringLiteral("/v1/messages/batches/%1/results").arg(id)), account, &route);
            if (object.value(QLatin1String("processing_status")).toString() != QLatin1String("ended")) {
                QCOMPARE(results.status, 404);
                continue;
            }
            QCOMPARE(results.status, 200);
            QHash<QString, qint64> byType;
            QSet<QString> customIds;
            for (const QByteArray &line : results.body.split('\n')) {
                if (line.isEmpty())
                    continue;
                const QJsonObject result = QJsonDocument::fromJson(line).object();
                byType[result.value(QLatin1String("result"))
                           .toObject()
                           .value(QLatin1String("type"))
                           .toString()]++;
                customIds << result.value(QLatin1String("custom_id")).toString();
            }
            for (auto it = byType.cbegin(); it != byType.cend(); ++it)
                typesSeen << it.key();
            const QJsonObject counts = object.value(QLatin1String("request_counts")).toObject();
            qint64 all = 0;
            for (const char *type : {"succeeded", "errored", "canceled", "expired"}) {
                QCOMPARE(byType.value(QLatin1String(type)), counts.value(QLatin1String(type)).toInteger());
                all += byType.value(QLatin1String(type));
            }
            QCOMPARE(customIds.size(), all);
            ++checked;
        }
        QVERIFY(checked > 10);
        QCOMPARE(typesSeen.size(), 4); // succeeded, errored, canceled and expired lines all occur
    }

    void anthropicCancelAndBeforeId()
    {
        SimAccount account(accountOptions(60));
        SimAnthropicDialect dialect({});
        QString route;
        const QJsonArray all = jsonOf(dialect.handle(SimRequest::get(QStringLiteral("/v1/messages/batches"),
                                                                     QUrlQuery(QStringLiteral("limit=100"))),
                                                     account, &route))
                                   .value(QLatin1String("data"))
                                   .toArray();
        QCOMPARE(all.size(), 60);
        const QJsonObject before = jsonOf(dialect.handle(
            SimRequest::get(QStringLiteral("/v1/messages/batches"),
                            QUrlQuery(QStringLiteral("limit=5&before_id=") +
                                      all.at(12).toObject().value(QLatin1String("id")).toString())),
            account, &route));
        const QJsonArray page = before.value(QLatin1String("data")).toArray();
        QCOMPARE(page.size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(page.at(i).toObject().value(QLatin1String("id")),
                     all.at(7 + i).toObject().value(QLatin1String("id")));
        QVERIFY(before.value(QLatin1String("has_more")).toBool());

        QString running;
        for (const QJsonValue item : all) {
            if (item.toObject().value(QLatin1String("processing_status")).toString() ==
                QLatin1String("in_progress"))
                running = item.toObject().value(QLatin1String("id")).toString();
        }
        const SimResponse cancelled = dialect.handle(
            post(QStringLiteral("/v1/messages/batches/%1/cancel").arg(running)), account, &route);
        QCOMPARE(cancelled.status, 200);
        QCOMPARE(jsonOf(cancelled).value(QLatin1String("processing_status")).toString(),
                 QStringLiteral("canceling"));
        QCOMPARE(route, QStringLiteral("POST batches/cancel"));
    }

    void geminiDownloadsOnBothPaths()
    {
        SimAccount account(accountOptions(60));
        SimGeminiDialect dialect({});
        QString route;
        QString file;
        for (int row = 0; row < account.batchCount() && file.isEmpty(); ++row) {
            const QJsonObject op = SimGeminiOperation::operation(account.batchAt(row),
                                                                 account.batchObject(account.batchAt(row)));
            file = op.value(QLatin1String("response"))
                       .toObject()
                       .value(QLatin1String("responsesFile"))
                       .toString();
        }
        QVERIFY(file.startsWith(QLatin1String("files/")));
        const QUrlQuery media(QStringLiteral("alt=media"));
        const SimResponse viaApi = dialect.handle(
            SimRequest::get(QStringLiteral("/v1beta/%1:download").arg(file), media), account, &route);
        const SimResponse viaMedia =
            dialect.handle(SimRequest::get(QStringLiteral("/download/v1beta/%1:download").arg(file), media),
                           account, &route);
        QCOMPARE(viaApi.status, 200);
        QVERIFY(!viaApi.body.isEmpty());
        QCOMPARE(viaMedia.body, viaApi.body);
        QCOMPARE(
            dialect.handle(SimRequest::get(QStringLiteral("/v1beta/%1:download").arg(file)), account, &route)
                .status,
            400);
        QCOMPARE(dialect
                     .handle(SimRequest::get(QStringLiteral("/v1beta/files/responsesnope:download"), media),
                             account, &route)
                     .status,
                 404);
    }

    void listParametersAreChecked()
    {
        SimAccount account(accountOptions(1200));
        QString route;
        const auto gemini = SimDialect::create(SimDialect::Kind::Gemini, {});
        const auto list = [&](SimDialect &dialect, const QString &path, const QString &query) {
            return dialect.handle(SimRequest::get(path, QUrlQuery(query)), account, &route);
        };
        const QString batches = QStringLiteral("/v1beta/batches");
        QCOMPARE(
            jsonOf(list(*gemini, batches, QString())).value(QLatin1String("operations")).toArray().size(),
            50);
        QCOMPARE(jsonOf(list(*gemini, batches, QStringLiteral("pageSize=5000")))
                     .value(QLatin1String("operations"))
                     .toArray()
                     .size(),
                 1000);
        const SimResponse negative = list(*gemini, batches, QStringLiteral("pageSize=-1"));
        QCOMPARE(negative.status, 400);
        QCOMPARE(jsonOf(negative)
                     .value(QLatin1String("error"))
                     .toObject()
                     .value(QLatin1String("status"))
                     .toString(),
                 QStringLiteral("INVALID_ARGUMENT"));
        QCOMPARE(list(*gemini, batches, QStringLiteral("pageToken=bm9wZQ")).status, 400);
        QCOMPARE(list(*gemini, batches, QStringLiteral("pageToken=%%%")).status, 400);

        const auto anthropic = SimDialect::create(SimDialect::Kind::Anthropic, {});
        const QString messages = QStringLiteral("/v1/messages/batches");
        QCOMPARE(jsonOf(list(*anthropic, messages, QString())).value(QLatin1String("data")).toArray().size(),
                 20);
        QCOMPARE(list(*anthropic, messages, QStringLiteral("limit=1000")).status, 200);
        for (const char *bad :
             {"limit=0", "limit=1001", "limit=x", "after_id=msgbatch_a&before_id=msgbatch_b"})
            QCOMPARE(list(*anthropic, messages, QLatin1String(bad)).status, 400);
        const QJsonObject unknown =
            jsonOf(list(*anthropic, messages, QStringLiteral("after_id=msgbatch_nope")));
        QVERIFY(unknown.value(QLatin1String("data")).toArray().isEmpty());
        QVERIFY(!unknown.value(QLatin1String("has_more")).toBool());
    }

    void geminiCreatesFromInlineRequests()
    {
        SimAccount::Options options = accountOptions(5);
        options.speed = 10'000; // a created batch ends 20 simulated seconds later
        SimAccount account(options);
        SimGeminiDialect dialect({});
        QString route;
        SimRequest create = post(QStringLiteral("/v1beta/models/gemini-2.5-flash:batchGenerateContent"));
        create.body =
            R"({"batch":{"displayName":"inline","inputConfig":{"requests":{"requests":[)"
            R"({"request":{"contents":[]},"metadata":{"key":"a"}},{"request":{"contents":[]}}]}}}})";
        const QJsonObject created = jsonOf(dialect.handle(create, account, &route));
        QCOMPARE(route, QStringLiteral("POST batches"));
        const QJsonObject metadata = created.value(QLatin1String("metadata")).toObject();
        QCOMPARE(metadata.value(QLatin1String("model")).toString(),
                 QStringLiteral("models/gemini-2.5-flash"));
        QCOMPARE(metadata.value(QLatin1String("displayName")).toString(), QStringLiteral("inline"));
        QCOMPARE(metadata.value(QLatin1String("batchStats"))[QLatin1String("requestCount")].toString(),
                 QStringLiteral("2"));
        const QString name = created.value(QLatin1String("name")).toString();
        QJsonObject done;
        QTRY_VERIFY((done = jsonOf(
                         dialect.handle(SimRequest::get(QStringLiteral("/v1beta/") + name), account, &route)))
                        .value(QLatin1String("done"))
                        .toBool());
        const QJsonObject output = done.value(QLatin1String("metadata"))[QLatin1String("output")].toObject();
        QVERIFY(!output.contains(QLatin1String("responsesFile")));
        QCOMPARE(output.value(QLatin1String("inlinedResponses"))[QLatin1String("inlinedResponses")]
                     .toArray()
                     .size(),
                 2);

        QSet<QString> keys;
        for (const QJsonValue line :
             output.value(QLatin1String("inlinedResponses"))[QLatin1String("inlinedResponses")].toArray())
            keys << line[QLatin1String("metadata")][QLatin1String("key")].toString();
        QCOMPARE(keys, (QSet<QString>{QStringLiteral("a"), QStringLiteral("request-2")}));

        create.body = R"({"batch":{"inputConfig":{"fileName":"files/x"}}})";
        QCOMPARE(dialect.handle(create, account, &route).status, 404); // no such uploaded file
        create.body = R"({"batch":{"inputConfig":{"requests":{"requests":[]}}}})";
        QCOMPARE(dialect.handle(create, account, &route).status, 400);
    }

    void azureDatedPathsNeedAnApiVersion()
    {
        SimAccount account(accountOptions(10));
        const auto azure = SimDialect::create(SimDialect::Kind::Azure, {});
        QString route;
        QCOMPARE(azure->handle(SimRequest::get(QStringLiteral("/openai/batches")), account, &route).status,
                 404);
        QCOMPARE(azure
                     ->handle(SimRequest::get(QStringLiteral("/openai/batches"),
                                              QUrlQuery(QStringLiteral("api-version=2024-10-21"))),
                              account, &route)
                     .status,
                 200);
        QCOMPARE(azure->handle(SimRequest::get(QStringLiteral("/openai/v1/batches")), account, &route).status,
                 200);
        QCOMPARE(azure->handle(SimRequest::get(QStringLiteral("/v1/batches")), account, &route).status, 404);
    }

    void writePagesWalksTheDialectsCursor_data()
    {
        QTest::addColumn<SimDialect::Kind>("kind");
        QTest::newRow("openai") << SimDialect::Kind::OpenAI;
        QTest::newRow("azure") << SimDialect::Kind::Azure;
        QTest::newRow("anthropic") << SimDialect::Kind::Anthropic;
        QTest::newRow("gemini") << SimDialect::Kind::Gemini;
    }
    void writePagesWalksTheDialectsCursor()
    {
        QFETCH(SimDialect::Kind, kind);
        SimAccount::Options options;
        options.batches = 250;
        options.speed = 0;
        SimAccount account(options);
        QTemporaryDir dir;
        QString error;
        QVERIFY2(SimPageDump::write(account, *SimDialect::create(kind, {}), dir.path(), &error),
                 qPrintable(error));
        const QString cursor = kind == SimDialect::Kind::Anthropic ? QStringLiteral("after_id")
                               : kind == SimDialect::Kind::Gemini  ? QStringLiteral("pageToken")
                                                                   : QStringLiteral("after");
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("first.json"))));
        QCOMPARE(QDir(dir.filePath(cursor)).entryList(QDir::Files).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSimDialectShapes)
#include "tst_simdialectshapes.moc"
