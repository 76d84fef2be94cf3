#pragma once

#include "core/providers/provideradapter.h"

// Anthropic's Message Batches. `processing_status` has three words; `ended` becomes a terminal status from
// the counts (statusFor). Counts map onto total/completed/failed, the rest go to Batch::providerDetails.
class AnthropicAdapter : public ProviderAdapter
{
public:
    static constexpr QLatin1String kVersion{"2023-06-01"};

    Provider provider() const override { return Provider::Anthropic; }
    int maxPageSize() const override { return 1000; }

    Request list(const ApiConfig &config, const QString &cursor, int limit) const override;
    Request retrieve(const ApiConfig &config, const QString &id) const override;
    Request cancel(const ApiConfig &config, const QString &id) const override;
    Request fileInfo(const ApiConfig &config, const QString &fileId) const override;
    Request fileContent(const ApiConfig &config, const QString &fileId) const override;
    Request results(const ApiConfig &config, const Batch &batch) const override;

    Request uploadFile(const ApiConfig &config, const QString &path, const QString &purpose) const override;
    Request createBatch(const ApiConfig &config, const BatchCreateSpec &spec) const override;
    bool createsFromUploadedFile() const override { return false; }

    void authorize(const ApiConfig &config, QNetworkRequest *request) const override;
    QByteArrayList requestIdHeaders() const override { return {QByteArrayLiteral("request-id")}; }

    Parsed<Batch> parseBatch(const QByteArray &body) const override;
    Parsed<BatchPage> parsePage(const QByteArray &body) const override;
    Parsed<FileInfo> parseFileInfo(const QByteArray &body) const override;
    // Results {custom_id, result: {type, message | error}}; input {custom_id, params}.
    Parsed<ResultLine> readResultLine(const QByteArray &line) const override;
    Parsed<InputLine> readInputLine(const QByteArray &line) const override;
    InputShape inputShape() const override { return {"custom_id", "params.model", false, true, 64}; }

    struct Counts
    {
        qint64 processing = 0, succeeded = 0, errored = 0, canceled = 0, expired = 0;
    };
    // The rule for `ended` (the simulator's anthropic dialect encodes the same): cancelled if any request
    // was canceled or a cancel was initiated; else expired if any expired; else failed if none succeeded and
    // some errored; else completed. in_progress and canceling map to in_progress and cancelling.
    static BatchStatus statusFor(const QString &processingStatus, const Counts &counts, bool cancelInitiated);
};
