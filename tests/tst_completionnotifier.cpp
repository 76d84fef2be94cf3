#include "app/completionnotifier.h"
#include "models/batchtablemodel.h"
#include "testbatches.h"

#include <QSignalSpy>
#include <QTest>

namespace {
Batch makeBatch(const QString &id, const QString &status, qint64 failed = 0)
{
    TestBatch batch(id, status, 1);
    batch.counts(1000, 1000 - failed, failed);
    if (status == QLatin1String("failed"))
        batch.error(QStringLiteral("token_limit_exceeded"), QStringLiteral("Enqueued token limit reached"));
    return batch;
}
} // namespace

// Offscreen there is no system tray, so every notification arrives as an in-window notice.
class TestCompletionNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneEndingOneNotice()
    {
        BatchTableModel model;
        CompletionNotifier notifier(&model);
        QSignalSpy notices(&notifier, &CompletionNotifier::noticeRequested);
        model.merge({makeBatch(QStringLiteral("a"), QStringLiteral("in_progress"))});
        model.merge({makeBatch(QStringLiteral("a"), QStringLiteral("completed"), 188)});
        QVERIFY(notifier.hasPending()); // what the checks for "no message" below rely on
        QVERIFY(notices.wait(2000));
        QVERIFY(!notifier.hasPending());
        QCOMPARE(notices.count(), 1);
        QVERIFY2(
            notices.at(0).at(0).toString().contains(QStringLiteral("a: completed 812 / 1,000, 188 failed")),
            qPrintable(notices.at(0).at(0).toString()));
        QCOMPARE(notices.at(0).at(1).toString(), QStringLiteral("a"));
    }

    void endingsNameTheirAccount()
    {
        // Several accounts in one window: a notification says whose batch ended.
        BatchTableModel model;
        CompletionNotifier notifier(&model);
        const int work = model.addSource(QStringLiteral("work"), Provider::OpenAI);
        const int lab = model.addSource(QStringLiteral("lab"), Provider::Anthropic);
        QSignalSpy notices(&notifier, &CompletionNotifier::noticeRequested);
        model.merge({makeBatch(QStringLiteral("a"), QStringLiteral("in_progress"))}, work);
        model.merge({makeBatch(QStringLiteral("a"), QStringLiteral("completed"))}, work);
        QVERIFY(notices.wait(2000));
        QVERIFY2(notices.at(0).at(0).toString().startsWith(QStringLiteral("Batch completed in work")),
                 qPrintable(notices.at(0).at(0).toString()));
        model.merge({makeBatch(QStringLiteral("b"), QStringLiteral("in_progress"))}, work);
        model.merge({makeBatch(QStringLiteral("c"), QStringLiteral("in_progress"))}, lab);
        model.merge({makeBatch(QStringLiteral("b"), QStringLiteral("failed"))}, work);
        model.merge({makeBatch(QStringLiteral("c"), QStringLiteral("failed"))}, lab);
        QVERIFY(notices.wait(2000));
        const QString several = notices.at(1).at(0).toString();
        QVERIFY2(several.contains(QStringLiteral("2 batches ended")) &&
                     several.contains(QStringLiteral("work")) && several.contains(QStringLiteral("lab")),
                 qPrintable(several));
    }

    void severalEndingsOneMessage()
    {
        BatchTableModel model;
        CompletionNotifier notifier(&model);
        QSignalSpy notices(&notifier, &CompletionNotifier::noticeRequested);
        model.merge({makeBatch(QStringLiteral("a"), QStringLiteral("in_progress")),
                     makeBatch(QStringLiteral("b"), QStringLiteral("finalizing"))});
        model.merge({makeBatch(QStringLiteral("a"), QStringLiteral("failed")),
                     makeBatch(QStringLiteral("b"), QStringLiteral("completed"))});
        QVERIFY(notices.wait(2000));
        QCOMPARE(notices.count(), 1);
        QVERIFY(notices.at(0).at(0).toString().contains(QStringLiteral("2 batches ended")));
        QVERIFY(notices.at(0).at(1).toString().isEmpty());
    }

    void failuresOnlyAndOff()
    {
        BatchTableModel model;
        CompletionNotifier notifier(&model);
        notifier.setMode(CompletionNotifier::Mode::FailuresOnly);
        QSignalSpy notices(&notifier, &CompletionNotifier::noticeRequested);
        model.merge({makeBatch(QStringLiteral("ok"), QStringLiteral("in_progress")),
                     makeBatch(QStringLiteral("bad"), QStringLiteral("validating"))});
        model.merge({makeBatch(QStringLiteral("ok"), QStringLiteral("completed"))});
        QVERIFY(!notifier.hasPending()); // nothing gathered, so no message can follow
        QCOMPARE(notices.count(), 0);
        model.merge({makeBatch(QStringLiteral("bad"), QStringLiteral("failed"))});
        QVERIFY(notices.wait(2000));
        QVERIFY(
            notices.at(0).at(0).toString().contains(QStringLiteral("failed: Enqueued token limit reached")));

        notifier.setMode(CompletionNotifier::Mode::Off);
        model.merge({makeBatch(QStringLiteral("late"), QStringLiteral("in_progress"))});
        model.merge({makeBatch(QStringLiteral("late"), QStringLiteral("expired"))});
        QVERIFY(!notifier.hasPending());
        QCOMPARE(notices.count(), 1);
    }

    void onlyEndingsOfSeenBatchesCount()
    {
        BatchTableModel model;
        CompletionNotifier notifier(&model);
        QSignalSpy notices(&notifier, &CompletionNotifier::noticeRequested);
        // First seen already finished, or finished and re-read: nothing ended while watching.
        model.merge({makeBatch(QStringLiteral("old"), QStringLiteral("completed"))});
        model.merge({makeBatch(QStringLiteral("old"), QStringLiteral("completed"), 5)});
        QVERIFY(!notifier.hasPending());
        QCOMPARE(notices.count(), 0);
    }
};

QTEST_MAIN(TestCompletionNotifier)
#include "tst_completionnotifier.moc"
