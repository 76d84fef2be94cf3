#pragma once

#include "core/providers/provideradapter.h"

// Gemini API Batch Mode: each batch is a long-running operation {"name": "batches/ID", "metadata": {...}}.
// The id is the part of `name` after "batches/"; BATCH_STATE_* maps onto the common statuses; batchStats
// (int64 counts written as strings) onto the counts; the responses file is the output file.
class GeminiAdapter : public ProviderAdapter
{
public:
    Provider provider() const override { return Provider::Gemini; }
    // Not documented; Google's list APIs commonly cap pages at 1000, and 100 is what the others take.
    int maxPageSize() const override { return 100; }

    Request list(const ApiConfig &config, const QString &cursor, int limit) const override;
    Request retrieve(const ApiConfig &config, const QString &id) const override;
    Request cancel(const ApiConfig &config, const QString &id) const override;
    bool cancelReturnsBatch() const override { return false; }
    bool pagesStartAfterAnId() const override { return false; }
    // `fileId` as the batch names it: "files/abc".
    Request fileInfo(const ApiConfig &config, const QString &fileId) const override;
    Request fileContent(const ApiConfig &config, const QString &fileId) const override;

    Request uploadFile(const ApiConfig &config, const QString &path, const QString &purpose) const override;
    Request createBatch(const ApiConfig &config, const BatchCreateSpec &spec) const override;

    void authorize(const ApiConfig &config, QNetworkRequest *request) const override;
    QByteArrayList requestIdHeaders() const override { return {QByteArrayLiteral("x-request-id")}; }

    Parsed<Batch> parseBatch(const QByteArray &body) const override;
    Parsed<BatchPage> parsePage(const QByteArray &body) const override;
    Parsed<FileInfo> parseFileInfo(const QByteArray &body) const override;
    // Responses {key, response | error: {code, message, status}}; input {key, request}.
    Parsed<ResultLine> readResultLine(const QByteArray &line) const override;
    Parsed<InputLine> readInputLine(const QByteArray &line) const override;
    // The model is the batch's, named when it is created: a line may name none.
    InputShape inputShape() const override { return {"key", "request.model", false, false}; }
    // {"error": {"code": 400, "message": "...", "status": "INVALID_ARGUMENT"}}: the status is the code.
    ApiError parseError(int status, const QByteArray &body, const QString &requestId) const override;

    static BatchStatus statusFor(const QString &state);

private:
    // "files/abc" -> "abc", or a refusal.
    static QString fileName(const QString &fileId, QString *refusal);
};
