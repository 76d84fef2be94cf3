#include "core/api/retrypolicy.h"

#include <QTest>

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryableStatuses()
    {
        for (int status : {408, 409, 429, 500, 502, 503, 504, 599})
            QVERIFY2(RetryPolicy::isRetryableStatus(status), qPrintable(QString::number(status)));
        for (int status : {200, 400, 401, 403, 404, 422})
            QVERIFY2(!RetryPolicy::isRetryableStatus(status), qPrintable(QString::number(status)));
    }

    void headerOverridesStatus()
    {
        QVERIFY(RetryPolicy::shouldRetry(400, "true"));
        QVERIFY(!RetryPolicy::shouldRetry(503, "false"));
        QVERIFY(!RetryPolicy::shouldRetry(0, " FALSE "));
        QVERIFY(RetryPolicy::shouldRetry(503, "maybe"));
        QVERIFY(RetryPolicy::shouldRetry(0, QByteArray())); // no answer at all: a connection error
        QVERIFY(!RetryPolicy::shouldRetry(404, QByteArray()));
    }

    void serverDelay_data()
    {
        QTest::addColumn<QByteArray>("ms");
        QTest::addColumn<QByteArray>("seconds");
        QTest::addColumn<int>("expected"); // -1: none, fall back to back-off
        QTest::newRow("retry-after-ms") << QByteArray("1500") << QByteArray("9") << 1500;
        QTest::newRow("fractional ms") << QByteArray("12.2") << QByteArray() << 13;
        QTest::newRow("zero ms falls through") << QByteArray("0") << QByteArray("2") << 2000;
        QTest::newRow("retry-after seconds") << QByteArray() << QByteArray("3") << 3000;
        QTest::newRow("fractional seconds") << QByteArray() << QByteArray("0.25") << 250;
        QTest::newRow("over a minute") << QByteArray() << QByteArray("61") << -1;
        QTest::newRow("negative") << QByteArray("-5") << QByteArray() << -1;
        QTest::newRow("garbage") << QByteArray("soon") << QByteArray("later") << -1;
        QTest::newRow("none") << QByteArray() << QByteArray() << -1;
        QTest::newRow("http date") << QByteArray() << QByteArray("Sat, 28 Nov 2026 12:00:10 GMT") << 10'000;
        QTest::newRow("http date passed")
            << QByteArray() << QByteArray("Sat, 28 Nov 2026 11:59:00 GMT") << -1;
    }

    void serverDelay()
    {
        QFETCH(QByteArray, ms);
        QFETCH(QByteArray, seconds);
        QFETCH(int, expected);
        const QDateTime now(QDate(2026, 11, 28), QTime(12, 0, 0), Qt::UTC);
        const std::optional<int> delay = RetryPolicy::serverDelayMs(ms, seconds, now);
        QCOMPARE(delay.value_or(-1), expected);
    }

    void backoffDoublesToEightSecondsWithJitter()
    {
        QCOMPARE(RetryPolicy::backoffDelayMs(0, 0.0), 500);
        QCOMPARE(RetryPolicy::backoffDelayMs(1, 0.0), 1000);
        QCOMPARE(RetryPolicy::backoffDelayMs(2, 0.0), 2000);
        QCOMPARE(RetryPolicy::backoffDelayMs(4, 0.0), 8000);
        QCOMPARE(RetryPolicy::backoffDelayMs(10, 0.0), 8000);
        // Up to a quarter less, never more.
        QCOMPARE(RetryPolicy::backoffDelayMs(0, 0.9999999), 375);
        QCOMPARE(RetryPolicy::backoffDelayMs(1, 0.5), 875);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
