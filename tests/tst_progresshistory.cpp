#include "batchparser.h"
#include "progresshistory.h"

#include <QJsonObject>
#include <QTest>

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
        QCOMPARE(h.etaSeconds(running(90, 10, 1000), 400), std::optional<qint64>(600)); // the clock runs on
        QCOMPARE(h.etaSeconds(running(90, 10, 1000), 5000), std::optional<qint64>(0));  // overdue: now
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

    void noProgressNoEstimate()
    {
        ProgressHistory h;
        h.add(QStringLiteral("b"), {0, 5, 0, 10});
        h.add(QStringLiteral("b"), {100, 5, 0, 10});
        QVERIFY(!h.etaSeconds(running(5, 0, 10), 100).has_value());
        QVERIFY(!h.etaSeconds(running(5, 0, 10, QStringLiteral("validating")), 100).has_value());
    }
};

QTEST_GUILESS_MAIN(TestProgressHistory)
#include "tst_progresshistory.moc"
