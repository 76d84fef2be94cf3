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

    bool isLoopback() const;
    // Why sending the key to baseUrl would be unsafe, or empty when it is fine.
    QString insecureTransportReason() const;
    // baseUrl + "/" + path, with the query.
    QUrl endpoint(const QString &path, const QUrlQuery &query = QUrlQuery()) const;
    // For display: "sk-...abcd", never the key itself.
    QString maskedKey() const;
};
