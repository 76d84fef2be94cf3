// Saved accounts, the environment's accounts, the move from the single account of earlier versions, and the
// names under which keys and caches were kept before there were accounts.
#include "core/accounts/account.h"
#include "core/cache/batchcache.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

namespace {
const char *const kVariables[] = {"OPENAI_API_KEY",        "OPENAI_BASE_URL",      "OPENAI_ORG_ID",
                                  "OPENAI_PROJECT_ID",     "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN",
                                  "AZURE_OPENAI_ENDPOINT", "OPENAI_API_VERSION",   "ANTHROPIC_API_KEY",
                                  "ANTHROPIC_BASE_URL",    "GEMINI_API_KEY",       "GOOGLE_API_KEY",
                                  "GOOGLE_GEMINI_BASE_URL"};

Account make(const QString &name, Provider provider, const QString &base = QString())
{
    Account account;
    account.name = name;
    account.provider = provider;
    account.baseUrl = base;
    return account;
}

QString keyHash(const QString &key)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex().left(16));
}
} // namespace

class TestAccounts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("BatchwatchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_accounts"));
    }

    void init()
    {
        for (const char *variable : kVariables)
            qunsetenv(variable);
        QSettings().clear();
    }

    void cleanupTestCase() { QSettings().clear(); }

    void savedAccountsRoundTrip()
    {
        Account openai =
            make(QStringLiteral("Team A"), Provider::OpenAI, QStringLiteral("https://proxy.example/v1"));
        openai.organization = QStringLiteral("org-1");
        openai.project = QStringLiteral("proj_2");
        openai.refreshSeconds = 120;
        openai.autoRefresh = false;
        Account azure =
            make(QStringLiteral("Azure EU"), Provider::Azure, QStringLiteral("https://eu.openai.azure.com"));
        azure.apiVersion = QStringLiteral("2024-10-21");
        const Account anthropic = make(QStringLiteral("Claude"), Provider::Anthropic);
        const Account gemini = make(QStringLiteral("Gemini"), Provider::Gemini);
        Accounts::save({openai, azure, anthropic, gemini});
        QCOMPARE(Accounts::saved(), (QList<Account>{openai, azure, anthropic, gemini}));
        // Fewer accounts leave no trace of the ones removed.
        Accounts::save({gemini});
        QCOMPARE(Accounts::saved(), QList<Account>{gemini});
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("accounts/1/provider")).toString(), QStringLiteral("gemini"));
        QVERIFY(!settings.contains(QStringLiteral("accounts/2/name")));
        Accounts::save({});
        QCOMPARE(Accounts::saved(), QList<Account>{});
    }

    void anEntryOfAnUnknownProviderIsSkipped()
    {
        Accounts::save(
            {make(QStringLiteral("A"), Provider::OpenAI), make(QStringLiteral("B"), Provider::Gemini)});
        QSettings().setValue(QStringLiteral("accounts/1/provider"), QStringLiteral("mistral"));
        const QList<Account> accounts = Accounts::saved();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.at(0).name, QStringLiteral("B"));
    }

    void theEnvironmentDescribesOneAccountPerProvider_data()
    {
        QTest::addColumn<QStringList>("variables"); // NAME=VALUE
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("baseUrl");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("adToken");

        QTest::newRow("openai defaults") << QStringList{QStringLiteral("OPENAI_API_KEY=sk-1")} << "OpenAI"
                                         << "openai"
                                         << "https://api.openai.com/v1"
                                         << "sk-1" << false;
        QTest::newRow("openai all") << QStringList{QStringLiteral("OPENAI_API_KEY=sk-1"),
                                                   QStringLiteral(
                                                       "OPENAI_BASE_URL=https://groq.example/openai/v1"),
                                                   QStringLiteral("OPENAI_ORG_ID=org-9"),
                                                   QStringLiteral("OPENAI_PROJECT_ID=proj_9")}
                                    << "OpenAI"
                                    << "openai"
                                    << "https://groq.example/openai/v1"
                                    << "sk-1" << false;
        QTest::newRow("azure key") << QStringList{QStringLiteral("AZURE_OPENAI_API_KEY=az-1"),
                                                  QStringLiteral(
                                                      "AZURE_OPENAI_ENDPOINT=https://r.openai.azure.com"),
                                                  QStringLiteral("OPENAI_API_VERSION=2024-10-21")}
                                   << "Azure OpenAI"
                                   << "azure"
                                   << "https://r.openai.azure.com"
                                   << "az-1" << false;
        QTest::newRow("azure ad token")
            << QStringList{QStringLiteral("AZURE_OPENAI_AD_TOKEN=eyJ0"),
                           QStringLiteral("AZURE_OPENAI_ENDPOINT=https://r.openai.azure.com")}
            << "Azure OpenAI"
            << "azure"
            << "https://r.openai.azure.com"
            << "eyJ0" << true;
        QTest::newRow("azure key wins over token")
            << QStringList{QStringLiteral("AZURE_OPENAI_AD_TOKEN=eyJ0"),
                           QStringLiteral("AZURE_OPENAI_API_KEY=az-1"),
                           QStringLiteral("AZURE_OPENAI_ENDPOINT=https://r.openai.azure.com")}
            << "Azure OpenAI"
            << "azure"
            << "https://r.openai.azure.com"
            << "az-1" << false;
        QTest::newRow("anthropic") << QStringList{QStringLiteral("ANTHROPIC_API_KEY=sk-ant-1")} << "Anthropic"
                                   << "anthropic"
                                   << "https://api.anthropic.com"
                                   << "sk-ant-1" << false;
        QTest::newRow("anthropic base")
            << QStringList{QStringLiteral("ANTHROPIC_API_KEY=sk-ant-1"),
                           QStringLiteral("ANTHROPIC_BASE_URL=http://127.0.0.1:9")}
            << "Anthropic"
            << "anthropic"
            << "http://127.0.0.1:9"
            << "sk-ant-1" << false;
        QTest::newRow("gemini") << QStringList{QStringLiteral("GEMINI_API_KEY=g-1")} << "Gemini"
                                << "gemini"
                                << "https://generativelanguage.googleapis.com"
                                << "g-1" << false;
        QTest::newRow("google key") << QStringList{QStringLiteral("GOOGLE_API_KEY=g-2"),
                                                   QStringLiteral("GOOGLE_GEMINI_BASE_URL=https://g.example")}
                                    << "Gemini"
                                    << "gemini"
                                    << "https://g.example"
                                    << "g-2" << false;
        QTest::newRow("gemini key wins")
            << QStringList{QStringLiteral("GOOGLE_API_KEY=g-2"), QStringLiteral("GEMINI_API_KEY=g-1")}
            << "Gemini"
            << "gemini"
            << "https://generativelanguage.googleapis.com"
            << "g-1" << false;
    }

    void theEnvironmentDescribesOneAccountPerProvider()
    {
        QFETCH(QStringList, variables);
        QFETCH(QString, name);
        QFETCH(QString, provider);
        QFETCH(QString, baseUrl);
        QFETCH(QString, key);
        QFETCH(bool, adToken);
        for (const QString &variable : variables)
            qputenv(qPrintable(variable.section(u'=', 0, 0)), variable.section(u'=', 1).toUtf8());
        // A base URL alone describes no account: the key variable does.
        if (provider != QLatin1String("anthropic"))
            qputenv("ANTHROPIC_BASE_URL", "https://elsewhere.example");

        const QList<Account> accounts = Accounts::fromEnvironment();
        QCOMPARE(accounts.size(), 1);
        const Account &account = accounts.at(0);
        QCOMPARE(account.name, name);
        QCOMPARE(Providers::id(account.provider), provider);
        QVERIFY(account.fromEnvironment);
        QCOMPARE(Accounts::environmentKey(account), key);
        QVERIFY(account.problem().isEmpty());
        const ApiConfig config = account.toConfig(Accounts::environmentKey(account));
        QCOMPARE(config.provider, account.provider);
        QCOMPARE(config.baseUrl, QUrl(baseUrl));
        QCOMPARE(config.apiKey, adToken ? QString() : key);
        QCOMPARE(config.adToken, adToken ? key : QString());
        if (variables.contains(QStringLiteral("OPENAI_ORG_ID=org-9"))) {
            QCOMPARE(config.organization, QStringLiteral("org-9"));
            QCOMPARE(config.project, QStringLiteral("proj_9"));
        }
        if (variables.contains(QStringLiteral("OPENAI_API_VERSION=2024-10-21")))
            QCOMPARE(config.apiVersion, QStringLiteral("2024-10-21"));
        // Saved accounts have no key in the environment, whatever it holds.
        Account saved = account;
        saved.fromEnvironment = false;
        QCOMPARE(Accounts::environmentKey(saved), QString());
    }

    void everyProviderAtOnce()
    {
        qputenv("OPENAI_API_KEY", "sk-1");
        qputenv("AZURE_OPENAI_API_KEY", "az-1");
        qputenv("ANTHROPIC_API_KEY", "sk-ant-1");
        qputenv("GOOGLE_API_KEY", "g-1");
        QStringList names;
        for (const Account &account : Accounts::fromEnvironment())
            names << account.name;
        QCOMPARE(names, (QStringList{QStringLiteral("OpenAI"), QStringLiteral("Azure OpenAI"),
                                     QStringLiteral("Anthropic"), QStringLiteral("Gemini")}));
        // Azure has no default endpoint: the account is listed, and says what is missing.
        const Account azure = Accounts::fromEnvironment().at(1);
        QVERIFY2(azure.problem().contains(QLatin1String("AZURE_OPENAI_ENDPOINT")),
                 qPrintable(azure.problem()));
        QVERIFY(!azure.toConfig(QStringLiteral("az-1")).insecureTransportReason().isEmpty());
    }

    void environmentAccountsComeFirstAndKeepTheirNames()
    {
        Accounts::save(
            {make(QStringLiteral("openai"), Provider::OpenAI, QStringLiteral("https://a.example/v1")),
             make(QStringLiteral("Team B"), Provider::OpenAI, QStringLiteral("https://b.example/v1"))});
        QCOMPARE(Accounts::all().size(), 2);
        qputenv("OPENAI_API_KEY", "sk-1");
        const QList<Account> all = Accounts::all();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(0).name, QStringLiteral("OpenAI"));
        QVERIFY(all.at(0).fromEnvironment);
        QCOMPARE(all.at(1).name, QStringLiteral("openai (saved)"));
        QCOMPARE(all.at(1).baseUrl, QStringLiteral("https://a.example/v1"));
        QCOMPARE(all.at(2).name, QStringLiteral("Team B"));
        QCOMPARE(Accounts::indexOf(all, QStringLiteral("team b")), 2);
        QCOMPARE(Accounts::indexOf(all, QStringLiteral("OpenAI")), 0);
        QCOMPARE(Accounts::indexOf(all, QStringLiteral("nobody")), -1);
    }

    void theEarlierSingleAccountBecomesOneSavedAccount()
    {
        QSettings legacy;
        legacy.setValue(QStringLiteral("account/baseUrl"), QStringLiteral("https://proxy.example/v1"));
        legacy.setValue(QStringLiteral("account/organization"), QStringLiteral("org-1"));
        legacy.setValue(QStringLiteral("account/project"), QString());
        legacy.setValue(QStringLiteral("refresh/intervalSeconds"), 90);
        legacy.setValue(QStringLiteral("refresh/auto"), false);
        legacy.setValue(QStringLiteral("alerts/mode"), QStringLiteral("failures"));
        legacy.sync();

        const QList<Account> accounts = Accounts::saved();
        QCOMPARE(accounts.size(), 1);
        const Account &account = accounts.at(0);
        QCOMPARE(account.name, QStringLiteral("OpenAI"));
        QCOMPARE(account.provider, Provider::OpenAI);
        QCOMPARE(account.baseUrl, QStringLiteral("https://proxy.example/v1"));
        QCOMPARE(account.organization, QStringLiteral("org-1"));
        QCOMPARE(account.refreshSeconds, 90);
        QCOMPARE(account.autoRefresh, false);
        // Where the earlier version kept its key, and its cache for that key.
        QCOMPARE(account.keyAccount(), QStringLiteral("api-key https://proxy.example/v1 organization org-1"));
        QCOMPARE(account.cacheName(QStringLiteral("sk-old")), QStringLiteral("proxy.example-v1_org-1__") +
                                                                  keyHash(QStringLiteral("sk-old")) +
                                                                  QStringLiteral(".sqlite"));
        // Once only: the user may remove it, and it stays removed.
        QVERIFY(!Accounts::migrateLegacySettings());
        Accounts::save({});
        QCOMPARE(Accounts::saved().size(), 0);
    }

    void theMoveKeepsTheServerTheStoredKeyWasSentTo()
    {
        // Without OPENAI_API_KEY, earlier versions sent the stored key to OPENAI_BASE_URL and stored it
        // there.
        QSettings().setValue(QStringLiteral("account/baseUrl"), QString());
        qputenv("OPENAI_BASE_URL", "https://gateway.example/v1/");
        qputenv("OPENAI_PROJECT_ID", "proj_env");
        const QList<Account> accounts = Accounts::saved();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.at(0).keyAccount(),
                 QStringLiteral("api-key https://gateway.example/v1 project proj_env"));
    }

    void aFreshInstallHasNoSavedAccount()
    {
        QSettings().setValue(QStringLiteral("alerts/mode"), QStringLiteral("off"));
        QVERIFY(!Accounts::migrateLegacySettings());
        QCOMPARE(Accounts::saved().size(), 0);
    }

    void keyEntriesAreTheEarlierOnesForOpenAI()
    {
        // The strings earlier versions' AccountSettings::keyAccount() gave for the same settings.
        Account account = make(QStringLiteral("x"), Provider::OpenAI);
        QCOMPARE(account.keyAccount(), QStringLiteral("api-key https://api.openai.com/v1"));
        account.baseUrl = QStringLiteral(" https://API.openai.com/v1/ ");
        QCOMPARE(account.keyAccount(), QStringLiteral("api-key https://api.openai.com/v1"));
        account.baseUrl = QStringLiteral("http://127.0.0.1:8080/v1");
        account.organization = QStringLiteral("org-1");
        account.project = QStringLiteral("proj_2");
        QCOMPARE(account.keyAccount(),
                 QStringLiteral("api-key http://127.0.0.1:8080/v1 organization org-1 project proj_2"));
        // Other providers put their id first; scope fields of another provider play no part.
        Account anthropic = make(QStringLiteral("y"), Provider::Anthropic);
        anthropic.organization = QStringLiteral("org-1");
        QCOMPARE(anthropic.keyAccount(), QStringLiteral("anthropic api-key https://api.anthropic.com"));
        QCOMPARE(make(QStringLiteral("z"), Provider::Gemini).keyAccount(),
                 QStringLiteral("gemini api-key https://generativelanguage.googleapis.com"));
        QCOMPARE(make(QStringLiteral("w"), Provider::Azure, QStringLiteral("https://r.openai.azure.com/"))
                     .keyAccount(),
                 QStringLiteral("azure api-key https://r.openai.azure.com"));
    }

    void cacheNamesAreTheEarlierOnesForOpenAI()
    {
        Account account = make(QStringLiteral("x"), Provider::OpenAI);
        const QString key = QStringLiteral("sk-test-0123456789");
        QCOMPARE(account.cacheName(key),
                 QStringLiteral("api.openai.com-v1___") + keyHash(key) + QStringLiteral(".sqlite"));
        account.baseUrl = QStringLiteral("http://127.0.0.1:8080/v1");
        account.organization = QStringLiteral("org-1");
        account.project = QStringLiteral("proj_2");
        QCOMPARE(account.cacheName(key), QStringLiteral("127.0.0.1-8080-v1_org-1_proj_2_") + keyHash(key) +
                                             QStringLiteral(".sqlite"));
        // The very file the window and the headless commands open.
        ApiConfig earlier;
        earlier.baseUrl = QUrl(account.baseUrl);
        earlier.organization = account.organization;
        earlier.project = account.project;
        earlier.apiKey = key;
        QCOMPARE(account.cacheName(key), QFileInfo(BatchCache::defaultPath(earlier)).fileName());
    }

    void cacheNamesAreDistinctPerAccount()
    {
        const QString key = QStringLiteral("k");
        QSet<QString> names;
        for (Provider provider : Providers::all())
            names.insert(
                make(QStringLiteral("a"), provider, QStringLiteral("http://127.0.0.1:9")).cacheName(key));
        Account scoped = make(QStringLiteral("b"), Provider::OpenAI, QStringLiteral("http://127.0.0.1:9"));
        scoped.project = QStringLiteral("proj_2");
        names.insert(scoped.cacheName(key));
        names.insert(make(QStringLiteral("c"), Provider::OpenAI, QStringLiteral("http://127.0.0.1:9"))
                         .cacheName(QStringLiteral("another key")));
        QCOMPARE(names.size(), 6);
        // A token that changes every hour does not make a new cache every hour.
        qputenv("AZURE_OPENAI_AD_TOKEN", "t1");
        qputenv("AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com");
        const Account azure = Accounts::fromEnvironment().at(0);
        QCOMPARE(azure.cacheName(QStringLiteral("t1")), azure.cacheName(QStringLiteral("t2")));
    }

    void whatCannotBeSaved_data()
    {
        QTest::addColumn<QList<Account>>("accounts");
        QTest::addColumn<bool>("hasKey");
        QTest::addColumn<QString>("problem"); // a part of it; empty: none
        const Account a = make(QStringLiteral("A"), Provider::OpenAI);
        const Account b = make(QStringLiteral("B"), Provider::OpenAI, QStringLiteral("https://b.example/v1"));
        Account bProject = b;
        bProject.name = QStringLiteral("B2");
        bProject.project = QStringLiteral("proj_x");
        QTest::newRow("fine") << QList<Account>{a, b} << true << QString();
        QTest::newRow("no name") << QList<Account>{make(QStringLiteral("  "), Provider::OpenAI)} << false
                                 << "needs a name";
        QTest::newRow("name taken") << QList<Account>{make(QStringLiteral("a"), Provider::Gemini), a} << false
                                    << "another account is named \"A\"";
        QTest::newRow("same key entry")
            << QList<Account>{make(QStringLiteral("C"), Provider::OpenAI), a} << false << "share one key";
        QTest::newRow("another project") << QList<Account>{bProject, b} << false << QString();
        QTest::newRow("azure without endpoint")
            << QList<Account>{make(QStringLiteral("Z"), Provider::Azure)} << false << "no endpoint";
        QTest::newRow("not a url") << QList<Account>{make(QStringLiteral("U"), Provider::OpenAI,
                                                          QStringLiteral("ftp://x/"))}
                                   << false << "not an http(s) URL";
        QTest::newRow("plain http with a key")
            << QList<Account>{make(QStringLiteral("H"), Provider::Anthropic,
                                   QStringLiteral("http://batches.example"))}
            << true << "plain http://";
        QTest::newRow("plain http without a key")
            << QList<Account>{make(QStringLiteral("H"), Provider::Anthropic,
                                   QStringLiteral("http://batches.example"))}
            << false << QString();
        QTest::newRow("plain http to this machine")
            << QList<Account>{make(QStringLiteral("H"), Provider::Gemini,
                                   QStringLiteral("http://localhost:8080"))}
            << true << QString();
    }

    void whatCannotBeSaved()
    {
        QFETCH(QList<Account>, accounts);
        QFETCH(bool, hasKey);
        QFETCH(QString, problem);
        const QString why = Accounts::problem(accounts, 0, hasKey);
        if (problem.isEmpty())
            QVERIFY2(why.isEmpty(), qPrintable(why));
        else
            QVERIFY2(why.contains(problem), qPrintable(why));
    }

    void namesStayUniqueWhenTheEnvironmentTakesOne()
    {
        // Saved when OPENAI_API_KEY was not set; now it is, and its account is named "OpenAI".
        Accounts::save(
            {make(QStringLiteral("OpenAI"), Provider::OpenAI, QStringLiteral("https://a.example/v1")),
             make(QStringLiteral("OpenAI (saved)"), Provider::OpenAI,
                  QStringLiteral("https://b.example/v1"))});
        qputenv("OPENAI_API_KEY", "sk-1");
        const QList<Account> all = Accounts::all();
        QCOMPARE(all.size(), 3);
        QStringList names;
        for (const Account &account : all) {
            QVERIFY2(!names.contains(account.name, Qt::CaseInsensitive), qPrintable(account.name));
            names << account.name;
        }
        QCOMPARE(all.at(0).name, QStringLiteral("OpenAI"));
        QVERIFY(all.at(1).name.startsWith(QStringLiteral("OpenAI (saved")));
        QCOMPARE(all.at(2).name, QStringLiteral("OpenAI (saved)")); // its own name, taken by nobody
    }

    void theLegacyKeyGoesOnlyToTheMigratedAccountOrTheOldServer()
    {
        // No earlier settings: the old server is OpenAI's own.
        QVERIFY(Accounts::mayAdoptLegacyKey(make(QStringLiteral("OpenAI"), Provider::OpenAI)));
        QVERIFY(!Accounts::mayAdoptLegacyKey(make(QStringLiteral("Proxy"), Provider::OpenAI,
                                                  QStringLiteral("https://api.some-proxy.example/v1"))));
        QVERIFY(!Accounts::mayAdoptLegacyKey(make(QStringLiteral("Claude"), Provider::Anthropic)));
        Account environment = make(QStringLiteral("OpenAI"), Provider::OpenAI);
        environment.fromEnvironment = true;
        QVERIFY(!Accounts::mayAdoptLegacyKey(environment));

        // Earlier versions watched another server: the account migrated from them takes their key.
        QSettings().setValue(QStringLiteral("account/baseUrl"),
                             QStringLiteral("https://llm.corp.example/v1"));
        const QList<Account> migrated = Accounts::saved();
        QCOMPARE(migrated.size(), 1);
        QVERIFY(Accounts::mayAdoptLegacyKey(migrated.first()));
        QVERIFY(!Accounts::mayAdoptLegacyKey(make(QStringLiteral("Proxy"), Provider::OpenAI,
                                                  QStringLiteral("https://api.some-proxy.example/v1"))));
        // Saving the accounts again (the dialog's OK) keeps the mark.
        Accounts::save(migrated);
        QVERIFY(Accounts::mayAdoptLegacyKey(Accounts::saved().first()));
    }
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "tst_accounts.moc"
