#include "core/api/apiconfig.h"

#include <QTest>

class TestApiConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        for (const char *name : {"OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"})
            qunsetenv(name);
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
