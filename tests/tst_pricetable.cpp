#include "core/cost/pricetable.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {
// A table of the test's own, so that what is checked does not move with the shipped prices.
const char kTable[] =
    "{\"updated\": \"2026-01-01\", \"currency\": \"USD\", \"models\": {"
    "\"gpt-4o\": {\"input\": 1.25, \"cached_input\": 0.625, \"output\": 5},"
    "\"gpt-4o-mini\": {\"input\": 0.075, \"cached_input\": 0.0375, \"output\": 0.3},"
    "\"gpt-5\": {\"input\": 0.625, \"output\": 5},"
    "\"shared\": {\"input\": 1, \"output\": 2}},"
    "\"providers\": {\"azure\": {\"models\": {\"shared\": {\"input\": 10, \"output\": 20}}},"
    "\"anthropic\": {\"models\": {\"claude-3-haiku\": {\"input\": 0.125, \"output\": 0.625},"
    "\"claude-opus-4\": {\"input\": 15, \"output\": 75}}}}}";

PriceTable testTable()
{
    PriceTable table;
    QString error;
    const bool merged = table.merge(QByteArray(kTable), &error);
    if (!merged)
        qFatal("the test table does not parse: %s", qPrintable(error));
    return table;
}

double inputOf(const PriceTable &table, Provider provider, const QString &model)
{
    const std::optional<ModelPrice> price = table.price(provider, model);
    return price ? price->input : -1;
}

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}
} // namespace

class TestPriceTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit());
        QDir(m_config.path()).removeRecursively();
        QDir().mkpath(m_config.path());
    }

    void shippedTableParses()
    {
        const PriceTable shipped = PriceTable::shipped();
        QVERIFY(!shipped.isEmpty());
        QCOMPARE(shipped.currency(), QStringLiteral("USD"));
        QCOMPARE(shipped.updated(), QStringLiteral("2026-12-02"));
        // Batch rates: half of gpt-4o-mini's standard $0.15 / $0.075 / $0.60.
        const std::optional<ModelPrice> mini = shipped.price(Provider::OpenAI, QStringLiteral("gpt-4o-mini"));
        QVERIFY(mini);
        QCOMPARE(mini->input, 0.075);
        QCOMPARE(mini->cachedInput, 0.0375);
        QCOMPARE(mini->output, 0.3);
        for (const char *model :
             {"gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o", "o3",
              "o4-mini", "o1", "text-embedding-3-small", "text-embedding-3-large"})
            QVERIFY2(shipped.price(Provider::OpenAI, QLatin1String(model)), model);
        // Moderation is free: a real $0, not a missing price.
        const std::optional<ModelPrice> moderation =
            shipped.price(Provider::OpenAI, QStringLiteral("omni-moderation-latest"));
        QVERIFY(moderation);
        QCOMPARE(moderation->input, 0.0);
        // Claude and Gemini are priced for their own provider only.
        QVERIFY(shipped.price(Provider::Anthropic, QStringLiteral("claude-sonnet-4-5-20250929")));
        QVERIFY(!shipped.price(Provider::OpenAI, QStringLiteral("claude-sonnet-4-5-20250929")));
        QVERIFY(shipped.price(Provider::Gemini, QStringLiteral("gemini-2.5-flash")));
        QVERIFY(!shipped.price(Provider::OpenAI, QStringLiteral("gemini-2.5-flash")));
    }

    void exactNameThenLongestSnapshotPrefix()
    {
        const PriceTable table = testTable();
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-mini")), 0.075);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("GPT-4o-Mini")), 0.075);
        // Dated snapshots take their model's price, the longest listed name first.
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-mini-2024-07-18")), 0.075);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-2024-08-06")), 1.25);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-5-20250807")), 0.625);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-latest")), 1.25);
        QCOMPARE(inputOf(table, Provider::Anthropic, QStringLiteral("claude-3-haiku@20240307")), 0.125);
        // Other models that merely start with a listed name are not priced as it.
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-audio-preview")), -1.0);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-5.1")), -1.0);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-5-pro")), -1.0);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4")), -1.0);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-0613")), 1.25);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-001")), 1.25);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-20240620-v1:0")), 1.25);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-2024-07-18-preview")), -1.0);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-2024-7-18")), -1.0);
        // A one- or two-digit minor version is another model: claude-opus-4-5 is not claude-opus-4.
        QCOMPARE(inputOf(table, Provider::Anthropic, QStringLiteral("claude-opus-4-20250514")), 15.0);
        QCOMPARE(inputOf(table, Provider::Anthropic, QStringLiteral("claude-opus-4-5")), -1.0);
        QCOMPARE(inputOf(table, Provider::Anthropic, QStringLiteral("claude-opus-4-5-20251101")), -1.0);
        QCOMPARE(inputOf(table, Provider::Anthropic, QStringLiteral("claude-opus-4-1")), -1.0);
        QCOMPARE(inputOf(table, Provider::OpenAI, QString()), -1.0);
        // No cached price given: cached tokens cost what input costs.
        const std::optional<ModelPrice> gpt5 = table.price(Provider::OpenAI, QStringLiteral("gpt-5"));
        QVERIFY(gpt5);
        QCOMPARE(gpt5->cachedInput, 0.625);
    }

    void hostileNamesAreCheap()
    {
        // Dashes and digits all along: every '-' could start a snapshot suffix. Refused by its length, and
        // the scan looks at the last characters only, so this ends at once rather than in hours.
        const PriceTable table = testTable();
        const QString hostile = QStringLiteral("gpt-4o") + QStringLiteral("-1").repeated(100'000);
        QCOMPARE(inputOf(table, Provider::OpenAI, hostile), -1.0);
        QCOMPARE(inputOf(table, Provider::OpenAI, hostile.left(250)), -1.0);
        QCOMPARE(inputOf(table, Provider::OpenAI,
                         QStringLiteral("gpt-4o") + QStringLiteral("-1").repeated(10) +
                             QStringLiteral("-2024-07-18")),
                 -1.0);
    }

    void providerTableWinsForItsProvider()
    {
        const PriceTable table = testTable();
        QCOMPARE(inputOf(table, Provider::Azure, QStringLiteral("shared")), 10.0);
        QCOMPARE(inputOf(table, Provider::Azure, QStringLiteral("shared-2025-01-01")), 10.0);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("shared")), 1.0);
        // The common table still serves a provider for what its own table lacks.
        QCOMPARE(inputOf(table, Provider::Azure, QStringLiteral("gpt-4o")), 1.25);
        QCOMPARE(inputOf(table, Provider::Anthropic, QStringLiteral("claude-3-haiku-20240307")), 0.125);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("claude-3-haiku-20240307")), -1.0);
    }

    void mergeReplacesEntriesAndKeepsTheRest()
    {
        PriceTable table = testTable();
        QString error;
        QVERIFY2(table.merge(
                     "{\"updated\": \"2026-06-30\", \"models\": {"
                     "\"GPT-4o-mini\": {\"input\": 1, \"cached_input\": 0.5, \"output\": 4},"
                     "\"my-model\": {\"input\": 3, \"output\": 6}},"
                     "\"providers\": {\"azure\": {\"models\": {\"gpt-4o\": {\"input\": 9, \"output\": 9}}}}}",
                     &error),
                 qPrintable(error));
        QCOMPARE(table.updated(), QStringLiteral("2026-06-30"));
        QCOMPARE(table.currency(), QStringLiteral("USD"));
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-mini-2024-07-18")), 1.0);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("my-model")), 3.0);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o")), 1.25);
        QCOMPARE(inputOf(table, Provider::Azure, QStringLiteral("gpt-4o")), 9.0);
        QCOMPARE(inputOf(table, Provider::Azure, QStringLiteral("shared")), 10.0);
    }

    void aCommonEntryOverridesEarlierProviderEntries()
    {
        // The user's top-level price of a name serves every provider, the shipped Anthropic entry included.
        PriceTable table = testTable();
        QVERIFY(table.merge("{\"models\": {\"claude-3-haiku\": {\"input\": 0.5, \"output\": 1}}}"));
        QCOMPARE(inputOf(table, Provider::Anthropic, QStringLiteral("claude-3-haiku-20240307")), 0.5);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("claude-3-haiku")), 0.5);
        // A provider entry in the same later table still wins for its provider.
        QVERIFY(table.merge(
            "{\"models\": {\"x\": {\"input\": 1, \"output\": 1}},"
            "\"providers\": {\"gemini\": {\"models\": {\"x\": {\"input\": 2, \"output\": 2}}}}}"));
        QCOMPARE(inputOf(table, Provider::Gemini, QStringLiteral("x")), 2.0);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("x")), 1.0);
    }

    void aTableInAnotherCurrencyStandsAlone()
    {
        PriceTable table = testTable();
        QVERIFY(table.merge(
            "{\"currency\": \"EUR\", \"models\": {\"my-model\": {\"input\": 1, \"output\": 2}}}"));
        QCOMPARE(table.currency(), QStringLiteral("EUR"));
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("my-model")), 1.0);
        // Dollar prices are not relabelled as euros: they are gone.
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o")), -1.0);
        QCOMPARE(inputOf(table, Provider::Azure, QStringLiteral("shared")), -1.0);
        // The same currency in any case merges as usual.
        PriceTable same = testTable();
        QVERIFY(same.merge("{\"currency\": \"usd\", \"models\": {}}"));
        QCOMPARE(inputOf(same, Provider::OpenAI, QStringLiteral("gpt-4o")), 1.25);
    }

    void hostileTablesAreRefusedSayingWhere_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::newRow("not json") << QByteArray("{\"models\": {\n  \"a\": {\"input\": 1,,}}}")
                                  << QStringLiteral("line 2");
        QTest::newRow("array") << QByteArray("[1, 2]") << QStringLiteral("not a JSON object");
        QTest::newRow("negative") << QByteArray("{\"models\": {\"x\": {\"input\": -1, \"output\": 1}}}")
                                  << QStringLiteral("models.\"x\".input: -1 is not a price");
        QTest::newRow("string price")
            << QByteArray("{\"models\": {\"x\": {\"input\": \"1\", \"output\": 1}}}")
            << QStringLiteral("models.\"x\".input: not a number");
        QTest::newRow("missing output") << QByteArray("{\"models\": {\"x\": {\"input\": 1}}}")
                                        << QStringLiteral("models.\"x\".output: missing");
        QTest::newRow("negative cached")
            << QByteArray("{\"models\": {\"x\": {\"input\": 1, \"cached_input\": -0.5, \"output\": 1}}}")
            << QStringLiteral("models.\"x\".cached_input");
        // Beyond a double: Qt's parser refuses it as a number.
        QTest::newRow("infinite") << QByteArray("{\"models\": {\"x\": {\"input\": 1e999, \"output\": 1}}}")
                                  << QStringLiteral("line 1, column");
        QTest::newRow("null price") << QByteArray("{\"models\": {\"x\": {\"input\": null, \"output\": 1}}}")
                                    << QStringLiteral("models.\"x\".input: not a number");
        QTest::newRow("entry not object")
            << QByteArray("{\"models\": {\"x\": 3}}") << QStringLiteral("models.\"x\": not an object");
        QTest::newRow("models not object")
            << QByteArray("{\"models\": [1]}") << QStringLiteral("models: not an object");
        QTest::newRow("empty name") << QByteArray("{\"models\": {\" \": {\"input\": 1, \"output\": 1}}}")
                                    << QStringLiteral("models: a model needs a name");
        QTest::newRow("unknown provider") << QByteArray("{\"providers\": {\"acme\": {\"models\": {}}}}")
                                          << QStringLiteral("providers.acme: not a provider");
        QTest::newRow("provider models bad")
            << QByteArray(
                   "{\"providers\": {\"gemini\": {\"models\": {\"g\": {\"input\": 1, \"output\": -2}}}}}")
            << QStringLiteral("providers.gemini.models.\"g\".output");
        QTest::newRow("updated not string") << QByteArray("{\"updated\": 5}") << QStringLiteral("updated");
        // Printed on terminals and in the window: a currency code and a date, nothing else.
        QTest::newRow("currency escape") << QByteArray("{\"currency\": \"\\u001b[2J\"}")
                                         << QStringLiteral("currency: not a currency code");
        QTest::newRow("updated escape")
            << QByteArray("{\"updated\": \"x\\u001b]0;t\\u0007\"}") << QStringLiteral("updated: not a date");
        QTest::newRow("absurd price")
            << QByteArray("{\"models\": {\"x\": {\"input\": 1e300, \"output\": 1}}}")
            << QStringLiteral("models.\"x\".input");
    }

    void hostileTablesAreRefusedSayingWhere()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        PriceTable table = testTable();
        QString error;
        QVERIFY(!table.merge(json, &error));
        QVERIFY2(error.contains(where), qPrintable(error));
        // Nothing of a refused table is taken, not even the entries before the bad one.
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-mini")), 0.075);
        QCOMPARE(inputOf(table, Provider::Azure, QStringLiteral("shared")), 10.0);
        QCOMPARE(table.updated(), QStringLiteral("2026-01-01"));
    }

    void userFileIsMergedOverTheShippedOne()
    {
        QCOMPARE(PriceTable::userFilePath(), m_config.path() + QStringLiteral("/batchwatch/prices.json"));
        QString warning;
        QVERIFY(PriceTable::load(&warning).price(Provider::OpenAI, QStringLiteral("gpt-4o")));
        QVERIFY(warning.isEmpty()); // no user file: nothing to say
        writeFile(PriceTable::userFilePath(),
                  "{\"updated\": \"2027-01-01\", \"models\": {\"gpt-4o\": {\"input\": 7, \"output\": 8},"
                  "\"in-house\": {\"input\": 2, \"output\": 3}}}");
        const PriceTable table = PriceTable::load(&warning);
        QVERIFY2(warning.isEmpty(), qPrintable(warning));
        QCOMPARE(table.updated(), QStringLiteral("2027-01-01"));
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o")), 7.0);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("in-house")), 2.0);
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-mini")), 0.075);
    }

    void unusableUserFilesAreSkippedWithAWarning_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("kind"); // 0 a file with the content, 1 a folder, 2 a FIFO nobody writes to
        QTest::addColumn<QString>("why");
        QTest::newRow("unparseable") << QByteArray("{\"models\": ") << 0 << QStringLiteral("line 1");
        QTest::newRow("negative") << QByteArray("{\"models\": {\"gpt-4o\": {\"input\": -3, \"output\": 1}}}")
                                  << 0 << QStringLiteral("models.\"gpt-4o\".input");
        // Beyond the cap: refused by its size, never read whole into memory.
        QTest::newRow("huge") << QByteArray((qint64(4) << 20) + 10, ' ') << 0
                              << QStringLiteral("larger than 4 MB");
        QTest::newRow("a folder") << QByteArray() << 1 << QStringLiteral("not a regular file");
        // Opening it would wait for a writer for ever.
        QTest::newRow("a fifo") << QByteArray() << 2 << QStringLiteral("not a regular file");
    }

    void unusableUserFilesAreSkippedWithAWarning()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, kind);
        QFETCH(QString, why);
        if (kind == 1) {
            QVERIFY(QDir().mkpath(PriceTable::userFilePath()));
        } else if (kind == 2) {
            QVERIFY(QDir().mkpath(QFileInfo(PriceTable::userFilePath()).absolutePath()));
            QCOMPARE(::mkfifo(QFile::encodeName(PriceTable::userFilePath()).constData(), 0600), 0);
        } else {
            writeFile(PriceTable::userFilePath(), content);
        }
        QString warning;
        const PriceTable table = PriceTable::load(&warning);
        QVERIFY2(warning.contains(why), qPrintable(warning));
        QVERIFY2(warning.contains(QStringLiteral("using the shipped prices")), qPrintable(warning));
        QCOMPARE(inputOf(table, Provider::OpenAI, QStringLiteral("gpt-4o-mini")), 0.075);
        QCOMPARE(table.updated(), QStringLiteral("2026-12-02"));
    }

private:
    QTemporaryDir m_config;
};

QTEST_GUILESS_MAIN(TestPriceTable)
#include "tst_pricetable.moc"
