// The overview's figures from hand-built batches at a fixed now, with a hand-set price table.
#include "core/cost/pricetable.h"
#include "core/overview/overviewstats.h"
#include "testbatches.h"

#include <QJsonObject>
#include <QTest>

#include <limits>

namespace {
constexpr qint64 kDay = 86'400;
constexpr qint64 kToday = 1'796'169'600; // 2026-12-02T00:00:00Z
constexpr qint64 kNow = kToday + 15 * 3600;

// Per million tokens: (input - cached) x 0.5 + cached x 0.25 + output x 2.
const char kPrices[] = "{\"updated\": \"2026-12-01\", \"currency\": \"USD\", \"models\": {\"gpt-4o-mini\": "
                       "{\"input\": 0.5, \"cached_input\": 0.25, \"output\": 2.0}}}";

QJsonObject usage(qint64 input, qint64 cached, qint64 output)
{
    return QJsonObject{
        {QStringLiteral("input_tokens"), input},
        {QStringLiteral("input_tokens_details"), QJsonObject{{QStringLiteral("cached_tokens"), cached}}},
        {QStringLiteral("output_tokens"), output},
        {QStringLiteral("total_tokens"), input + output}};
}

TestBatch ended(const QString &id, const QString &status, const QString &field, qint64 at, qint64 created)
{
    TestBatch batch(id, status, created);
    batch.with(field, at);
    return batch;
}

TestBatch priced(TestBatch batch, const QString &model, qint64 input, qint64 cached, qint64 output)
{
    batch.with(QStringLiteral("model"), model).with(QStringLiteral("usage"), usage(input, cached, output));
    return batch;
}
} // namespace

