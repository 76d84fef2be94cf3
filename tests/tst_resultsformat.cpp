#include "core/results/resultsformat.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {
RequestResult row(const QString &id, RequestOutcome outcome)
{
    RequestResult r;
    r.customId = id;
    r.outcome = outcome;
    return r;
}
} // namespace

// The joined rows as `batchwatch results` and the Results view's export write them.
class TestResultsFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outcomeWords()
    {
        QCOMPARE(ResultsFormat::outcomeWord(RequestOutcome::Ok), QStringLiteral("ok"));
        QCOMPARE(ResultsFormat::outcomeWord(RequestOutcome::Failed), QStringLiteral("failed"));
        QCOMPARE(ResultsFormat::outcomeWord(RequestOutcome::NotRun), QStringLiteral("not_run"));
    }

    void jsonlRecords()
    {
        RequestResult ok = row(QStringLiteral("req \"1\" ü\t"), RequestOutcome::Ok);
        ok.statusCode = 200;
        ok.inputTokens = 12;
        ok.outputTokens = 3;
        ok.answer = QStringLiteral("not exported");
        QCOMPARE(
            ResultsFormat::jsonlRecord(ok),
            QByteArray("{\"custom_id\":\"req \\\"1\\\" \xc3\xbc\\t\",\"outcome\":\"ok\",\"status_code\":200,"
                       "\"error\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":3}}\n"));

        RequestResult failed = row(QStringLiteral("b"), RequestOutcome::Failed);
        failed.statusCode = 429;
        failed.errorCode = QStringLiteral("rate_limit_exceeded");
        failed.errorMessage = QStringLiteral("Slow down\n\x1b[1m");
        QCOMPARE(
            ResultsFormat::jsonlRecord(failed),
            QByteArray("{\"custom_id\":\"b\",\"outcome\":\"failed\",\"status_code\":429,\"error\":{\"code\":"
                       "\"rate_limit_exceeded\",\"message\":\"Slow down\\n\\u001b[1m\"},\"usage\":null}\n"));

        RequestResult noCode = row(QStringLiteral("c"), RequestOutcome::Failed);
        noCode.statusCode = 500;
        noCode.errorMessage = QStringLiteral("boom");
        noCode.outputTokens = 4;
        QCOMPARE(
            ResultsFormat::jsonlRecord(noCode),
            QByteArray(
                "{\"custom_id\":\"c\",\"outcome\":\"failed\",\"status_code\":500,\"error\":{\"code\":null,"
                "\"message\":\"boom\"},\"usage\":{\"input_tokens\":null,\"output_tokens\":4}}\n"));

        QCOMPARE(
            ResultsFormat::jsonlRecord(row(QStringLiteral("d"), RequestOutcome::NotRun)),
            QByteArray("{\"custom_id\":\"d\",\"outcome\":\"not_run\",\"status_code\":null,\"error\":null,"
                       "\"usage\":null}\n"));
        // Every record is one line of valid JSON.
        for (const RequestResult &r : {ok, failed, noCode}) {
            QJsonParseError error;
            const QByteArray line = ResultsFormat::jsonlRecord(r);
            QCOMPARE(line.count('\n'), 1);
            QVERIFY(QJsonDocument::fromJson(line, &error).isObject());
            QCOMPARE(QJsonDocument::fromJson(line).object().value(QStringLiteral("custom_id")).toString(),
                     r.customId);
        }
    }

    void csvRecords()
    {
        QCOMPARE(
            ResultsFormat::csvHeader(),
            QByteArray(
                "custom_id,outcome,status_code,error_code,error_message,input_tokens,output_tokens\r\n"));
        RequestResult failed = row(QStringLiteral("a,b"), RequestOutcome::Failed);
        failed.statusCode = 400;
        failed.errorCode = QStringLiteral("invalid");
        failed.errorMessage = QStringLiteral("say \"no\"\nnow");
        failed.inputTokens = 5;
        QCOMPARE(ResultsFormat::csvRecord(failed),
                 QByteArray("\"a,b\",failed,400,invalid,\"say \"\"no\"\"\nnow\",5,\r\n"));
        // Cells a spreadsheet would run as formulas are defused.
        RequestResult formula = row(QStringLiteral("=HYPERLINK(\"x\")"), RequestOutcome::Failed);
        formula.errorCode = QStringLiteral("@SUM(A1)");
        formula.errorMessage = QStringLiteral("-2+3");
        QCOMPARE(ResultsFormat::csvRecord(formula),
                 QByteArray("\"'=HYPERLINK(\"\"x\"\")\",failed,,'@SUM(A1),'-2+3,,\r\n"));
        QCOMPARE(ResultsFormat::csvRecord(row(QStringLiteral("ok1"), RequestOutcome::Ok)),
                 QByteArray("ok1,ok,,,,,\r\n"));
    }

    void writeFiltersInOrder()
    {
        ResultSet set;
        set.rows = {row(QStringLiteral("1"), RequestOutcome::Ok),
                    row(QStringLiteral("2"), RequestOutcome::Failed),
                    row(QStringLiteral("3"), RequestOutcome::NotRun),
                    row(QStringLiteral("4"), RequestOutcome::Failed)};
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QString error;
        QVERIFY(ResultsFormat::write(
            &buffer, ResultsFormat::Format::Csv, set,
            [](const RequestResult &r) { return r.outcome == RequestOutcome::Failed; }, &error));
        QCOMPARE(buffer.data(), ResultsFormat::csvHeader() + "2,failed,,,,,\r\n4,failed,,,,,\r\n");

        QBuffer all;
        all.open(QIODevice::WriteOnly);
        QVERIFY(ResultsFormat::write(&all, ResultsFormat::Format::Jsonl, set, {}, &error));
        QCOMPARE(all.data().count('\n'), 4);
        QVERIFY(all.data().startsWith("{\"custom_id\":\"1\""));

        // A device that refuses the write: false, with why.
        QBuffer readOnly;
        readOnly.open(QIODevice::ReadOnly);
        QVERIFY(!ResultsFormat::write(&readOnly, ResultsFormat::Format::Jsonl, set, {}, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestResultsFormat)
#include "tst_resultsformat.moc"
