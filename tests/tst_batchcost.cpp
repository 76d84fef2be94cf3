#include "core/cost/batchcost.h"
#include "core/cost/costreport.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>
#include <limits>

namespace {
const char kTable[] =
    "{\"models\": {"
    "\"gpt-4o-mini\": {\"input\": 0.075, \"cached_input\": 0.0375, \"output\": 0.3},"
    "\"gpt-5\": {\"input\": 0.625, \"output\": 5}},"
    "\"providers\": {\"anthropic\": {\"models\": {\"claude-x\": {\"input\": 2, \"output\": 8}}}}}";

PriceTable testTable()
{
    PriceTable table;
    if (!table.merge(QByteArray(kTable)))
        qFatal("the test table does not parse");
    return table;
}

Batch batch(const QString &id, const QString &model, qint64 createdAt, std::optional<BatchUsage> usage)
{
    Batch b;
    b.id = id;
    b.model = model;
    b.createdAt = createdAt;
    b.usage = usage;
    return b;
}

BatchUsage usage(qint64 input, qint64 cached, qint64 output)
{
    BatchUsage u;
    u.inputTokens = input;
    u.cachedTokens = cached;
    u.outputTokens = output;
    // As a server would send it: the sum, which the saturation test's halves would overflow.
    u.totalTokens = input > std::numeric_limits<qint64>::max() - output ? std::numeric_limits<qint64>::max()
                                                                        : input + output;
    return u;
}

// 2026-11-30 23:59:59 UTC and a second later: the day turns in UTC, whatever the local zone.
constexpr qint64 kNov30Late = 1'796'083'199;
constexpr qint64 kDec1 = kNov30Late + 1;
} // namespace

