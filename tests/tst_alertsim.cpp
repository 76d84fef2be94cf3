#include "app/alertnotifier.h"
#include "core/results/resultsfetch.h"
#include "core/session/accountsession.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(Alert)

// Each alert kind fired by the simulator's clock: the real batchwatch-sim, an AccountSession polling it and
// stamping its samples by the sim's time, the window's AlertNotifier reading the model's rows at that time.
namespace {
// The simulator, a session on it and the notifier, all on the simulator's clock.
struct Rig
{
    std::unique_ptr<SimProcess> sim = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("0")});
    std::unique_ptr<AccountSession> session;
    BatchTableModel model;
    std::unique_ptr<AlertNotifier> notifier;
    qint64 offset = 0; // the sim's clock minus the real one
    QString cachePath; // the account's batch cache (empty: none)

    bool start()
    {
        if (sim->baseUrl().isEmpty())
            return false;
        SessionSpec spec;
        spec.config = sim->config();
        spec.autoRefresh = false;
        spec.cachePath = cachePath;
        session = std::make_unique<AccountSession>(spec);
        const auto clock = [this] { return QDateTime::currentSecsSinceEpoch() + offset; };
        session->setClock(clock);
        model.addSession(session.get());
        notifier = std::make_unique<AlertNotifier>(&model);
        notifier->setClock(clock);
        session->start(); // an empty account: its first page
        return QTest::qWaitFor([this] { return session->lastRefresh().isValid() || !session->isFetching(); },
                               10'000);
    }
    QString create(const QJsonObject &fields)
    {
        return sim->postHook(QStringLiteral("/v1/_sim/batches"), fields)
            .value(QStringLiteral("id"))
            .toString();
    }
    // Moves the simulated clock on, and ours with it.
    bool advance(qint64 seconds)
    {
        const QJsonObject answer =
            sim->postHook(QStringLiteral("/v1/_sim/clock"), {{QStringLiteral("advance"), seconds}});
        if (!answer.value(QStringLiteral("now")).isDouble())
            return false;
        offset = answer.value(QStringLiteral("now")).toInteger() - QDateTime::currentSecsSinceEpoch();
        return true;
    }
    bool refresh()
    {
        QSignalSpy finished(session.get(), &AccountSession::refreshFinished);
        session->refreshNow();
        return finished.wait(10'000) && !finished.constLast().constFirst().value<ApiError>().isError();
    }
    const Batch *batch(const QString &id) const
    {
        const int row = model.rowOf(id);
        return row < 0 ? nullptr : &model.batchAt(row);
    }
};

QList<AlertKind> kinds(const QSignalSpy &said)
{
    QList<AlertKind> out;
    for (const QList<QVariant> &args : said)
        out << args.constFirst().value<Alert>().kind;
    return out;
}
} // namespace

