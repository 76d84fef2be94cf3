// Which account the window shows at start: the environment's, or the built-in demo when there is no key.
#include "app/account/demoserver.h"
#include "app/account/settingsdialog.h"
#include "app/appcontroller.h"
#include "app/mainwindow.h"
#include "core/accounts/account.h"
#include "core/api/apicall.h"
#include "core/api/apiclient.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"

#include <QApplication>
#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <functional>

namespace {
// Another server on this machine, which records the Authorization header of every request and answers each
// with an empty list page.
class RecordingServer : public QTcpServer
{
public:
    RecordingServer()
    {
        listen(QHostAddress::LocalHost);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        });
    }

    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1/v1").arg(serverPort()); }

    int requests = 0;
    QList<QByteArray> authorizations;

private:
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        ++requests;
        for (const QByteArray &line : buffer.left(end).split('\n')) {
            if (line.toLower().startsWith("authorization:"))
                authorizations << line.mid(14).trimmed();
        }
        m_buffers.remove(socket);
        const QByteArray body =
            R"({"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false})";
        socket->write(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QHash<QTcpSocket *, QByteArray> m_buffers;
};

void clearEnvironment()
{
    for (const char *name :
         {"OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "AZURE_OPENAI_API_KEY",
          "AZURE_OPENAI_AD_TOKEN", "AZURE_OPENAI_ENDPOINT", "OPENAI_API_VERSION", "ANTHROPIC_API_KEY",
          "ANTHROPIC_BASE_URL", "GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GEMINI_BASE_URL"})
        qunsetenv(name);
}

// Runs the Settings dialog as a user would: `edit` changes its fields, then OK.
template <typename Edit> void runSettings(AppController &controller, Edit edit)
{
    bool accepted = false;
    std::function<void()> find;
    find = [&] {
        auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            QTimer::singleShot(10, find);
            return;
        }
        edit(dialog);
        dialog->accept();
        accepted = true;
    };
    QTimer::singleShot(0, find);
    controller.showSettings();
    QVERIFY(accepted);
}

QLineEdit *field(QDialog *dialog, const char *name)
{
    auto *edit = dialog->findChild<QLineEdit *>(QLatin1String(name));
    Q_ASSERT(edit);
    return edit;
}

