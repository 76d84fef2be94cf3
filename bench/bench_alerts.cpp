// The alerts' check over the window's rows (review M9): it runs once a minute and after each merge on the
// GUI thread. Prints its figures; asserts no time.
#include "app/alertnotifier.h"
#include "core/json/batchparser.h"
#include "models/batchtablemodel.h"
#include "sim/simaccount.h"

#include <QElapsedTimer>
#include <QTest>

namespace {
constexpr qint64 kStart = 1'790'000'000;

void report(const char *what, double value, const char *unit)
{
    std::printf("RESULT %-52s %12.2f %s\n", what, value, unit);
}

// Best of five checks, in ms.
double timeChecks(AlertNotifier &notifier)
{
    double best = 1e9;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer clock;
        clock.start();
        notifier.check();
        best = std::min(best, clock.nsecsElapsed() / 1e6);
    }
    return best;
}
} // namespace

class BenchAlerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkOver100kRows()
    {
        SimAccount::Options options;
        options.batches = 100'000;
        options.speed = 0;
        options.startTime = kStart;
        std::vector<Batch> batches;
        for (const QByteArray &body : SimAccount(options).listAllPages()) {
            Parsed<BatchPage> page = BatchParser::parseListPage(body);
            std::move(page.value.data.begin(), page.value.data.end(), std::back_inserter(batches));
        }
        QCOMPARE(batches.size(), size_t(100'000));
        BatchTableModel model;
        model.merge(batches);
        AlertNotifier notifier(&model);
        qint64 now = kStart;
        notifier.setClock([&now] { return now; });

        int running = 0;
        for (const Batch &b : batches)
            running += b.status.isRunning() ? 1 : 0;
        std::printf("rows: %zu, running: %d\n", batches.size(), running);
        report("check 100,000 simulated rows at the sim's time", timeChecks(notifier), "ms");
        now = kStart + 60 * 86400;
        report("check 100,000 rows, all ended > 31 days ago", timeChecks(notifier), "ms");

        // The worst case: every row ended a day ago with an output file (each may expire, may fail).
        for (Batch &b : batches) {
            b.status = BatchStatus::Completed;
            b.completedAt = kStart - 86400;
            if (b.outputFileId.isEmpty())
                b.outputFileId = QStringLiteral("file-x");
        }
        BatchTableModel recent;
        recent.merge(batches);
        AlertNotifier worst(&recent);
        worst.setClock([] { return kStart; });
        report("check 100,000 rows, all ended 1 day ago", timeChecks(worst), "ms");
        std::printf("standing alerts in the worst case: %lld\n", qint64(worst.standing().size()));
    }
};

QTEST_MAIN(BenchAlerts)
#include "bench_alerts.moc"
