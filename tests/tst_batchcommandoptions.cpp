// The options of `batchwatch results`, `retry` and `create`, parsed: defaults, values, and every mistake a
// usage error with a message that names it.
#include "cli/batchcommandoptions.h"

#include <QRegularExpression>
#include <QTest>

namespace {
using Command = BatchCommandOptions::Command;

bool parse(Command command, const QStringList &args, BatchCommandOptions *options, QString *error)
{
    return BatchCommandOptions::parse(command, QStringList{QStringLiteral("batchwatch")} + args, options,
                                      error);
}
} // namespace

class TestBatchCommandOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Asking the parser about an option the command did not add only warns: make that a failure.
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral("."))); }

    void resultsDefaults()
    {
        BatchCommandOptions o;
        QString error;
        QVERIFY2(parse(Command::Results, {QStringLiteral("batch_abc")}, &o, &error), qPrintable(error));
        QCOMPARE(o.batchId, QStringLiteral("batch_abc"));
        QCOMPARE(o.output, QStringLiteral("-"));
        QCOMPARE(o.format, ResultsFormat::Format::Csv);
        QVERIFY(o.onlyOk && o.onlyFailed && o.onlyNotRun);
        QCOMPARE(o.maxRetries, 2); // the connection's part, shared with export
    }

    void resultsValues()
    {
        BatchCommandOptions o;
        QString error;
        QVERIFY2(
            parse(Command::Results,
                  {QStringLiteral("batch_abc"), QStringLiteral("--only"), QStringLiteral("failed,not_run"),
                   QStringLiteral("-o"), QStringLiteral("out.jsonl"), QStringLiteral("--provider"),
                   QStringLiteral("anthropic"), QStringLiteral("--timeout"), QStringLiteral("5")},
                  &o, &error),
            qPrintable(error));
        QVERIFY(!o.onlyOk && o.onlyFailed && o.onlyNotRun);
        QCOMPARE(o.format, ResultsFormat::Format::Jsonl); // from the file's extension
        QCOMPARE(o.provider, Provider::Anthropic);
        QCOMPARE(o.timeoutSeconds, 5);
        BatchCommandOptions csv;
        QVERIFY(parse(Command::Results,
                      {QStringLiteral("b"), QStringLiteral("--format"), QStringLiteral("csv"),
                       QStringLiteral("-o"), QStringLiteral("x.jsonl")},
                      &csv, &error));
        QCOMPARE(csv.format, ResultsFormat::Format::Csv); // --format wins over the extension
    }

    void retryValues()
    {
        BatchCommandOptions o;
        QString error;
        QVERIFY2(parse(Command::Retry, {QStringLiteral("batch_abc")}, &o, &error), qPrintable(error));
        QVERIFY(o.include.failed && o.include.notRun);
        QVERIFY(!o.dryRun);
        QVERIFY(o.output.isEmpty()); // no copy kept unless asked
        BatchCommandOptions dry;
        QVERIFY(parse(Command::Retry,
                      {QStringLiteral("batch_abc"), QStringLiteral("--dry-run"), QStringLiteral("--include"),
                       QStringLiteral("not-run")},
                      &dry, &error));
        QVERIFY(dry.dryRun);
        QCOMPARE(dry.output, QStringLiteral("-"));
        QVERIFY(!dry.include.failed && dry.include.notRun);
    }

    void createValues()
    {
        BatchCommandOptions o;
        QString error;
        QVERIFY2(parse(Command::Create,
                       {QStringLiteral("requests.jsonl"), QStringLiteral("--metadata"),
                        QStringLiteral("team=a=b"), QStringLiteral("--metadata"), QStringLiteral("empty="),
                        QStringLiteral("--window"), QStringLiteral("24h")},
                       &o, &error),
                 qPrintable(error));
        QCOMPARE(o.file, QStringLiteral("requests.jsonl"));
        QCOMPARE(o.metadata.value(QStringLiteral("team")), QStringLiteral("a=b")); // split at the first '='
        QVERIFY(o.metadata.contains(QStringLiteral("empty")));
        QVERIFY(o.checkWindow(Provider::OpenAI, &error));
        o.window = QStringLiteral("48h");
        QVERIFY(!o.checkWindow(Provider::OpenAI, &error));
        QVERIFY2(error.contains(QLatin1String("24h")) && error.contains(QLatin1String("48h")),
                 qPrintable(error));
    }

    void metadataLimits()
    {
        QMap<QString, QString> metadata;
        QString error;
        for (int i = 0; i < BatchCommandOptions::kMaxMetadataPairs; ++i)
            QVERIFY(BatchCommandOptions::addMetadata(QStringLiteral("k%1=v").arg(i), &metadata, &error));
        QVERIFY(!BatchCommandOptions::addMetadata(QStringLiteral("k99=v"), &metadata, &error));
        QVERIFY2(error.contains(QLatin1String("16")), qPrintable(error));
        metadata.clear();
        QVERIFY(BatchCommandOptions::addMetadata(QString(64, u'k') + u'=' + QString(512, u'v'), &metadata,
                                                 &error));
        QVERIFY(
            !BatchCommandOptions::addMetadata(QString(65, u'k') + QStringLiteral("=v"), &metadata, &error));
        QVERIFY2(error.contains(QLatin1String("64")), qPrintable(error));
        QVERIFY(
            !BatchCommandOptions::addMetadata(QStringLiteral("k=") + QString(513, u'v'), &metadata, &error));
        QVERIFY2(error.contains(QLatin1String("512")), qPrintable(error));
    }

    void mistakesAreUsageErrors_data()
    {
        QTest::addColumn<int>("command");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *name, Command command, const QStringList &args, const char *message) {
            QTest::newRow(name) << int(command) << args << QString::fromLatin1(message);
        };
        row("results without an id", Command::Results, {}, "BATCH_ID is missing");
        row("results with two ids", Command::Results, {QStringLiteral("a"), QStringLiteral("b")},
            "unexpected argument \"b\"");
        row("results --only nonsense", Command::Results,
            {QStringLiteral("a"), QStringLiteral("--only"), QStringLiteral("ok,maybe")}, "--only takes");
        row("results --only empty", Command::Results,
            {QStringLiteral("a"), QStringLiteral("--only"), QStringLiteral(",")}, "--only needs");
        row("results --format json", Command::Results,
            {QStringLiteral("a"), QStringLiteral("--format"), QStringLiteral("json")},
            "--format must be csv or jsonl");
        row("results -o empty", Command::Results, {QStringLiteral("a"), QStringLiteral("-o"), QString()},
            "-o needs a file name");
        row("results --status is export's", Command::Results,
            {QStringLiteral("a"), QStringLiteral("--status"), QStringLiteral("failed")},
            "Unknown option 'status'");
        row("results bad provider", Command::Results,
            {QStringLiteral("a"), QStringLiteral("--provider"), QStringLiteral("acme")},
            "unknown provider \"acme\"");
        row("results account and provider", Command::Results,
            {QStringLiteral("a"), QStringLiteral("--account"), QStringLiteral("x"),
             QStringLiteral("--provider"), QStringLiteral("openai")},
            "--account and --provider cannot be used together");
        row("results bad timeout", Command::Results,
            {QStringLiteral("a"), QStringLiteral("--timeout"), QStringLiteral("0")},
            "--timeout must be a whole number from 1 to 3600");
        row("retry without an id", Command::Retry, {}, "BATCH_ID is missing");
        row("retry --include ok", Command::Retry,
            {QStringLiteral("a"), QStringLiteral("--include"), QStringLiteral("ok")},
            "--include takes failed and not-run");
        row("retry -o - without --dry-run", Command::Retry,
            {QStringLiteral("a"), QStringLiteral("-o"), QStringLiteral("-")},
            "standard output carries the new batch's id");
        row("retry --format is results'", Command::Retry,
            {QStringLiteral("a"), QStringLiteral("--format"), QStringLiteral("csv")},
            "Unknown option 'format'");
        row("create without a file", Command::Create, {}, "FILE is missing");
        row("create --metadata without =", Command::Create,
            {QStringLiteral("f.jsonl"), QStringLiteral("--metadata"), QStringLiteral("team")},
            "--metadata takes KEY=VALUE");
        row("create --metadata empty key", Command::Create,
            {QStringLiteral("f.jsonl"), QStringLiteral("--metadata"), QStringLiteral("=v")},
            "--metadata takes KEY=VALUE");
        row("create --metadata twice", Command::Create,
            {QStringLiteral("f.jsonl"), QStringLiteral("--metadata"), QStringLiteral("a=1"),
             QStringLiteral("--metadata"), QStringLiteral("a=2")},
            "given twice");
        row("create --include is retry's", Command::Create,
            {QStringLiteral("f.jsonl"), QStringLiteral("--include"), QStringLiteral("failed")},
            "Unknown option 'include'");
    }

    void mistakesAreUsageErrors()
    {
        QFETCH(int, command);
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        BatchCommandOptions o;
        QString error;
        QVERIFY(!parse(Command(command), args, &o, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestBatchCommandOptions)
#include "tst_batchcommandoptions.moc"
