// The Results window: rows, error groups, the side-by-side view, export and Retry; by hand and against the
// real simulator through the main window, offscreen.
#include "app/mainwindow.h"
#include "app/results/errorgroupslist.h"
#include "app/results/requestview.h"
#include "app/results/resultsretry.h"
#include "app/results/resultswindow.h"
#include "app/widgets/batchdetailpane.h"
#include "core/results/resultsfetch.h"
#include "core/results/retrylines.h"
#include "core/session/accountsession.h"
#include "mainwindowtesting.h"
#include "models/resultsproxy.h"
#include "models/resultstablemodel.h"
#include "simprocess.h"
#include "testresults.h"

#include <QAction>
#include <QFile>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

namespace {
using MainWindowTesting::openOn;

// With BATCHWATCH_SCREENSHOTS=DIR set, each step leaves a PNG there for a person to look at.
void shoot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("BATCHWATCH_SCREENSHOTS");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name + QStringLiteral(".png"));
}

// The proxy row of the first completed batch with failures (-1: none).
int finishedWithFailures(const MainWindow &window)
{
    for (int row = 0; row < window.proxy()->rowCount(); ++row) {
        const int source = window.proxy()->mapToSource(window.proxy()->index(row, 0)).row();
        const Batch &b = window.model()->batchAt(source);
        if (b.status.value() == BatchStatus::Completed && b.requestCounts.failed > 0 &&
            b.requestCounts.completed > 0 && b.requestCounts.total <= 2000)
            return row;
    }
    return -1;
}
// A terminal batch made by the simulator's test hook (POST /v1/_sim/batches); its id in the sim's dialect.
QString hookBatch(const SimProcess &sim, const QByteArray &body)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QUrl url = sim.rootUrl();
    url.setPath(QStringLiteral("/v1/_sim/batches"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = manager.post(request, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    done.wait();
    const QString id = QJsonDocument::fromJson(reply->readAll())[QStringLiteral("id")].toString();
    reply->deleteLater();
    return id;
}
} // namespace

class TestResultsWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimProcess> m_sim;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).removeRecursively();
        m_sim = std::make_unique<SimProcess>(QStringList{QStringLiteral("--batches"), QStringLiteral("120"),
                                                         QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(m_sim->start());
    }

    void showsRowsGroupsAndCounts()
    {
        ResultsWindow window(nullptr, Batch());
        window.resize(1024, 640);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showResults(TestResults::sample());
        QCOMPARE(window.table()->model()->rowCount(), 7);
        // Failures first.
        QCOMPARE(window.proxy()->index(0, 0).data(ResultsTableModel::OutcomeRole).toInt(),
                 int(RequestOutcome::Failed));
        QVERIFY2(window.statusText().startsWith(QStringLiteral("3 ok, 3 failed, 1 not run")),
                 qPrintable(window.statusText()));
        // Skipped lines are said, not hidden.
        QVERIFY(window.statusText().contains(QStringLiteral("1 warning")));
        QVERIFY(window.warningsText().contains(QStringLiteral("line 9")));
        // All requests, all failures, then the groups largest first.
        ErrorGroupsList *groups = window.groupsList();
        QCOMPARE(groups->count(), 4);
        QVERIFY(groups->item(1)->text().contains(QStringLiteral("All failures (3)")));
        QVERIFY(groups->item(2)->text().startsWith(QStringLiteral("2 × 429 rate_limit_exceeded")));
        // A click on a group filters the rows.
        groups->setCurrentRow(groups->rowOfGroup(0));
        QCOMPARE(window.proxy()->rowCount(), 2);
        QVERIFY(window.statusText().contains(QStringLiteral("showing 2 of 7")));
        groups->setCurrentRow(groups->rowOfGroup(ResultsFilter::kAllFailures));
        QCOMPARE(window.proxy()->rowCount(), 3);
        groups->setCurrentRow(0);
        QCOMPARE(window.proxy()->rowCount(), 7);
        // The search, debounced.
        QTest::keyClicks(window.searchField(), QStringLiteral("server had"));
        QTRY_COMPARE(window.proxy()->rowCount(), 1);
        window.searchField()->clear();
        QTRY_COMPARE(window.proxy()->rowCount(), 7);
        // Without an account nothing can be sent again, and the button says why.
        QVERIFY(!window.retryButton()->isEnabled());
        QVERIFY(!window.retryButton()->toolTip().isEmpty());
        shoot(&window, QStringLiteral("results-by-hand"));
    }

    void fitsTheSmallestScreen()
    {
        ResultsWindow window(nullptr, Batch());
        window.showResults(TestResults::sample());
        QVERIFY2(window.minimumSizeHint().width() <= 1024 && window.minimumSizeHint().height() <= 640,
                 qPrintable(QStringLiteral("%1x%2")
                                .arg(window.minimumSizeHint().width())
                                .arg(window.minimumSizeHint().height())));
    }

    void escapeCloses()
    {
        auto *window = new ResultsWindow(nullptr, Batch());
        QPointer<ResultsWindow> alive(window);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        window->activateWindow();
        QTest::keyClick(window->table(), Qt::Key_Escape);
        QTRY_VERIFY(!alive); // closed and deleted
    }

    void opensAFinishedBatchAgainstTheSimulator()
    {
        MainWindow main;
        openOn(main, m_sim->config());
        QTRY_VERIFY(main.model()->rowCount() >= 100);
        const int row = finishedWithFailures(main);
        QVERIFY(row >= 0);
        MainWindowTesting::selectRow(main, row);
        const Batch batch =
            main.model()->batchAt(main.proxy()->mapToSource(main.proxy()->index(row, 0)).row());
        QVERIFY(main.detailPane()->resultsButton()->isEnabled());
        main.detailPane()->resultsButton()->click();
        QCOMPARE(main.resultsWindows().size(), 1);
        ResultsWindow *window = main.resultsWindows().constFirst();
        QTRY_VERIFY_WITH_TIMEOUT(!window->isLoading(), 30'000);
        QVERIFY2(window->bannerText().isEmpty(), qPrintable(window->bannerText()));
        // One row per request of the input file, and the counts the batch reports.
        QCOMPARE(window->model()->rowCount(), int(batch.requestCounts.total));
        QCOMPARE(window->model()->failedCount(), batch.requestCounts.failed);
        QCOMPARE(window->model()->okCount(), batch.requestCounts.completed);
        QVERIFY(window->groupsList()->count() >= 3);

        // A group filters; the side-by-side view shows the chosen request and its result.
        ErrorGroupsList *groups = window->groupsList();
        groups->setCurrentRow(groups->rowOfGroup(0));
        const qint64 inGroup = window->model()->results()->groups[0].count;
        QCOMPARE(qint64(window->proxy()->rowCount()), inGroup);
        window->table()->setCurrentIndex(window->proxy()->index(0, 0));
        const QString customId =
            window->proxy()->index(0, 0).data(ResultsTableModel::CustomIdRole).toString();
        QTRY_VERIFY(window->requestView()->inputText().contains(customId));
        QVERIFY(window->requestView()->resultText().contains(customId));

        // Export writes the rows shown.
        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(QStringLiteral("shown.jsonl"));
        QVERIFY2(window->exportTo(path, ResultsFormat::Format::Jsonl, true, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(qint64(lines.size()), inGroup);
        QVERIFY(lines.constFirst().contains("\"outcome\":\"failed\""));
        const QString all = dir.filePath(QStringLiteral("all.csv"));
        QVERIFY2(window->exportTo(all, ResultsFormat::Format::Csv, false, &error), qPrintable(error));

        // Retry this error group: confirmed with the count and the estimate, then created and shown.
        window->retry({true, false, 0});
        QVERIFY(window->retryFlow());
        QMessageBox *confirm = window->retryFlow()->confirmation();
        QVERIFY(confirm);
        QCOMPARE(window->retryFlow()->written().lines, inGroup);
        QVERIFY(confirm->text().contains(QString::number(inGroup)));
        QVERIFY(confirm->informativeText().contains(QStringLiteral("input tokens")));
        shoot(confirm, QStringLiteral("results-retry-confirm"));
        QPushButton *send = nullptr;
        for (QAbstractButton *button : confirm->buttons()) {
            if (confirm->buttonRole(button) == QMessageBox::AcceptRole)
                send = qobject_cast<QPushButton *>(button);
        }
        QVERIFY(send);
        send->click();
        // The new batch is in the main window at once, selected, with its link to the parent.
        QTRY_VERIFY_WITH_TIMEOUT(
            main.detailPane()->batchId() != batch.id && !main.detailPane()->batchId().isEmpty(), 30'000);
        const QString retryId = main.detailPane()->batchId();
        QVERIFY2(main.detailPane()->linksText().contains(QStringLiteral("Retry of ") + batch.id),
                 qPrintable(main.detailPane()->linksText()));
        const int retryRow = main.model()->rowOf(retryId);
        QVERIFY(retryRow >= 0);
        QCOMPARE(main.model()->batchAt(retryRow).metadata.value(QString::fromLatin1(RetryLines::kRetryOfKey)),
                 batch.id);
        QCOMPARE(main.model()->batchAt(retryRow).endpoint, batch.endpoint);
        QCOMPARE(main.model()->batchAt(retryRow).completionWindow, batch.completionWindow);
        // And the parent links back.
        main.selectBatch(batch.id);
        QTRY_COMPARE(main.detailPane()->batchId(), batch.id);
        QVERIFY2(main.detailPane()->linksText().contains(QStringLiteral("Retried by ") + retryId),
                 qPrintable(main.detailPane()->linksText()));
        shoot(window, QStringLiteral("results-sim"));
    }

    void anExpiredBatchShowsWhatDidNotRun()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("0"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        const QString id =
            hookBatch(sim, R"({"requests": 300, "outcome": "expired", "failed_share": 0.2, "ended": true})");
        QVERIFY(!id.isEmpty());
        MainWindow main;
        openOn(main, sim.config());
        QTRY_VERIFY(main.model()->rowOf(id) >= 0);
        main.selectBatch(id);
        QTRY_COMPARE(main.detailPane()->batchId(), id);
        ResultsWindow *window = main.openResults();
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(!window->isLoading(), 30'000);
        QVERIFY2(window->bannerText().isEmpty(), qPrintable(window->bannerText()));
        QCOMPARE(window->model()->rowCount(), 300);
        // Partial output: what ran (ok or failed) and the rest, not run, in neither file.
        QVERIFY(window->model()->notRunCount() > 0);
        QCOMPARE(window->model()->okCount() + window->model()->failedCount() + window->model()->notRunCount(),
                 300);
        QVERIFY(window->statusText().contains(QStringLiteral("not run")));
        // Not run can be sent again.
        QAction *notRun = window->retryButton()->menu()->findChild<QAction *>(QStringLiteral("retryNotRun"));
        QVERIFY(notRun && notRun->isEnabled());
    }

    void anthropicResultsReadButNotRetried()
    {
        SimProcess sim(QStringLiteral("anthropic"), {QStringLiteral("--batches"), QStringLiteral("0"),
                                                     QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(sim.start());
        const QString id = hookBatch(
            sim, R"({"requests": 200, "outcome": "completed", "failed_share": 0.3, "ended": true})");
        QVERIFY(!id.isEmpty());
        MainWindow main;
        openOn(main, sim.config());
        QTRY_VERIFY(main.model()->rowOf(id) >= 0);
        main.selectBatch(id);
        QTRY_COMPARE(main.detailPane()->batchId(), id);
        ResultsWindow *window = main.openResults();
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(!window->isLoading(), 30'000);
        QVERIFY2(window->bannerText().isEmpty(), qPrintable(window->bannerText()));
        QCOMPARE(window->model()->rowCount(), 200);
        QVERIFY(window->model()->failedCount() > 0);
        // Anthropic keeps no input file: the exact lines cannot be sent again, and the button says so.
        QVERIFY(!window->retryButton()->isEnabled());
        QVERIFY2(window->retryButton()->toolTip().contains(QStringLiteral("input file")),
                 qPrintable(window->retryButton()->toolTip()));
    }

    void severalWindowsAndClosingCancels()
    {
        MainWindow main;
        openOn(main, m_sim->config());
        QTRY_VERIFY(main.model()->rowCount() >= 100);
        const int row = finishedWithFailures(main);
        QVERIFY(row >= 0);
        MainWindowTesting::selectRow(main, row);
        QAction *results = main.findChild<QAction *>(QStringLiteral("resultsAction"));
        QVERIFY(results);
        QTRY_VERIFY(results->isEnabled());
        results->trigger();
        QCOMPARE(main.resultsWindows().size(), 1);
        QPointer<ResultsWindow> first = main.resultsWindows().constFirst();
        QPointer<ResultsFetch> fetch = first->fetch();
        QVERIFY(fetch);
        // Ctrl+R again on the same batch raises its window: no second window, no second fetch racing the
        // first into the same cache dir.
        results->trigger();
        QCOMPARE(main.resultsWindows().size(), 1);
        QCOMPARE(main.resultsWindows().constFirst(), first.data());
        QCOMPARE(first->fetch(), fetch.data());
        // Another batch gets a window of its own.
        int other = -1;
        for (int r = 0; r < main.proxy()->rowCount() && other < 0; ++r) {
            const int source = main.proxy()->mapToSource(main.proxy()->index(r, 0)).row();
            const Batch &b = main.model()->batchAt(source);
            if (r != row && b.status.isTerminal() && b.requestCounts.total <= 2000 &&
                !b.outputFileId.isEmpty())
                other = r;
        }
        QVERIFY(other >= 0);
        MainWindowTesting::selectRow(main, other);
        QTRY_VERIFY(results->isEnabled());
        results->trigger();
        QCOMPARE(main.resultsWindows().size(), 2);
        first->close();
        QTRY_VERIFY(!first);
        QVERIFY(!fetch);
        ResultsWindow *second = main.resultsWindows().constFirst();
        QTRY_VERIFY_WITH_TIMEOUT(!second->isLoading(), 30'000);
        QVERIFY(second->model()->rowCount() > 0);
    }
};

QTEST_MAIN(TestResultsWindow)
#include "tst_resultswindow.moc"
