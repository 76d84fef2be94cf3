#pragma once

#include "core/batch/batchstatus.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

#include <optional>

// Request counts as the API reports them; `present` is false when the server sent none.
struct RequestCounts
{
    qint64 total = 0;
    qint64 completed = 0;
    qint64 failed = 0;
    bool present = false;

    friend bool operator==(const RequestCounts &a, const RequestCounts &b)
    {
        return a.total == b.total && a.completed == b.completed && a.failed == b.failed &&
               a.present == b.present;
    }
};

// Token usage; only batches created after 2025-09-07 carry it.
struct BatchUsage
{
    qint64 inputTokens = 0;
    qint64 cachedTokens = 0;
    qint64 outputTokens = 0;
    qint64 reasoningTokens = 0;
    qint64 totalTokens = 0;

    friend bool operator==(const BatchUsage &a, const BatchUsage &b)
    {
        return a.inputTokens == b.inputTokens && a.cachedTokens == b.cachedTokens &&
               a.outputTokens == b.outputTokens && a.reasoningTokens == b.reasoningTokens &&
               a.totalTokens == b.totalTokens;
    }
};

// One entry of a batch's `errors.data` list.
struct BatchError
{
    QString code;
    QString message;
    QString param;
    std::optional<qint64> line;

    friend bool operator==(const BatchError &a, const BatchError &b)
    {
        return a.code == b.code && a.message == b.message && a.param == b.param && a.line == b.line;
    }
};

// One batch, typed, plus the object exactly as the server sent it (unknown fields included).
struct Batch
{
    QString id;
    QString endpoint;
    QString model;
    QString inputFileId;
    QString outputFileId; // empty when absent, null or ""
    QString errorFileId;
    QString completionWindow;
    BatchStatus status;
    // The provider's own word for the status, exactly as sent ("in_progress", "ended",
    // "BATCH_STATE_RUNNING").
    QString rawStatus;

    // Unix seconds; absent when the server sent null, nothing or "".
    qint64 createdAt = 0;
    std::optional<qint64> inProgressAt;
    std::optional<qint64> expiresAt;
    std::optional<qint64> finalizingAt;
    std::optional<qint64> completedAt;
    std::optional<qint64> failedAt;
    std::optional<qint64> expiredAt;
    std::optional<qint64> cancellingAt;
    std::optional<qint64> cancelledAt;

    RequestCounts requestCounts;
    std::optional<BatchUsage> usage;
    QList<BatchError> errors;
    QMap<QString, QString> metadata;
    // What a provider reports beyond the common fields, in the order the detail pane shows them, e.g.
    // Anthropic's ("processing", "12"), ("canceled", "0"), ("expired", "0"); Gemini's ("pending", "3");
    // Together's ("progress", "42%"). Labels are the provider's own words.
    QList<QPair<QString, QString>> providerDetails;
    // Where the results are when they are not an output file: Anthropic's `results_url`. Downloads go
    // through ApiClient::downloadResults, which never sends the key to another host.
    QString resultsUrl;

    // Compact JSON of the object as received: what export and the raw view show.
    QByteArray json;

    QJsonObject rawObject() const;
    static QDateTime toDateTime(qint64 unixSeconds)
    {
        return QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC);
    }
    QDateTime created() const { return toDateTime(createdAt); }
    // The time the batch reached its terminal status, if it has.
    std::optional<qint64> endedAt() const;
};
