#include "core/batch/batchcolumns.h"
#include "core/export/batchformat.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

#include <limits>

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

    void countsNearTheLimitsSaturate()
    {
        // A hostile server's counts: the sum must not overflow (undefined; in practice a negative number).
        constexpr qint64 kMax = std::numeric_limits<qint64>::max();
        constexpr qint64 kMin = std::numeric_limits<qint64>::min();
        Batch batch;
        batch.status = BatchStatus::InProgress;
        batch.requestCounts = {kMax, kMax, kMax, true};
        QCOMPARE(BatchFormat::requestsDone(batch.requestCounts), kMax);
        QCOMPARE(BatchFormat::progress(batch),
                 QStringLiteral("9,223,372,036,854,775,807 / 9,223,372,036,854,775,807"));
        batch.requestCounts = {1, kMin, -1, true};
        QCOMPARE(BatchFormat::requestsDone(batch.requestCounts), kMin);
        QVERIFY(!BatchFormat::progress(batch).isEmpty());
        QCOMPARE(BatchFormat::secondsBetween(kMin, kMax), kMax);
        QCOMPARE(BatchFormat::secondsBetween(kMax, kMin), kMin);
        QCOMPARE(BatchFormat::secondsBetween(10, 3), -7);
    }

    void timesNearTheLimitsSaturate()
    {
        constexpr qint64 kMax = std::numeric_limits<qint64>::max();
        constexpr qint64 kMin = std::numeric_limits<qint64>::min();
        const qint64 now = 1'790'000'000;
        QVERIFY(BatchFormat::relativeTime(kMin, now) != QObject::tr("just now")); // the distant past
        QCOMPARE(BatchFormat::relativeTime(kMax, now), QObject::tr("just now"));  // the future
        Batch batch;
        batch.status = BatchStatus::Completed;
        batch.createdAt = kMin;
        batch.completedAt = kMax;
        QCOMPARE(BatchColumns::display(batch, BatchColumns::Duration, now), BatchFormat::duration(kMax));
        QVERIFY(BatchColumns::compare(batch, batch, BatchColumns::Duration, now) == 0);
        batch.status = BatchStatus::InProgress;
        batch.expiresAt = kMin;
        QCOMPARE(BatchColumns::display(batch, BatchColumns::ExpiresIn, now), QObject::tr("overdue"));
        batch.requestCounts = {kMax, kMax, kMax, true};
        double key = 0;
        QVERIFY(BatchColumns::numericKey(batch, BatchColumns::Progress, now, &key));
        QCOMPARE(key, 1.0);
    }

    void terminalTextEscapesControlCharacters()
    {
        QCOMPARE(BatchFormat::terminalText(QStringLiteral("gpt-4o mini \u00e9\u4e2d")),
                 QStringLiteral("gpt-4o mini \u00e9\u4e2d"));
        QCOMPARE(BatchFormat::terminalText(QStringLiteral("\x1b]0;title\x07\x1b[2J")),
                 QStringLiteral("\\x1b]0;title\\x07\\x1b[2J"));
        QCOMPARE(BatchFormat::terminalText(QStringLiteral("a\tb\r\nc\x7f")),
                 QStringLiteral("a\\tb\\r\\nc\\x7f"));
        QCOMPARE(BatchFormat::terminalText(QString(QChar(0x9b)) + QStringLiteral("2J")),
                 QStringLiteral("\\x9b2J"));
        QCOMPARE(BatchFormat::terminalText(QString(QChar(0x202e)) + QStringLiteral("txt.exe")),
                 QStringLiteral("\\u202etxt.exe"));
        QCOMPARE(BatchFormat::terminalText(QString(QChar(0))), QStringLiteral("\\x00"));
        // Marks and zero-width characters that hide or reorder text.
        QCOMPARE(BatchFormat::terminalText(QStringLiteral("a") + QChar(0x200f) + QChar(0x200b) +
                                           QChar(0xfeff) + QChar(0x2028) + QStringLiteral("b")),
                 QStringLiteral("a\\u200f\\u200b\\ufeff\\u2028b"));
    }
};

QTEST_GUILESS_MAIN(TestBatchFormat)
#include "tst_batchformat.moc"
