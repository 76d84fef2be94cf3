#include "core/providers/anthropicadapter.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {
QByteArray data(const char *name)
{
    QFile file(QStringLiteral(BATCHWATCH_TEST_DATA "/providers/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

qint64 utc(const char *iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODateWithMs).toSecsSinceEpoch();
}
} // namespace

class TestAnthropicAdapter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endedMapsByTheRule_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QList<qint64>>("counts"); // processing, succeeded, errored, canceled, expired
        QTest::addColumn<bool>("cancelInitiated");
        QTest::addColumn<int>("expected");
        using C = QList<qint64>;
        QTest::newRow("in_progress") << "in_progress" << C{5, 0, 0, 0, 0} << false
                                     << int(BatchStatus::InProgress);
        QTest::newRow("canceling") << "canceling" << C{5, 0, 0, 0, 0} << true << int(BatchStatus::Cancelling);
        QTest::newRow("canceled requests")
            << "ended" << C{0, 9, 0, 1, 3} << false << int(BatchStatus::Cancelled);
        QTest::newRow("cancel asked, none canceled")
            << "ended" << C{0, 10, 0, 0, 0} << true << int(BatchStatus::Cancelled);
        QTest::newRow("expired") << "ended" << C{0, 5, 5, 0, 1} << false << int(BatchStatus::Expired);
        QTest::newRow("all errored") << "ended" << C{0, 0, 7, 0, 0} << false << int(BatchStatus::Failed);
        QTest::newRow("some errored") << "ended" << C{0, 1, 7, 0, 0} << false << int(BatchStatus::Completed);
        QTest::newRow("all succeeded") << "ended" << C{0, 7, 0, 0, 0} << false << int(BatchStatus::Completed);
        QTest::newRow("nothing at all")
            << "ended" << C{0, 0, 0, 0, 0} << false << int(BatchStatus::Completed);
        QTest::newRow("a new word") << "paused" << C{0, 0, 0, 0, 0} << false << int(BatchStatus::Unknown);
        // OpenAI's words are not Anthropic's: a terminal-sounding one must not stop the batch being re-read.
        QTest::newRow("completed") << "completed" << C{5, 0, 0, 0, 0} << false << int(BatchStatus::Unknown);
        QTest::newRow("failed") << "failed" << C{5, 0, 0, 0, 0} << false << int(BatchStatus::Unknown);
    }

    void endedMapsByTheRule()
    {
        QFETCH(QString, word);
        QFETCH(QList<qint64>, counts);
        QFETCH(bool, cancelInitiated);
        QFETCH(int, expected);
        const AnthropicAdapter::Counts c{counts[0], counts[1], counts[2], counts[3], counts[4]};
        const BatchStatus status = AnthropicAdapter::statusFor(word, c, cancelInitiated);
        QCOMPARE(int(status.value()), expected);
        if (expected == BatchStatus::Unknown)
            QCOMPARE(status.toString(), word); // the provider's word stays visible
    }

    void readsThePageInItsDocumentedShape()
    {
        const QByteArray body = data("anthropic-list.json");
        QVERIFY(!body.isEmpty());
        const Parsed<BatchPage> page = AnthropicAdapter().parsePage(body);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QVERIFY2(page.warnings.isEmpty(), qPrintable(page.warnings.join(u'\n')));
        QCOMPARE(page.value.data.size(), size_t(4));
        QVERIFY(page.value.hasMore);
        QCOMPARE(page.value.lastId, QStringLiteral("msgbatch_01failed"));
        QCOMPARE(page.value.nextCursor(), QStringLiteral("msgbatch_01failed")); // after_id of the next page

        const Batch &running = page.value.data[0];
        QCOMPARE(running.status.value(), BatchStatus::InProgress);
        QCOMPARE(running.rawStatus, QStringLiteral("in_progress"));
        QCOMPARE(running.requestCounts.total, 100);
        QCOMPARE(running.requestCounts.completed, 15);
        QCOMPARE(running.requestCounts.failed, 5);
        QCOMPARE(running.createdAt, utc("2024-09-24T18:37:24Z"));
        QCOMPARE(running.expiresAt, std::optional<qint64>(utc("2024-09-25T18:37:24Z")));
        const QList<QPair<QString, QString>> details = {{QStringLiteral("processing"), QStringLiteral("80")},
                                                        {QStringLiteral("canceled"), QStringLiteral("0")},
                                                        {QStringLiteral("expired"), QStringLiteral("0")}};
        QCOMPARE(running.providerDetails, details);

        const Batch &canceling = page.value.data[1];
        QCOMPARE(canceling.status.value(), BatchStatus::Cancelling);
        QCOMPARE(canceling.cancellingAt, std::optional<qint64>(utc("2024-09-24T13:00:00Z")));

        const Batch &done = page.value.data[2];
        QCOMPARE(done.status.value(), BatchStatus::Completed);
        QCOMPARE(done.rawStatus, QStringLiteral("ended"));
        QCOMPARE(done.createdAt, utc("2024-09-23T08:00:00Z")); // +02:00
        QCOMPARE(done.completedAt, std::optional<qint64>(utc("2024-09-23T10:30:00Z")));
        QCOMPARE(done.endedAt(), done.completedAt);
        QVERIFY(done.resultsUrl.endsWith(QStringLiteral("/msgbatch_02done/results")));

        const Batch &failed = page.value.data[3];
        QCOMPARE(failed.status.value(), BatchStatus::Failed);
        QCOMPARE(failed.failedAt, std::optional<qint64>(utc("2024-09-22T08:00:00Z")));
        QVERIFY(!failed.completedAt);

        // Each object as received (minified): the bytes of the item, not a reprint with keys sorted.
        QVERIFY(running.json.startsWith(
            "{\"id\":\"msgbatch_04running\",\"type\":\"message_batch\",\"processing_status\""));
        QCOMPARE(AnthropicAdapter().parseBatch(running.json).value.json, running.json);
    }

    void hostileObjectsAreReadOrRefusedNeverCrash()
    {
        const AnthropicAdapter adapter;
        // Counts as int64 strings, huge counts (the total saturates), wrong types (warned, ignored).
        const Parsed<Batch> odd = adapter.parseBatch(
            R"({"id":"msgbatch_x","processing_status":"ended","created_at":"2024-01-01T00:00:00Z",)"
            R"("request_counts":{"processing":"3","succeeded":9223372036854775807,"errored":9223372036854775807,)"
            R"("canceled":true,"expired":-4},"expires_at":12,"results_url":{"a":1}})");
        QVERIFY2(odd.ok(), qPrintable(odd.error));
        QCOMPARE(odd.value.requestCounts.total, std::numeric_limits<qint64>::max());
        QCOMPARE(odd.value.requestCounts.completed, std::numeric_limits<qint64>::max());
        QCOMPARE(odd.value.status.value(), BatchStatus::Completed);
        QVERIFY(odd.value.resultsUrl.isEmpty());
        QVERIFY(odd.warnings.size() >= 3); // canceled, expired, results_url

        // An escaped key is still the key.
        const Parsed<Batch> escaped = adapter.parseBatch(
            R"({"id":"msgbatch_e","processing_st\u0061tus":"canceling","created_at":"2024-01-01T00:00:00Z"})");
        QVERIFY2(escaped.ok(), qPrintable(escaped.error));
        QCOMPARE(escaped.value.status.value(), BatchStatus::Cancelling);

        // Missing what every batch has: refused with a reason.
        for (const QByteArray &body :
             {QByteArray(R"({"processing_status":"ended","created_at":"2024-01-01T00:00:00Z"})"),
              QByteArray(R"({"id":"msgbatch_a","created_at":"2024-01-01T00:00:00Z"})"),
              QByteArray(R"({"id":"msgbatch_a","processing_status":"ended","created_at":1.5e300})"),
              QByteArray(R"({"id":"msgbatch_a","processing_status":"ended","created_at":"yesterday"})"),
              // Feb 29 of a year that has none.
              QByteArray(
                  R"({"id":"msgbatch_a","processing_status":"ended","created_at":"2023-02-29T00:00:00Z"})"),
              QByteArray("[]"), QByteArray("{"), QByteArray()}) {
            const Parsed<Batch> refused = adapter.parseBatch(body);
            QVERIFY2(!refused.ok(), body.constData());
        }
        // Ids that cannot be asked for (one such held batch would fail every later refresh): refused.
        for (const char *id : {"a/b", "a?b", "a#b", ".", ".."}) {
            const QByteArray body =
                QByteArray("{\"id\":\"") + id +
                "\",\"processing_status\":\"in_progress\",\"created_at\":\"2024-01-01T00:00:00Z\"}";
            QVERIFY2(!adapter.parseBatch(body).ok(), id);
            QVERIFY2(!adapter.parsePage("{\"data\":[" + body + "],\"has_more\":false}").ok(), id);
        }
        // Feb 29 of a leap year is a day like any other.
        QVERIFY(adapter
                    .parseBatch("{\"id\":\"msgbatch_a\",\"processing_status\":\"ended\","
                                "\"created_at\":\"2024-02-29T00:00:00Z\"}")
                    .ok());
        // A page without has_more, with an item that is no object, or cut anywhere: refused.
        QVERIFY(!adapter.parsePage(R"({"data":[]})").ok());
        QVERIFY(!adapter.parsePage(R"({"data":[1],"has_more":false})").ok());
        const QByteArray page = data("anthropic-list.json");
        for (qsizetype length = 0; length < page.size(); length += 7)
            QVERIFY(!adapter.parsePage(page.left(length)).ok());
    }

    void requestsAndHeaders()
    {
        const AnthropicAdapter adapter;
        ApiConfig config;
        config.provider = Provider::Anthropic;
        config.baseUrl = QUrl(QStringLiteral("https://api.anthropic.com"));
        config.apiKey = QStringLiteral("sk-ant-test");
        QCOMPARE(adapter.list(config, QString(), 1000).url.toString(),
                 QStringLiteral("https://api.anthropic.com/v1/messages/batches?limit=1000"));
        QCOMPARE(
            adapter.list(config, QStringLiteral("msgbatch_1"), 20).url.toString(),
            QStringLiteral("https://api.anthropic.com/v1/messages/batches?after_id=msgbatch_1&limit=20"));
        const ProviderAdapter::Request cancel = adapter.cancel(config, QStringLiteral("msgbatch_1"));
        QCOMPARE(cancel.verb, QByteArray("POST"));
        QCOMPARE(cancel.url.path(), QStringLiteral("/v1/messages/batches/msgbatch_1/cancel"));
        QVERIFY(!adapter.retrieve(config, QStringLiteral("../x")).refusal.isEmpty());
        QNetworkRequest request;
        adapter.authorize(config, &request);
        QCOMPARE(request.rawHeader("x-api-key"), QByteArray("sk-ant-test"));
        QCOMPARE(request.rawHeader("anthropic-version"), QByteArray("2023-06-01"));
        QVERIFY(!request.hasRawHeader("Authorization"));
        QCOMPARE(adapter.maxPageSize(), 1000);
    }

    void resultsComeFromTheAccountsOriginOnly()
    {
        const AnthropicAdapter adapter;
        ApiConfig config;
        config.provider = Provider::Anthropic;
        config.baseUrl = QUrl(QStringLiteral("https://api.anthropic.com"));
        Batch batch;
        batch.id = QStringLiteral("msgbatch_1");
        batch.status = BatchStatus::Completed;
        batch.resultsUrl =
            QStringLiteral("https://api.anthropic.com/v1/messages/batches/msgbatch_1/results?x=1");
        QCOMPARE(adapter.results(config, batch).url.toString(), batch.resultsUrl);
        // Another host, port or scheme: the documented path on the account's own host instead.
        for (const char *elsewhere : {"https://evil.example/steal", "https://api.anthropic.com:8443/r",
                                      "http://api.anthropic.com/v1/messages/batches/msgbatch_1/results",
                                      "https://user@api.anthropic.com/r"}) {
            batch.resultsUrl = QLatin1String(elsewhere);
            const ProviderAdapter::Request r = adapter.results(config, batch);
            QCOMPARE(r.url.toString(),
                     QStringLiteral("https://api.anthropic.com/v1/messages/batches/msgbatch_1/results"));
        }
        batch.resultsUrl.clear();
        batch.status = BatchStatus::InProgress;
        QVERIFY(!adapter.results(config, batch).refusal.isEmpty());
    }

    void errorsOfItsShape()
    {
        const ApiError error = AnthropicAdapter().parseError(
            401, R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})",
            QStringLiteral("req_011"));
        QCOMPARE(error.type, QStringLiteral("authentication_error"));
        QCOMPARE(error.message, QStringLiteral("invalid x-api-key"));
        QCOMPARE(AnthropicAdapter().requestIdHeaders(), QByteArrayList{"request-id"});
    }
};

QTEST_GUILESS_MAIN(TestAnthropicAdapter)
#include "tst_anthropicadapter.moc"
