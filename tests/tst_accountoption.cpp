// `batchwatch export|list --account NAME`: a saved account with its key from the keychain, or the
// environment's account by its provider's name; what is wrong said in one line with exit status 2.
#include "batchwatchrun.h"
#include "simprocess.h"

#include <qt6keychain/keychain.h>

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QString kKey = QStringLiteral("sk-test-account-option-01");
const char *const kVariables[] = {"OPENAI_API_KEY",        "OPENAI_BASE_URL",      "OPENAI_ORG_ID",
                                  "OPENAI_PROJECT_ID",     "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN",
                                  "AZURE_OPENAI_ENDPOINT", "OPENAI_API_VERSION",   "ANTHROPIC_API_KEY",
                                  "ANTHROPIC_BASE_URL",    "GEMINI_API_KEY",       "GOOGLE_API_KEY",
                                  "GOOGLE_GEMINI_BASE_URL"};

struct SavedAccount
{
    QString name;
    QString provider;
    QString baseUrl;
};

// A home of its own for the binary: its settings (with these saved accounts) and its cache.
class Home
{
public:
    explicit Home(const QList<SavedAccount> &accounts)
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        settings.beginWriteArray(QStringLiteral("accounts"), int(accounts.size()));
        for (int i = 0; i < accounts.size(); ++i) {
            settings.setArrayIndex(i);
            settings.setValue(QStringLiteral("name"), accounts.at(i).name);
            settings.setValue(QStringLiteral("provider"), accounts.at(i).provider);
            settings.setValue(QStringLiteral("baseUrl"), accounts.at(i).baseUrl);
        }
        settings.endArray();
    }

    QString settingsPath() const
    {
        return m_dir.path() + QStringLiteral("/config/Batchwatch/batchwatch.conf");
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *variable : kVariables)
            env.remove(QLatin1String(variable));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.path() + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir.path() + QStringLiteral("/cache"));
        return env;
    }

private:
    QTemporaryDir m_dir;
};

bool expectKeychain()
{
    return qEnvironmentVariableIntValue("BATCHWATCH_EXPECT_KEYCHAIN") == 1;
}

bool storeKey(const QString &entry, const QString &key)
{
    QKeychain::WritePasswordJob write(QStringLiteral("batchwatch"));
    write.setAutoDelete(false);
    write.setKey(entry);
    write.setTextData(key);
    QSignalSpy done(&write, &QKeychain::Job::finished);
    write.start();
    return done.wait(20'000) && write.error() == QKeychain::NoError;
}
} // namespace

class TestAccountOption : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimProcess> m_sim;
    QByteArray m_reference; // the account exported through the environment, as before accounts

