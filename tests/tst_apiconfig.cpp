#include "core/api/apiconfig.h"

#include <QTest>

class TestApiConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        for (const char *name : {"OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID",
                                 "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN", "AZURE_OPENAI_ENDPOINT",
                                 "OPENAI_API_VERSION", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL",
                                 "GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GEMINI_BASE_URL"})
            qunsetenv(name);
    }

    void eachProviderReadsItsOwnVariables()
    {
        cleanup();
        qputenv("OPENAI_API_KEY", "sk-openai");
        qputenv("AZURE_OPENAI_API_KEY", "azure-key");
        qputenv("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com");
        qputenv("OPENAI_API_VERSION", "2024-10-21");
        qputenv("ANTHROPIC_API_KEY", "sk-ant");
        qputenv("GOOGLE_API_KEY", "google-key");
        const ApiConfig openai = ApiConfig::fromEnvironment(Provider::OpenAI);
        QCOMPARE(openai.provider, Provider::OpenAI);
        QCOMPARE(openai.apiKey, QStringLiteral("sk-openai"));
        const ApiConfig azure = ApiConfig::fromEnvironment(Provider::Azure);
        QCOMPARE(azure.provider, Provider::Azure);
        QCOMPARE(azure.apiKey, QStringLiteral("azure-key"));
        QCOMPARE(azure.baseUrl, QUrl(QStringLiteral("https://res.openai.azure.com")));
        QCOMPARE(azure.apiVersion, QStringLiteral("2024-10-21"));
        const ApiConfig anthropic = ApiConfig::fromEnvironment(Provider::Anthropic);
        QCOMPARE(anthropic.apiKey, QStringLiteral("sk-ant"));
        QCOMPARE(anthropic.baseUrl, QUrl(QStringLiteral("https://api.anthropic.com")));
        const ApiConfig gemini = ApiConfig::fromEnvironment(Provider::Gemini);
        QCOMPARE(gemini.apiKey, QStringLiteral("google-key")); // GEMINI_API_KEY unset
        QCOMPARE(gemini.baseUrl, QUrl(QStringLiteral("https://generativelanguage.googleapis.com")));
        qputenv("GEMINI_API_KEY", "gemini-key");
        qputenv("GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:9000");
        qputenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9001");
        QCOMPARE(ApiConfig::fromEnvironment(Provider::Gemini).apiKey, QStringLiteral("gemini-key"));
        QCOMPARE(ApiConfig::fromEnvironment(Provider::Gemini).baseUrl,
                 QUrl(QStringLiteral("http://127.0.0.1:9000")));
        QCOMPARE(ApiConfig::fromEnvironment(Provider::Anthropic).baseUrl,
                 QUrl(QStringLiteral("http://127.0.0.1:9001")));
        // The Entra ID token and the key are exclusive; the token wins, as in AzureOpenAI.
        qputenv("AZURE_OPENAI_AD_TOKEN", "eyJ-token");
        const ApiConfig token = ApiConfig::fromEnvironment(Provider::Azure);
        QCOMPARE(token.adToken, QStringLiteral("eyJ-token"));
        QVERIFY(token.apiKey.isEmpty());
        QVERIFY(token.hasCredential());
        cleanup();
        // Azure has no default endpoint: nothing is sent until one is given.
        QVERIFY(!ApiConfig::fromEnvironment(Provider::Azure).insecureTransportReason().isEmpty());
    }

    void theEntraTokenIsACredentialForThePlainHttpRule()
    {
        ApiConfig config;
        config.provider = Provider::Azure;
        config.baseUrl = QUrl(QStringLiteral("http://res.example.com"));
        config.adToken = QStringLiteral("eyJ-token");
        QVERIFY(config.insecureTransportReason().contains(QStringLiteral("access token")));
        config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080"));
        QVERIFY(config.insecureTransportReason().isEmpty());
    }

    void defaultsAreOpenAIs()
    {
        cleanup();
        const ApiConfig config = ApiConfig::fromEnvironment();
        QCOMPARE(config.baseUrl, QUrl(QStringLiteral("https://api.openai.com/v1")));
        QVERIFY(config.apiKey.isEmpty());
        QCOMPARE(config.maxRetries, 2);
        QVERIFY(config.insecureTransportReason().isEmpty());
    }

    void readsTheSdkVariables()
    {
        qputenv("OPENAI_BASE_URL", "https://gateway.example.com/openai/v1/");
        qputenv("OPENAI_API_KEY", " sk-proj-abcdefghijklmnop ");
        qputenv("OPENAI_ORG_ID", "org-123");
        qputenv("OPENAI_PROJECT_ID", "proj_456");
        const ApiConfig config = ApiConfig::fromEnvironment();
        QCOMPARE(config.apiKey, QStringLiteral("sk-proj-abcdefghijklmnop"));
        QCOMPARE(config.organization, QStringLiteral("org-123"));
        QCOMPARE(config.project, QStringLiteral("proj_456"));
        // A trailing slash on the base URL does not double up.
        QCOMPARE(config.endpoint(QStringLiteral("batches")).toString(),
                 QStringLiteral("https://gateway.example.com/openai/v1/batches"));
    }

    void endpointKeepsTheQuery()
    {
        ApiConfig config;
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
        QCOMPARE(config.endpoint(QStringLiteral("batches"), query).toString(),
                 QStringLiteral("https://api.openai.com/v1/batches?limit=100"));
    }

    void plainHttpOnlyToLoopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("refused");
        QTest::newRow("https remote") << "https://api.openai.com/v1"
                                      << "sk-x" << false;
        QTest::newRow("http remote with key") << "http://api.example.com/v1"
                                              << "sk-x" << true;
        QTest::newRow("http remote without key") << "http://api.example.com/v1"
                                                 << "" << false;
        QTest::newRow("http 127.0.0.1") << "http://127.0.0.1:8080/v1"
                                        << "sk-x" << false;
        QTest::newRow("http 127.5.5.5") << "http://127.5.5.5/v1"
                                        << "sk-x" << false;
        QTest::newRow("http localhost") << "http://LOCALHOST:1/v1"
                                        << "sk-x" << false;
        QTest::newRow("http ::1") << "http://[::1]:9/v1"
                                  << "sk-x" << false;
        QTest::newRow("http private lan") << "http://192.168.1.10/v1"
                                          << "sk-x" << true;
        QTest::newRow("http localhost lookalike") << "http://localhost.evil.com/v1"
                                                  << "sk-x" << true;
        QTest::newRow("ftp") << "ftp://api.example.com/v1"
                             << "" << true;
        QTest::newRow("not a url") << "api.openai.com"
                                   << "sk-x" << true;
    }

    void plainHttpOnlyToLoopback()
    {
        QFETCH(QString, url);
        QFETCH(QString, key);
        QFETCH(bool, refused);
        ApiConfig config;
        config.baseUrl = QUrl(url);
        config.apiKey = key;
        const QString reason = config.insecureTransportReason();
        QCOMPARE(!reason.isEmpty(), refused);
        if (refused && !key.isEmpty())
            QVERIFY2(!reason.contains(key), "the reason must not show the key");
    }

    void maskedKeyHidesTheSecret()
    {
        ApiConfig config;
        config.apiKey = QStringLiteral("sk-proj-SECRETSECRETSECRET-wxyz");
        QCOMPARE(config.maskedKey(), QStringLiteral("sk-...wxyz"));
        QVERIFY(!config.maskedKey().contains(QStringLiteral("SECRET")));
        config.apiKey = QStringLiteral("short");
        QCOMPARE(config.maskedKey(), QStringLiteral("****"));
    }
};

QTEST_GUILESS_MAIN(TestApiConfig)
#include "tst_apiconfig.moc"
