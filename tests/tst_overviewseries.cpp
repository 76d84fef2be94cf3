// The Overview window's chart data from hand-built batches and progress samples at a fixed now.
#include "core/cost/pricetable.h"
#include "core/overview/overviewseries.h"
#include "testbatches.h"

#include <QJsonObject>
#include <QTest>

namespace {
constexpr qint64 kDay = 86'400;
constexpr qint64 kToday = 1'796'169'600; // 2026-12-02T00:00:00Z
constexpr qint64 kNow = kToday + 15 * 3600;
constexpr qint64 kFirst = kToday - 6 * kDay; // of a 7-day range

const char kPrices[] = "{\"updated\": \"2026-12-01\", \"currency\": \"USD\", \"models\": {"
                       "\"gpt-4o-mini\": {\"input\": 0.5, \"cached_input\": 0.25, \"output\": 2.0},"
                       "\"gpt-4o\": {\"input\": 1.25, \"output\": 5.0}}}";

Batch used(const QString &id, const QString &model, qint64 created, qint64 input, qint64 output)
{
    return TestBatch(id, QStringLiteral("completed"), created)
        .with(QStringLiteral("model"), model)
        .with(QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), input},
                                                   {QStringLiteral("output_tokens"), output},
                                                   {QStringLiteral("total_tokens"), input + output}});
}

Batch endedAt(const QString &status, const QString &field, qint64 at)
{
    return TestBatch(QStringLiteral("e"), status, at - 3600).with(field, at);
}

ProgressSample sample(qint64 at, qint64 done)
{
    return ProgressSample{at, done, 0, 10'000};
}
} // namespace

