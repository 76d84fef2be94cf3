// Several accounts in one window (MainWindow::setAccounts / showAccount), offscreen, against two real
// simulators: one live and one failing side by side, the failure shown as that account's and never blanking
// the other.
#include "app/mainwindow.h"
#include "app/widgets/batchdetailpane.h"
#include "app/widgets/batchtableview.h"
#include "app/widgets/errorbanner.h"
#include "core/session/accountsession.h"
#include "core/session/sessionset.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"

#include "app/batchactions.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QTemporaryDir>

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <memory>

namespace {
SessionSpec specFor(const QString &name, const ApiConfig &config)
{
    SessionSpec spec;
    spec.name = name;
    spec.config = config;
    spec.autoRefresh = false;
    return spec;
}

SimProcess *runningSim(const QString &seed, int batches = 40)
{
    auto *sim =
        new SimProcess({QStringLiteral("--batches"), QString::number(batches), QStringLiteral("--speed"),
                        QStringLiteral("0"), QStringLiteral("--seed"), seed});
    if (!sim->start())
        qWarning("the simulator did not start");
    return sim;
}

// The proxy row of the first batch of `account` with `status` (-1: none).
int rowOf(const MainWindow &window, const QString &account, const QString &status)
{
    for (int row = 0; row < window.proxy()->rowCount(); ++row) {
        if (window.proxy()->index(row, BatchColumns::Account).data().toString() == account &&
            window.proxy()->index(row, 0).data(BatchTableModel::StatusRole).toString() == status)
            return row;
    }
    return -1;
}

void selectRows(MainWindow &window, const QList<int> &rows)
{
    window.table()->selectionModel()->clearSelection();
    for (int row : rows)
        window.table()->selectionModel()->select(window.proxy()->index(row, 0),
                                                 QItemSelectionModel::Select | QItemSelectionModel::Rows);
}
} // namespace

