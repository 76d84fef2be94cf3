#include "core/batch/progresshistory.h"
#include "core/json/batchparser.h"

#include <QJsonObject>
#include <QTest>

#include <limits>

namespace {
Batch running(qint64 completed, qint64 failed, qint64 total,
              const QString &status = QStringLiteral("in_progress"))
{
    return BatchParser::parseBatch(QJsonObject{{QStringLiteral("id"), QStringLiteral("b")},
                                               {QStringLiteral("status"), status},
                                               {QStringLiteral("created_at"), 1},
                                               {QStringLiteral("request_counts"),
                                                QJsonObject{{QStringLiteral("total"), total},
                                                            {QStringLiteral("completed"), completed},
                                                            {QStringLiteral("failed"), failed}}}})
        .value;
}

// The same batch with the server's in_progress_at.
Batch started(qint64 inProgressAt, qint64 completed, qint64 failed, qint64 total)
{
    QJsonObject o = running(completed, failed, total).rawObject();
    o.insert(QStringLiteral("in_progress_at"), inProgressAt);
    return BatchParser::parseBatch(o).value;
}
} // namespace

class TestProgressHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordsOnlyMovement()
    {
        ProgressHistory h;
        QVERIFY(h.record(running(10, 0, 100), 1000));
        QVERIFY(!h.record(running(10, 0, 100), 1060)); // nothing moved
        QVERIFY(h.record(running(10, 5, 100), 1120));
        QVERIFY(!h.record(running(100, 0, 100, QStringLiteral("finalizing")), 1200));
        QCOMPARE(h.samples(QStringLiteral("b")).size(), 2);
    }

    void etaFromTheRecentRate()
    {
        ProgressHistory h;
        h.record(running(0, 0, 1000), 0);
        QVERIFY(!h.etaSeconds(running(0, 0, 1000), 10).has_value()); // one sample: no estimate
        h.record(running(90, 10, 1000), 100);                        // 1 request a second
        QCOMPARE(h.etaSeconds(running(90, 10, 1000), 100), std::optional<qint64>(900));
        // Counts last read at 100 (stale since): the clock runs on, the estimate counts down.
        QCOMPARE(h.etaSeconds(running(90, 10, 1000), 400, 100), std::optional<qint64>(600));
        QCOMPARE(h.etaSeconds(running(90, 10, 1000), 5000, 100), std::optional<qint64>(0)); // overdue: now
    }

    void aStalledBatchsEstimateGrows()
    {
        // 1,000 of 10,000 in the first 20 min, then read unchanged for 6 h (review M6).
        ProgressHistory h;
        h.add(QStringLiteral("b"), {0, 0, 0, 10'000});
        h.add(QStringLiteral("b"), {1200, 1000, 0, 10'000});
        const Batch b = started(0, 1000, 0, 10'000);
        const qint64 at = 1200 + 6 * 3600;
        // The pace over the whole run (1,000 in 6 h 20 min): about 57 h to go, not 0.
        QCOMPARE(h.etaSeconds(b, at), std::optional<qint64>(9000 * at / 1000));
        // Time without progress makes it grow.
        QVERIFY(*h.etaSeconds(b, at + 3600) > *h.etaSeconds(b, at));
        // Inside the rate window the silent hour counts too: 1,000 in 80 min.
        QCOMPARE(h.etaSeconds(b, 1200 + 3600), std::optional<qint64>(9000 * 4800 / 1000));
        // Without in_progress_at the samples' whole span gives the same pace.
        const Batch noStart = running(1000, 0, 10'000);
        QCOMPARE(h.etaSeconds(noStart, at), std::optional<qint64>(9000 * at / 1000));
    }

    void oldSamplesDoNotSetThePace()
    {
        ProgressHistory h;
        // Fast at first, slow for the last two hours: the slow pace decides.
        h.add(QStringLiteral("b"), {0, 0, 0, 10'000});
        h.add(QStringLiteral("b"), {600, 5000, 0, 10'000});
        h.add(QStringLiteral("b"), {600 + ProgressHistory::kRateWindowSeconds, 5000 + 720, 0, 10'000});
        const qint64 at = 600 + ProgressHistory::kRateWindowSeconds;
        const std::optional<qint64> eta = h.etaSeconds(running(5720, 0, 10'000), at);
        QVERIFY(eta.has_value());
        QCOMPARE(*eta, qint64(4280 * 10)); // 720 in 7200 s: 0.1 a second
    }

    void hostileCountsGiveASaturatedEstimate()
    {
        // One request in ten seconds of nearly INT64_MAX: the estimate is "as far as can be", not "now".
        constexpr qint64 kMax = std::numeric_limits<qint64>::max();
        ProgressHistory h;
        h.add(QStringLiteral("b"), ProgressSample{0, 0, 0, kMax});
        h.add(QStringLiteral("b"), ProgressSample{10, 1, 0, kMax});
        QCOMPARE(h.etaSeconds(running(1, 0, kMax), 10), std::optional<qint64>(kMax));
        // Counts whose sum overflows, and times at both ends: defined answers.
        ProgressHistory extreme;
        extreme.add(QStringLiteral("b"), ProgressSample{std::numeric_limits<qint64>::min(), 0, 0, kMax});
        extreme.add(QStringLiteral("b"), ProgressSample{kMax, kMax, kMax, kMax});
        // (the sample before the window is the rate's base: all done, so 0; a sample in the future adds
        // nothing)
        QCOMPARE(extreme.etaSeconds(running(kMax, kMax, kMax), 0), std::optional<qint64>(0));
    }

    void noProgressNoEstimate()
    {
        ProgressHistory h;
        h.add(QStringLiteral("b"), {0, 5, 0, 10});
        h.add(QStringLiteral("b"), {100, 5, 0, 10});
        QVERIFY(!h.etaSeconds(running(5, 0, 10), 100).has_value());
        QVERIFY(!h.etaSeconds(running(5, 0, 10, QStringLiteral("validating")), 100).has_value());
    }

    void firstEstimateFromInProgressAt()
    {
        // No history yet: the batch's own start and counts give the pace (100 done in 100 s).
        const ProgressHistory h;
        QCOMPARE(h.etaSeconds(started(1000, 90, 10, 1000), 1100), std::optional<qint64>(900));
        // No progress yet, or no start known: no estimate.
        QVERIFY(!h.etaSeconds(started(1000, 0, 0, 1000), 1100).has_value());
        QVERIFY(!h.etaSeconds(running(90, 10, 1000), 1100).has_value());
        // A start in the future (a skewed clock) gives none either.
        QVERIFY(!h.etaSeconds(started(2000, 90, 10, 1000), 1100).has_value());
    }

    void historyRefinesOnceItSpansEnough()
    {
        // Started long ago at 1 a second on average, now running at 0.1 a second.
        const Batch b = started(0, 5000, 0, 10'000);
        ProgressHistory h;
        h.add(QStringLiteral("b"), {4900, 4990, 0, 10'000});
        h.add(QStringLiteral("b"), {5000, 5000, 0, 10'000});
        // 100 s of history is too little to trust over the whole run: the start's pace (1 a second) stands.
        QCOMPARE(h.etaSeconds(b, 5000), std::optional<qint64>(5000));
        // Once the samples span the minimum, the recent pace wins.
        h.add(QStringLiteral("b"), {4900 + ProgressHistory::kMinHistorySeconds, 5000 + 50, 0, 10'000});
        const qint64 at = 4900 + ProgressHistory::kMinHistorySeconds;
        const std::optional<qint64> eta = h.etaSeconds(started(0, 5050, 0, 10'000), at);
        QVERIFY(eta.has_value());
        QCOMPARE(*eta, qint64(4950 * ProgressHistory::kMinHistorySeconds / 60));
    }
};

QTEST_GUILESS_MAIN(TestProgressHistory)
#include "tst_progresshistory.moc"
