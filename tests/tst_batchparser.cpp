#include "core/json/batchparser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {
// The list response inside the example the user gave (the Go SDK's documentation page).
QByteArray seedPage()
{
    QFile file(QStringLiteral(BATCHWATCH_TEST_DATA "/seed-list-batches.txt"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = file.readAll();
    const qsizetype start = text.indexOf("{\n\"data\"");
    const qsizetype end = text.indexOf("}Returns Examples");
    return start >= 0 && end > start ? text.mid(start, end - start + 1) : QByteArray();
}

QJsonObject minimalBatch(const QString &id = QStringLiteral("batch_1"))
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("object"), QStringLiteral("batch")},
            {QStringLiteral("endpoint"), QStringLiteral("/v1/responses")},
            {QStringLiteral("input_file_id"), QStringLiteral("file-in")},
            {QStringLiteral("completion_window"), QStringLiteral("24h")},
            {QStringLiteral("status"), QStringLiteral("in_progress")},
            {QStringLiteral("created_at"), 1'760'000'000}};
}

QByteArray page(const QJsonArray &data, bool hasMore = false)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                                     {QStringLiteral("data"), data},
                                     {QStringLiteral("has_more"), hasMore}})
        .toJson(QJsonDocument::Compact);
}
} // namespace

class TestBatchParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedExampleParsesEveryField()
    {
        const QByteArray body = seedPage();
        QVERIFY2(!body.isEmpty(), "seed example not found");
        const Parsed<BatchPage> parsed = BatchParser::parseListPage(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.warnings, QStringList());
        const BatchPage &p = parsed.value;
        QVERIFY(p.hasMore);
        QCOMPARE(p.firstId, QStringLiteral("batch_abc123"));
        QCOMPARE(p.lastId, QStringLiteral("batch_abc456"));
        // The SDKs continue from the last item's id, not from last_id.
        QCOMPARE(p.nextCursor(), QStringLiteral("id"));
        QCOMPARE(p.data.size(), size_t(1));

        const Batch &b = p.data.front();
        QCOMPARE(b.id, QStringLiteral("id"));
        QCOMPARE(b.status.value(), BatchStatus::Validating);
        QCOMPARE(b.endpoint, QStringLiteral("endpoint"));
        QCOMPARE(b.model, QStringLiteral("model"));
        QCOMPARE(b.inputFileId, QStringLiteral("input_file_id"));
        QCOMPARE(b.outputFileId, QStringLiteral("output_file_id"));
        QCOMPARE(b.errorFileId, QStringLiteral("error_file_id"));
        QCOMPARE(b.completionWindow, QStringLiteral("completion_window"));
        QCOMPARE(b.createdAt, 0);
        QCOMPARE(b.cancelledAt, std::optional<qint64>(0));
        QCOMPARE(b.finalizingAt, std::optional<qint64>(0));
        QVERIFY(b.requestCounts.present);
        QVERIFY(b.usage.has_value());
        QCOMPARE(b.errors.size(), 1);
        QCOMPARE(b.errors[0].code, QStringLiteral("code"));
        QCOMPARE(b.errors[0].param, QStringLiteral("param"));
        QCOMPARE(b.errors[0].line, std::optional<qint64>(0));
        QCOMPARE(b.metadata.value(QStringLiteral("foo")), QStringLiteral("string"));
        // Nothing the server sent is lost.
        const QJsonObject original =
            QJsonDocument::fromJson(body).object()[QStringLiteral("data")].toArray()[0].toObject();
        QCOMPARE(b.rawObject(), original);
    }

    void typedValues()
    {
        QJsonObject o = minimalBatch();
        o[QStringLiteral("request_counts")] = QJsonObject{{QStringLiteral("total"), 1000},
                                                          {QStringLiteral("completed"), 812},
                                                          {QStringLiteral("failed"), 188}};
        o[QStringLiteral("usage")] = QJsonObject{
            {QStringLiteral("input_tokens"), 5000},
            {QStringLiteral("input_tokens_details"), QJsonObject{{QStringLiteral("cached_tokens"), 1000}}},
            {QStringLiteral("output_tokens"), 700},
            {QStringLiteral("output_tokens_details"), QJsonObject{{QStringLiteral("reasoning_tokens"), 300}}},
            {QStringLiteral("total_tokens"), 5700},
            {QStringLiteral("undocumented_live_key"), 3}};
        o[QStringLiteral("in_progress_at")] = 1'760'000'100;
        const Parsed<Batch> parsed = BatchParser::parseBatch(o);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        const Batch &b = parsed.value;
        QCOMPARE(b.requestCounts.total, 1000);
        QCOMPARE(b.requestCounts.completed, 812);
        QCOMPARE(b.requestCounts.failed, 188);
        QCOMPARE(b.usage->inputTokens, 5000);
        QCOMPARE(b.usage->cachedTokens, 1000);
        QCOMPARE(b.usage->outputTokens, 700);
        QCOMPARE(b.usage->reasoningTokens, 300);
        QCOMPARE(b.usage->totalTokens, 5700);
        QCOMPARE(b.created(), QDateTime::fromSecsSinceEpoch(1'760'000'000, Qt::UTC));
        QCOMPARE(b.inProgressAt, std::optional<qint64>(1'760'000'100));
        QVERIFY(!b.completedAt.has_value());
        QVERIFY(!b.endedAt().has_value());
    }

    void nullAbsentAndEmptyAreAlike_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("null") << QJsonValue(QJsonValue::Null);
        QTest::newRow("absent") << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("empty string") << QJsonValue(QString());
    }

    void nullAbsentAndEmptyAreAlike()
    {
        QFETCH(QJsonValue, value);
        QJsonObject o = minimalBatch();
        for (const char *key : {"output_file_id", "error_file_id", "model", "completed_at", "request_counts",
                                "usage", "metadata", "errors", "expires_at"}) {
            if (!value.isUndefined())
                o.insert(QLatin1String(key), value);
        }
        const Parsed<Batch> parsed = BatchParser::parseBatch(o);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.warnings, QStringList());
        const Batch &b = parsed.value;
        QVERIFY(b.outputFileId.isEmpty());
        QVERIFY(b.errorFileId.isEmpty());
        QVERIFY(b.model.isEmpty());
        QVERIFY(!b.completedAt.has_value());
        QVERIFY(!b.expiresAt.has_value());
        QVERIFY(!b.requestCounts.present);
        QVERIFY(!b.usage.has_value());
        QVERIFY(b.metadata.isEmpty());
        QVERIFY(b.errors.isEmpty());
    }

    void unknownFieldsAndStatusesAreKept()
    {
        QJsonObject o = minimalBatch();
        o[QStringLiteral("status")] = QStringLiteral("paused");
        o[QStringLiteral("x_new_field")] =
            QJsonObject{{QStringLiteral("nested"), QJsonArray{1, QStringLiteral("two")}}};
        const Parsed<Batch> parsed = BatchParser::parseBatch(o);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value.status.toString(), QStringLiteral("paused"));
        QCOMPARE(parsed.value.rawObject(), o);
    }

    void hostileMetadataSurvives()
    {
        QJsonObject o = minimalBatch();
        const QString tricky = QStringLiteral("ACME, \"Widgets\"\nZoë 评估 📊 =SUM(A1)");
        o[QStringLiteral("metadata")] =
            QJsonObject{{QStringLiteral("k"), tricky},
                        {QStringLiteral("long"), QString(10'000, u'v')},
                        {QStringLiteral("number"), 42},
                        {QStringLiteral("obj"), QJsonObject{{QStringLiteral("a"), true}}}};
        const Parsed<Batch> parsed = BatchParser::parseBatch(o);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value.metadata.value(QStringLiteral("k")), tricky);
        QCOMPARE(parsed.value.metadata.value(QStringLiteral("long")).size(), 10'000);
        // Values that are not strings (against the contract) still show, as their JSON text.
        QCOMPARE(parsed.value.metadata.value(QStringLiteral("number")), QStringLiteral("42"));
        QCOMPARE(parsed.value.metadata.value(QStringLiteral("obj")), QStringLiteral("{\"a\":true}"));
    }

    void wrongTypesOfOptionalFieldsWarn()
    {
        QJsonObject o = minimalBatch();
        o[QStringLiteral("request_counts")] = QStringLiteral("lots");
        o[QStringLiteral("completed_at")] = QStringLiteral("yesterday");
        o[QStringLiteral("model")] = 4;
        o[QStringLiteral("usage")] = QJsonObject{{QStringLiteral("input_tokens"), 1.5}};
        const Parsed<Batch> parsed = BatchParser::parseBatch(o);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.warnings.size(), 3);
        QVERIFY(parsed.warnings.join(u'\n').contains(
            QStringLiteral("batch_1: field 'request_counts' is a string")));
        QVERIFY(!parsed.value.completedAt.has_value());
        QVERIFY(parsed.value.model.isEmpty());
        QCOMPARE(parsed.value.usage->inputTokens, 1); // a fraction is still a number: truncated
    }

    void requiredFieldsGiveErrors_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no id") << "id" << QJsonValue(QJsonValue::Undefined)
                               << "required field 'id' is missing";
        QTest::newRow("numeric id") << "id" << QJsonValue(7) << "required field 'id' is a number";
        QTest::newRow("null status") << "status" << QJsonValue(QJsonValue::Null)
                                     << "batch_1: required field 'status' is null";
        QTest::newRow("text created_at") << "created_at" << QJsonValue(QStringLiteral("2025-01-01"))
                                         << "batch_1: required field 'created_at' is a string";
        QTest::newRow("huge created_at") << "created_at" << QJsonValue(1e300) << "'created_at' is a number";
    }

    void requiredFieldsGiveErrors()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QJsonObject o = minimalBatch();
        if (value.isUndefined())
            o.remove(field);
        else
            o[field] = value;
        const Parsed<Batch> parsed = BatchParser::parseBatch(o);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error.contains(expected), qPrintable(parsed.error));
    }

    void pageShapeErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << "empty";
        QTest::newRow("html") << QByteArray("<html>502 Bad Gateway</html>") << "not valid JSON";
        QTest::newRow("array") << QByteArray("[1,2]") << "JSON array, expected an object";
        QTest::newRow("no data") << QByteArray(R"({"object":"list","has_more":false})")
                                 << "'data' is missing";
        QTest::newRow("data object") << QByteArray(R"({"object":"list","data":{},"has_more":false})")
                                     << "'data' is an object";
        QTest::newRow("no has_more") << QByteArray(R"({"object":"list","data":[]})")
                                     << "'has_more' is missing";
        QTest::newRow("has_more text")
            << QByteArray(R"({"data":[],"has_more":"yes"})") << "'has_more' is a string";
        QTest::newRow("item not object")
            << QByteArray(R"({"data":[3],"has_more":false})") << "item 1 of the list is a number";
        QTest::newRow("item without id")
            << page(QJsonArray{minimalBatch(), QJsonObject{{QStringLiteral("status"), QStringLiteral("x")}}})
            << "item 2 of the list: required field 'id'";
    }

    void pageShapeErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const Parsed<BatchPage> parsed = BatchParser::parseListPage(body);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error.contains(expected), qPrintable(parsed.error));
        QVERIFY(parsed.value.data.empty());
    }

    void everyTruncationIsAnErrorNotACrash()
    {
        const QByteArray body = seedPage();
        QVERIFY(!body.isEmpty());
        for (qsizetype length = 0; length < body.size() - 1; ++length) {
            const Parsed<BatchPage> parsed = BatchParser::parseListPage(body.left(length));
            QVERIFY2(!parsed.ok(), qPrintable(QStringLiteral("prefix of %1 bytes parsed").arg(length)));
        }
    }

    void hugePageParses()
    {
        // About 50 MB: 100 batches with 500 KB of metadata each.
        QJsonArray data;
        const QString big(500'000, u'm');
        for (int i = 0; i < 100; ++i) {
            QJsonObject o = minimalBatch(QStringLiteral("batch_%1").arg(i));
            o[QStringLiteral("metadata")] = QJsonObject{{QStringLiteral("blob"), big}};
            data.append(o);
        }
        const QByteArray body = page(data, true);
        QVERIFY(body.size() > 50'000'000);
        const Parsed<BatchPage> parsed = BatchParser::parseListPage(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.value.data.size(), size_t(100));
        QCOMPARE(parsed.value.data.back().metadata.value(QStringLiteral("blob")).size(), 500'000);
    }

    void deepNesting()
    {
        // Moderate depth in an unknown field is kept; absurd depth is refused with a message, not a stack
        // overflow.
        const auto nested = [](int depth) -> QByteArray {
            QByteArray value = QByteArray(depth, '[') + QByteArray(depth, ']');
            return QByteArray(R"({"data":[{"id":"batch_1","status":"completed","created_at":1,"x":)") +
                   value + QByteArray("}],\"has_more\":false}");
        };
        const Parsed<BatchPage> moderate = BatchParser::parseListPage(nested(200));
        QVERIFY2(moderate.ok(), qPrintable(moderate.error));
        QVERIFY(moderate.value.data.front().json.contains(QByteArray(200, '[')));
        const Parsed<BatchPage> absurd = BatchParser::parseListPage(nested(100'000));
        QVERIFY(!absurd.ok());
        QVERIFY2(absurd.error.contains(QStringLiteral("not valid JSON")), qPrintable(absurd.error));
    }

    void fuzzCorpusAndCrashersReplay()
    {
        // Every input the fuzzer started from or ever crashed on: each gives a value or a message, never a
        // crash.
        int files = 0;
        for (const char *folder : {"/../fuzz/corpus", "/../fuzz/regressions"}) {
            const QDir dir(QStringLiteral(BATCHWATCH_TEST_DATA) + QLatin1String(folder));
            for (const QFileInfo &info : dir.entryInfoList(QDir::Files)) {
                QFile file(info.filePath());
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QByteArray body = file.readAll();
                const Parsed<BatchPage> page = BatchParser::parseListPage(body);
                QVERIFY2(page.ok() || !page.error.isEmpty(), qPrintable(info.fileName()));
                const Parsed<Batch> batch = BatchParser::parseBatch(body);
                QVERIFY2(batch.ok() || !batch.error.isEmpty(), qPrintable(info.fileName()));
                ++files;
            }
        }
        QVERIFY(files >= 6);
    }

    void eachBatchKeepsItsBytesAsReceived()
    {
        // A pretty-printed page with quotes, brackets and backslash runs inside strings: each batch's JSON is
        // its own object, on one line, keys in the server's order, escapes as sent.
        QFile file(QStringLiteral(BATCHWATCH_TEST_DATA "/pretty-page.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray body = file.readAll();
        const Parsed<BatchPage> parsed = BatchParser::parseListPage(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.value.data.size(), size_t(2));
        const QJsonArray expected =
            QJsonDocument::fromJson(body).object().value(QLatin1String("data")).toArray();
        for (size_t i = 0; i < parsed.value.data.size(); ++i) {
            const QByteArray json = parsed.value.data[i].json;
            QVERIFY2(!json.contains('\n') && !json.contains(": "), json.constData());
            QCOMPARE(QJsonDocument::fromJson(json).object(), expected.at(qsizetype(i)).toObject());
        }
        QVERIFY(parsed.value.data[0].json.startsWith("{\"status\":\"completed\",\"id\":\"batch_a\""));
        QCOMPARE(parsed.value.data[0].metadata.value(QStringLiteral("note")),
                 QStringLiteral("braces } ] { [ and \"quotes\" and a run \\\\\" of backslashes \\"));
        // Already compact: the very bytes, escapes included.
        QVERIFY(body.contains(parsed.value.data[1].json));
        QCOMPARE(parsed.value.data[1].metadata.value(QStringLiteral("e")), QStringLiteral("\u00e9/"));
    }

    void anEscapedKeyCannotPairOneBatchsFieldsWithAnothersBytes()
    {
        // "d\u0061ta" decodes to "data": the parser takes that member; the bytes kept must be of the same
        // batch.
        const QByteArray body =
            R"({"object":"list","d\u0061ta":[{"id":"batch_A","object":"batch","endpoint":"/v1/chat/completions",)"
            R"("status":"failed","input_file_id":"file-a","completion_window":"24h","created_at":1700000002}],)"
            R"("data":[{"id":"batch_B","object":"batch","endpoint":"/v1/embeddings","status":"completed",)"
            R"("input_file_id":"file-b","completion_window":"24h","created_at":1700000001}],"has_more":false})";
        const Parsed<BatchPage> parsed = BatchParser::parseListPage(body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.value.data.size(), size_t(1));
        const Batch &batch = parsed.value.data[0];
        const Parsed<Batch> again = BatchParser::parseBatch(batch.json);
        QVERIFY(again.ok());
        QCOMPARE(again.value.id, batch.id);
        QCOMPARE(again.value.status.value(), batch.status.value());
        QCOMPARE(again.value.endpoint, batch.endpoint);
    }

    void emptyPageWithHasMoreHasNoCursor()
    {
        const Parsed<BatchPage> parsed =
            BatchParser::parseListPage(R"({"object":"list","data":[],"has_more":true})");
        QVERIFY(parsed.ok());
        QVERIFY(parsed.value.hasMore);
        QVERIFY(parsed.value.nextCursor().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBatchParser)
#include "tst_batchparser.moc"
