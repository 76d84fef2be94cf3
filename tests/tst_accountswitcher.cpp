// The window's account switcher (toolbar, View menu, Ctrl+0..9, the side bar), the title that names the
// account shown, and the side bar's counts per account, offscreen against two real simulators: one live, one
// failing.
#include "app/mainwindow.h"
#include "app/widgets/accountswitcher.h"
#include "app/widgets/batchtableview.h"
#include "app/widgets/errorbanner.h"
#include "app/widgets/statusfilterpanel.h"
#include "core/session/accountsession.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QListWidget>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolBar>

namespace {
SessionSpec specFor(const QString &name, const ApiConfig &config)
{
    SessionSpec spec;
    spec.name = name;
    spec.config = config;
    spec.autoRefresh = false;
    return spec;
}

int sum(const QHash<QString, int> &counts)
{
    int total = 0;
    for (int n : counts)
        total += n;
    return total;
}

// Whether the toolbar shows the switcher's combo.
bool comboOnToolBar(MainWindow &window)
{
    auto *bar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QAction *action = bar ? bar->actionAt(window.accountSwitcher()->combo()->geometry().center()) : nullptr;
    return window.accountSwitcher()->combo()->isVisibleTo(&window) && action;
}
} // namespace

class TestAccountSwitcher : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimProcess> m_live;
    std::unique_ptr<SimProcess> m_failing;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_live = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("30"),
                                      QStringLiteral("--speed"), QStringLiteral("0")});
        m_failing = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("30"),
                                         QStringLiteral("--fail-every"), QStringLiteral("1"),
                                         QStringLiteral("--fail-status"), QStringLiteral("500")});
        QVERIFY(!m_live->baseUrl().isEmpty() && !m_failing->baseUrl().isEmpty());
    }

    void cleanupTestCase() { QSettings().clear(); }

    void theSwitcherShowsOneAccountOrAll()
    {
        ApiConfig broken = m_failing->config();
        broken.maxRetries = 0;
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QSignalSpy shown(&window, &MainWindow::accountShown);
        window.watchAccounts(
            {specFor(QStringLiteral("work"), m_live->config()), specFor(QStringLiteral("lab"), broken)});
        QTRY_COMPARE(window.model()->rowCount(), 30);
        QCOMPARE(window.windowTitle(), QStringLiteral("All accounts"));

        AccountSwitcher *switcher = window.accountSwitcher();
        QCOMPARE(switcher->accounts(), (QStringList{QStringLiteral("work"), QStringLiteral("lab")}));
        QComboBox *combo = switcher->combo();
        QCOMPARE(combo->count(), 3);
        QCOMPARE(combo->itemText(0), QStringLiteral("All accounts"));
        QVERIFY(comboOnToolBar(window));
        // The View menu holds the same choices, with their shortcuts.
        const QList<QAction *> entries = switcher->menu()->actions();
        QStringList shortcuts;
        for (QAction *action : entries) {
            if (!action->isSeparator())
                shortcuts << action->shortcut().toString();
        }
        QCOMPARE(shortcuts,
                 (QStringList{QStringLiteral("Ctrl+0"), QStringLiteral("Ctrl+1"), QStringLiteral("Ctrl+2")}));
        QVERIFY(switcher->menu()->menuAction()->isVisible());

        // Ctrl+2: the failing account alone, its columns hidden, its name in the title.
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(window.shownAccount(), QStringLiteral("lab"));
        QCOMPARE(shown.count(), 1);
        QCOMPARE(shown.constLast().constFirst().toString(), QStringLiteral("lab"));
        QCOMPARE(window.windowTitle(), QStringLiteral("lab"));
        QCOMPARE(combo->currentIndex(), 2);
        QVERIFY(entries.constLast()->isChecked());
        QCOMPARE(window.proxy()->rowCount(), 0);
        QVERIFY(window.table()->isColumnHidden(BatchColumns::Account));

        // The combo: the live account.
        combo->setCurrentIndex(1);
        Q_EMIT combo->activated(1);
        QCOMPARE(window.shownAccount(), QStringLiteral("work"));
        QCOMPARE(window.proxy()->rowCount(), 30);

        // Ctrl+0: all of them again, with the Account and Provider columns.
        QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(window.shownAccount(), QString());
        QCOMPARE(window.windowTitle(), QStringLiteral("All accounts"));
        QCOMPARE(window.proxy()->rowCount(), 30);
        QVERIFY(!window.table()->isColumnHidden(BatchColumns::Account));
        QVERIFY(!window.table()->isColumnHidden(BatchColumns::Provider));
        QCOMPARE(combo->currentIndex(), 0);
    }

    void theSideBarCountsEachAccount()
    {
        ApiConfig broken = m_failing->config();
        broken.maxRetries = 0;
        MainWindow window;
        window.show();
        window.watchAccounts(
            {specFor(QStringLiteral("work"), m_live->config()), specFor(QStringLiteral("lab"), broken)});
        QTRY_COMPARE(window.model()->rowCount(), 30);
        QListWidget *accounts = window.statusPanel()->accountList();
        QVERIFY(accounts->isVisibleTo(&window));
        QCOMPARE(accounts->count(), 3);
        QCOMPARE(accounts->item(0)->text(), QStringLiteral("All accounts  (30)"));
        QCOMPARE(accounts->item(1)->text(), QStringLiteral("work  (30)"));
        QCOMPARE(accounts->item(2)->text(), QStringLiteral("lab  (0)"));
        // The failing account says so beside its count; the live one does not.
        QTRY_VERIFY(accounts->item(2)->toolTip().contains(QLatin1String("Last refresh failed")));
        QVERIFY(!accounts->item(2)->icon().isNull());
        QVERIFY(accounts->item(1)->icon().isNull());

        // The statuses count the account shown.
        QCOMPARE(sum(window.model()->statusCounts()), 30);
        window.showAccount(QStringLiteral("lab"));
        QVERIFY(accounts->item(2)->font().bold());
        QCOMPARE(
            window.statusPanel()->findChild<QListWidget *>()->item(0)->text().endsWith(QLatin1String("(0)")),
            true);
        // Choosing an account in the side bar shows it.
        Q_EMIT accounts->itemActivated(accounts->item(1));
        QCOMPARE(window.shownAccount(), QStringLiteral("work"));
        Q_EMIT accounts->itemActivated(accounts->item(0));
        QCOMPARE(window.shownAccount(), QString());
    }

    void eachAccountsFailureStaysItsOwn()
    {
        ApiConfig broken = m_failing->config();
        broken.maxRetries = 0;
        SimProcess otherFailing({QStringLiteral("--batches"), QStringLiteral("3"),
                                 QStringLiteral("--fail-every"), QStringLiteral("1"),
                                 QStringLiteral("--fail-status"), QStringLiteral("503")});
        QVERIFY(otherFailing.start());
        ApiConfig broken2 = otherFailing.config();
        broken2.maxRetries = 0;
        MainWindow window;
        window.show();
        window.watchAccounts({specFor(QStringLiteral("work"), m_live->config()),
                              specFor(QStringLiteral("lab"), broken),
                              specFor(QStringLiteral("lab2"), broken2)});
        QTRY_COMPARE(window.model()->rowCount(), 30);
        ErrorBanner *banner = window.errorBanner();
        QTRY_VERIFY(banner->isVisible());
        QTRY_VERIFY(
            window.statusPanel()->accountList()->item(3)->toolTip().contains(QLatin1String("failed")));
        // The live account shown alone: no other account's failure over its rows.
        window.showAccount(QStringLiteral("work"));
        QVERIFY(!banner->isVisible());
        QCOMPARE(window.loadErrorText(), QString());
        window.showAccount(QStringLiteral("lab2"));
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->message().startsWith(QStringLiteral("lab2: ")), qPrintable(banner->message()));
        // Its empty table says why, not "No batches to show".
        QCOMPARE(window.loadErrorText(), banner->message());
        window.showAccount(QStringLiteral("lab"));
        QVERIFY2(banner->message().startsWith(QStringLiteral("lab: ")), qPrintable(banner->message()));
        // The account whose failure is on screen goes away: the other failing one takes the banner.
        window.showAccount(QString());
        const QString gone = banner->message().section(u':', 0, 0);
        const QString stays = gone == QLatin1String("lab") ? QStringLiteral("lab2") : QStringLiteral("lab");
        QList<SessionSpec> remaining = {specFor(QStringLiteral("work"), m_live->config())};
        remaining << (stays == QLatin1String("lab") ? specFor(QStringLiteral("lab"), broken)
                                                    : specFor(QStringLiteral("lab2"), broken2));
        window.watchAccounts(remaining);
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->message().startsWith(stays + QStringLiteral(": ")), qPrintable(banner->message()));
    }

    void oneAccountNeedsNoSwitcher()
    {
        MainWindow window;
        window.show();
        window.watchAccounts({specFor(QStringLiteral("work"), m_live->config())});
        QTRY_COMPARE(window.model()->rowCount(), 30);
        QCOMPARE(window.windowTitle(), QStringLiteral("work"));
        QVERIFY(!window.accountSwitcher()->combo()->isVisibleTo(&window));
        QVERIFY(!window.accountSwitcher()->menu()->menuAction()->isVisible());
        QVERIFY(!window.statusPanel()->accountList()->isVisibleTo(&window));
        QVERIFY(window.table()->isColumnHidden(BatchColumns::Account));
    }
};

QTEST_MAIN(TestAccountSwitcher)
#include "tst_accountswitcher.moc"
