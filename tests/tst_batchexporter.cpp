#include "core/export/batchexporter.h"
#include "core/json/batchparser.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {
// An RFC 4180 reader, strict enough to catch a writer that gets quoting wrong.
QList<QStringList> readCsv(const QByteArray &data, QString *error)
{
    QList<QStringList> rows;
    QStringList row;
    QByteArray field;
    bool quoted = false, fieldStarted = false;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const char c = data[i];
        if (quoted) {
            if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && !fieldStarted) {
            quoted = fieldStarted = true;
        } else if (c == '"') {
            *error = QStringLiteral("quote inside an unquoted field at byte %1").arg(i);
            return {};
        } else if (c == ',') {
            row << QString::fromUtf8(field);
            field.clear();
            fieldStarted = false;
        } else if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') {
            row << QString::fromUtf8(field);
            rows << row;
            row.clear();
            field.clear();
            fieldStarted = false;
            ++i;
        } else if (c == '\n' || c == '\r') {
            *error = QStringLiteral("bare line break outside quotes at byte %1").arg(i);
            return {};
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted)
        *error = QStringLiteral("unterminated quote");
    return rows;
}

std::vector<Batch> sampleBatches()
{
    // Read from a file: moc's tokenizer trips over raw string literals that hold JSON.
    QFile file(QStringLiteral(BATCHWATCH_TEST_DATA "/export-sample.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray page = file.readAll();
    return BatchParser::parseListPage(page).value.data;
}

QByteArray exportAll(BatchExporter::Format format, const std::vector<Batch> &batches)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    BatchExporter exporter(&buffer, format);
    bool ok = exporter.begin();
    for (const Batch &b : batches)
        ok = ok && exporter.write(b);
    ok = ok && exporter.finish();
    return ok ? buffer.data() : QByteArray();
}
} // namespace

class TestBatchExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatFromNameAndPath()
    {
        QCOMPARE(BatchExporter::formatFromPath(QStringLiteral("out.JSON")), BatchExporter::Format::Json);
        QCOMPARE(BatchExporter::formatFromPath(QStringLiteral("out.jsonl")), BatchExporter::Format::Jsonl);
        QCOMPARE(BatchExporter::formatFromPath(QStringLiteral("out.ndjson")), BatchExporter::Format::Jsonl);
        QCOMPARE(BatchExporter::formatFromPath(QStringLiteral("out.csv")), BatchExporter::Format::Csv);
        QCOMPARE(BatchExporter::formatFromPath(QStringLiteral("out.txt")), BatchExporter::Format::Csv);
        QCOMPARE(BatchExporter::formatFromPath(QStringLiteral("-")), BatchExporter::Format::Csv);
        QVERIFY(!BatchExporter::formatFromName(QStringLiteral("xml")).has_value());
    }

    void jsonHoldsTheServersObjects()
    {
        const std::vector<Batch> batches = sampleBatches();
        QCOMPARE(batches.size(), size_t(2));
        QJsonParseError error;
        const QJsonDocument document =
            QJsonDocument::fromJson(exportAll(BatchExporter::Format::Json, batches), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray array = document.array();
        QCOMPARE(array.size(), 2);
        QCOMPARE(array[0].toObject(), batches[0].rawObject());
        QCOMPARE(array[0][QStringLiteral("x_unknown")][QStringLiteral("deep")][1][1][0].toInt(), 3);
        QCOMPARE(array[0][QStringLiteral("error_file_id")].toString(), QString()); // "" stays "" in JSON
        QCOMPARE(array[1].toObject(), batches[1].rawObject());
        QCOMPARE(exportAll(BatchExporter::Format::Json, {}), QByteArray("[]\n"));
    }

    void jsonlIsOneObjectALine()
    {
        const std::vector<Batch> batches = sampleBatches();
        const QList<QByteArray> lines = exportAll(BatchExporter::Format::Jsonl, batches).split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[2].isEmpty());
        QCOMPARE(QJsonDocument::fromJson(lines[0]).object(), batches[0].rawObject());
        QCOMPARE(QJsonDocument::fromJson(lines[1]).object(), batches[1].rawObject());
    }

    void csvRoundTripsEverything()
    {
        const std::vector<Batch> batches = sampleBatches();
        QString error;
        const QList<QStringList> rows = readCsv(exportAll(BatchExporter::Format::Csv, batches), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0], BatchExporter::csvColumns());
        for (const QStringList &row : rows)
            QCOMPARE(row.size(), BatchExporter::csvColumns().size());

        const auto cell = [&](int row, const char *column) {
            return rows[row][BatchExporter::csvColumns().indexOf(QLatin1String(column))];
        };
        QCOMPARE(cell(1, "id"), QStringLiteral("batch_1"));
        QCOMPARE(cell(1, "created_at"), QStringLiteral("2025-11-28T14:03:07Z"));
        QCOMPARE(cell(1, "completed_at"), QStringLiteral("2025-11-28T15:03:07Z"));
        QCOMPARE(cell(1, "failed_at"), QString());
        QCOMPARE(cell(1, "completed"), QStringLiteral("812"));
        QCOMPARE(cell(1, "failed"), QStringLiteral("188"));
        QCOMPARE(cell(1, "reasoning_tokens"), QStringLiteral("1"));
        QCOMPARE(cell(1, "error_file_id"), QString());
        const QJsonObject metadata = QJsonDocument::fromJson(cell(1, "metadata").toUtf8()).object();
        QCOMPARE(metadata, batches[0].rawObject()[QStringLiteral("metadata")].toObject());
        QCOMPARE(cell(2, "status"), QStringLiteral("failed"));
        QCOMPARE(cell(2, "total"), QString()); // no counts sent: empty, not 0
        QCOMPARE(cell(2, "input_tokens"), QString());
        const QJsonArray errors = QJsonDocument::fromJson(cell(2, "errors").toUtf8()).array();
        QCOMPARE(errors[0][QStringLiteral("message")].toString(), QStringLiteral("Line 3, \"bad\""));
        QCOMPARE(errors[0][QStringLiteral("line")].toInt(), 3);
    }

    void csvNamesAccountProviderAndTheProvidersOwnStatus()
    {
        // An Anthropic batch: the same columns as OpenAI's, its status mapped, its own word kept.
        Batch batch;
        batch.id = QStringLiteral("msgbatch_1");
        batch.status = BatchStatus::Completed;
        batch.rawStatus = QStringLiteral("ended");
        batch.createdAt = 1'700'000'000;
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        BatchExporter exporter(&buffer, BatchExporter::Format::Csv);
        exporter.setSource(QStringLiteral("Research, EU"), QStringLiteral("anthropic"));
        QVERIFY(exporter.begin() && exporter.write(batch) && exporter.finish());
        QString error;
        const QList<QStringList> rows = readCsv(buffer.data(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(rows.size(), 2);
        const QStringList &columns = BatchExporter::csvColumns();
        QCOMPARE(columns.mid(columns.size() - 3),
                 (QStringList{QStringLiteral("account"), QStringLiteral("provider"),
                              QStringLiteral("raw_status")}));
        QCOMPARE(rows[1][columns.indexOf(QStringLiteral("status"))], QStringLiteral("completed"));
        QCOMPARE(rows[1][columns.indexOf(QStringLiteral("account"))], QStringLiteral("Research, EU"));
        QCOMPARE(rows[1][columns.indexOf(QStringLiteral("provider"))], QStringLiteral("anthropic"));
        QCOMPARE(rows[1][columns.indexOf(QStringLiteral("raw_status"))], QStringLiteral("ended"));
    }

    void tableHasTheMainColumns()
    {
        const QByteArray table = exportAll(BatchExporter::Format::Table, sampleBatches());
        const QList<QByteArray> lines = table.split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines[0].startsWith("STATUS"));
        QVERIFY(lines[1].startsWith("completed"));
        QVERIFY(lines[1].contains("1,000 / 1,000"));
        QVERIFY(lines[2].contains("failed"));
    }

    void tableHeaderWaitsForTheFirstRow()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        BatchExporter exporter(&buffer, BatchExporter::Format::Table);
        QVERIFY(exporter.begin());
        QVERIFY(buffer.data().isEmpty()); // a run that fails now prints no header
        QVERIFY(exporter.finish());
        QVERIFY(buffer.data().startsWith("STATUS"));
        QCOMPARE(buffer.data().count('\n'), 1); // an empty table still says what it is
        QCOMPARE(exportAll(BatchExporter::Format::Table, sampleBatches()).count("STATUS"), 1);
    }

    void tableShowsControlCharactersEscapedAndCsvKeepsThem()
    {
        std::vector<Batch> batches = sampleBatches();
        QVERIFY(!batches.empty());
        batches[0].model = QStringLiteral("m\x1b]0;t\x07");
        batches[0].endpoint = QStringLiteral("/v1/\x1b[2J\x9b");
        const QByteArray table = exportAll(BatchExporter::Format::Table, batches);
        QVERIFY2(!table.contains('\x1b') && !table.contains('\x07') && !table.contains("\xc2\x9b"),
                 table.toHex(' ').constData());
        QVERIFY(table.contains("m\\x1b]0;t\\x07"));
        QVERIFY(table.contains("/v1/\\x1b[2J\\x9b"));
        const QByteArray csv = exportAll(BatchExporter::Format::Csv, batches);
        QVERIFY(csv.contains("m\x1b]0;t\x07"));
        QVERIFY(csv.contains("/v1/\x1b[2J\xc2\x9b"));
    }

    void writeFailureIsReported()
    {
        QBuffer readOnly;
        readOnly.open(QIODevice::ReadOnly);
        BatchExporter exporter(&readOnly, BatchExporter::Format::Csv);
        QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): ReadOnly device");
        QVERIFY(!exporter.begin());
        QVERIFY(!exporter.errorString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBatchExporter)
#include "tst_batchexporter.moc"
