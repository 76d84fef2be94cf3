#include "app/alertnotifier.h"
#include "models/batchtablemodel.h"
#include "testbatches.h"

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

// The window's watcher over a model's rows (offscreen: no tray, so alerts arrive as notices), and the tray
// icon's colours.
namespace {
constexpr qint64 kStart = TestBatch::kCreatedAt + 60;

Batch running(const QString &id, qint64 completed, qint64 failed, qint64 total = 1000)
{
    return TestBatch(id, QStringLiteral("in_progress"))
        .with(QStringLiteral("in_progress_at"), kStart)
        .with(QStringLiteral("completion_window"), QStringLiteral("24h"))
        .counts(total, completed, failed);
}

QColor dotColour(Health health)
{
    const QPixmap pixmap = AlertNotifier::healthIcon(QIcon(), health).pixmap(64, 64);
    return pixmap.toImage().pixelColor(64 * 3 / 4, 64 * 3 / 4);
}
} // namespace

class TestAlertNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachAlertIsSaidOnce()
    {
        BatchTableModel model;
        const int prod = model.addSource(QStringLiteral("Prod"), Provider::OpenAI);
        AlertNotifier notifier(&model);
        qint64 now = kStart + 600;
        notifier.setClock([&now] { return now; });
        QSignalSpy notices(&notifier, &AlertNotifier::noticeRequested);
        QSignalSpy said(&notifier, &AlertNotifier::alertSaid);
        // Nothing done for 10 min: fine.
        model.merge({running(QStringLiteral("a"), 0, 0)}, prod);
        notifier.check();
        QCOMPARE(said.count(), 0);
        QCOMPARE(notifier.health(), Health::Fine);
        // 31 min: stalled, said through the window's notice, naming the batch and its account.
        now = kStart + 31 * 60;
        notifier.check();
        QCOMPARE(notices.count(), 1);
        QVERIFY2(notices.at(0).at(0).toString().contains(QLatin1String("a in Prod")),
                 qPrintable(notices.at(0).at(0).toString()));
        QCOMPARE(notices.at(0).at(1).toString(), QStringLiteral("a"));
        QCOMPARE(notices.at(0).at(2).toString(), QStringLiteral("Prod"));
        QCOMPARE(notifier.health(), Health::Stalled);
        notifier.check();
        now += 3600;
        notifier.check();
        QCOMPARE(said.count(), 1);
        // The same batch id in another account is another alert.
        const int lab = model.addSource(QStringLiteral("Lab"), Provider::OpenAI);
        model.merge({running(QStringLiteral("a"), 0, 0)}, lab);
        notifier.check();
        QCOMPARE(said.count(), 2);
    }

    void saidAgainOnlyAfterItStoppedForAWhile()
    {
        // Review M7: what stops standing is forgotten after a while (bounded memory), then said again if it
        // comes back; coming back at once (flapping) is not said again.
        BatchTableModel model;
        AlertNotifier notifier(&model);
        qint64 now = kStart + 600;
        notifier.setClock([&now] { return now; });
        QSignalSpy said(&notifier, &AlertNotifier::alertSaid);
        model.merge({running(QStringLiteral("a"), 30, 30, 10'000)}); // 50 % failed
        notifier.check();
        QCOMPARE(said.count(), 1);
        model.merge({running(QStringLiteral("a"), 300, 30, 10'000)}); // 9 %: fine
        notifier.check();
        QCOMPARE(notifier.remembered(), 1);
        model.merge({running(QStringLiteral("a"), 300, 100, 10'000)}); // 25 %: back at once
        notifier.check();
        QCOMPARE(said.count(), 1);
        model.merge({running(QStringLiteral("a"), 3000, 100, 10'000)}); // fine again, for a while
        notifier.check();
        now += AlertNotifier::kRearmSeconds + 60;
        notifier.check();
        QCOMPARE(notifier.remembered(), 0);
        model.merge({running(QStringLiteral("a"), 3000, 1000, 10'000)}); // 25 %: a new episode
        notifier.check();
        QCOMPARE(said.count(), 2);
        // A batch that ends is forgotten too.
        model.merge({TestBatch(QStringLiteral("a"), QStringLiteral("completed")).counts(10'000, 9000, 1000)});
        now += 2 * 86400;
        notifier.check();
        now += AlertNotifier::kRearmSeconds + 60;
        notifier.check();
        QCOMPARE(notifier.remembered(), 0);
    }

    void aStreamOfChangesDoesNotPostponeTheCheck()
    {
        // Review L16: changes closer together than the gathering delay must not hold the check off.
        BatchTableModel model;
        AlertNotifier notifier(&model);
        notifier.setClock([] { return kStart + 600; });
        QSignalSpy said(&notifier, &AlertNotifier::alertSaid);
        model.merge({running(QStringLiteral("a"), 30, 30), running(QStringLiteral("b"), 1, 0)});
        QTimer stream;
        stream.setInterval(50);
        qint64 n = 1;
        QObject::connect(&stream, &QTimer::timeout, &model,
                         [&] { model.merge({running(QStringLiteral("b"), ++n, 0)}); });
        stream.start();
        QTRY_COMPARE_WITH_TIMEOUT(said.count(), 1, 10'000);
        stream.stop();
    }

    void theExpiryNoticeIsKeptWithTheSettings()
    {
        // Review L15: how early an expiring output file is announced is kept like the other settings.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("batchwatch-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_alertnotifier"));
        AlertSettings s;
        s.expiringSeconds = 6 * 3600;
        AlertNotifier::saveSettings(s);
        QCOMPARE(AlertNotifier::loadSettings().expiringSeconds, qint64(6 * 3600));
        s.expiringSeconds = 48 * 3600;
        AlertNotifier::saveSettings(s);
        QCOMPARE(AlertNotifier::loadSettings().expiringSeconds, qint64(48 * 3600));
        QSettings().clear();
    }

    void aMergeBringsACheck()
    {
        BatchTableModel model;
        AlertNotifier notifier(&model);
        notifier.setClock([] { return kStart + 600; });
        QSignalSpy said(&notifier, &AlertNotifier::alertSaid);
        QSignalSpy health(&notifier, &AlertNotifier::healthChanged);
        model.merge({running(QStringLiteral("a"), 30, 30)});
        QVERIFY(said.wait(5000)); // gathered, then checked: 50 % failed
        QCOMPARE(said.count(), 1);
        QCOMPARE(notifier.health(), Health::Failed);
        QCOMPARE(health.count(), 1);
        QVERIFY2(notifier.summary().contains(QLatin1String("1 running")), qPrintable(notifier.summary()));
        QVERIFY2(notifier.summary().contains(QLatin1String("1 failing")), qPrintable(notifier.summary()));
    }

    void manyAtOnceMakeOneMessage()
    {
        BatchTableModel model;
        AlertNotifier notifier(&model);
        notifier.setClock([] { return kStart + 3600; });
        QSignalSpy notices(&notifier, &AlertNotifier::noticeRequested);
        std::vector<Batch> batches;
        for (int i = 0; i < 5; ++i)
            batches.push_back(running(TestBatch::numberedId(i), 0, 0));
        model.merge(batches);
        notifier.check();
        QCOMPARE(notices.count(), 1);
        const QString text = notices.at(0).at(0).toString();
        // One line in the window (the tray lists three): the first alert and how many more.
        QVERIFY2(text.contains(QLatin1String("5 alerts")) && text.contains(QLatin1String("; and 4 more")) &&
                     !text.contains(u'\n'),
                 qPrintable(text));
        QVERIFY(notices.at(0).at(1).toString().isEmpty());
    }

    void aDisabledKindSaysNothing()
    {
        BatchTableModel model;
        AlertNotifier notifier(&model);
        notifier.setClock([] { return kStart + 3600; });
        AlertSettings settings;
        settings.enabled[int(AlertKind::Stalled)] = false;
        notifier.setSettings(settings);
        QSignalSpy said(&notifier, &AlertNotifier::alertSaid);
        model.merge({running(QStringLiteral("a"), 0, 0)});
        notifier.check();
        QCOMPARE(said.count(), 0);
        QCOMPARE(notifier.health(), Health::Fine);
    }

    void theTrayDotSaysTheState()
    {
        const QColor fine = dotColour(Health::Fine);
        const QColor stalled = dotColour(Health::Stalled);
        const QColor failed = dotColour(Health::Failed);
        QVERIFY2(fine.green() > 120 && fine.red() < 100, qPrintable(fine.name()));
        QVERIFY2(stalled.red() > 200 && stalled.green() > 120 && stalled.blue() < 80,
                 qPrintable(stalled.name()));
        QVERIFY2(failed.red() > 180 && failed.green() < 90, qPrintable(failed.name()));
        // The ring around the dot is light and its edge dark: the dot stands out on any panel.
        const QImage image = AlertNotifier::healthIcon(QIcon(), Health::Failed).pixmap(64, 64).toImage();
        QVERIFY(qGray(image.pixel(63 - 3, 48)) > 150 || qGray(image.pixel(48, 63 - 3)) > 150);
        // For the notes' screenshots: the three icons side by side on a light and a dark panel.
        const QString dir = qEnvironmentVariable("BATCHWATCH_SHOT_DIR");
        if (!dir.isEmpty()) {
            QImage strip(3 * 72, 2 * 72, QImage::Format_ARGB32);
            QPainter painter(&strip);
            painter.fillRect(0, 0, strip.width(), 72, QColor(0xf0, 0xf0, 0xf0));
            painter.fillRect(0, 72, strip.width(), 72, QColor(0x20, 0x20, 0x24));
            const QIcon base(QStringLiteral(BATCHWATCH_TEST_DATA "/../../resources/icons/batchwatch.svg"));
            int x = 4;
            for (const Health health : {Health::Fine, Health::Stalled, Health::Failed}) {
                const QPixmap icon = AlertNotifier::healthIcon(base, health).pixmap(64, 64);
                painter.drawPixmap(x, 4, icon);
                painter.drawPixmap(x, 76, icon);
                x += 72;
            }
            painter.end();
            QVERIFY(strip.save(QDir(dir).filePath(QStringLiteral("tray-icons.png"))));
        }
    }
};

QTEST_MAIN(TestAlertNotifier)
#include "tst_alertnotifier.moc"