// One list call against the demo, waited for.
QJsonArray listDemo(ApiClient &client)
{
    ApiCall *call = client.listBatches(QString(), 100);
    QSignalSpy done(call, &ApiCall::finished);
    if (!call->isFinished() && !done.wait(10'000))
        return {};
    call->deleteLater();
    return QJsonDocument::fromJson(call->body()).object().value(QStringLiteral("data")).toArray();
}
} // namespace

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
        QSettings().clear();
    }

    void cleanupTestCase() { QSettings().clear(); }

    void aStoredKeyStaysWithItsAccount()
    {
        clearEnvironment();
        const QString key = QStringLiteral("sk-account-a-0123456789");
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("12"), QStringLiteral("--speed"),
                        QStringLiteral("0"), QStringLiteral("--api-key"), key});
        QVERIFY(sim.start());
        RecordingServer other;
        QVERIFY(other.isListening());
        Account saved;
        saved.name = QStringLiteral("Sim");
        saved.baseUrl = sim.baseUrl().toString();
        Accounts::save({saved});

        MainWindow window;
        AppController controller(&window, false);
        window.show();
        controller.start();
        QTRY_VERIFY_WITH_TIMEOUT(window.windowTitle().contains(QStringLiteral("Demo")), 20'000);
        // The user enters the key for the simulator's account.
        runSettings(controller, [&](SettingsDialog *dialog) { field(dialog, "apiKeyEdit")->setText(key); });
        QTRY_COMPARE(window.model()->rowCount(), 12);
        QVERIFY(!window.windowTitle().contains(QStringLiteral("Demo")));
        QCOMPARE(controller.watchedAccounts(), QStringList{QStringLiteral("Sim")});

        // Another server: the dialog offers to send the key there, and without the tick it does not go.
        bool offered = false;
        runSettings(controller, [&](SettingsDialog *dialog) {
            field(dialog, "baseUrlEdit")->setText(other.baseUrl());
            auto *reuse = dialog->findChild<QCheckBox *>(QStringLiteral("reuseKeyCheck"));
            offered = reuse && reuse->isVisibleTo(dialog) && !reuse->isChecked();
        });
        QVERIFY(offered);
        // No key for that account: the demo (which says how to add one), or a request if the key went along.
        QTRY_VERIFY_WITH_TIMEOUT(window.windowTitle().contains(QStringLiteral("Demo")) || other.requests > 0,
                                 20'000);
        QVERIFY2(!other.authorizations.contains(QByteArray("Bearer ") + key.toUtf8()),
                 "the key stored for one server went to another");
        QCOMPARE(other.requests, 0);

        // Back to the first server: its own key is still there for it.
        runSettings(controller, [&](SettingsDialog *dialog) {
            field(dialog, "baseUrlEdit")->setText(sim.baseUrl().toString());
        });
        QTRY_COMPARE(window.model()->rowCount(), 12);
        QVERIFY(!window.windowTitle().contains(QStringLiteral("Demo")));

        // A project is part of the account too.
        runSettings(controller, [&](SettingsDialog *dialog) {
            field(dialog, "projectEdit")->setText(QStringLiteral("proj_other"));
        });
        QTRY_VERIFY_WITH_TIMEOUT(window.windowTitle().contains(QStringLiteral("Demo")), 20'000);
        runSettings(controller, [&](SettingsDialog *dialog) { field(dialog, "projectEdit")->clear(); });
        QTRY_COMPARE(window.model()->rowCount(), 12);

        // With the user's explicit word, the same key goes to the other server.
        runSettings(controller, [&](SettingsDialog *dialog) {
            field(dialog, "baseUrlEdit")->setText(other.baseUrl());
            dialog->findChild<QCheckBox *>(QStringLiteral("reuseKeyCheck"))->setChecked(true);
        });
        QTRY_VERIFY(other.authorizations.contains(QByteArray("Bearer ") + key.toUtf8()));
        QSettings().clear();
    }

    void theFirstAccountWithAKeyIsShown()
    {
        clearEnvironment();
        const QString key = QStringLiteral("sk-account-b-0123456789");
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("7"), QStringLiteral("--speed"),
                        QStringLiteral("0"), QStringLiteral("--api-key"), key});
        QVERIFY(sim.start());
        RecordingServer keyless;
        Account first;
        first.name = QStringLiteral("No key");
        first.baseUrl = keyless.baseUrl();
        Account second;
        second.name = QStringLiteral("Keyed");
        second.baseUrl = sim.baseUrl().toString();
        Accounts::save({first, second});

        MainWindow window;
        AppController controller(&window, false);
        window.show();
        controller.start();
        QTRY_VERIFY_WITH_TIMEOUT(window.windowTitle().contains(QStringLiteral("Demo")), 20'000);
        // The key goes to the second account, chosen in the list.
        runSettings(controller, [&](SettingsDialog *dialog) {
            dialog->findChild<QListWidget *>(QStringLiteral("accountList"))->setCurrentRow(1);
            field(dialog, "apiKeyEdit")->setText(key);
        });
        QTRY_COMPARE(window.model()->rowCount(), 7);
        QCOMPARE(controller.watchedAccounts(), QStringList{QStringLiteral("Keyed")});
        QCOMPARE(keyless.requests, 0);
        QCOMPARE(Accounts::saved().size(), 2);
        QSettings().clear();
    }

    void anEnvironmentAccountOfAnotherProviderIsListed()
    {
        clearEnvironment();
        qputenv("ANTHROPIC_API_KEY", "sk-ant-test");
        qputenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9");
        MainWindow window;
        AppController controller(&window, false);
        controller.start();
        QCOMPARE(controller.accounts().size(), 1);
        QCOMPARE(controller.accounts().at(0).name, QStringLiteral("Anthropic"));
        QCOMPARE(controller.watchedAccounts(), QStringList{QStringLiteral("Anthropic")});
        QCOMPARE(controller.keyOf(controller.accounts().at(0)), QStringLiteral("sk-ant-test"));
        clearEnvironment();
    }

    void anAzureAccountWithoutEndpointSaysSo()
    {
        clearEnvironment();
        qputenv("AZURE_OPENAI_API_KEY", "az-test");
        MainWindow window;
        AppController controller(&window, false);
        window.show();
        controller.start();
        QTRY_VERIFY_WITH_TIMEOUT(window.windowTitle().contains(QStringLiteral("Demo")), 20'000);
        QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("AZURE_OPENAI_ENDPOINT")),
                 qPrintable(window.statusBar()->currentMessage()));
        clearEnvironment();
    }

    void demoShowsNoMomentAheadOfTheClock()
    {
        // The demo runs fast (here an hour a second), but what it shows happened at real moments.
        DemoServer demo;
        QVERIFY(demo.start(40, 3600));
        ApiClient client(demo.config());
        // The newest batch leaves validation two simulated minutes after the start.
        QTRY_COMPARE(listDemo(client).at(0)[QStringLiteral("status")].toString(),
                     QStringLiteral("in_progress"));
        const QJsonArray batches = listDemo(client);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QCOMPARE(batches.size(), 40);
        for (const QJsonValue &value : batches) {
            const QJsonObject batch = value.toObject();
            for (auto it = batch.begin(); it != batch.end(); ++it) {
                if (it.key().endsWith(QLatin1String("_at")) && it.key() != QLatin1String("expires_at") &&
                    !it.value().isNull())
                    QVERIFY2(it.value().toInteger() <= now,
                             qPrintable(batch[QStringLiteral("id")].toString() + u' ' + it.key()));
            }
        }
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
        // The environment's account, named after its provider.
        QCOMPARE(window.windowTitle(), QStringLiteral("OpenAI"));
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