class TestBatchCost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void costIsUsageTimesPrices()
    {
        const PriceTable prices = testTable();
        BatchCost::Missing why = BatchCost::Missing::Unpriced;
        // 800,000 x 0.075 + 200,000 x 0.0375 + 500,000 x 0.3, per million: 0.06 + 0.0075 + 0.15.
        const std::optional<double> cost =
            BatchCost::of(batch(QStringLiteral("b"), QStringLiteral("gpt-4o-mini-2024-07-18"), 0,
                                usage(1'000'000, 200'000, 500'000)),
                          Provider::OpenAI, prices, &why);
        QVERIFY(cost);
        QCOMPARE(*cost, 0.2175);
        QCOMPARE(why, BatchCost::Missing::None);
        // Without a cached price, cached tokens cost what input costs: 2,000 x 0.625 + 100 x 5.
        QCOMPARE(
            *BatchCost::of(batch(QStringLiteral("c"), QStringLiteral("gpt-5"), 0, usage(2'000, 1'000, 100)),
                           Provider::OpenAI, prices),
            0.00175);
        // A priced batch that used nothing cost nothing: a real zero.
        QCOMPARE(*BatchCost::of(batch(QStringLiteral("z"), QStringLiteral("gpt-5"), 0, usage(0, 0, 0)),
                                Provider::OpenAI, prices),
                 0.0);
    }

    void insaneCountsAreKeptSane()
    {
        const PriceTable prices = testTable();
        // More cached than input: all of the input was cached, no more.
        QCOMPARE(*BatchCost::of(batch(QStringLiteral("b"), QStringLiteral("gpt-4o-mini"), 0,
                                      usage(1'000'000, 5'000'000, 0)),
                                Provider::OpenAI, prices),
                 0.0375);
        // Negative counts are not a usage anyone was billed for: no cost, not a made-up $0.
        BatchCost::Missing why = BatchCost::Missing::None;
        QVERIFY(!BatchCost::of(
            batch(QStringLiteral("b"), QStringLiteral("gpt-4o-mini"), 0, usage(-5, 0, 1'000'000)),
            Provider::OpenAI, prices, &why));
        QCOMPARE(why, BatchCost::Missing::NoUsage);
        // A price so large a product could overflow is not a price; the largest one times the largest count
        // stays a finite number.
        PriceTable huge;
        QVERIFY(!huge.merge("{\"models\": {\"m\": {\"input\": 1e300, \"output\": 1e300}}}"));
        QVERIFY(huge.merge("{\"models\": {\"m\": {\"input\": 1e6, \"output\": 1e6}}}"));
        const qint64 most = std::numeric_limits<qint64>::max();
        const std::optional<double> cost =
            BatchCost::of(batch(QStringLiteral("b"), QStringLiteral("m"), 0, usage(most, 0, most)),
                          Provider::OpenAI, huge, &why);
        QVERIFY(cost && std::isfinite(*cost));
    }

    void noCostIsNeverZero_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("hasUsage");
        QTest::addColumn<int>("provider");
        QTest::addColumn<int>("missing");
        QTest::newRow("no usage") << QStringLiteral("gpt-4o-mini") << false << int(Provider::OpenAI)
                                  << int(BatchCost::Missing::NoUsage);
        QTest::newRow("no model") << QString() << true << int(Provider::OpenAI)
                                  << int(BatchCost::Missing::NoModel);
        QTest::newRow("unpriced") << QStringLiteral("gpt-9") << true << int(Provider::OpenAI)
                                  << int(BatchCost::Missing::Unpriced);
        QTest::newRow("other provider's") << QStringLiteral("claude-x") << true << int(Provider::OpenAI)
                                          << int(BatchCost::Missing::Unpriced);
    }

    void noCostIsNeverZero()
    {
        QFETCH(QString, model);
        QFETCH(bool, hasUsage);
        QFETCH(int, provider);
        QFETCH(int, missing);
        const PriceTable prices = testTable();
        BatchCost::Missing why = BatchCost::Missing::None;
        const Batch b = batch(QStringLiteral("b"), model, 0,
                              hasUsage ? std::optional<BatchUsage>(usage(10, 0, 10)) : std::nullopt);
        QVERIFY(!BatchCost::of(b, Provider(provider), prices, &why));
        QCOMPARE(int(why), missing);
        QVERIFY(BatchCost::of(batch(QStringLiteral("b"), QStringLiteral("claude-x"), 0, usage(10, 0, 10)),
                              Provider::Anthropic, prices));
    }

    void inputEstimateCountsInputOnly()
    {
        const PriceTable prices = testTable();
        QCOMPARE(
            *BatchCost::inputEstimate(2'000'000, QStringLiteral("gpt-4o-mini"), Provider::OpenAI, prices),
            0.15);
        QVERIFY(!BatchCost::inputEstimate(2'000'000, QStringLiteral("gpt-9"), Provider::OpenAI, prices));
    }

    void format_data()
    {
        QTest::addColumn<double>("cost");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("text");
        QTest::newRow("cents") << 0.42 << QStringLiteral("USD") << QStringLiteral("$0.42");
        QTest::newRow("thousands") << 1234.5 << QStringLiteral("USD") << QStringLiteral("$1,234.50");
        QTest::newRow("below a cent") << 0.004 << QStringLiteral("USD") << QStringLiteral("<$0.01");
        QTest::newRow("rounds to a cent") << 0.007 << QStringLiteral("USD") << QStringLiteral("$0.01");
        QTest::newRow("zero") << 0.0 << QStringLiteral("USD") << QStringLiteral("$0.00");
        QTest::newRow("euro") << 3.5 << QStringLiteral("EUR") << QStringLiteral("€3.50");
        QTest::newRow("other") << 3.5 << QStringLiteral("CHF") << QStringLiteral("CHF 3.50");
    }

    void format()
    {
        QFETCH(double, cost);
        QFETCH(QString, currency);
        QFETCH(QString, text);
        QCOMPARE(BatchCost::format(cost, currency), text);
    }

    void reportGroupsByModel()
    {
        const PriceTable prices = testTable();
        CostReport report(CostReport::By::Model, &prices);
        report.add(batch(QStringLiteral("b1"), QStringLiteral("gpt-5"), kDec1, usage(1'000'000, 0, 0)),
                   QStringLiteral("work"), Provider::OpenAI);
        report.add(batch(QStringLiteral("b2"), QStringLiteral("gpt-4o-mini"), kDec1, usage(1'000'000, 0, 0)),
                   QStringLiteral("work"), Provider::OpenAI);
        report.add(batch(QStringLiteral("b3"), QStringLiteral("gpt-5"), kDec1, std::nullopt),
                   QStringLiteral("work"), Provider::OpenAI);
        report.add(batch(QStringLiteral("b4"), QStringLiteral("gpt-9"), kDec1, usage(7, 3, 5)),
                   QStringLiteral("work"), Provider::OpenAI);
        const QList<CostGroup> groups = report.groups();
        QCOMPARE(groups.size(), 3);
        QCOMPARE(groups[0].key, QStringLiteral("gpt-4o-mini"));
        QCOMPARE(groups[1].key, QStringLiteral("gpt-5"));
        QCOMPARE(groups[1].batches, 2);
        QCOMPARE(groups[1].cost, 0.625);
        QCOMPARE(groups[1].unpriced, 1);
        QCOMPARE(groups[2].key, QStringLiteral("gpt-9"));
        // The unpriced batch's tokens are counted; its cost is not (the group's cost means nothing).
        QCOMPARE(groups[2].unpriced, 1);
        QCOMPARE(groups[2].batches, 1);
        QCOMPARE(groups[2].inputTokens, 7);
        QCOMPARE(groups[2].cachedTokens, 3);
        QCOMPARE(groups[2].outputTokens, 5);
        const CostGroup total = report.total();
        QCOMPARE(total.batches, 4);
        QCOMPARE(total.unpriced, 2);
        QCOMPARE(total.inputTokens, 2'000'007);
        QCOMPARE(total.cost, 0.7);
    }

    void reportGroupsByUtcDayBatchAndAccount()
    {
        const PriceTable prices = testTable();
        CostReport days(CostReport::By::Day, &prices);
        CostReport batches(CostReport::By::Batch, &prices);
        CostReport accounts(CostReport::By::Account, &prices);
        const QList<std::pair<Batch, QString>> input{
            {batch(QStringLiteral("b-new"), QStringLiteral("gpt-5"), kDec1, usage(10, 0, 0)),
             QStringLiteral("b")},
            {batch(QStringLiteral("b-old"), QStringLiteral("gpt-5"), kNov30Late, usage(20, 0, 0)),
             QStringLiteral("a")},
            {batch(QStringLiteral("a-mid"), QStringLiteral("gpt-5"), kNov30Late, usage(30, 0, 0)),
             QStringLiteral("b")}};
        for (const auto &[b, account] : input) {
            days.add(b, account, Provider::OpenAI);
            batches.add(b, account, Provider::OpenAI);
            accounts.add(b, account, Provider::OpenAI);
        }
        const QList<CostGroup> byDay = days.groups();
        QCOMPARE(byDay.size(), 2);
        QCOMPARE(byDay[0].key, QStringLiteral("2026-11-30"));
        QCOMPARE(byDay[0].inputTokens, 50);
        QCOMPARE(byDay[1].key, QStringLiteral("2026-12-01"));
        QCOMPARE(byDay[1].batches, 1);
        // Batches newest first; the same second in id order.
        const QList<CostGroup> byBatch = batches.groups();
        QCOMPARE(byBatch.size(), 3);
        QCOMPARE(byBatch[0].key, QStringLiteral("b-new"));
        QCOMPARE(byBatch[1].key, QStringLiteral("a-mid"));
        QCOMPARE(byBatch[2].key, QStringLiteral("b-old"));
        const QList<CostGroup> byAccount = accounts.groups();
        QCOMPARE(byAccount.size(), 2);
        QCOMPARE(byAccount[0].key, QStringLiteral("a"));
        QCOMPARE(byAccount[1].key, QStringLiteral("b"));
        QCOMPARE(byAccount[1].batches, 2);
        QCOMPARE(byAccount[1].inputTokens, 40);
    }

    // A query's cost>N prices every row on every keystroke: 100,000 rows, with snapshots and an unknown
    // model. The times are printed, not asserted (docs/PERFORMANCE.md: a keystroke's budget is 30 ms).
    void manyRows()
    {
        const PriceTable prices = PriceTable::shipped();
        std::vector<Batch> batches;
        const QStringList models{QStringLiteral("gpt-4o-mini-2024-07-18"), QStringLiteral("gpt-4.1"),
                                 QStringLiteral("o4-mini-2025-04-16"), QStringLiteral("unknown-model-x"),
                                 QStringLiteral("gpt-5-mini")};
        for (int i = 0; i < 100000; ++i)
            batches.push_back(batch(QString::number(i), models[i % 5], kDec1 - i * 60, usage(1000, 100, 50)));
        double sum = 0;
        QElapsedTimer t;
        t.start();
        for (const Batch &b : batches)
            sum += BatchCost::of(b, Provider::OpenAI, prices).value_or(0);
        qInfo("100k BatchCost::of: %lld ms (sum %f)", t.elapsed(), sum);
        CostReport report(CostReport::By::Day, &prices);
        t.restart();
        for (const Batch &b : batches)
            report.add(b, QStringLiteral("a"), Provider::OpenAI);
        qInfo("100k CostReport::add by day: %lld ms, %lld days", t.elapsed(), qint64(report.groups().size()));
        // A batch a minute back from 2026-12-01 00:00 UTC: that day and the 70 before it (69.4 days of
        // minutes).
        QCOMPARE(report.groups().size(), 71);
        QCOMPARE(report.total().batches, 100'000);
        QCOMPARE(report.total().unpriced, 20'000);
        QVERIFY(sum > 0);
    }

    void sumsSaturateInsteadOfOverflowing()
    {
        const PriceTable prices = testTable();
        CostReport report(CostReport::By::Model, &prices);
        const qint64 half = std::numeric_limits<qint64>::max() / 2 + 1;
        for (int i = 0; i < 3; ++i)
            report.add(batch(QString::number(i), QStringLiteral("gpt-9"), kDec1, usage(half, 0, half)),
                       QStringLiteral("a"), Provider::OpenAI);
        QCOMPARE(report.groups().at(0).inputTokens, std::numeric_limits<qint64>::max());
        QCOMPARE(report.total().outputTokens, std::numeric_limits<qint64>::max());
        QCOMPARE(report.total().unpriced, 3);
    }

    // A server may name every batch's model differently and have each priced (snapshot suffixes of one
    // model): the report sums the tokens at each price, so thousands of names cost what one name costs, to
    // the last digit, and each add() looks through no more than the price table's prices.
    void manySnapshotNamesOfOneModelAreOnePrice()
    {
        const PriceTable prices = testTable();
        constexpr int kNames = 3000;
        CostReport named(CostReport::By::Day, &prices);
        CostReport plain(CostReport::By::Day, &prices);
        CostReport byModel(CostReport::By::Model, &prices);
        qint64 uncached = 0, cached = 0, output = 0;
        for (int i = 0; i < kNames; ++i) {
            const QString name = QStringLiteral("gpt-4o-mini-%1").arg(i, 8, 10, QLatin1Char('0'));
            QVERIFY(prices.price(Provider::OpenAI, name));
            // Uneven counts at prices not round in binary: pricing each name apart would round differently.
            const BatchUsage u = usage(100'003 + 7 * i, 3 * i, 20'011 + 13 * i);
            uncached += u.inputTokens - u.cachedTokens;
            cached += u.cachedTokens;
            output += u.outputTokens;
            named.add(batch(QString::number(i), name, kDec1, u), QStringLiteral("a"), Provider::OpenAI);
            plain.add(batch(QString::number(i), QStringLiteral("gpt-4o-mini"), kDec1, u), QStringLiteral("a"),
                      Provider::OpenAI);
            byModel.add(batch(QString::number(i), name, kDec1, u), QStringLiteral("a"), Provider::OpenAI);
        }
        const double expected =
            (double(uncached) * 0.075 + double(cached) * 0.0375 + double(output) * 0.3) / 1'000'000.0;
        const QList<CostGroup> days = named.groups();
        QCOMPARE(days.size(), 1);
        QCOMPARE(days[0].batches, kNames);
        QCOMPARE(days[0].unpriced, 0);
        // Exactly: the same bits, not nearly the same number.
        QVERIFY2(days[0].cost == expected, qPrintable(QString::number(days[0].cost - expected, 'g', 17)));
        QVERIFY(days[0].cost == plain.groups().at(0).cost);
        QVERIFY(named.total().cost == expected);
        const CostGroup total = byModel.total();
        QCOMPARE(total.batches, kNames);
        QCOMPARE(byModel.groups().size(), kNames);
        QVERIFY2(total.cost == expected, qPrintable(QString::number(total.cost - expected, 'g', 17)));
    }

    void parseBy()
    {
        CostReport::By by = CostReport::By::Model;
        QVERIFY(CostReport::parseBy(QStringLiteral("day"), &by));
        QCOMPARE(by, CostReport::By::Day);
        QVERIFY(CostReport::parseBy(QStringLiteral("Account"), &by));
        QCOMPARE(by, CostReport::By::Account);
        QVERIFY(CostReport::parseBy(QStringLiteral("batch"), &by));
        QCOMPARE(by, CostReport::By::Batch);
        QVERIFY(!CostReport::parseBy(QStringLiteral("week"), &by));
        QCOMPARE(by, CostReport::By::Batch);
    }
};

QTEST_GUILESS_MAIN(TestBatchCost)
#include "tst_batchcost.moc"
