#pragma once

#include "core/providers/provider.h"

#include <QString>
#include <QUrl>
#include <QUrlQuery>

// Where and how to reach a Batch API: base URL, credentials and the client's patience.
struct ApiConfig
{
    static constexpr QLatin1String kDefaultBaseUrl{"https://api.openai.com/v1"};

    Provider provider = Provider::OpenAI;
    QUrl baseUrl{kDefaultBaseUrl}; // Azure: the resource's endpoint
    QString apiKey;
    QString apiVersion; // Azure: empty for the v1 paths, else the dated paths with ?api-version=
    QString adToken;    // Azure: a Microsoft Entra ID token, sent as a bearer token instead of the key
    QString organization;
    QString project;
    int maxRetries = 2; // the official SDKs' default
    int connectTimeoutMs = 10'000;
    int transferTimeoutMs = 60'000; // longest silence in a transfer before it counts as timed out
    // A trickle defeats the silence check: over each transfer window, this many bytes a second must arrive.
    int minBytesPerSecond = 1024;
    // Largest list or retrieve body kept in memory; a hostile page of hundreds of MB is refused, not parsed.
    qint64 maxResponseBytes = qint64(64) << 20;

    // OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID, as the SDKs read them.
    static ApiConfig fromEnvironment();
    // The provider's variables, as its official SDK reads them:
    //   openai     OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID
    //   azure      AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN, AZURE_OPENAI_ENDPOINT, OPENAI_API_VERSION
    //   anthropic  ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL
    //   gemini     GEMINI_API_KEY (else GOOGLE_API_KEY), GOOGLE_GEMINI_BASE_URL
    static ApiConfig fromEnvironment(Provider provider);
    // The variable that holds the provider's key, for messages ("OPENAI_API_KEY is not set").
    static QString keyVariable(Provider provider);
    // Where the provider lives when no base URL is given (empty for Azure: each resource has its own).
    static QUrl defaultBaseUrl(Provider provider);
    // Whether a credential (key or token) is set.
    bool hasCredential() const { return !apiKey.isEmpty() || !adToken.isEmpty(); }

    bool isLoopback() const;
    // Why sending the key to baseUrl would be unsafe, or empty when it is fine.
    QString insecureTransportReason() const;
    // baseUrl + "/" + path, with the query.
    QUrl endpoint(const QString &path, const QUrlQuery &query = QUrlQuery()) const;
    // For display: "sk-...abcd", never the key itself.
    QString maskedKey() const;
};
