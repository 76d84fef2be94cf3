#include "core/providers/geminiadapter.h"

#include <QFile>
#include <QTest>

namespace {
QByteArray data(const char *name)
{
    QFile file(QStringLiteral(BATCHWATCH_TEST_DATA "/providers/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

qint64 utc(const char *iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODate).toSecsSinceEpoch();
}

ApiConfig geminiConfig()
{
    ApiConfig config;
    config.provider = Provider::Gemini;
    config.baseUrl = ApiConfig::defaultBaseUrl(Provider::Gemini);
    config.apiKey = QStringLiteral("AIza-test");
    return config;
}
} // namespace

class TestGeminiAdapter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statesMapOntoTheCommonStatuses_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("expected");
        QTest::newRow("pending") << "BATCH_STATE_PENDING" << int(BatchStatus::Validating);
        QTest::newRow("running") << "BATCH_STATE_RUNNING" << int(BatchStatus::InProgress);
        QTest::newRow("succeeded") << "BATCH_STATE_SUCCEEDED" << int(BatchStatus::Completed);
        QTest::newRow("failed") << "BATCH_STATE_FAILED" << int(BatchStatus::Failed);
        QTest::newRow("cancelled") << "BATCH_STATE_CANCELLED" << int(BatchStatus::Cancelled);
        QTest::newRow("expired") << "BATCH_STATE_EXPIRED" << int(BatchStatus::Expired);
        QTest::newRow("unspecified") << "BATCH_STATE_UNSPECIFIED" << int(BatchStatus::Unknown);
        QTest::newRow("a new word") << "BATCH_STATE_PAUSED" << int(BatchStatus::Unknown);
        QTest::newRow("one of ours is not Gemini's") << "completed" << int(BatchStatus::Unknown);
    }

    void statesMapOntoTheCommonStatuses()
    {
        QFETCH(QString, state);
        QFETCH(int, expected);
        const BatchStatus status = GeminiAdapter::statusFor(state);
        QCOMPARE(int(status.value()), expected);
        if (expected == BatchStatus::Unknown)
            QCOMPARE(status.toString(), state);
    }

    void readsThePageInItsDocumentedShape()
    {
        const QByteArray body = data("gemini-list.json");
        QVERIFY(!body.isEmpty());
        const Parsed<BatchPage> page = GeminiAdapter().parsePage(body);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QVERIFY2(page.warnings.isEmpty(), qPrintable(page.warnings.join(u'\n')));
        QCOMPARE(page.value.data.size(), size_t(3));
        QVERIFY(page.value.hasMore);
        QCOMPARE(page.value.next, QStringLiteral("CgZwYWdlLTI="));
        QCOMPARE(page.value.nextCursor(), QStringLiteral("CgZwYWdlLTI="));

        const Batch &running = page.value.data[0];
        QCOMPARE(running.id, QStringLiteral("run123"));
        QCOMPARE(running.status.value(), BatchStatus::InProgress);
        QCOMPARE(running.rawStatus, QStringLiteral("BATCH_STATE_RUNNING"));
        QCOMPARE(running.model, QStringLiteral("gemini-2.5-flash"));
        QCOMPARE(running.createdAt, utc("2025-07-01T10:00:00Z"));
        QCOMPARE(running.requestCounts.total, 1000);
        QCOMPARE(running.requestCounts.completed, 400);
        QCOMPARE(running.requestCounts.failed, 10);
        QCOMPARE(running.inputFileId, QStringLiteral("files/input-run123"));
        QVERIFY(running.providerDetails.contains({QStringLiteral("pending"), QStringLiteral("590")}));
        QVERIFY(running.providerDetails.contains(
            {QStringLiteral("displayName"), QStringLiteral("nightly eval")}));
        QVERIFY(running.json.startsWith("{\"name\":\"batches/run123\",\"metadata\":{\"@type\""));

        const Batch &done = page.value.data[1];
        QCOMPARE(done.status.value(), BatchStatus::Completed);
        QCOMPARE(done.completedAt, std::optional<qint64>(utc("2025-06-30T11:00:00Z")));
        QCOMPARE(done.outputFileId, QStringLiteral("files/batch-done456"));
        QCOMPARE(done.requestCounts.failed, 0);

        const Batch &pending = page.value.data[2];
        QCOMPARE(pending.status.value(), BatchStatus::Validating);
        QVERIFY(!pending.requestCounts.present);
        QCOMPARE(GeminiAdapter().parseBatch(pending.json).value.json, pending.json);

        // The last page: no token, and an empty account leaves the list out.
        const Parsed<BatchPage> last = GeminiAdapter().parsePage("{}");
        QVERIFY2(last.ok(), qPrintable(last.error));
        QVERIFY(!last.value.hasMore);
        QVERIFY(last.value.data.empty());
    }

