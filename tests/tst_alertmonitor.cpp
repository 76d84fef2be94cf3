#include "core/alerts/alertmonitor.h"
#include "core/json/batchparser.h"

#include <QJsonObject>
#include <QTest>

namespace {
constexpr qint64 kCreated = 1'000'000;

// A batch as the server would send it: `fields` over a running one created at kCreated.
Batch batch(const QString &status, qint64 completed, qint64 failed, qint64 total,
            const QJsonObject &fields = QJsonObject())
{
    QJsonObject o{{QStringLiteral("id"), QStringLiteral("batch_a")},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("completion_window"), QStringLiteral("24h")},
                  {QStringLiteral("created_at"), kCreated},
                  {QStringLiteral("in_progress_at"), kCreated + 60},
                  {QStringLiteral("request_counts"), QJsonObject{{QStringLiteral("total"), total},
                                                                 {QStringLiteral("completed"), completed},
                                                                 {QStringLiteral("failed"), failed}}}};
    for (auto it = fields.begin(); it != fields.end(); ++it)
        o.insert(it.key(), it.value());
    return BatchParser::parseBatch(o).value;
}

QList<AlertKind> kinds(const QList<Alert> &alerts)
{
    QList<AlertKind> out;
    for (const Alert &a : alerts)
        out << a.kind;
    return out;
}

AlertSettings only(AlertKind kind)
{
    AlertSettings s;
    for (bool &on : s.enabled)
        on = false;
    s.enabled[int(kind)] = true;
    return s;
}
} // namespace

class TestAlertMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stalledFromTheHistorysLastChange()
    {
        const AlertMonitor monitor(only(AlertKind::Stalled));
        const Batch b = batch(QStringLiteral("in_progress"), 40, 0, 100);
        ProgressHistory h;
        h.add(b.id, {kCreated + 600, 40, 0, 100});
        // 29 min after the last change: nothing; 30 min: stalled, the text names the batch and the numbers.
        QVERIFY(monitor.check(b, QString(), &h, kCreated + 600 + 29 * 60).isEmpty());
        const QList<Alert> alerts = monitor.check(b, QStringLiteral("Prod"), &h, kCreated + 600 + 30 * 60);
        QCOMPARE(kinds(alerts), QList<AlertKind>{AlertKind::Stalled});
        QCOMPARE(alerts.first().account, QStringLiteral("Prod"));
        QCOMPARE(alerts.first().batchId, QStringLiteral("batch_a"));
        QVERIFY2(alerts.first().text.contains(QLatin1String("batch_a in Prod")),
                 qPrintable(alerts.first().text));
        QVERIFY2(alerts.first().text.contains(QLatin1String("40 / 100")), qPrintable(alerts.first().text));
        QVERIFY2(alerts.first().text.contains(QLatin1String("30 min")), qPrintable(alerts.first().text));
        // Counts newer than the history moved since: not stalled.
        QVERIFY(
            monitor.check(batch(QStringLiteral("in_progress"), 41, 0, 100), QString(), &h, kCreated + 9000)
                .isEmpty());
        // Only a running batch stalls.
        QVERIFY(monitor.check(batch(QStringLiteral("finalizing"), 40, 0, 100), QString(), &h, kCreated + 9000)
                    .isEmpty());
    }

    void stalledWithoutHistoryOnlyWithNothingDone()
    {
        const AlertMonitor monitor(only(AlertKind::Stalled));
        const qint64 late = kCreated + 60 + 31 * 60;
        QCOMPARE(
            kinds(monitor.check(batch(QStringLiteral("in_progress"), 0, 0, 100), QString(), nullptr, late)),
            QList<AlertKind>{AlertKind::Stalled});
        // Some progress and no history: when it last moved is unknown, so nothing is said.
        QVERIFY(monitor.check(batch(QStringLiteral("in_progress"), 5, 0, 100), QString(), nullptr, late)
                    .isEmpty());
    }

    void stallThresholdIsASetting()
    {
        AlertSettings s = only(AlertKind::Stalled);
        s.stallSeconds = 5 * 60;
        const AlertMonitor monitor(s);
        QCOMPARE(monitor
                     .check(batch(QStringLiteral("in_progress"), 0, 0, 100), QString(), nullptr,
                            kCreated + 60 + 5 * 60)
                     .size(),
                 1);
    }

    void missWindowAtTheCurrentPace()
    {
        const AlertMonitor monitor(only(AlertKind::MissWindow));
        // 10 % done in 10 h: 90 h to go, 14 h left of the 24 h window.
        const qint64 now = kCreated + 60 + 10 * 3600;
        const QList<Alert> alerts =
            monitor.check(batch(QStringLiteral("in_progress"), 100, 0, 1000), QString(), nullptr, now);
        QCOMPARE(kinds(alerts), QList<AlertKind>{AlertKind::MissWindow});
        QVERIFY2(alerts.first().text.contains(QLatin1String("24h")), qPrintable(alerts.first().text));
        QVERIFY2(alerts.first().text.contains(QLatin1String("100 / 1,000")), qPrintable(alerts.first().text));
        // 60 % done in 10 h: done in under 7 h, in time.
        QVERIFY(monitor.check(batch(QStringLiteral("in_progress"), 600, 0, 1000), QString(), nullptr, now)
                    .isEmpty());
        // Azure runs a job past its window (documented): nothing is lost, nothing said.
        QVERIFY(monitor
                    .check(batch(QStringLiteral("in_progress"), 100, 0, 1000), QString(), nullptr, now,
                           Provider::Azure)
                    .isEmpty());
    }

    void staleCountsAreNoStall()
    {
        // Review M5: the time since the counts were last read is no time seen without progress.
        const AlertMonitor monitor(only(AlertKind::Stalled));
        const Batch b = batch(QStringLiteral("in_progress"), 40, 0, 100);
        ProgressHistory h;
        const qint64 moved = kCreated + 600;
        h.add(b.id, {moved, 40, 0, 100});
        // Read 10 min after the last change, then nothing for 30 min (asleep, offline): not stalled.
        QVERIFY(
            monitor.check(b, QString(), &h, moved + 40 * 60, Provider::OpenAI, moved + 10 * 60).isEmpty());
        // The last refresh failed or is too old: nothing time-based is said.
        QVERIFY(monitor.check(b, QString(), &h, moved + 40 * 60, Provider::OpenAI, std::nullopt).isEmpty());
        // Read unchanged 31 min after the last change: stalled for those 31 min.
        const QList<Alert> alerts =
            monitor.check(b, QString(), &h, moved + 32 * 60, Provider::OpenAI, moved + 31 * 60);
        QCOMPARE(kinds(alerts), QList<AlertKind>{AlertKind::Stalled});
        QVERIFY2(alerts.first().text.contains(QLatin1String("31 min")), qPrintable(alerts.first().text));
        // Nor does a stale account get a window alert.
        const AlertMonitor late(only(AlertKind::MissWindow));
        const qint64 now = kCreated + 60 + 10 * 3600;
        const Batch slow = batch(QStringLiteral("in_progress"), 100, 0, 1000);
        QCOMPARE(late.check(slow, QString(), nullptr, now).size(), 1);
        QVERIFY(late.check(slow, QString(), nullptr, now, Provider::OpenAI, std::nullopt).isEmpty());
    }

    void aStalledBatchMissesItsWindow()
    {
        // Review M6: 1,000 of 10,000 in 20 min, then read unchanged for 6 h: about 57 h to go.
        const AlertMonitor monitor(only(AlertKind::MissWindow));
        const qint64 start = kCreated + 60;
        ProgressHistory h;
        h.add(QStringLiteral("batch_a"), {start, 0, 0, 10'000});
        h.add(QStringLiteral("batch_a"), {start + 1200, 1000, 0, 10'000});
        const QList<Alert> alerts = monitor.check(batch(QStringLiteral("in_progress"), 1000, 0, 10'000),
                                                  QString(), &h, start + 1200 + 6 * 3600);
        QCOMPARE(kinds(alerts), QList<AlertKind>{AlertKind::MissWindow});
        QVERIFY2(alerts.first().text.contains(QLatin1String("2 d")), qPrintable(alerts.first().text));
    }

    void missWindowWaitsForAPace()
    {
        // Review M7: 1 of 50,000 a minute in says little; half an hour in, the pace is worth a word.
        const AlertMonitor monitor(only(AlertKind::MissWindow));
        const Batch b = batch(QStringLiteral("in_progress"), 1, 0, 50'000);
        QVERIFY(monitor.check(b, QString(), nullptr, kCreated + 60 + 60).isEmpty());
        QVERIFY(monitor.check(b, QString(), nullptr, kCreated + 60 + 29 * 60).isEmpty());
        QCOMPARE(kinds(monitor.check(b, QString(), nullptr,
                                     kCreated + 60 + AlertMonitor::kMissWindowMinimumSeconds)),
                 QList<AlertKind>{AlertKind::MissWindow});
    }

    void stuckValidatingOrFinalizing()
    {
        // Review L14: hours in validating (since created_at) or finalizing (since finalizing_at) is a stall
        // too.
        const AlertMonitor monitor(only(AlertKind::Stalled));
        const qint64 limit = AlertMonitor::stuckSeconds(monitor.settings());
        const Batch validating = batch(QStringLiteral("validating"), 0, 0, 0);
        QVERIFY(monitor.check(validating, QString(), nullptr, kCreated + limit - 60).isEmpty());
        const QList<Alert> alerts = monitor.check(validating, QString(), nullptr, kCreated + limit);
        QCOMPARE(kinds(alerts), QList<AlertKind>{AlertKind::Stalled});
        QVERIFY2(alerts.first().text.contains(QLatin1String("validating")), qPrintable(alerts.first().text));
        const Batch finalizing = batch(QStringLiteral("finalizing"), 100, 0, 100,
                                       {{QStringLiteral("finalizing_at"), kCreated + 3600}});
        QVERIFY(monitor.check(finalizing, QString(), nullptr, kCreated + 3600 + limit - 60).isEmpty());
        QCOMPARE(monitor.check(finalizing, QString(), nullptr, kCreated + 3600 + limit).size(), 1);
        // Stale counts: not said.
        QVERIFY(monitor
                    .check(finalizing, QString(), nullptr, kCreated + 3600 + limit, Provider::OpenAI,
                           std::nullopt)
                    .isEmpty());
    }

    void windowParsing()
    {
        QCOMPARE(AlertMonitor::windowSeconds(QStringLiteral("24h")), std::optional<qint64>(86400));
        QCOMPARE(AlertMonitor::windowSeconds(QStringLiteral("90m")), std::optional<qint64>(5400));
        QCOMPARE(AlertMonitor::windowSeconds(QStringLiteral("2d")), std::optional<qint64>(172800));
        QVERIFY(!AlertMonitor::windowSeconds(QStringLiteral("h")).has_value());
        QVERIFY(!AlertMonitor::windowSeconds(QStringLiteral("-3h")).has_value());
        QVERIFY(!AlertMonitor::windowSeconds(QStringLiteral("99999999999999h")).has_value());
        QVERIFY(!AlertMonitor::windowSeconds(QString()).has_value());
    }

    void outputExpiringFromTheBatchsPolicy()
    {
        const AlertMonitor monitor(only(AlertKind::OutputExpiring));
        const qint64 ended = kCreated + 7200;
        const Batch b = batch(QStringLiteral("completed"), 100, 0, 100,
                              {{QStringLiteral("completed_at"), ended},
                               {QStringLiteral("output_file_id"), QStringLiteral("file-out")},
                               {QStringLiteral("output_expires_after"),
                                QJsonObject{{QStringLiteral("anchor"), QStringLiteral("created_at")},
                                            {QStringLiteral("seconds"), 2 * 86400}}}});
        QCOMPARE(AlertMonitor::outputExpiry(b, Provider::OpenAI), std::optional<qint64>(ended + 2 * 86400));
        QVERIFY(monitor.check(b, QString(), nullptr, ended + 86400 - 60).isEmpty()); // 24 h + 1 min left
        const QList<Alert> alerts = monitor.check(b, QString(), nullptr, ended + 86400 + 60);
        QCOMPARE(kinds(alerts), QList<AlertKind>{AlertKind::OutputExpiring});
        QVERIFY2(alerts.first().text.contains(QLatin1String("file-out")), qPrintable(alerts.first().text));
        QVERIFY(monitor.check(b, QString(), nullptr, ended + 2 * 86400 + 1).isEmpty()); // gone: too late
        // No policy: OpenAI's 30 days for batch files; other providers say nothing.
        const Batch plain = batch(QStringLiteral("completed"), 100, 0, 100,
                                  {{QStringLiteral("completed_at"), ended},
                                   {QStringLiteral("output_file_id"), QStringLiteral("file-out")}});
        QCOMPARE(AlertMonitor::outputExpiry(plain, Provider::OpenAI),
                 std::optional<qint64>(ended + 30 * 86400));
        QVERIFY(!AlertMonitor::outputExpiry(plain, Provider::Anthropic).has_value());
        QCOMPARE(monitor.check(plain, QString(), nullptr, ended + 29 * 86400 + 60).size(), 1);
        // Without an output file there is nothing to lose.
        QVERIFY(!AlertMonitor::outputExpiry(batch(QStringLiteral("completed"), 100, 0, 100,
                                                  {{QStringLiteral("completed_at"), ended}}),
                                            Provider::OpenAI)
                     .has_value());
    }

    void failureRateAboveTheThreshold()
    {
        const AlertMonitor monitor(only(AlertKind::FailureRate));
        const qint64 now = kCreated + 3600;
        // 3 of 19 done failed: too few done to say.
        QVERIFY(monitor.check(batch(QStringLiteral("in_progress"), 16, 3, 100), QString(), nullptr, now)
                    .isEmpty());
        const QList<Alert> alerts =
            monitor.check(batch(QStringLiteral("in_progress"), 30, 10, 100), QString(), nullptr, now);
        QCOMPARE(kinds(alerts), QList<AlertKind>{AlertKind::FailureRate});
        QVERIFY2(alerts.first().text.contains(QLatin1String("10 of 40")), qPrintable(alerts.first().text));
        QVERIFY2(alerts.first().text.contains(QLatin1String("25%")), qPrintable(alerts.first().text));
        // At the threshold exactly: not above.
        QVERIFY(monitor.check(batch(QStringLiteral("in_progress"), 90, 10, 100), QString(), nullptr, now)
                    .isEmpty());
        AlertSettings strict = only(AlertKind::FailureRate);
        strict.failureRate = 0.05;
        QCOMPARE(AlertMonitor(strict)
                     .check(batch(QStringLiteral("in_progress"), 90, 10, 100), QString(), nullptr, now)
                     .size(),
                 1);
        // An old ended batch is history, not news.
        const Batch old =
            batch(QStringLiteral("completed"), 30, 10, 40, {{QStringLiteral("completed_at"), kCreated}});
        QCOMPARE(monitor.check(old, QString(), nullptr, kCreated + 3600).size(), 1);
        QVERIFY(monitor.check(old, QString(), nullptr, kCreated + 2 * 86400).isEmpty());
    }

    void disabledKindsSayNothing()
    {
        AlertSettings s;
        const Batch b = batch(QStringLiteral("in_progress"), 0, 0, 100);
        const qint64 now = kCreated + 60 + 23 * 3600; // stalled, and nothing done in 23 h
        QCOMPARE(AlertMonitor(s).check(b, QString(), nullptr, now).size(),
                 1); // stalled (no ETA: no progress)
        s.enabled[int(AlertKind::Stalled)] = false;
        QVERIFY(AlertMonitor(s).check(b, QString(), nullptr, now).isEmpty());
        const Batch failing = batch(QStringLiteral("in_progress"), 10, 90, 1000);
        s = AlertSettings();
        QVERIFY(
            kinds(AlertMonitor(s).check(failing, QString(), nullptr, now)).contains(AlertKind::FailureRate));
        s.enabled[int(AlertKind::FailureRate)] = false;
        QVERIFY(
            !kinds(AlertMonitor(s).check(failing, QString(), nullptr, now)).contains(AlertKind::FailureRate));
    }

    void worstState()
    {
        const Alert stalled{AlertKind::Stalled, QString(), QStringLiteral("a"), QString()};
        const Alert late{AlertKind::MissWindow, QString(), QStringLiteral("b"), QString()};
        const Alert expiring{AlertKind::OutputExpiring, QString(), QStringLiteral("c"), QString()};
        const Alert failing{AlertKind::FailureRate, QString(), QStringLiteral("d"), QString()};
        QCOMPARE(AlertMonitor::worst({}, false), Health::Fine);
        QCOMPARE(AlertMonitor::worst({expiring}, false), Health::Fine);
        QCOMPARE(AlertMonitor::worst({late}, false), Health::Stalled);
        QCOMPARE(AlertMonitor::worst({expiring, stalled}, false), Health::Stalled);
        QCOMPARE(AlertMonitor::worst({stalled, failing}, false), Health::Failed);
        QCOMPARE(AlertMonitor::worst({stalled}, true), Health::Failed);
        // A batch that failed or expired counts for a day.
        const qint64 ended = kCreated + 100;
        const Batch failed = batch(QStringLiteral("failed"), 0, 0, 0, {{QStringLiteral("failed_at"), ended}});
        QVERIFY(AlertMonitor::endedBadly(failed, ended + 3600));
        QVERIFY(!AlertMonitor::endedBadly(failed, ended + 25 * 3600));
        QVERIFY(!AlertMonitor::endedBadly(
            batch(QStringLiteral("completed"), 1, 0, 1, {{QStringLiteral("completed_at"), ended}}),
            ended + 60));
        QCOMPARE(AlertMonitor::kindName(AlertKind::MissWindow), QStringLiteral("miss-window"));
    }
};

QTEST_GUILESS_MAIN(TestAlertMonitor)
#include "tst_alertmonitor.moc"
