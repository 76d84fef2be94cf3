// Several accounts in one window (MainWindow::setAccounts / showAccount), offscreen, against two real
// simulators: one live and one failing side by side, the failure shown as that account's and never blanking
// the other.
#include "app/mainwindow.h"
#include "app/widgets/batchtableview.h"
#include "app/widgets/errorbanner.h"
#include "core/session/accountsession.h"
#include "core/session/sessionset.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"

#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace {
SessionSpec specFor(const QString &name, const ApiConfig &config)
{
    SessionSpec spec;
    spec.name = name;
    spec.config = config;
    spec.autoRefresh = false;
    return spec;
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
};

QTEST_MAIN(TestMainWindowAccounts)
#include "tst_mainwindowaccounts.moc"
