#include "batchformat.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

class TestBatchFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isoTimeIsWhatQtPrints()
    {
        // The fast path must agree with QDateTime everywhere: edges of the years it handles, leap days, the
        // epoch, negative times, and a spread of random moments.
        QList<qint64> moments = {0,
                                 -1,
                                 1,
                                 86'399,
                                 86'400,
                                 951'782'400,   // 2000-02-29
                                 4'107'542'400, // 2100-03-01 (2100 is not a leap year)
                                 1'790'000'000,
                                 -62'135'596'800, // 0001-01-01
                                 -62'135'596'801, // the last second of 1 BC: Qt's own output
                                 253'402'300'799, // 9999-12-31T23:59:59
                                 253'402'300'800};
        QRandomGenerator random(7);
        for (int i = 0; i < 200'000; ++i)
            moments << random.bounded(qint64(-62'135'596'800), qint64(253'402'300'799));
        for (const qint64 seconds : std::as_const(moments)) {
            const QString expected = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
            QCOMPARE(BatchFormat::isoTime(seconds), expected);
        }
        QVERIFY(BatchFormat::isoTime(std::nullopt).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBatchFormat)
#include "tst_batchformat.moc"
