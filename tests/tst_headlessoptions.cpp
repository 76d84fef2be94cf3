#include "cli/headlessoptions.h"
#include "testbatches.h"

#include <QTest>

namespace {
bool parse(HeadlessOptions::Command command, const QStringList &args, HeadlessOptions *options,
           QString *error)
{
    return HeadlessOptions::parse(command, QStringList{QStringLiteral("batchwatch")} + args, options, error);
}
} // namespace

class TestHeadlessOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults()
    {
        HeadlessOptions o;
        QString error;
        QVERIFY(parse(HeadlessOptions::Command::Export, {}, &o, &error));
        QCOMPARE(o.output, QStringLiteral("-"));
        QCOMPARE(o.format, BatchExporter::Format::Csv);
        QVERIFY(o.filter.isEmpty());
        QCOMPARE(o.maxBatches, 0);
        QCOMPARE(o.maxRetries, 2);
    }

    void providerChoosesTheVariables()
    {
        HeadlessOptions o;
        QString error;
        QVERIFY(parse(HeadlessOptions::Command::Export, {}, &o, &error));
        QCOMPARE(o.provider, Provider::OpenAI);
        for (const Provider p : Providers::all()) {
            HeadlessOptions chosen;
            QVERIFY2(parse(HeadlessOptions::Command::List, {QStringLiteral("--provider"), Providers::id(p)},
                           &chosen, &error),
                     qPrintable(error));
            QCOMPARE(chosen.provider, p);
        }
        QVERIFY(parse(HeadlessOptions::Command::Export, {QStringLiteral("--provider=Gemini")}, &o, &error));
        QCOMPARE(o.provider, Provider::Gemini);
        QVERIFY(!parse(HeadlessOptions::Command::Export,
                       {QStringLiteral("--provider"), QStringLiteral("mistral")}, &o, &error));
        QVERIFY2(error.contains(QStringLiteral("openai|azure|anthropic|gemini")), qPrintable(error));
    }

    void formatFollowsTheFileUnlessGiven()
    {
        HeadlessOptions o;
        QString error;
        QVERIFY(parse(HeadlessOptions::Command::Export, {QStringLiteral("-o"), QStringLiteral("x.jsonl")}, &o,
                      &error));
        QCOMPARE(o.format, BatchExporter::Format::Jsonl);
        QVERIFY(parse(HeadlessOptions::Command::Export,
                      {QStringLiteral("-o"), QStringLiteral("x.jsonl"), QStringLiteral("--format"),
                       QStringLiteral("JSON")},
                      &o, &error));
        QCOMPARE(o.format, BatchExporter::Format::Json);
    }

    void filters()
    {
        HeadlessOptions o;
        QString error;
        QVERIFY(parse(HeadlessOptions::Command::List,
                      {QStringLiteral("--status"), QStringLiteral("Failed, in progress,,expired"),
                       QStringLiteral("--search"), QStringLiteral("acme"), QStringLiteral("--created-after"),
                       QStringLiteral("2025-11-27T22:00:00Z"), QStringLiteral("--max"), QStringLiteral("50")},
                      &o, &error));
        QCOMPARE(o.filter.statuses(), (QSet<QString>{QStringLiteral("failed"), QStringLiteral("in_progress"),
                                                     QStringLiteral("expired")}));
        QCOMPARE(o.filter.searchText(), QStringLiteral("acme"));
        QCOMPARE(o.filter.createdAfter().toSecsSinceEpoch(),
                 QDateTime(QDate(2025, 11, 27), QTime(22, 0), Qt::UTC).toSecsSinceEpoch());
        QCOMPARE(o.maxBatches, 50);
    }

    void queryAndsWithTheOtherFilters()
    {
        HeadlessOptions o;
        QString error;
        QVERIFY2(parse(HeadlessOptions::Command::List,
                       {QStringLiteral("--query"), QStringLiteral("model~mini -meta.team:\"ml ops\""),
                        QStringLiteral("--search"), QStringLiteral("acme \"corp\": -x"),
                        QStringLiteral("--status"), QStringLiteral("failed")},
                       &o, &error),
                 qPrintable(error));
        QVERIFY(o.filter.query().isValid());
        const TestBatch batch =
            TestBatch(QStringLiteral("b"), QStringLiteral("failed"))
                .with(QStringLiteral("model"), QStringLiteral("gpt-4o-mini"))
                .metadata(QStringLiteral("customer"), QStringLiteral("ACME \"Corp\": -X ltd"));
        QVERIFY(o.filter.matches(batch));
        // --search stays one phrase, its quotes and colons plain text.
        QVERIFY(!o.filter.matches(
            TestBatch(batch).metadata(QStringLiteral("customer"), QStringLiteral("acme corp -x"))));
        QVERIFY(
            !o.filter.matches(TestBatch(batch).metadata(QStringLiteral("team"), QStringLiteral("ML ops"))));
        QVERIFY(
            !o.filter.matches(TestBatch(batch).with(QStringLiteral("status"), QStringLiteral("completed"))));
        // A plain word stays as it was given.
        HeadlessOptions plain;
        QVERIFY(parse(HeadlessOptions::Command::Export,
                      {QStringLiteral("--query"), QStringLiteral("created>7d")}, &plain, &error));
        QCOMPARE(plain.filter.searchText(), QStringLiteral("created>7d"));
        QVERIFY(plain.filter.excludesEverythingBefore(QDateTime::currentSecsSinceEpoch() - 8 * 86'400));
    }

    void aWrongQueryIsAUsageErrorThatSaysWhere_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown field")
            << "acme stauts:failed"
            << "--query, character 6: unknown field \"stauts\" (did you mean \"status\"?)";
        QTest::newRow("operator") << "status>3"
                                  << "--query, character 7: status takes";
        QTest::newRow("unclosed") << "meta.a:\"x"
                                  << "--query, character 8: unclosed quote";
        QTest::newRow("bad time") << "created>soon"
                                  << "--query, character 9: cannot read \"soon\" as a time";
    }

    void aWrongQueryIsAUsageErrorThatSaysWhere()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        HeadlessOptions o;
        QString error;
        QVERIFY(!parse(HeadlessOptions::Command::List, {QStringLiteral("--query"), query}, &o, &error));
        QVERIFY2(error.startsWith(expected), qPrintable(error));
    }

    void mistakesAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--nope")} << "Unknown option 'nope'";
        QTest::newRow("bad format") << QStringList{QStringLiteral("--format"), QStringLiteral("xml")}
                                    << "--format must be";
        QTest::newRow("bad date") << QStringList{QStringLiteral("--created-after"),
                                                 QStringLiteral("last tuesday")}
                                  << "cannot read";
        QTest::newRow("zero max") << QStringList{QStringLiteral("--max"), QStringLiteral("0")}
                                  << "--max must be";
        QTest::newRow("text retries") << QStringList{QStringLiteral("--max-retries"), QStringLiteral("many")}
                                      << "--max-retries must be";
        QTest::newRow("stray word") << QStringList{QStringLiteral("failed")} << "unexpected argument";
        QTest::newRow("key on the command line")
            << QStringList{QStringLiteral("--api-key"), QStringLiteral("sk-x")} << "Unknown option";
        QTest::newRow("empty output name")
            << QStringList{QStringLiteral("-o"), QString()} << "-o needs a file name";
        QTest::newRow("empty output name, long")
            << QStringList{QStringLiteral("--output=")} << "-o needs a file name";
        QTest::newRow("span that overflows")
            << QStringList{QStringLiteral("--created-after"), QStringLiteral("99999999999999d")}
            << "reaches back more than 10,000 years";
        QTest::newRow("span beyond qint64")
            << QStringList{QStringLiteral("--created-before"), QStringLiteral("99999999999999999999999w")}
            << "reaches back more than 10,000 years";
        QTest::newRow("zero deadline")
            << QStringList{QStringLiteral("--deadline"), QStringLiteral("0")} << "--deadline must be";
        QTest::newRow("deadline beyond a timer")
            << QStringList{QStringLiteral("--deadline"), QStringLiteral("9999999999")}
            << "--deadline must be";
        QTest::newRow("zero response size")
            << QStringList{QStringLiteral("--max-response-size"), QStringLiteral("0")}
            << "--max-response-size must be";
    }

    void mistakesAreUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        HeadlessOptions o;
        QString error;
        QVERIFY(!parse(HeadlessOptions::Command::Export, args, &o, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void deadlineAndResponseSize()
    {
        HeadlessOptions o;
        QString error;
        QVERIFY(parse(HeadlessOptions::Command::Export, {}, &o, &error));
        QCOMPARE(o.deadlineSeconds, 0);
        QCOMPARE(o.maxResponseMb, 64);
        QVERIFY(parse(HeadlessOptions::Command::List,
                      {QStringLiteral("--deadline"), QStringLiteral("90"),
                       QStringLiteral("--max-response-size"), QStringLiteral("300")},
                      &o, &error));
        QCOMPARE(o.deadlineSeconds, 90);
        QCOMPARE(o.maxResponseMb, 300);
    }

    void anUnknownStatusWarnsButStillFilters()
    {
        HeadlessOptions o;
        QString error;
        QVERIFY(parse(HeadlessOptions::Command::Export,
                      {QStringLiteral("--status"), QStringLiteral("failed,Paused,in progress")}, &o, &error));
        QCOMPARE(o.filter.statuses(), (QSet<QString>{QStringLiteral("failed"), QStringLiteral("paused"),
                                                     QStringLiteral("in_progress")}));
        QCOMPARE(o.warnings.size(), 1);
        QVERIFY2(o.warnings[0].contains(QStringLiteral("\"paused\" is not a status Batchwatch knows")),
                 qPrintable(o.warnings[0]));
        QVERIFY(o.warnings[0].contains(QStringLiteral("cancelling")));
        HeadlessOptions known;
        QVERIFY(parse(HeadlessOptions::Command::Export,
                      {QStringLiteral("--status"), QStringLiteral("expired")}, &known, &error));
        QVERIFY(known.warnings.isEmpty());
    }

    void listHasNoOutputOptions()
    {
        HeadlessOptions o;
        QString error;
        QVERIFY(!parse(HeadlessOptions::Command::List, {QStringLiteral("-o"), QStringLiteral("x.csv")}, &o,
                       &error));
    }

    void timesAbsoluteAndRelative()
    {
        const QDateTime now(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);
        QCOMPARE(HeadlessOptions::parseTime(QStringLiteral("12h"), now), now.addSecs(-12 * 3600));
        QCOMPARE(HeadlessOptions::parseTime(QStringLiteral("7d"), now), now.addDays(-7));
        QCOMPARE(HeadlessOptions::parseTime(QStringLiteral("90m"), now), now.addSecs(-90 * 60));
        QCOMPARE(HeadlessOptions::parseTime(QStringLiteral("2w"), now), now.addDays(-14));
        QCOMPARE(
            HeadlessOptions::parseTime(QStringLiteral("2025-11-27T22:00:00+02:00"), now).toSecsSinceEpoch(),
            QDateTime(QDate(2025, 11, 27), QTime(20, 0), Qt::UTC).toSecsSinceEpoch());
        QCOMPARE(HeadlessOptions::parseTime(QStringLiteral("2025-11-27"), now),
                 QDate(2025, 11, 27).startOfDay());
        QVERIFY(!HeadlessOptions::parseTime(QStringLiteral("yesterday"), now).isValid());
        QVERIFY(!HeadlessOptions::parseTime(QStringLiteral("12x"), now).isValid());
        // Spans too long are refused, never wrapped around or read as "now".
        bool tooFarBack = false;
        QVERIFY(!HeadlessOptions::parseTime(QStringLiteral("99999999999999d"), now, &tooFarBack).isValid());
        QVERIFY(tooFarBack);
        QVERIFY(
            !HeadlessOptions::parseTime(QStringLiteral("99999999999999999999m"), now, &tooFarBack).isValid());
        QVERIFY(tooFarBack);
        QCOMPARE(HeadlessOptions::parseTime(QStringLiteral("3650000d"), now, &tooFarBack),
                 now.addDays(-3'650'000));
        QVERIFY(!tooFarBack);
    }

    void accountByName()
    {
        HeadlessOptions o;
        QString error;
        QVERIFY(parse(HeadlessOptions::Command::Export, {}, &o, &error));
        QCOMPARE(o.account, QString());
        QVERIFY(parse(HeadlessOptions::Command::List,
                      {QStringLiteral("--account"), QStringLiteral(" Team A ")}, &o, &error));
        QCOMPARE(o.account, QStringLiteral("Team A"));
        HeadlessOptions empty;
        QVERIFY(!parse(HeadlessOptions::Command::Export, {QStringLiteral("--account"), QStringLiteral(" ")},
                       &empty, &error));
        QVERIFY2(error.contains(QLatin1String("--account")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestHeadlessOptions)
#include "tst_headlessoptions.moc"
