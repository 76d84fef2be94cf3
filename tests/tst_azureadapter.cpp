#include "core/providers/azureadapter.h"

#include <QTest>

namespace {
ApiConfig azure(const QString &endpoint, const QString &version)
{
    ApiConfig config;
    config.provider = Provider::Azure;
    config.baseUrl = QUrl(endpoint);
    config.apiVersion = version;
    config.apiKey = QStringLiteral("azure-key");
    return config;
}
} // namespace

// Azure OpenAI: OpenAI's objects, its own paths and credentials.
class TestAzureAdapter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pathsAsAzureOpenAiBuildsThem_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("cancel");
        const QString r = QStringLiteral("https://res.openai.azure.com");
        QTest::newRow("v1") << r << QString() << r + QStringLiteral("/openai/v1/batches?limit=100")
                            << r + QStringLiteral("/openai/v1/batches/batch_1/cancel");
        QTest::newRow("v1, trailing slash")
            << r + QStringLiteral("/") << QString() << r + QStringLiteral("/openai/v1/batches?limit=100")
            << r + QStringLiteral("/openai/v1/batches/batch_1/cancel");
        QTest::newRow("v1, base given whole") << r + QStringLiteral("/openai/v1") << QString()
                                              << r + QStringLiteral("/openai/v1/batches?limit=100")
                                              << r + QStringLiteral("/openai/v1/batches/batch_1/cancel");
        QTest::newRow("dated") << r << QStringLiteral("2024-10-21")
                               << r + QStringLiteral("/openai/batches?limit=100&api-version=2024-10-21")
                               << r + QStringLiteral("/openai/batches/batch_1/cancel?api-version=2024-10-21");
        QTest::newRow("dated, /openai given")
            << r + QStringLiteral("/openai/") << QStringLiteral("2025-04-01-preview")
            << r + QStringLiteral("/openai/batches?limit=100&api-version=2025-04-01-preview")
            << r + QStringLiteral("/openai/batches/batch_1/cancel?api-version=2025-04-01-preview");
    }

    void pathsAsAzureOpenAiBuildsThem()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, version);
        QFETCH(QString, list);
        QFETCH(QString, cancel);
        const AzureAdapter adapter;
        const ApiConfig config = azure(endpoint, version);
        QCOMPARE(adapter.list(config, QString(), 100).url.toString(), list);
        const ProviderAdapter::Request c = adapter.cancel(config, QStringLiteral("batch_1"));
        QCOMPARE(c.verb, QByteArray("POST"));
        QCOMPARE(c.url.toString(), cancel);
        QVERIFY(adapter.fileContent(config, QStringLiteral("file-1"))
                    .url.path()
                    .endsWith(QStringLiteral("/files/file-1/content")));
    }

    void keyOrEntraToken()
    {
        const AzureAdapter adapter;
        ApiConfig config = azure(QStringLiteral("https://res.openai.azure.com"), QString());
        QNetworkRequest keyed;
        adapter.authorize(config, &keyed);
        QCOMPARE(keyed.rawHeader("api-key"), QByteArray("azure-key"));
        QVERIFY(!keyed.hasRawHeader("Authorization"));
        config.adToken = QStringLiteral("eyJ0-token");
        QNetworkRequest token;
        adapter.authorize(config, &token);
        QCOMPARE(token.rawHeader("Authorization"), QByteArray("Bearer eyJ0-token"));
        QVERIFY(!token.hasRawHeader("api-key")); // never both
        QCOMPARE(adapter.requestIdHeaders().first(), QByteArray("apim-request-id"));
    }

    void errorsOfItsShape()
    {
        const ApiError error = AzureAdapter().parseError(
            429, R"({"error":{"code":"token_limit_exceeded","message":"Enqueued token limit reached"}})",
            QStringLiteral("apim-1"));
        QCOMPARE(error.code, QStringLiteral("token_limit_exceeded"));
        QCOMPARE(error.requestId, QStringLiteral("apim-1"));
    }
};

QTEST_GUILESS_MAIN(TestAzureAdapter)
#include "tst_azureadapter.moc"