class TestOverviewSeries : public QObject
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

    void range()
    {
        const OverviewSeries series(kNow, 7, &m_prices);
        QCOMPARE(series.days(), 7);
        QCOMPARE(series.rangeStart(), kFirst);
        QCOMPARE(series.firstDay(), QDate(2026, 11, 26));
        QCOMPARE(OverviewSeries(kToday, 1, nullptr).rangeStart(), kToday);
    }

    void spendPerDayByModel()
    {
        OverviewSeries series(kNow, 7, &m_prices);
        series.add(used(QStringLiteral("a"), QStringLiteral("gpt-4o-mini"), kToday + 60, 1'000'000, 0),
                   Provider::OpenAI); // $0.50, day 6
        series.add(used(QStringLiteral("b"), QStringLiteral("gpt-4o-mini-2024-07-18"), kNow, 0, 500'000),
                   Provider::OpenAI); // $1.00, day 6
        series.add(used(QStringLiteral("c"), QStringLiteral("gpt-4o-mini"), kFirst, 2'000'000, 0),
                   Provider::OpenAI); // $1.00, day 0 (its first second)
        series.add(used(QStringLiteral("d"), QStringLiteral("gpt-4o"), kToday - 2 * kDay, 1'000'000, 0),
                   Provider::OpenAI); // $1.25, day 4
        series.add(used(QStringLiteral("e"), QStringLiteral("mystery"), kToday, 1'000, 0),
                   Provider::OpenAI); // unpriced
        series.add(TestBatch(QStringLiteral("f"), QStringLiteral("in_progress"), kToday), Provider::OpenAI);
        series.add(used(QStringLiteral("g"), QStringLiteral("gpt-4o"), kFirst - 1, 1'000'000, 0),
                   Provider::OpenAI); // before the range: neither spend nor unpriced
        const QList<OverviewSeries::ModelSpend> spend = series.spendByModel();
        // Models as the batches name them (a dated snapshot is its own, priced by its prefix), most spent
        // first.
        QCOMPARE(spend.size(), 3);
        QCOMPARE(spend[0].model, QStringLiteral("gpt-4o-mini"));
        QCOMPARE(spend[0].total, 1.5);
        QCOMPARE(spend[0].perDay, (QList<double>{1.0, 0, 0, 0, 0, 0, 0.5}));
        QCOMPARE(spend[1].model, QStringLiteral("gpt-4o"));
        QCOMPARE(spend[1].perDay, (QList<double>{0, 0, 0, 0, 1.25, 0, 0}));
        QCOMPARE(spend[2].model, QStringLiteral("gpt-4o-mini-2024-07-18"));
        QCOMPARE(spend[2].perDay, (QList<double>{0, 0, 0, 0, 0, 0, 1.0}));
        QCOMPARE(series.unpriced(), qint64(2));
        QCOMPARE(series.totalSpend(), 3.75);

        // Beyond the most spent, the rest is summed under an empty name.
        OverviewSeries many(kNow, 7, &m_prices);
        for (const Batch &b :
             {used(QStringLiteral("a"), QStringLiteral("gpt-4o"), kToday, 1'000'000, 0),
              used(QStringLiteral("b"), QStringLiteral("gpt-4o-mini"), kToday, 1'000'000, 0),
              used(QStringLiteral("c"), QStringLiteral("gpt-4o-mini-2025-01-01"), kFirst, 1'000'000, 0)})
            many.add(b, Provider::OpenAI);
        const QList<OverviewSeries::ModelSpend> two = many.spendByModel(2);
        QCOMPARE(two.size(), 2);
        QCOMPARE(two[0].model, QStringLiteral("gpt-4o"));
        QCOMPARE(two[1].model, QString());
        QCOMPARE(two[1].total, 1.0);
        QCOMPARE(two[1].perDay, (QList<double>{0.5, 0, 0, 0, 0, 0, 0.5}));
    }

    void endedPerDayByStatus()
    {
        OverviewSeries series(kNow, 7, nullptr);
        series.add(endedAt(QStringLiteral("completed"), QStringLiteral("completed_at"), kToday),
                   Provider::OpenAI);
        series.add(endedAt(QStringLiteral("completed"), QStringLiteral("completed_at"), kNow),
                   Provider::OpenAI);
        series.add(endedAt(QStringLiteral("completed"), QStringLiteral("completed_at"), kFirst - 1),
                   Provider::OpenAI); // before the range
        series.add(endedAt(QStringLiteral("failed"), QStringLiteral("failed_at"), kToday - 1),
                   Provider::OpenAI);
        series.add(endedAt(QStringLiteral("expired"), QStringLiteral("expired_at"), kToday - kDay),
                   Provider::OpenAI);
        series.add(endedAt(QStringLiteral("cancelled"), QStringLiteral("cancelled_at"), kFirst),
                   Provider::OpenAI);
        series.add(TestBatch(QStringLiteral("r"), QStringLiteral("in_progress"), kToday), Provider::OpenAI);
        QCOMPARE(series.endedPerDay(BatchStatus::Completed), (QList<int>{0, 0, 0, 0, 0, 0, 2}));
        QCOMPARE(series.endedPerDay(BatchStatus::Failed), (QList<int>{0, 0, 0, 0, 0, 1, 0}));
        QCOMPARE(series.endedPerDay(BatchStatus::Expired), (QList<int>{0, 0, 0, 0, 0, 1, 0}));
        QCOMPARE(series.endedPerDay(BatchStatus::Cancelled), (QList<int>{1, 0, 0, 0, 0, 0, 0}));
        QCOMPARE(series.endedTotal(), 5);
    }

    void requestsPerMinute()
    {
        OverviewSeries series(kNow, 7, nullptr);
        // One batch at 1 request a second for 5 minutes, then 2 a second; another at 1 a second for a minute.
        series.addSamples({sample(kNow - 600, 0), sample(kNow - 300, 300), sample(kNow, 900)});
        series.addSamples({sample(kNow - 300, 0), sample(kNow - 240, 60)});
        // Counts that went back and a single sample add nothing.
        series.addSamples({sample(kNow - 120, 500), sample(kNow - 60, 400)});
        series.addSamples({sample(kNow - 60, 5)});
        const OverviewSeries::Rate rate = series.rate();
        QCOMPARE(rate.bucketSeconds, qint64(60));
        QCOMPARE(rate.start, kNow - 600);
        QCOMPARE(rate.perMinute, (QList<double>{60, 60, 60, 60, 60, 180, 120, 120, 120, 120, 0}));
    }

    void partBucketsAreNotDiluted()
    {
        // Half a minute past a minute: the first bucket is watched from its second half, the last is half
        // gone.
        OverviewSeries series(kNow + 30, 7, nullptr);
        series.addSamples({sample(kNow - 90, 0), sample(kNow - 30, 60)}); // 1 a second
        const OverviewSeries::Rate rate = series.rate();
        QCOMPARE(rate.start, kNow - 120);
        QCOMPARE(rate.perMinute, (QList<double>{60, 30, 0}));
    }

    void rateInsideTheRange()
    {
        // A day's range from midnight: of an interval across midnight, only its part inside counts.
        OverviewSeries series(kNow, 1, nullptr);
        series.addSamples({sample(kToday - 60, 0), sample(kToday + 60, 120)});
        series.addSamples({sample(kToday - 7200, 0), sample(kToday - 3600, 100)}); // before the range
        const OverviewSeries::Rate rate = series.rate();
        QCOMPARE(rate.start, kToday);
        QCOMPARE(rate.perMinute.size(), qsizetype(15 * 60 + 1));
        QCOMPARE(rate.perMinute[0], 60.0);
        QCOMPARE(rate.perMinute[1], 0.0);
    }

    void longerSpansHaveLongerBuckets()
    {
        OverviewSeries week(kNow, 7, nullptr);
        week.addSamples({sample(kFirst, 0), sample(kFirst + 600, 6'000)});
        const OverviewSeries::Rate tenMinutes = week.rate();
        QCOMPARE(tenMinutes.bucketSeconds, qint64(600));
        QCOMPARE(tenMinutes.perMinute.first(), 600.0); // 6,000 requests in 10 minutes
        OverviewSeries quarter(kNow, 90, nullptr);
        quarter.addSamples({sample(kToday - 60 * kDay, 0), sample(kToday - 60 * kDay + 3600, 60)});
        QCOMPARE(quarter.rate().bucketSeconds, qint64(3600));
        QCOMPARE(quarter.rate().perMinute.first(), 1.0);
        QVERIFY(OverviewSeries(kNow, 7, nullptr).rate().perMinute.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOverviewSeries)
#include "tst_overviewseries.moc"