class TestMainWindowAccounts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void allAccountsShowsOneLiveAndOneFailing()
    {
        SimProcess live({QStringLiteral("--batches"), QStringLiteral("30"), QStringLiteral("--speed"),
                         QStringLiteral("0")});
        SimProcess failing({QStringLiteral("--batches"), QStringLiteral("30"), QStringLiteral("--fail-every"),
                            QStringLiteral("1"), QStringLiteral("--fail-status"), QStringLiteral("500")});
        QVERIFY(live.start());
        QVERIFY(failing.start());
        ApiConfig broken = failing.config();
        broken.maxRetries = 0;
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy errors(&window, &MainWindow::accountErrorChanged);
        window.setAccounts(
            {specFor(QStringLiteral("work"), live.config()), specFor(QStringLiteral("lab"), broken)});
        QTRY_COMPARE(window.model()->rowCount(), 30);
        QTRY_VERIFY(window.errorBanner()->isVisible());
        QVERIFY2(window.errorBanner()->message().startsWith(QStringLiteral("lab: ")),
                 qPrintable(window.errorBanner()->message()));
        QVERIFY(!errors.isEmpty());
        // The live account's first page may be announced (no error) before or after the other's failure.
        const auto labError = std::find_if(errors.cbegin(), errors.cend(), [](const QList<QVariant> &signal) {
            return signal.at(0).toString() == QLatin1String("lab");
        });
        QVERIFY(labError != errors.cend());
        QCOMPARE(labError->at(1).value<ApiError>().httpStatus, 500);
        // Both accounts in one table: their columns show.
        QVERIFY(!window.table()->isColumnHidden(BatchColumns::Account));
        QVERIFY(!window.table()->isColumnHidden(BatchColumns::Provider));
        QCOMPARE(window.proxy()->index(0, BatchColumns::Account).data().toString(), QStringLiteral("work"));

        // The switcher: one account at a time, or all of them.
        window.showAccount(QStringLiteral("lab"));
        QCOMPARE(window.proxy()->rowCount(), 0);
        QVERIFY(window.table()->isColumnHidden(BatchColumns::Account));
        QCOMPARE(window.session()->name(), QStringLiteral("lab"));
        window.showAccount(QStringLiteral("work"));
        QCOMPARE(window.proxy()->rowCount(), 30);
        window.showAccount(QString());
        QCOMPARE(window.proxy()->rowCount(), 30);

        // The live account's refresh going through does not hide the other's failure.
        QSignalSpy refreshed(window.sessions()->session(QStringLiteral("work")),
                             &AccountSession::refreshFinished);
        window.sessions()->session(QStringLiteral("work"))->refreshNow();
        QVERIFY(refreshed.wait(10'000));
        QVERIFY(!refreshed.constFirst().constFirst().value<ApiError>().isError());
        QVERIFY(window.errorBanner()->isVisible());
        QVERIFY(window.errorBanner()->message().startsWith(QStringLiteral("lab: ")));

        // The failing account goes away: its banner with it; the other's rows stay.
        QSignalSpy reset(window.model(), &QAbstractItemModel::modelReset);
        window.setAccounts({specFor(QStringLiteral("work"), live.config())});
        QCOMPARE(reset.count(), 1);
        QVERIFY(!window.errorBanner()->isVisible());
        QCOMPARE(window.model()->rowCount(), 30);
        QVERIFY(window.table()->isColumnHidden(BatchColumns::Account));
    }

    void connectToIsOneAccount()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("12"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        MainWindow window;
        window.setRefreshInterval(600, false);
        window.connectTo(sim.config(), true);
        QTRY_COMPARE(window.model()->rowCount(), 12);
        QCOMPARE(window.sessions()->sessions().size(), 1);
        AccountSession *first = window.session();
        window.connectTo(sim.config(), true); // the same account: nothing reloads
        QCOMPARE(window.session(), first);
        QVERIFY(window.table()->isColumnHidden(BatchColumns::Account));
    }

    void demoAfterTheLastAccountGoesReplacesIt()
    {
        std::unique_ptr<SimProcess> demo(runningSim(QStringLiteral("1"), 12)),
            a(runningSim(QStringLiteral("2"), 5));
        MainWindow window;
        window.setRefreshInterval(600, false);
        window.connectTo(demo->config(), true);
        QTRY_COMPARE(window.model()->rowCount(), 12);
        window.watchAccounts({specFor(QStringLiteral("A"), a->config())});
        QTRY_COMPARE(window.model()->rowCount(), 5);
        // A is removed in Settings: the demo comes back, and A's session (with its key) goes.
        window.connectTo(demo->config(), true);
        QCOMPARE(window.sessions()->sessions().size(), 1);
        QCOMPARE(window.session()->name(), QString());
        QCOMPARE(window.session()->config().baseUrl, demo->config().baseUrl);
        QTRY_COMPARE(window.model()->rowCount(), 12);
    }

    void editingTheAccountShownKeepsItsRows()
    {
        std::unique_ptr<SimProcess> work(runningSim(QStringLiteral("1"), 20)),
            lab(runningSim(QStringLiteral("2"), 7));
        MainWindow window;
        window.setAccounts(
            {specFor(QStringLiteral("work"), work->config()), specFor(QStringLiteral("lab"), lab->config())});
        QTRY_COMPARE(window.model()->rowCount(), 27);
        window.showAccount(QStringLiteral("work"));
        QCOMPARE(window.proxy()->rowCount(), 20);
        // A new key (or server, scope, provider) for "work": its session is replaced under the same name.
        SessionSpec edited =
            specFor(QStringLiteral("work"), work->config(QStringLiteral("sk-test-another-key")));
        window.setAccounts({edited, specFor(QStringLiteral("lab"), lab->config())});
        QCOMPARE(window.shownAccount(), QStringLiteral("work"));
        QTRY_COMPARE(window.proxy()->rowCount(), 20);
    }

    void cancelGoesToEachBatchsOwnAccount()
    {
        std::unique_ptr<SimProcess> a(runningSim(QStringLiteral("1"))), b(runningSim(QStringLiteral("2")));
        MainWindow window;
        window.setAccounts(
            {specFor(QStringLiteral("A"), a->config()), specFor(QStringLiteral("B"), b->config())});
        QTRY_COMPARE(window.model()->rowCount(), 80);
        const int rowA = rowOf(window, QStringLiteral("A"), QStringLiteral("in_progress"));
        const int rowB = rowOf(window, QStringLiteral("B"), QStringLiteral("in_progress"));
        QVERIFY(rowA >= 0 && rowB >= 0);
        const QString idA = window.proxy()->index(rowA, 0).data(BatchTableModel::IdRole).toString();
        const QString idB = window.proxy()->index(rowB, 0).data(BatchTableModel::IdRole).toString();
        window.table()->setCurrentIndex(window.proxy()->index(rowA, 0));
        selectRows(window, {rowA, rowB});
        QCOMPARE(window.selectedRows().size(), size_t(2));
        QSignalSpy cancelled(window.actions(), &BatchActions::cancelFinished);
        window.actions()->cancel(window.selectedRows());
        // Before the answers come, the user moves to another account's row.
        window.table()->setCurrentIndex(window.proxy()->index(rowB, 0));
        selectRows(window, {rowB});
        QTRY_COMPARE(cancelled.count(), 2);
        for (const QList<QVariant> &answer : cancelled)
            QVERIFY2(answer.at(1).toString().isEmpty(), qPrintable(answer.at(1).toString()));
        // Each answer lands in its own account's row: no copy appears in the other account.
        QCOMPARE(window.model()->rowCount(), 80);
        const BatchTableModel *model = window.model();
        const int sourceA = model->sourceOf(window.sessions()->session(QStringLiteral("A")));
        const int sourceB = model->sourceOf(window.sessions()->session(QStringLiteral("B")));
        QTRY_COMPARE(model->batchAt(model->rowOf(idA, sourceA)).status.toString(),
                     QStringLiteral("cancelling"));
        QTRY_COMPARE(model->batchAt(model->rowOf(idB, sourceB)).status.toString(),
                     QStringLiteral("cancelling"));
        QCOMPARE(model->rowOf(idA, sourceB), -1);
        QCOMPARE(model->rowOf(idB, sourceA), -1);
    }

    void csvExportNamesEachRowsAccount()
    {
        std::unique_ptr<SimProcess> a(runningSim(QStringLiteral("1"), 5)),
            b(runningSim(QStringLiteral("2"), 5));
        MainWindow window;
        window.setAccounts(
            {specFor(QStringLiteral("A"), a->config()), specFor(QStringLiteral("B"), b->config())});
        QTRY_COMPARE(window.model()->rowCount(), 10);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("all.csv"));
        QString error;
        QVERIFY2(window.actions()->exportTo(path, window.visibleRows(), &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 11);
        const QStringList header = lines.first().trimmed().split(u',');
        const int account = int(header.indexOf(QStringLiteral("account")));
        const int provider = int(header.indexOf(QStringLiteral("provider")));
        QVERIFY(account >= 0 && provider >= 0);
        QMap<QString, int> perAccount;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            // The last columns hold no commas for these rows: account, provider, raw_status.
            const QStringList cells = lines.at(i).trimmed().split(u',');
            const int tail = int(cells.size()) - int(header.size());
            QCOMPARE(cells.at(provider + tail), QStringLiteral("openai"));
            ++perAccount[cells.at(account + tail)];
        }
        QCOMPARE(perAccount.value(QStringLiteral("A")), 5);
        QCOMPARE(perAccount.value(QStringLiteral("B")), 5);
    }

    void notificationOfAnotherAccountShowsIt()
    {
        std::unique_ptr<SimProcess> a(runningSim(QStringLiteral("1"), 5)),
            b(runningSim(QStringLiteral("2"), 5));
        MainWindow window;
        window.setAccounts(
            {specFor(QStringLiteral("A"), a->config()), specFor(QStringLiteral("B"), b->config())});
        QTRY_COMPARE(window.model()->rowCount(), 10);
        const BatchTableModel *model = window.model();
        const int sourceB = model->sourceOf(window.sessions()->session(QStringLiteral("B")));
        int rowB = 0;
        while (model->sourceAt(rowB) != sourceB)
            ++rowB;
        const QString idB = model->batchAt(rowB).id;
        window.showAccount(QStringLiteral("A"));
        window.selectBatch(idB);
        const QModelIndex current = window.table()->currentIndex();
        QVERIFY(current.isValid());
        QCOMPARE(current.data(BatchTableModel::IdRole).toString(), idB);
        QCOMPARE(window.proxy()->mapToSource(current).row(), rowB);
        QVERIFY(window.shownAccount() != QStringLiteral("A"));
    }

    void theDetailPaneTellsTwoAccountsCopiesOfABatchApart()
    {
        // The same seed: both servers list the same batches (as one key reached twice would).
        std::unique_ptr<SimProcess> a(runningSim(QStringLiteral("7"))), b(runningSim(QStringLiteral("7")));
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setAccounts(
            {specFor(QStringLiteral("A"), a->config()), specFor(QStringLiteral("B"), b->config())});
        QTRY_COMPARE(window.model()->rowCount(), 80);
        const BatchTableModel *model = window.model();
        const int sourceA = model->sourceOf(window.sessions()->session(QStringLiteral("A")));
        const int sourceB = model->sourceOf(window.sessions()->session(QStringLiteral("B")));
        const int first = rowOf(window, QStringLiteral("B"), QStringLiteral("in_progress"));
        QVERIFY(first >= 0);
        const QString id = window.proxy()->index(first, 0).data(BatchTableModel::IdRole).toString();
        // B's copy is cancelled; A's runs on.
        QSignalSpy cancelled(window.actions(), &BatchActions::cancelFinished);
        window.table()->setCurrentIndex(window.proxy()->index(first, 0));
        selectRows(window, {first});
        window.actions()->cancel(window.selectedRows());
        QTRY_COMPARE(model->batchAt(model->rowOf(id, sourceB)).status.toString(),
                     QStringLiteral("cancelling"));
        QCOMPARE(model->batchAt(model->rowOf(id, sourceA)).status.toString(), QStringLiteral("in_progress"));
        const int rowA = window.proxy()->mapFromSource(model->index(model->rowOf(id, sourceA), 0)).row();
        const int rowB = window.proxy()->mapFromSource(model->index(model->rowOf(id, sourceB), 0)).row();
        const QString cancelling = QStringLiteral("\"status\": \"cancelling\"");
        // Clicks: the current row moves, and the selection with it.
        window.table()->setCurrentIndex(window.proxy()->index(rowA, 0));
        QVERIFY(!window.detailPane()->rawJson().contains(cancelling));
        // From A's copy to B's: the pane shows B's.
        window.table()->setCurrentIndex(window.proxy()->index(rowB, 0));
        QCOMPARE(window.detailPane()->batchId(), id);
        QVERIFY(window.detailPane()->rawJson().contains(cancelling));
    }

    void anAccountsFirstFailureSaysNothingLoadedWhileAnotherHasRows()
    {
        std::unique_ptr<SimProcess> work(runningSim(QStringLiteral("1"), 6));
        SimProcess failing({QStringLiteral("--batches"), QStringLiteral("30"), QStringLiteral("--fail-every"),
                            QStringLiteral("1"), QStringLiteral("--fail-status"), QStringLiteral("500")});
        QVERIFY(failing.start());
        ApiConfig broken = failing.config();
        broken.maxRetries = 0;
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setAccounts({specFor(QStringLiteral("work"), work->config())});
        QTRY_COMPARE(window.model()->rowCount(), 6);
        window.setAccounts(
            {specFor(QStringLiteral("work"), work->config()), specFor(QStringLiteral("lab"), broken)});
        QTRY_VERIFY(window.errorBanner()->isVisible());
        // "lab" never loaded a row: no "rows shown from the last good refresh" for it.
        QVERIFY2(window.errorBanner()->message().startsWith(QStringLiteral("lab: Could not load batches")),
                 qPrintable(window.errorBanner()->message()));
    }
};

QTEST_MAIN(TestMainWindowAccounts)
#include "tst_mainwindowaccounts.moc"