class TestAlertSim : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<Alert>(); }

    void stalledOnceCountsStopMoving()
    {
        Rig rig;
        QVERIFY(rig.start());
        QSignalSpy said(rig.notifier.get(), &AlertNotifier::alertSaid);
        QSignalSpy health(rig.notifier.get(), &AlertNotifier::healthChanged);
        // 1,000 requests over an hour whose counts stop moving ten minutes in.
        const QString id = rig.create({{QStringLiteral("requests"), 1000},
                                       {QStringLiteral("run_seconds"), 3600},
                                       {QStringLiteral("stall_after"), 600}});
        QVERIFY(!id.isEmpty());
        QVERIFY(rig.refresh());
        QVERIFY(rig.advance(300));
        QVERIFY(rig.refresh());
        QVERIFY(rig.advance(600));
        QVERIFY(rig.refresh());
        QTRY_VERIFY(rig.batch(id) && rig.batch(id)->requestCounts.completed > 0);
        const qint64 frozen = rig.batch(id)->requestCounts.completed;
        rig.notifier->check();
        QCOMPARE(said.count(), 0);
        // Half an hour later: still running, the same counts.
        QVERIFY(rig.advance(31 * 60));
        QVERIFY(rig.refresh());
        QCOMPARE(rig.batch(id)->status.value(), BatchStatus::InProgress);
        QCOMPARE(rig.batch(id)->requestCounts.completed, frozen);
        rig.notifier->check(); // the minute's check
        QCOMPARE(kinds(said), QList<AlertKind>{AlertKind::Stalled});
        const Alert alert = said.constFirst().constFirst().value<Alert>();
        QVERIFY2(alert.text.contains(id), qPrintable(alert.text));
        QCOMPARE(rig.notifier->health(), Health::Stalled);
        QCOMPARE(health.count(), 1);
        QVERIFY2(rig.notifier->summary().contains(QStringLiteral("1 running · 1 stalled")),
                 qPrintable(rig.notifier->summary()));
        // Said once: later checks and refreshes stay quiet.
        QVERIFY(rig.advance(600));
        QVERIFY(rig.refresh());
        rig.notifier->check();
        QCOMPARE(said.count(), 1);
    }

    void noStallWhileTheAccountIsNotRead()
    {
        // Review M5: 40 min without a refresh (asleep, offline) is no stall; once read unchanged, it is.
        Rig rig;
        QVERIFY(rig.start());
        QSignalSpy said(rig.notifier.get(), &AlertNotifier::alertSaid);
        const QString id = rig.create({{QStringLiteral("requests"), 1000},
                                       {QStringLiteral("run_seconds"), 3600},
                                       {QStringLiteral("stall_after"), 600}});
        QVERIFY(!id.isEmpty());
        QVERIFY(rig.refresh());
        QVERIFY(rig.advance(900));
        QVERIFY(rig.refresh());
        QTRY_VERIFY(rig.batch(id) && rig.batch(id)->requestCounts.completed > 0);
        QVERIFY(rig.advance(40 * 60));
        rig.notifier->check(); // the minute's check, with counts 40 min old
        QCOMPARE(said.count(), 0);
        QCOMPARE(rig.notifier->health(), Health::Fine);
        QVERIFY(rig.refresh()); // read again: unchanged for 40 min
        rig.notifier->check();
        QCOMPARE(kinds(said), QList<AlertKind>{AlertKind::Stalled});
    }

    void missWindowAtASlowPace()
    {
        Rig rig;
        QVERIFY(rig.start());
        QSignalSpy said(rig.notifier.get(), &AlertNotifier::alertSaid);
        // Two days of work in a 24 h window.
        const QString id =
            rig.create({{QStringLiteral("requests"), 1000}, {QStringLiteral("run_seconds"), 48 * 3600}});
        QVERIFY(!id.isEmpty());
        QVERIFY(rig.refresh());
        rig.notifier->check();
        QCOMPARE(said.count(), 0); // nothing done yet: no pace, no estimate
        QVERIFY(rig.advance(3600));
        QVERIFY(rig.refresh()); // the merge's check says it
        QTRY_COMPARE(kinds(said), QList<AlertKind>{AlertKind::MissWindow});
        QVERIFY2(said.constFirst().constFirst().value<Alert>().text.contains(id),
                 qPrintable(said.constFirst().constFirst().value<Alert>().text));
        QCOMPARE(rig.notifier->health(), Health::Stalled);
        QVERIFY(rig.advance(3600));
        QVERIFY(rig.refresh());
        rig.notifier->check();
        QCOMPARE(said.count(), 1);
    }

    void outputExpiringAsTheClockRuns()
    {
        Rig rig;
        QVERIFY(rig.start());
        QSignalSpy said(rig.notifier.get(), &AlertNotifier::alertSaid);
        // Ended a minute ago; its output file kept three days.
        const QString id = rig.create({{QStringLiteral("requests"), 10},
                                       {QStringLiteral("ended"), true},
                                       {QStringLiteral("output_expires_after"), 3 * 86400}});
        QVERIFY(!id.isEmpty());
        QVERIFY(rig.refresh());
        QTRY_VERIFY(rig.batch(id) && !rig.batch(id)->outputFileId.isEmpty());
        rig.notifier->check();
        QCOMPARE(said.count(), 0);
        // Two days on, the file has less than a day left: time alone brings the alert.
        QVERIFY(rig.advance(2 * 86400 + 3600));
        rig.notifier->check();
        QCOMPARE(kinds(said), QList<AlertKind>{AlertKind::OutputExpiring});
        const Alert alert = said.constFirst().constFirst().value<Alert>();
        QVERIFY2(alert.text.contains(rig.batch(id)->outputFileId), qPrintable(alert.text));
        QCOMPARE(rig.notifier->health(), Health::Fine); // nothing is wrong yet
        rig.notifier->check();
        QCOMPARE(said.count(), 1);
    }

    void noExpiryNoticeWhenTheResultsAreSaved()
    {
        // Review L15: an output file already downloaded to the account's results cache loses nothing.
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Rig rig;
        rig.cachePath = dir.filePath(QStringLiteral("alerts-l15.sqlite"));
        QVERIFY(rig.start());
        QSignalSpy said(rig.notifier.get(), &AlertNotifier::alertSaid);
        const QString id = rig.create({{QStringLiteral("requests"), 10},
                                       {QStringLiteral("ended"), true},
                                       {QStringLiteral("output_expires_after"), 3 * 86400}});
        QVERIFY(!id.isEmpty());
        QVERIFY(rig.refresh());
        QTRY_VERIFY(rig.batch(id) && !rig.batch(id)->outputFileId.isEmpty());
        const QString saved = ResultsFetch::cachedFilePath(
            ResultsFetch::cacheDirFor(QStringLiteral("alerts-l15.sqlite")), rig.batch(id)->outputFileId);
        QVERIFY(QDir().mkpath(QFileInfo(saved).path()));
        QFile file(saved);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{}\n");
        file.close();
        QVERIFY(rig.advance(2 * 86400 + 3600));
        rig.notifier->check();
        QCOMPARE(said.count(), 0);
        // Without the saved file it is said.
        QVERIFY(QFile::remove(saved));
        rig.notifier->check();
        QCOMPARE(kinds(said), QList<AlertKind>{AlertKind::OutputExpiring});
    }

    void failureRateAboveTheThreshold()
    {
        Rig rig;
        QVERIFY(rig.start());
        QSignalSpy said(rig.notifier.get(), &AlertNotifier::alertSaid);
        QSignalSpy health(rig.notifier.get(), &AlertNotifier::healthChanged);
        const QString id = rig.create({{QStringLiteral("requests"), 200},
                                       {QStringLiteral("failed_share"), 0.5},
                                       {QStringLiteral("run_seconds"), 2000}});
        QVERIFY(!id.isEmpty());
        QVERIFY(rig.refresh());
        QVERIFY(rig.advance(600));
        QVERIFY(rig.refresh());
        QTRY_COMPARE(kinds(said), QList<AlertKind>{AlertKind::FailureRate});
        const Alert alert = said.constFirst().constFirst().value<Alert>();
        QVERIFY2(alert.text.contains(id) && alert.text.contains(QLatin1String("requests failed")),
                 qPrintable(alert.text));
        QCOMPARE(rig.notifier->health(), Health::Failed);
        QCOMPARE(health.count(), 1);
        // Turned off, it stands no more and the state is fine again.
        AlertSettings off = rig.notifier->settings();
        off.enabled[int(AlertKind::FailureRate)] = false;
        rig.notifier->setSettings(off);
        QTRY_COMPARE(rig.notifier->health(), Health::Fine);
        QCOMPARE(said.count(), 1);
    }
};

QTEST_MAIN(TestAlertSim)
#include "tst_alertsim.moc"
