#pragma once

#include "core/providers/provideradapter.h"

// OpenAI's Batch API, and the services that copy it (Groq, OpenRouter, Together, LiteLLM, ...) under another
// base URL. Parsing is BatchParser's fast path; Together's upper-case statuses, RFC 3339 times and
// `progress` are read there too.
class OpenAiAdapter : public ProviderAdapter
{
public:
    Provider provider() const override { return Provider::OpenAI; }
    int maxPageSize() const override { return 100; }

    Request list(const ApiConfig &config, const QString &cursor, int limit) const override;
    Request retrieve(const ApiConfig &config, const QString &id) const override;
    Request cancel(const ApiConfig &config, const QString &id) const override;
    Request fileInfo(const ApiConfig &config, const QString &fileId) const override;
    Request fileContent(const ApiConfig &config, const QString &fileId) const override;

    Request uploadFile(const ApiConfig &config, const QString &path, const QString &purpose) const override;
    Request createBatch(const ApiConfig &config, const BatchCreateSpec &spec) const override;

    void authorize(const ApiConfig &config, QNetworkRequest *request) const override;
    QByteArrayList requestIdHeaders() const override { return {QByteArrayLiteral("x-request-id")}; }

    Parsed<Batch> parseBatch(const QByteArray &body) const override;
    Parsed<BatchPage> parsePage(const QByteArray &body) const override;
    Parsed<FileInfo> parseFileInfo(const QByteArray &body) const override;
    // Output and error lines {custom_id, response: {status_code, body}, error}; input {custom_id, method,
    // url, body}.
    Parsed<ResultLine> readResultLine(const QByteArray &line) const override;
    Parsed<InputLine> readInputLine(const QByteArray &line) const override;

protected:
    // `path` under the API's root: {base}/path for OpenAI; Azure puts /openai or /openai/v1 before it and
    // its api-version after.
    virtual QUrl url(const ApiConfig &config, const QString &path, QUrlQuery query = QUrlQuery()) const;
    Request item(const ApiConfig &config, const QByteArray &verb, const QString &collection,
                 const QString &id, const QString &suffix = QString()) const;
};