private Q_SLOTS:
    void initTestCase()
    {
        m_sim =
            SimProcess::started({QStringLiteral("--batches"), QStringLiteral("30"), QStringLiteral("--speed"),
                                 QStringLiteral("0"), QStringLiteral("--api-key"), kKey});
        QVERIFY(!m_sim->baseUrl().isEmpty());
        const BatchwatchRun run =
            runBatchwatch({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("jsonl")},
                          m_sim->baseUrl(), kKey);
        QCOMPARE(run.exitCode, 0);
        m_reference = run.out;
        QCOMPARE(m_reference.count('\n'), 30);
    }

    void theHeadlessBinaryLinksNoGui()
    {
        QProcess ldd;
        ldd.start(QStringLiteral("ldd"), {QStringLiteral(BATCHWATCH_PATH)});
        if (!ldd.waitForFinished(30'000) || ldd.exitCode() != 0)
            QSKIP("ldd is not available here");
        const QByteArray libraries = ldd.readAllStandardOutput();
        QVERIFY(libraries.contains("libQt6Core"));
        QVERIFY2(!libraries.toLower().contains("gui") && !libraries.contains("Widgets"),
                 libraries.constData());
    }

    void anUnknownNameListsTheKnownAccounts()
    {
        Home home({{QStringLiteral("Team A"), QStringLiteral("openai"), m_sim->baseUrl().toString()},
                   {QStringLiteral("Claude"), QStringLiteral("anthropic"), QString()}});
        QProcessEnvironment env = home.environment();
        env.insert(QStringLiteral("GEMINI_API_KEY"), QStringLiteral("g-key"));
        const qint64 before = m_sim->requestsServed();
        const BatchwatchRun run = runBatchwatchIn(
            env, {QStringLiteral("list"), QStringLiteral("--account"), QStringLiteral("Nobody")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("no account is named \"Nobody\""), run.err.constData());
        QVERIFY2(run.err.contains("Gemini (environment), Team A, Claude"), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
        QCOMPARE(m_sim->requestsServed(), before);
    }

    void anEmptyNameIsAUsageError()
    {
        Home home({});
        const BatchwatchRun run =
            runBatchwatchIn(home.environment(), {QStringLiteral("export"), QStringLiteral("--account=")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--account"), run.err.constData());
    }

    void theEnvironmentsAccountGoesByItsProvidersName()
    {
        Home home({});
        QProcessEnvironment env = home.environment();
        env.insert(QStringLiteral("OPENAI_API_KEY"), kKey);
        env.insert(QStringLiteral("OPENAI_BASE_URL"), m_sim->baseUrl().toString());
        for (const QString &name : {QStringLiteral("OpenAI"), QStringLiteral("openai")}) {
            const BatchwatchRun run =
                runBatchwatchIn(env, {QStringLiteral("export"), QStringLiteral("--account"), name,
                                      QStringLiteral("--format"), QStringLiteral("jsonl")});
            QCOMPARE(run.exitCode, 0);
            QCOMPARE(run.out, m_reference);
            QVERIFY2(run.err.isEmpty(), run.err.constData());
        }
    }

    void aSavedAccountWithoutKeychainSaysSo()
    {
        if (expectKeychain())
            QSKIP("this run has a keychain");
        Home home({{QStringLiteral("Team A"), QStringLiteral("openai"), m_sim->baseUrl().toString()}});
        QProcessEnvironment env = home.environment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent"));
        const qint64 before = m_sim->requestsServed();
        const BatchwatchRun run = runBatchwatchIn(
            env, {QStringLiteral("export"), QStringLiteral("--account"), QStringLiteral("Team A")}, 60'000);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("cannot read the key of \"Team A\" from the system keychain"),
                 run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY(run.out.isEmpty());
        QCOMPARE(m_sim->requestsServed(), before);
    }

    void aSavedAccountThatCannotBeUsedSaysWhy()
    {
        Home home({{QStringLiteral("Azure"), QStringLiteral("azure"), QString()}});
        const BatchwatchRun run =
            runBatchwatchIn(home.environment(),
                            {QStringLiteral("list"), QStringLiteral("--account"), QStringLiteral("Azure")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("has no endpoint"), run.err.constData());
    }

    // Needs a keychain: run by tst_accountoption_gnome_keyring.
    void aSavedAccountReadsItsKeyFromTheKeychain()
    {
        if (!expectKeychain())
            QSKIP("needs a keychain (tst_accountoption_gnome_keyring)");
        Home home(
            {{QStringLiteral("Team A"), QStringLiteral("openai"), m_sim->baseUrl().toString()},
             {QStringLiteral("Keyless"), QStringLiteral("openai"), QStringLiteral("http://127.0.0.1:9/v1")}});
        // Where the dashboard stores it (and where versions before accounts stored it for this server).
        QVERIFY(storeKey(QStringLiteral("api-key ") + m_sim->baseUrl().toString(), kKey));
        const BatchwatchRun run =
            runBatchwatchIn(home.environment(),
                            {QStringLiteral("export"), QStringLiteral("--account"), QStringLiteral("Team A"),
                             QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, m_reference);

        const BatchwatchRun keyless =
            runBatchwatchIn(home.environment(),
                            {QStringLiteral("list"), QStringLiteral("--account"), QStringLiteral("Keyless")});
        QCOMPARE(keyless.exitCode, 2);
        QVERIFY2(keyless.err.contains("no key is stored for \"Keyless\""), keyless.err.constData());
    }

    void theEarlierVersionsAccountIsFoundAsOpenAI()
    {
        if (!expectKeychain())
            QSKIP("needs a keychain (tst_accountoption_gnome_keyring)");
        Home home({});
        {
            QSettings settings(home.settingsPath(), QSettings::IniFormat);
            settings.clear();
            settings.setValue(QStringLiteral("account/baseUrl"), m_sim->baseUrl().toString());
        }
        QVERIFY(storeKey(QStringLiteral("api-key ") + m_sim->baseUrl().toString(), kKey));
        const BatchwatchRun run =
            runBatchwatchIn(home.environment(),
                            {QStringLiteral("export"), QStringLiteral("--account"), QStringLiteral("OpenAI"),
                             QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, m_reference);
    }
};

QTEST_GUILESS_MAIN(TestAccountOption)
#include "tst_accountoption.moc"
