// Which account the window shows at start: the environment's, or the built-in demo when there is no key.
#include "appcontroller.h"
#include "batchtablemodel.h"
#include "mainwindow.h"
#include "simprocess.h"

#include <QDir>
#include <QLabel>
#include <QStandardPaths>
#include <QTest>

class TestAppController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("BatchwatchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_appcontroller"));
        // Caches left by an earlier run of this test must not stand in for what the server says now.
        QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).removeRecursively();
    }

    void noKeyMeansDemo()
    {
        qunsetenv("OPENAI_API_KEY");
        qunsetenv("OPENAI_BASE_URL");
        MainWindow window;
        AppController controller(&window, false);
        window.show();
        controller.start(); // asks the keychain (none on this test's bus), then falls back to the demo
        QTRY_VERIFY_WITH_TIMEOUT(window.model()->rowCount() > 0, 20'000);
        QVERIFY(window.windowTitle().contains(QStringLiteral("Demo")));
        auto *banner = window.findChild<QLabel *>(QStringLiteral("demoBanner"));
        QVERIFY(banner && banner->isVisible());
    }

    void environmentKeyWins()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("12"), QStringLiteral("--api-key"),
                        QStringLiteral("sk-env-key-1234")});
        QVERIFY(sim.start());
        qputenv("OPENAI_API_KEY", "sk-env-key-1234");
        qputenv("OPENAI_BASE_URL", sim.baseUrl().toString().toUtf8());
        MainWindow window;
        AppController controller(&window, false);
        window.show();
        controller.start();
        QTRY_COMPARE(window.model()->rowCount(), 12);
        QVERIFY(window.windowTitle().contains(QStringLiteral("127.0.0.1")));
        auto *banner = window.findChild<QLabel *>(QStringLiteral("demoBanner"));
        QVERIFY(banner && !banner->isVisible());
        qunsetenv("OPENAI_API_KEY");
        qunsetenv("OPENAI_BASE_URL");
    }

    void demoFlagWinsOverAKey()
    {
        qputenv("OPENAI_API_KEY", "sk-some-real-key");
        MainWindow window;
        AppController controller(&window, true);
        window.show();
        controller.start();
        QTRY_VERIFY_WITH_TIMEOUT(window.model()->rowCount() > 0, 20'000);
        QVERIFY(window.windowTitle().contains(QStringLiteral("Demo")));
        qunsetenv("OPENAI_API_KEY");
    }
};

QTEST_MAIN(TestAppController)
#include "tst_appcontroller.moc"