    void hostileOperationsAreReadOrRefusedNeverCrash()
    {
        const GeminiAdapter adapter;
        const Parsed<Batch> odd = adapter.parseBatch(
            R"({"name":"batches/b1","metadata":{"createTime":"2025-01-01T00:00:00Z","state":"BATCH_STATE_FAILED",)"
            R"("batchStats":{"requestCount":"99999999999999999999","successfulRequestCount":7,)"
            R"("failedRequestCount":"-3","pendingRequestCount":"x"},"model":42,"output":"files/x"},)"
            R"("error":{"code":13,"message":"internal"}})");
        QVERIFY2(odd.ok(), qPrintable(odd.error));
        QCOMPARE(odd.value.requestCounts.total, 0); // beyond int64: warned and ignored
        QCOMPARE(odd.value.requestCounts.completed, 7);
        QCOMPARE(odd.value.status.value(), BatchStatus::Failed);
        QVERIFY(odd.value.model.isEmpty());
        QCOMPARE(odd.value.errors.size(), 1);
        QCOMPARE(odd.value.errors[0].message, QStringLiteral("internal"));
        QVERIFY(odd.warnings.size() >= 4);

        const Parsed<Batch> escaped = adapter.parseBatch(
            R"({"n\u0061me":"batches/b2","metadata":{"createTime":"2025-01-01T00:00:00Z","st\u0061te":"BATCH_STATE_RUNNING"}})");
        QVERIFY2(escaped.ok(), qPrintable(escaped.error));
        QCOMPARE(escaped.value.id, QStringLiteral("b2"));
        QCOMPARE(escaped.value.status.value(), BatchStatus::InProgress);

        for (
            const QByteArray &body :
            {QByteArray(
                 R"({"metadata":{"createTime":"2025-01-01T00:00:00Z","state":"BATCH_STATE_RUNNING"}})"),
             QByteArray(
                 R"({"name":"batches/../x","metadata":{"createTime":"2025-01-01T00:00:00Z","state":"BATCH_STATE_RUNNING"}})"),
             QByteArray(R"({"name":"batches/b","metadata":{"state":"BATCH_STATE_RUNNING"}})"),
             QByteArray(R"({"name":"batches/b","metadata":{"createTime":"2025-01-01T00:00:00Z"}})"),
             QByteArray(R"({"name":"batches/b","metadata":7})"), QByteArray("[]"), QByteArray("nul")}) {
            QVERIFY2(!adapter.parseBatch(body).ok(), body.constData());
        }
        QVERIFY(!adapter.parsePage(R"({"operations":{}})").ok());
        QVERIFY(!adapter.parsePage(R"({"operations":["batches/x"]})").ok());
        // An id that would address a custom method instead of the batch.
        QVERIFY(
            !adapter
                 .parseBatch(R"({"name":"batches/x:cancel","metadata":{"createTime":"2025-01-01T00:00:00Z",)"
                             R"("state":"BATCH_STATE_RUNNING"}})")
                 .ok());
        // The token says whether more pages exist: one of another type is an error, never the end of the
        // list.
        for (const char *token : {"12345", "{}", "[\"t\"]", "true"}) {
            const Parsed<BatchPage> wrong =
                adapter.parsePage(QByteArray(R"({"operations":[],"nextPageToken":)") + token + "}");
            QVERIFY2(!wrong.ok(), token);
            QVERIFY2(wrong.error.contains(QStringLiteral("nextPageToken")), qPrintable(wrong.error));
        }
        QVERIFY(adapter.parsePage(R"({"operations":[],"nextPageToken":null})").ok());
        const QByteArray page = data("gemini-list.json");
        for (qsizetype length = 0; length < page.size(); length += 11)
            QVERIFY(!adapter.parsePage(page.left(length)).ok());
    }

