#include "core/batch/batchstatus.h"

#include <QTest>

class TestBatchStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("value");
        QTest::addColumn<bool>("terminal");
        QTest::newRow("validating") << "validating" << int(BatchStatus::Validating) << false;
        QTest::newRow("in_progress") << "in_progress" << int(BatchStatus::InProgress) << false;
        QTest::newRow("finalizing") << "finalizing" << int(BatchStatus::Finalizing) << false;
        QTest::newRow("completed") << "completed" << int(BatchStatus::Completed) << true;
        QTest::newRow("failed") << "failed" << int(BatchStatus::Failed) << true;
        QTest::newRow("expired") << "expired" << int(BatchStatus::Expired) << true;
        QTest::newRow("cancelling") << "cancelling" << int(BatchStatus::Cancelling) << false;
        QTest::newRow("cancelled") << "cancelled" << int(BatchStatus::Cancelled) << true;
    }

    void roundTrip()
    {
        QFETCH(QString, text);
        QFETCH(int, value);
        QFETCH(bool, terminal);
        const BatchStatus status = BatchStatus::fromString(text);
        QCOMPARE(int(status.value()), value);
        QCOMPARE(status.toString(), text);
        QCOMPARE(status.isTerminal(), terminal);
        QCOMPARE(status.isRunning(), !terminal);
    }

    void unknownKeepsTheServersWord()
    {
        const BatchStatus status = BatchStatus::fromString(QStringLiteral("paused_for_review"));
        QCOMPARE(status.value(), BatchStatus::Unknown);
        QCOMPARE(status.toString(), QStringLiteral("paused_for_review"));
        QVERIFY(!status.isTerminal());
        QVERIFY(!status.isRunning());
        QVERIFY(!status.isCancellable());
        QVERIFY(status != BatchStatus::fromString(QStringLiteral("other_new_state")));
        QVERIFY(status == BatchStatus::fromString(QStringLiteral("paused_for_review")));
        // Case matters: the API spells statuses in lower case, anything else is not ours to guess.
        QCOMPARE(BatchStatus::fromString(QStringLiteral("COMPLETED")).value(), BatchStatus::Unknown);
    }

    void cancellableOnlyWhileRunning()
    {
        QVERIFY(BatchStatus(BatchStatus::Validating).isCancellable());
        QVERIFY(BatchStatus(BatchStatus::InProgress).isCancellable());
        QVERIFY(BatchStatus(BatchStatus::Finalizing).isCancellable());
        QVERIFY(!BatchStatus(BatchStatus::Cancelling).isCancellable());
        QVERIFY(!BatchStatus(BatchStatus::Completed).isCancellable());
    }

    void allListsEveryKnownStatusOnce()
    {
        QCOMPARE(BatchStatus::all().size(), 8);
        for (const BatchStatus &status : BatchStatus::all())
            QCOMPARE(BatchStatus::fromString(status.toString()), status);
    }
};

QTEST_GUILESS_MAIN(TestBatchStatus)
#include "tst_batchstatus.moc"
