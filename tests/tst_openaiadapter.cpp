#include "core/providers/openaiadapter.h"

#include <QFile>
#include <QTest>

namespace {
QByteArray data(const char *name)
{
    QFile file(QStringLiteral(BATCHWATCH_TEST_DATA "/providers/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

// OpenAI and the services that copy it; OpenAI's own objects are tst_batchparser's.
class TestOpenAiAdapter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idsThatCannotBeAskedForAreRefused()
    {
        // Held, such a batch would fail every later refresh (its retrieve is refused): the page fails now.
        const OpenAiAdapter adapter;
        for (const char *id : {"a/b", "a?b", "a#b", ".", ".."}) {
            const QByteArray batch = QByteArray("{\"id\":\"") + id +
                                     "\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\","
                                     "\"status\":\"in_progress\",\"created_at\":1700000000}";
            QVERIFY2(!adapter.parseBatch(batch).ok(), id);
            const Parsed<BatchPage> page =
                adapter.parsePage("{\"object\":\"list\",\"data\":[" + batch + "],\"has_more\":false}");
            QVERIFY2(!page.ok(), id);
            QVERIFY(page.value.data.empty());
        }
    }

    void togetherIsReadAsItWritesBatches()
    {
        const QByteArray body = data("together-batch.json");
        QVERIFY(!body.isEmpty());
        const Parsed<Batch> parsed = OpenAiAdapter().parseBatch(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        const Batch &batch = parsed.value;
        QCOMPARE(batch.status.value(), BatchStatus::Completed); // "COMPLETED"
        QCOMPARE(batch.rawStatus, QStringLiteral("COMPLETED"));
        QCOMPARE(batch.createdAt, QDateTime::fromString(QStringLiteral("2024-12-12T09:00:00Z"), Qt::ISODate)
                                      .toSecsSinceEpoch()); // an RFC 3339 created_at
        QVERIFY(batch.completedAt.has_value());
        const QPair<QString, QString> progress{QStringLiteral("progress"), QStringLiteral("100%")};
        QVERIFY(batch.providerDetails.contains(progress));
        QCOMPARE(batch.outputFileId, QStringLiteral("file-output-1"));
    }

    void upperCaseStatusesAndOddProgress_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<int>("expected");
        QTest::newRow("IN_PROGRESS") << "IN_PROGRESS" << int(BatchStatus::InProgress);
        QTest::newRow("Validating") << "Validating" << int(BatchStatus::Validating);
        QTest::newRow("CANCELLED") << "CANCELLED" << int(BatchStatus::Cancelled);
        QTest::newRow("QUEUED") << "QUEUED" << int(BatchStatus::Unknown);
    }

    void upperCaseStatusesAndOddProgress()
    {
        QFETCH(QString, word);
        QFETCH(int, expected);
        const QByteArray body = "{\"id\":\"b\",\"status\":\"" + word.toUtf8() +
                                "\",\"created_at\":1700000000,\"progress\":\"lots\"}";
        const Parsed<Batch> parsed = OpenAiAdapter().parseBatch(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(int(parsed.value.status.value()), expected);
        QCOMPARE(parsed.value.status.toString(),
                 expected == BatchStatus::Unknown ? word : parsed.value.status.toString());
        QCOMPARE(parsed.value.rawStatus, word);
        QVERIFY(parsed.value.providerDetails.isEmpty()); // "lots" is no percentage
        QCOMPARE(parsed.warnings.size(), 1);
    }

    void requestsAndHeaders()
    {
        const OpenAiAdapter adapter;
        ApiConfig config;
        config.baseUrl = QUrl(QStringLiteral("https://api.groq.com/openai/v1/"));
        config.apiKey = QStringLiteral("gsk-test");
        config.organization = QStringLiteral("org-1");
        config.project = QStringLiteral("proj-1");
        QCOMPARE(adapter.list(config, QStringLiteral("batch_9"), 100).url.toString(),
                 QStringLiteral("https://api.groq.com/openai/v1/batches?after=batch_9&limit=100"));
        QCOMPARE(adapter.cancel(config, QStringLiteral("batch_9")).url.path(),
                 QStringLiteral("/openai/v1/batches/batch_9/cancel"));
        QCOMPARE(adapter.fileContent(config, QStringLiteral("file-1")).url.path(),
                 QStringLiteral("/openai/v1/files/file-1/content"));
        QVERIFY(!adapter.fileContent(config, QStringLiteral("..")).refusal.isEmpty());
        QNetworkRequest request;
        adapter.authorize(config, &request);
        QCOMPARE(request.rawHeader("Authorization"), QByteArray("Bearer gsk-test"));
        QCOMPARE(request.rawHeader("OpenAI-Organization"), QByteArray("org-1"));
        QCOMPARE(request.rawHeader("OpenAI-Project"), QByteArray("proj-1"));
        QCOMPARE(adapter.requestIdHeaders(), QByteArrayList{"x-request-id"});
    }

    void fileMetadataIsParsedForTheWidgets()
    {
        const Parsed<FileInfo> file = OpenAiAdapter().parseFileInfo(
            R"({"id":"file-1","object":"file","bytes":2048,"created_at":1700000000,"expires_at":1700086400,)"
            R"("filename":"../../out.jsonl","purpose":"batch_output"})");
        QVERIFY2(file.ok(), qPrintable(file.error));
        QCOMPARE(file.value.bytes, 2048);
        QCOMPARE(file.value.expiresAt, std::optional<qint64>(1700086400));
        QCOMPARE(file.value.filename, QStringLiteral("../../out.jsonl")); // shown; DownloadName makes it safe
        const Parsed<FileInfo> odd =
            OpenAiAdapter().parseFileInfo(R"({"id":"file-1","bytes":"many","filename":7})");
        QVERIFY(odd.ok());
        QCOMPARE(odd.value.bytes, -1);
        QCOMPARE(odd.warnings.size(), 2);
        QVERIFY(!OpenAiAdapter().parseFileInfo("[1]").ok());
    }
};

QTEST_GUILESS_MAIN(TestOpenAiAdapter)
#include "tst_openaiadapter.moc"