    void requestsAndHeaders()
    {
        const GeminiAdapter adapter;
        const ApiConfig config = geminiConfig();
        QCOMPARE(adapter.list(config, QString(), 50).url.toString(),
                 QStringLiteral("https://generativelanguage.googleapis.com/v1beta/batches?pageSize=50"));
        QCOMPARE(adapter.list(config, QStringLiteral("a+b/c="), 50).url.toEncoded(),
                 QByteArray("https://generativelanguage.googleapis.com/v1beta/"
                            "batches?pageSize=50&pageToken=a%2Bb%2Fc%3D"));
        const ProviderAdapter::Request cancel = adapter.cancel(config, QStringLiteral("b1"));
        QCOMPARE(cancel.verb, QByteArray("POST"));
        QCOMPARE(cancel.url.toString(),
                 QStringLiteral("https://generativelanguage.googleapis.com/v1beta/batches/b1:cancel"));
        QVERIFY(!adapter.cancelReturnsBatch());
        QCOMPARE(adapter.fileContent(config, QStringLiteral("files/batch-1")).url.toString(),
                 QStringLiteral("https://generativelanguage.googleapis.com/download/v1beta/files/"
                                "batch-1:download?alt=media"));
        QCOMPARE(adapter.fileInfo(config, QStringLiteral("files/batch-1")).url.path(),
                 QStringLiteral("/v1beta/files/batch-1"));
        for (const char *bad : {"files/../x", "files/a/b", "files/a:b", "files/", ""})
            QVERIFY2(!adapter.fileContent(config, QLatin1String(bad)).refusal.isEmpty(), bad);
        QVERIFY(!adapter.cancel(config, QStringLiteral("b1:x")).refusal.isEmpty());
        QVERIFY(!adapter.retrieve(config, QStringLiteral("x:cancel")).refusal.isEmpty());
        QNetworkRequest request;
        adapter.authorize(config, &request);
        QCOMPARE(request.rawHeader("x-goog-api-key"), QByteArray("AIza-test"));
        QVERIFY(!request.hasRawHeader("Authorization"));
    }

    void filesAndErrorsOfItsShape()
    {
        const Parsed<FileInfo> file = GeminiAdapter().parseFileInfo(
            R"({"name":"files/batch-1","displayName":"out.jsonl","mimeType":"application/jsonl","sizeBytes":"12345",)"
            R"("createTime":"2025-07-01T10:00:00Z","expirationTime":"2025-07-03T10:00:00Z"})");
        QVERIFY2(file.ok(), qPrintable(file.error));
        QCOMPARE(file.value.bytes, 12345);
        QCOMPARE(file.value.filename, QStringLiteral("out.jsonl"));
        QCOMPARE(file.value.expiresAt, std::optional<qint64>(utc("2025-07-03T10:00:00Z")));
        const ApiError error = GeminiAdapter().parseError(
            400, R"({"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT"}})",
            QString());
        QCOMPARE(error.code, QStringLiteral("INVALID_ARGUMENT"));
        QCOMPARE(error.message, QStringLiteral("API key not valid."));
    }
};

QTEST_GUILESS_MAIN(TestGeminiAdapter)
#include "tst_geminiadapter.moc"
