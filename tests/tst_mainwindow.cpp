// The dashboard, offscreen, against the real simulator: what a user sees and does.
#include "app/batchactions.h"
#include "app/mainwindow.h"
#include "app/widgets/batchdetailpane.h"
#include "app/widgets/batchtableview.h"
#include "app/widgets/errorbanner.h"
#include "app/widgets/filespanel.h"
#include "app/widgets/filterbar.h"
#include "app/widgets/progresschart.h"
#include "app/widgets/statusfilterpanel.h"
#include "core/cache/batchcache.h"
#include "core/session/accountsession.h"
#include "mainwindowtesting.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {
using MainWindowTesting::firstRowWith;
using MainWindowTesting::openOn;

// With BATCHWATCH_SCREENSHOTS=DIR set, each step leaves a PNG there for a person to look at.
void shoot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("BATCHWATCH_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QTest::qWait(50); // let pending layout requests run, as they would before the next paint
    widget->grab().save(dir + u'/' + name + QStringLiteral(".png"));
}

int proxyRowOf(const MainWindow &window, const QString &id)
{
    const int source = window.model()->rowOf(id);
    return window.proxy()->mapFromSource(window.model()->index(source, 0)).row();
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimProcess> m_sim;

    void selectRow(MainWindow &window, int row)
    {
        window.table()->selectionModel()->clearSelection();
        window.table()->setCurrentIndex(window.proxy()->index(row, 0));
        window.table()->selectRow(row);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Caches left by an earlier run of this test must not stand in for what the server says now.
        QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).removeRecursively();
        m_sim = std::make_unique<SimProcess>(QStringList{QStringLiteral("--batches"), QStringLiteral("260"),
                                                         QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(m_sim->start());
    }

    void loadsSelectsAndShowsTheWholeStory()
    {
        MainWindow window;
        QAbstractItemModelTester proxyTester(window.proxy(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        QVERIFY(window.windowTitle().contains(QStringLiteral("127.0.0.1")));
        QVERIFY(window.statusText().contains(QStringLiteral("running")));

        // Newest first by default.
        const QModelIndex top = window.proxy()->index(0, BatchColumns::Created);
        const QModelIndex second = window.proxy()->index(1, BatchColumns::Created);
        QVERIFY(top.data(BatchTableModel::SortRole).toLongLong() >=
                second.data(BatchTableModel::SortRole).toLongLong());

        // A failed batch: the detail pane says everything, errors included.
        const int failedRow = firstRowWith(window, QStringLiteral("failed"));
        QVERIFY(failedRow >= 0);
        selectRow(window, failedRow);
        const QString id = window.proxy()->index(failedRow, 0).data(BatchTableModel::IdRole).toString();
        QCOMPARE(window.detailPane()->batchId(), id);
        QVERIFY(window.detailPane()->overviewText().contains(id));
        QVERIFY(window.detailPane()->rawJson().contains(QStringLiteral("\"status\": \"failed\"")));
        QVERIFY(window.detailPane()->tabs()->tabText(2).contains(QStringLiteral("(1)")));
        shoot(&window, QStringLiteral("failed-selected"));

        window.detailPane()->tabs()->setCurrentIndex(1);
        // The simulator knows the input file: its size and expiry arrive (no "unavailable" passes here).
        QTRY_VERIFY2(window.detailPane()->filesPanel()->statusText(0).contains(QStringLiteral("expires")),
                     qPrintable(window.detailPane()->filesPanel()->statusText(0)));
        QVERIFY(!window.detailPane()->filesPanel()->statusText(0).contains(QStringLiteral("unavailable")));
        shoot(&window, QStringLiteral("files-tab"));
    }

    void filtersAndSortsChangeWhatIsShown()
    {
        MainWindow window;
        openOn(window, m_sim->config(), QSize(1024, 640));
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        window.session()->loadAll(); // a stable account, so counts do not move under the test
        QTRY_COMPARE(window.model()->rowCount(), 260);
        QTRY_VERIFY(!window.model()->isFetching());
        const int all = window.proxy()->rowCount();

        // The side bar: counts, then a click filters.
        auto *list = window.statusPanel()->findChild<QListWidget *>();
        QVERIFY(list);
        QListWidgetItem *failed = nullptr;
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->text().startsWith(QStringLiteral("failed")))
                failed = list->item(i);
        }
        QVERIFY(failed);
        const int failedCount = window.model()->statusCounts().value(QStringLiteral("failed"));
        QVERIFY(failed->text().contains(QString::number(failedCount)));
        failed->setCheckState(Qt::Checked);
        QCOMPARE(window.proxy()->rowCount(), failedCount);
        for (int row = 0; row < window.proxy()->rowCount(); ++row)
            QCOMPARE(window.proxy()->index(row, 0).data(BatchTableModel::StatusRole).toString(),
                     QStringLiteral("failed"));
        shoot(&window, QStringLiteral("filtered-failed"));

        // Search, debounced.
        QTest::keyClicks(window.filterBar()->searchField(), QStringLiteral("mini"));
        QTRY_COMPARE(window.proxy()->filter().searchText(), QStringLiteral("mini"));
        QVERIFY(window.proxy()->rowCount() > 0);
        QVERIFY(window.proxy()->rowCount() < failedCount);
        for (int row = 0; row < window.proxy()->rowCount(); ++row)
            QVERIFY(window.proxy()
                        ->index(row, BatchColumns::Model)
                        .data()
                        .toString()
                        .contains(QStringLiteral("mini")));

        // Esc clears every filter.
        QTest::keyClick(&window, Qt::Key_Escape);
        QCOMPARE(window.proxy()->rowCount(), all);
        QVERIFY(window.filterBar()->searchField()->text().isEmpty());
        QVERIFY(window.statusPanel()->checkedStatuses().isEmpty());

        // Sort by tokens on the raw number.
        window.table()->sortByColumn(BatchColumns::Tokens, Qt::DescendingOrder);
        qint64 previous = std::numeric_limits<qint64>::max();
        for (int row = 0; row < window.proxy()->rowCount(); ++row) {
            const qint64 tokens =
                window.proxy()->index(row, BatchColumns::Tokens).data(BatchTableModel::SortRole).toLongLong();
            QVERIFY(tokens <= previous);
            previous = tokens;
        }
    }

    void exportOfASelectionWritesExactlyThoseBatches()
    {
        MainWindow window;
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        window.table()->selectionModel()->clearSelection();
        for (int row : {2, 5, 9})
            window.table()->selectionModel()->select(window.proxy()->index(row, 0),
                                                     QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const std::vector<AccountBatch> selected = window.selectedRows();
        QCOMPARE(selected.size(), size_t(3));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("picked.json"));
        QString error;
        QVERIFY2(window.actions()->exportTo(path, selected, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray written = QJsonDocument::fromJson(file.readAll()).array();
        QCOMPARE(written.size(), 3);
        QStringList ids;
        for (const QJsonValue &v : written)
            ids << v[QStringLiteral("id")].toString();
        for (int row : {2, 5, 9})
            QVERIFY(ids.contains(window.proxy()->index(row, 0).data(BatchTableModel::IdRole).toString()));
    }

    void cancelGoesThroughAndRefreshMergesWithoutReset()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("40"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        MainWindow window;
        openOn(window, sim.config());
        QTRY_COMPARE(window.model()->rowCount(), 40);

        const int running = firstRowWith(window, QStringLiteral("in_progress"));
        QVERIFY(running >= 0);
        const QString id = window.proxy()->index(running, 0).data(BatchTableModel::IdRole).toString();
        selectRow(window, running);
        QSignalSpy reset(window.model(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(window.model(), &QAbstractItemModel::rowsInserted);
        QSignalSpy cancelled(window.actions(), &BatchActions::cancelFinished);
        window.actions()->cancel(window.selectedRows());
        QVERIFY(cancelled.wait(10'000));
        QCOMPARE(cancelled.at(0).at(0).toString(), id);
        QCOMPARE(cancelled.at(0).at(1).toString(), QString());
        QTRY_COMPARE(
            window.proxy()->index(proxyRowOf(window, id), 0).data(BatchTableModel::StatusRole).toString(),
            QStringLiteral("cancelling"));
        // The detail pane follows the change in place, and the selection stays on the batch.
        QTRY_VERIFY(window.detailPane()->rawJson().contains(QStringLiteral("\"status\": \"cancelling\"")));
        QCOMPARE(window.detailPane()->batchId(), id);

        QSignalSpy refreshed(window.session(), &AccountSession::refreshFinished);
        window.session()->refreshNow();
        QVERIFY(refreshed.wait(10'000));
        QVERIFY(!refreshed.at(0).at(0).value<ApiError>().isError());
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(window.selectedBatches().size(), size_t(1));
        QCOMPARE(window.selectedBatches().front().id, id);
    }

    void failedRefreshShowsABannerAndKeepsRows()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("30"), QStringLiteral("--fail-every"),
                        QStringLiteral("2"), QStringLiteral("--fail-status"), QStringLiteral("503"),
                        QStringLiteral("--retry-after"), QStringLiteral("0")});
        QVERIFY(sim.start());
        MainWindow window;
        ApiConfig config = sim.config();
        config.maxRetries = 0;
        openOn(window, config);
        QTRY_COMPARE(window.model()->rowCount(), 30);
        QSignalSpy refreshed(window.session(), &AccountSession::refreshFinished);
        window.session()->refreshNow();
        QVERIFY(refreshed.wait(10'000));
        QVERIFY(window.errorBanner()->isVisible());
        QVERIFY(window.errorBanner()->message().contains(QStringLiteral("HTTP 503")));
        QVERIFY(window.errorBanner()->message().contains(QStringLiteral("(request req_")));
        QCOMPARE(window.model()->rowCount(), 30);
        shoot(&window, QStringLiteral("error-banner"));
    }

    void darkPaletteRecolours()
    {
        MainWindow window;
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        const QColor light = window.model()->index(0, 0).data(Qt::DecorationRole).value<QColor>();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Highlight, QColor(0x2a, 0x6f, 0xb0));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        window.setPalette(dark);
        QTRY_VERIFY(window.model()->index(0, 0).data(Qt::DecorationRole).value<QColor>() != light);
        selectRow(window, 3);
        shoot(&window, QStringLiteral("dark"));
    }

    void downloadFromTheFilesTab()
    {
        MainWindow window;
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        int row = -1;
        for (int r = 0; r < window.proxy()->rowCount() && row < 0; ++r) {
            const Batch &b =
                window.model()->batchAt(window.proxy()->mapToSource(window.proxy()->index(r, 0)).row());
            if (b.status.value() == BatchStatus::Completed && !b.outputFileId.isEmpty())
                row = r;
        }
        QVERIFY(row >= 0);
        selectRow(window, row);
        const Batch batch = window.selectedBatches().front();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.jsonl"));
        QSignalSpy done(window.detailPane()->filesPanel(), &FilesPanel::downloadFinished);
        window.detailPane()->filesPanel()->download(batch.outputFileId, path);
        QVERIFY(done.wait(10'000));
        QCOMPARE(done.at(0).at(2).toString(), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), batch.requestCounts.completed);
    }

    void smallAndLargeAccounts()
    {
        for (const int size : {5, 5000}) {
            SimProcess sim({QStringLiteral("--batches"), QString::number(size), QStringLiteral("--speed"),
                            QStringLiteral("0")});
            QVERIFY(sim.start());
            MainWindow window;
            openOn(window, sim.config(), size == 5 ? QSize(1024, 640) : QSize(1400, 900));
            window.session()->loadAll();
            QTRY_COMPARE_WITH_TIMEOUT(window.model()->rowCount(), size, 30'000);
            QTRY_VERIFY(!window.model()->isFetching());
            int counted = 0;
            for (int n : window.model()->statusCounts())
                counted += n;
            QCOMPARE(counted, size);
            QVERIFY(window.statusText().startsWith(
                QStringLiteral("%1 batch").arg(size == 5 ? QStringLiteral("5") : QStringLiteral("5000"))));
            selectRow(window, 1);
            shoot(&window, QStringLiteral("account-%1").arg(size));
        }
    }

    void cachedRowsShowBeforeTheNetworkAnswers()
    {
        const ApiConfig config = m_sim->config();
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(BatchCache::defaultPath(config) + suffix);
        {
            MainWindow first;
            first.setRefreshInterval(600, false);
            first.show();
            first.connectTo(config, false);
            QTRY_COMPARE(first.model()->rowCount(), 100);
            QTRY_VERIFY(!first.model()->isFetching());
        }
        MainWindow second;
        second.setRefreshInterval(600, false);
        second.show();
        second.connectTo(config, false);
        // No event has been processed yet, so nothing can have come from the network.
        QCOMPARE(second.model()->rowCount(), 100);
        QSignalSpy refreshed(second.session(), &AccountSession::refreshFinished);
        QVERIFY(refreshed.wait(10'000));
        QVERIFY(second.statusText().contains(QStringLiteral("refreshed")));
        QVERIFY(second.model()->canFetchMore(QModelIndex())); // the cache knew there were older ones
        second.clearCache();
        BatchCache check;
        QVERIFY(check.open(BatchCache::defaultPath(config), nullptr));
        QCOMPARE(check.count(), 0);
    }

    void progressHistoryGivesAnEstimateAndAChart()
    {
        // Simulated time runs ten minutes a second, so two refreshes a second apart see progress.
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("20"), QStringLiteral("--speed"),
                        QStringLiteral("600")});
        QVERIFY(sim.start());
        MainWindow window;
        openOn(window, sim.config());
        QTRY_COMPARE(window.model()->rowCount(), 20);
        const int running = firstRowWith(window, QStringLiteral("in_progress"));
        QVERIFY(running >= 0);
        selectRow(window, running);
        const QString id = window.proxy()->index(running, 0).data(BatchTableModel::IdRole).toString();
        // No second sample needed: in_progress_at and the counts give a pace (once behind the clock).
        const Batch &first = window.model()->batchAt(window.model()->rowOf(id));
        if (first.inProgressAt && *first.inProgressAt < QDateTime::currentSecsSinceEpoch() &&
            first.requestCounts.completed + first.requestCounts.failed > 0)
            QVERIFY2(!window.detailPane()->etaText().contains(QStringLiteral("no estimate")),
                     qPrintable(window.detailPane()->etaText()));
        QSignalSpy refreshed(window.session(), &AccountSession::refreshFinished);
        // The history's rate needs two samples at different seconds: wait for the clock to pass the first.
        const qint64 firstSample = window.session()->history().samples(id).constLast().at;
        QTRY_VERIFY(QDateTime::currentSecsSinceEpoch() > firstSample);
        window.session()->refreshNow();
        QVERIFY(refreshed.wait(10'000));
        // At this pace the estimate is short ("< 1 min" or "≈ n min"), but it is one.
        QTRY_VERIFY(!window.detailPane()->etaText().contains(QStringLiteral("no estimate")));
        QVERIFY(window.detailPane()->etaText().startsWith(QStringLiteral("Estimated time left: ")));
        QVERIFY(window.detailPane()->progressChart()->pointCount() >= 2);
        shoot(&window, QStringLiteral("eta-chart"));
    }

    void scrollingFetchesMore()
    {
        MainWindow window;
        openOn(window, m_sim->config(), QSize(1024, 640));
        QTRY_COMPARE(window.model()->rowCount(), 100);
        QTRY_VERIFY(!window.model()->isFetching());
        window.table()->scrollToBottom();
        QScrollBar *bar = window.table()->verticalScrollBar();
        bar->setValue(bar->maximum());
        QTRY_COMPARE_WITH_TIMEOUT(window.model()->rowCount(), 200, 10'000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