class TestOverviewStats : public QObject
{
    Q_OBJECT

private:
    PriceTable m_prices;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_prices.merge(QByteArray(kPrices), &error), qPrintable(error));
    }

    void figures()
    {
        const QList<Batch> batches = {
            // Running: validating, in progress, finalizing, cancelling; what is left of their requests.
            TestBatch(QStringLiteral("run1"), QStringLiteral("in_progress"), kNow - 3600)
                .counts(1000, 300, 20),
            TestBatch(QStringLiteral("run2"), QStringLiteral("validating"), kNow - 2 * kDay),
            TestBatch(QStringLiteral("fin"), QStringLiteral("finalizing"), kNow - 10 * kDay)
                .counts(50, 50, 0),
            TestBatch(QStringLiteral("canc"), QStringLiteral("cancelling"), kNow - 40 * kDay)
                .counts(10, 2, 1),
            // Ended in the last 24 h (after now - 24 h, not at it).
            priced(ended(QStringLiteral("done1"), QStringLiteral("completed"), QStringLiteral("completed_at"),
                         kNow - 3600, kToday + 3600)
                       .counts(100, 98, 2),
                   QStringLiteral("gpt-4o-mini"), 1'000'000, 200'000, 500'000), // $1.45
            priced(ended(QStringLiteral("done2"), QStringLiteral("completed"), QStringLiteral("completed_at"),
                         kNow - kDay, kToday - 1)
                       .counts(10, 10, 0),
                   QStringLiteral("gpt-4o-mini-2024-07-18"), 2'000'000, 0, 1'000'000), // $3.00
            priced(ended(QStringLiteral("done3"), QStringLiteral("completed"), QStringLiteral("completed_at"),
                         kNow - kDay + 1, kToday)
                       .counts(40, 30, 10),
                   QStringLiteral("mystery-model"), 600, 0, 400), // unpriced, 1,000 tokens
            ended(QStringLiteral("fail1"), QStringLiteral("failed"), QStringLiteral("failed_at"), kNow - 100,
                  kNow - 3 * kDay)
                .counts(0, 0, 0),
            priced(ended(QStringLiteral("exp1"), QStringLiteral("expired"), QStringLiteral("expired_at"),
                         kNow - 7200, kNow - 8 * kDay)
                       .counts(100, 60, 40),
                   QStringLiteral("gpt-4o-mini"), 1'000'000, 0, 0), // $0.50
            ended(QStringLiteral("cancelled1"), QStringLiteral("cancelled"), QStringLiteral("cancelled_at"),
                  kNow - 10, kNow - 20 * kDay)
                .counts(20, 5, 0),
            ended(QStringLiteral("old"), QStringLiteral("failed"), QStringLiteral("failed_at"),
                  kNow - 2 * kDay, kNow - 50 * kDay)
                .counts(10, 0, 10),
        };
        OverviewAccumulator accumulator(kNow, &m_prices);
        for (const Batch &batch : batches)
            accumulator.add(batch, Provider::OpenAI);
        const OverviewStats &s = accumulator.stats();
        QCOMPARE(s.running, 4);
        QCOMPARE(s.requestsInFlight, qint64(680 + 7));
        QCOMPARE(s.completed24h, 2); // done1, done3 (done2 ended exactly 24 h ago)
        QCOMPARE(s.failed24h, 2);    // fail1, exp1
        QCOMPARE(s.requestsDone24h, qint64(100 + 40 + 0 + 100 + 5));
        QCOMPARE(s.requestsFailed24h, qint64(2 + 10 + 40));
        QCOMPARE(s.failureRate24h(), 52.0 / 245.0);

        // Today (from UTC midnight): run1, done1, done3.
        QCOMPARE(s.tokens[OverviewStats::Today], qint64(1'500'000 + 1'000));
        QCOMPARE(s.spend[OverviewStats::Today], 1.45);
        QCOMPARE(s.unpriced[OverviewStats::Today], qint64(2));
        // 7 days: and run2, done2 (a second before midnight), fail1.
        QCOMPARE(s.tokens[OverviewStats::Week], qint64(4'501'000));
        QCOMPARE(s.spend[OverviewStats::Week], 4.45);
        QCOMPARE(s.unpriced[OverviewStats::Week], qint64(4));
        // 30 days: and fin, exp1, cancelled1; canc and old are older.
        QCOMPARE(s.tokens[OverviewStats::Month], qint64(5'501'000));
        QCOMPARE(s.spend[OverviewStats::Month], 4.95);
        QCOMPARE(s.unpriced[OverviewStats::Month], qint64(6));
    }

    void spanBoundaries()
    {
        OverviewAccumulator accumulator(kNow, &m_prices);
        const auto add = [&](const QString &id, qint64 created) {
            accumulator.add(priced(TestBatch(id, QStringLiteral("completed"), created),
                                   QStringLiteral("gpt-4o-mini"), 1'000'000, 0, 0),
                            Provider::OpenAI);
        };
        add(QStringLiteral("week-edge"), kNow - 7 * kDay);     // not within 7 days
        add(QStringLiteral("week-in"), kNow - 7 * kDay + 1);   // within
        add(QStringLiteral("month-edge"), kNow - 30 * kDay);   // not within 30 days
        add(QStringLiteral("month-in"), kNow - 30 * kDay + 1); // within
        const OverviewStats &s = accumulator.stats();
        QCOMPARE(s.tokens[OverviewStats::Today], qint64(0));
        QCOMPARE(s.tokens[OverviewStats::Week], qint64(1'000'000));
        QCOMPARE(s.tokens[OverviewStats::Month], qint64(3'000'000));
        QCOMPARE(s.spend[OverviewStats::Month], 1.5);
    }

    void utcDayBoundary()
    {
        // Ten seconds into the UTC day: a batch of 23:59:59 was yesterday's.
        const qint64 now = kToday + 10;
        OverviewAccumulator accumulator(now, &m_prices);
        accumulator.add(
            TestBatch(QStringLiteral("yesterday"), QStringLiteral("in_progress"), kToday - 1).tokens(7),
            Provider::OpenAI);
        accumulator.add(
            TestBatch(QStringLiteral("midnight"), QStringLiteral("in_progress"), kToday).tokens(5),
            Provider::OpenAI);
        QCOMPARE(accumulator.stats().tokens[OverviewStats::Today], qint64(5));
        QCOMPARE(accumulator.stats().tokens[OverviewStats::Week], qint64(12));
        QCOMPARE(OverviewStats::spanStart(OverviewStats::Today, now), kToday);
        QCOMPARE(OverviewStats::spanQuery(OverviewStats::Today, now), QStringLiteral("created>=2026-12-02"));
        QCOMPARE(OverviewStats::spanQuery(OverviewStats::Today, kToday - 1),
                 QStringLiteral("created>=2026-12-01"));
    }

    void unpricedWithoutTable()
    {
        // No table: nothing has a cost, and every batch of the span is counted as such, never as $0.
        OverviewAccumulator accumulator(kNow, nullptr);
        accumulator.add(priced(TestBatch(QStringLiteral("a"), QStringLiteral("completed"), kNow - 60),
                               QStringLiteral("gpt-4o-mini"), 1'000'000, 0, 0),
                        Provider::OpenAI);
        QCOMPARE(accumulator.stats().spend[OverviewStats::Today], 0.0);
        QCOMPARE(accumulator.stats().unpriced[OverviewStats::Today], qint64(1));
        QCOMPARE(accumulator.stats().tokens[OverviewStats::Today], qint64(1'000'000));
    }

    void queries()
    {
        QCOMPARE(OverviewStats::runningQuery(),
                 QStringLiteral("status:validating,in_progress,finalizing,cancelling"));
        QCOMPARE(OverviewStats::completed24hQuery(), QStringLiteral("status:completed ended>24h"));
        QCOMPARE(OverviewStats::failed24hQuery(), QStringLiteral("status:failed,expired ended>24h"));
        QCOMPARE(OverviewStats::ended24hQuery(), QStringLiteral("ended>24h"));
        QCOMPARE(OverviewStats::spanQuery(OverviewStats::Week, kNow), QStringLiteral("created>7d"));
        QCOMPARE(OverviewStats::spanQuery(OverviewStats::Month, kNow), QStringLiteral("created>30d"));
    }

    void hostileCounts()
    {
        // Counts from a server: huge or negative ones neither overflow nor go below zero.
        constexpr qint64 kMax = std::numeric_limits<qint64>::max();
        OverviewAccumulator accumulator(kNow, nullptr);
        for (int i = 0; i < 3; ++i)
            accumulator.add(
                TestBatch(QStringLiteral("huge"), QStringLiteral("in_progress"), kNow).counts(kMax, -5, 0),
                Provider::OpenAI);
        accumulator.add(
            TestBatch(QStringLiteral("neg"), QStringLiteral("in_progress"), kNow).counts(-10, 3, 0),
            Provider::OpenAI);
        for (int i = 0; i < 2; ++i)
            accumulator.add(
                ended(QStringLiteral("f"), QStringLiteral("failed"), QStringLiteral("failed_at"), kNow, kNow)
                    .counts(kMax, kMax, kMax),
                Provider::OpenAI);
        const OverviewStats &s = accumulator.stats();
        QCOMPARE(s.requestsInFlight, kMax);
        QCOMPARE(s.requestsDone24h, kMax);
        QCOMPARE(s.requestsFailed24h, kMax);
        QVERIFY(s.failureRate24h() >= 0 && s.failureRate24h() <= 1);
    }
};

QTEST_GUILESS_MAIN(TestOverviewStats)
#include "tst_overviewstats.moc"
