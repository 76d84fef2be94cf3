// With a real keychain (run by tst_appcontroller_gnome_keyring on a private GNOME keyring): what an earlier
// version left is found by the accounts that replace its single account, and the account shown is
// remembered across runs.
#include "app/appcontroller.h"
#include "app/mainwindow.h"
#include "core/accounts/account.h"
#include "core/cache/batchcache.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"

#include <qt6keychain/keychain.h>

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace {
void clearEnvironment()
{
    for (const char *name :
         {"OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "AZURE_OPENAI_API_KEY",
          "AZURE_OPENAI_AD_TOKEN", "AZURE_OPENAI_ENDPOINT", "OPENAI_API_VERSION", "ANTHROPIC_API_KEY",
          "ANTHROPIC_BASE_URL", "GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GEMINI_BASE_URL"})
        qunsetenv(name);
}
} // namespace

class TestAppControllerKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("BatchwatchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_appcontrollerkeychain"));
        QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).removeRecursively();
        QSettings().clear();
    }

    void cleanupTestCase() { QSettings().clear(); }

    // What an earlier version left, found: its settings become the account "OpenAI", whose key is the one
    // stored then (under its server, or under the older single entry) and whose cache is the file kept then.
    void theEarlierVersionsKeyAndCacheAreFound_data()
    {
        QTest::addColumn<bool>(
            "singleEntry"); // the key under "openai-api-key", as versions before per-server keys
        QTest::newRow("per server") << false;
        QTest::newRow("single entry") << true;
    }

    void theEarlierVersionsKeyAndCacheAreFound()
    {
        if (qEnvironmentVariableIntValue("BATCHWATCH_EXPECT_KEYCHAIN") != 1)
            QSKIP("needs a keychain (tst_appcontroller_gnome_keyring)");
        QFETCH(bool, singleEntry);
        clearEnvironment();
        QSettings().clear();
        const QString key = QStringLiteral("sk-earlier-version-0123");
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("9"), QStringLiteral("--speed"),
                        QStringLiteral("0"), QStringLiteral("--api-key"), key});
        QVERIFY(sim.start());
        // What the earlier version wrote: its settings, and the key under the entry it named then.
        QSettings legacy;
        legacy.setValue(QStringLiteral("account/baseUrl"), sim.baseUrl().toString());
        legacy.setValue(QStringLiteral("account/organization"), QString());
        legacy.setValue(QStringLiteral("account/project"), QString());
        legacy.setValue(QStringLiteral("refresh/intervalSeconds"), 600);
        legacy.setValue(QStringLiteral("refresh/auto"), true);
        legacy.sync();
        const QString entry = singleEntry ? QStringLiteral("openai-api-key")
                                          : QStringLiteral("api-key ") + sim.baseUrl().toString();
        {
            QKeychain::WritePasswordJob write(QStringLiteral("batchwatch"));
            write.setAutoDelete(false);
            write.setKey(entry);
            write.setTextData(key);
            QSignalSpy written(&write, &QKeychain::Job::finished);
            write.start();
            QVERIFY(written.wait(20'000));
            QCOMPARE(write.error(), QKeychain::NoError);
        }
        ApiConfig earlier;
        earlier.baseUrl = sim.baseUrl();
        earlier.apiKey = key;
        QFile::remove(BatchCache::defaultPath(earlier));

        MainWindow window;
        AppController controller(&window, false);
        window.show();
        controller.start();
        QTRY_COMPARE_WITH_TIMEOUT(window.model()->rowCount(), 9, 20'000);
        QCOMPARE(controller.watchedAccounts(), QStringList{QStringLiteral("OpenAI")});
        const QList<Account> saved = Accounts::saved();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.at(0).refreshSeconds, 600);
        // The rows went to the file the earlier version kept for this account and key.
        QTRY_VERIFY(QFile::exists(BatchCache::defaultPath(earlier)));
        QSettings().clear();
    }

    // The keys outlive the first window in the keychain.
    void theAccountShownIsRememberedAcrossRuns()
    {
        if (qEnvironmentVariableIntValue("BATCHWATCH_EXPECT_KEYCHAIN") != 1)
            QSKIP("needs a keychain (tst_appcontroller_gnome_keyring)");
        clearEnvironment();
        QSettings().clear();
        SimProcess first({QStringLiteral("--batches"), QStringLiteral("5"), QStringLiteral("--speed"),
                          QStringLiteral("0"), QStringLiteral("--api-key"), QStringLiteral("sk-first-0123")});
        SimProcess second({QStringLiteral("--batches"), QStringLiteral("8"), QStringLiteral("--speed"),
                           QStringLiteral("0"), QStringLiteral("--api-key"),
                           QStringLiteral("sk-second-0123")});
        QVERIFY(first.start());
        QVERIFY(second.start());
        Account a;
        a.name = QStringLiteral("First");
        a.baseUrl = first.baseUrl().toString();
        Account b;
        b.name = QStringLiteral("Second");
        b.baseUrl = second.baseUrl().toString();
        Accounts::save({a, b});
        for (const auto &[account, key] : {std::pair{a, QStringLiteral("sk-first-0123")},
                                           std::pair{b, QStringLiteral("sk-second-0123")}}) {
            QKeychain::WritePasswordJob write(QStringLiteral("batchwatch"));
            write.setAutoDelete(false);
            write.setKey(account.keyAccount());
            write.setTextData(key);
            QSignalSpy written(&write, &QKeychain::Job::finished);
            write.start();
            QVERIFY(written.wait(20'000));
        }
        {
            MainWindow window;
            AppController controller(&window, false);
            window.show();
            controller.start();
            QTRY_COMPARE(window.model()->rowCount(), 13);
            QCOMPARE(controller.watchedAccounts(),
                     (QStringList{QStringLiteral("First"), QStringLiteral("Second")}));
            QCOMPARE(window.windowTitle(), QStringLiteral("All accounts"));
            QCOMPARE(window.shownAccount(), QString());
            window.showAccount(QStringLiteral("Second"));
        }
        MainWindow window;
        AppController controller(&window, false);
        window.show();
        controller.start();
        QTRY_COMPARE(window.shownAccount(), QStringLiteral("Second"));
        QTRY_COMPARE(window.proxy()->rowCount(), 8);
        QCOMPARE(window.windowTitle(), QStringLiteral("Second"));
        QSettings().clear();
    }
};

QTEST_MAIN(TestAppControllerKeychain)
#include "tst_appcontrollerkeychain.moc"
