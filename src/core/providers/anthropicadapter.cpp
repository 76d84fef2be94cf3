#include "core/providers/anthropicadapter.h"

#include "core/json/jsondocument.h"
#include "core/providers/providerjson.h"

using ProviderJson::element;
using ProviderJson::member;
using ProviderJson::Value;

namespace {

Parsed<Batch> readBatch(const element &object, const JsonSlicer::Slice *source)
{
    Parsed<Batch> result;
    Batch &batch = result.value;
    ProviderJson::Reader reader(&result.warnings);
    const Value o = object;
    const Value id = member(o, "id");
    if (!id || !id->is_string() || ProviderJson::isAbsent(id)) {
        result.error = QStringLiteral("required field 'id' is missing or not a string");
        return result;
    }
    batch.id = reader.string(id, "id");
    // One held batch whose id cannot be asked for would fail every refresh after it: refused here, loudly.
    if (const QString why = ProviderAdapter::unusableIdReason(batch.id); !why.isEmpty()) {
        result.error = QStringLiteral("required field 'id' is unusable: %1").arg(why);
        return result;
    }
    const Value status = member(o, "processing_status");
    if (!status || !status->is_string() || ProviderJson::isAbsent(status)) {
        result.error =
            batch.id + QStringLiteral(": required field 'processing_status' is missing or not a string");
        return result;
    }
    batch.rawStatus = reader.string(status, "processing_status");
    const std::optional<qint64> created = reader.time(member(o, "created_at"), "created_at");
    if (!created) {
        result.error = batch.id + QStringLiteral(": required field 'created_at' is not an RFC 3339 time");
        return result;
    }
    batch.createdAt = *created;
    batch.expiresAt = reader.time(member(o, "expires_at"), "expires_at");
    const std::optional<qint64> cancelInitiated =
        reader.time(member(o, "cancel_initiated_at"), "cancel_initiated_at");
    batch.cancellingAt = cancelInitiated;
    const std::optional<qint64> ended = reader.time(member(o, "ended_at"), "ended_at");
    const std::optional<qint64> archived = reader.time(member(o, "archived_at"), "archived_at");
    batch.resultsUrl = reader.string(member(o, "results_url"), "results_url");

    AnthropicAdapter::Counts c;
    const Value counts = reader.object(member(o, "request_counts"), "request_counts");
    if (counts) {
        batch.requestCounts.present = true;
        c.processing = reader.count(member(counts, "processing"), "request_counts.processing").value_or(0);
        c.succeeded = reader.count(member(counts, "succeeded"), "request_counts.succeeded").value_or(0);
        c.errored = reader.count(member(counts, "errored"), "request_counts.errored").value_or(0);
        c.canceled = reader.count(member(counts, "canceled"), "request_counts.canceled").value_or(0);
        c.expired = reader.count(member(counts, "expired"), "request_counts.expired").value_or(0);
        using ProviderJson::saturatingAdd;
        batch.requestCounts.total = saturatingAdd(
            saturatingAdd(saturatingAdd(c.processing, c.succeeded), saturatingAdd(c.errored, c.canceled)),
            c.expired);
        batch.requestCounts.completed = c.succeeded;
        batch.requestCounts.failed = c.errored;
        batch.providerDetails = {{QStringLiteral("processing"), QString::number(c.processing)},
                                 {QStringLiteral("canceled"), QString::number(c.canceled)},
                                 {QStringLiteral("expired"), QString::number(c.expired)}};
    }
    if (archived)
        batch.providerDetails.append(
            {QStringLiteral("archived_at"), reader.string(member(o, "archived_at"), "")});
    batch.status = AnthropicAdapter::statusFor(batch.rawStatus, c, cancelInitiated.has_value());
    ProviderJson::setEndedAt(&batch, ended);
    batch.json = source ? JsonDocument::compact(*source) : JsonDocument::compact(object);
    for (QString &warning : result.warnings)
        warning = batch.id + QStringLiteral(": ") + warning;
    return result;
}

} // namespace

BatchStatus AnthropicAdapter::statusFor(const QString &processingStatus, const Counts &counts,
                                        bool cancelInitiated)
{
    if (processingStatus == QLatin1String("in_progress"))
        return BatchStatus::InProgress;
    if (processingStatus == QLatin1String("canceling"))
        return BatchStatus::Cancelling;
    if (processingStatus != QLatin1String("ended"))
        // Unknown, with the word as sent: never read through OpenAI's words ("completed" would be terminal).
        return BatchStatus::unknown(processingStatus);
    if (counts.canceled > 0 || cancelInitiated)
        return BatchStatus::Cancelled;
    if (counts.expired > 0)
        return BatchStatus::Expired;
    if (counts.succeeded == 0 && counts.errored > 0)
        return BatchStatus::Failed;
    return BatchStatus::Completed;
}

ProviderAdapter::Request AnthropicAdapter::list(const ApiConfig &config, const QString &cursor,
                                                int limit) const
{
    QUrlQuery query;
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("after_id"), QString::fromLatin1(QUrl::toPercentEncoding(cursor)));
    if (limit > 0)
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    Request request;
    request.url = config.endpoint(QStringLiteral("v1/messages/batches"), query);
    return request;
}

ProviderAdapter::Request AnthropicAdapter::retrieve(const ApiConfig &config, const QString &id) const
{
    return onItem(config, QByteArrayLiteral("GET"), id, QStringLiteral("v1/messages/batches/") + id);
}

ProviderAdapter::Request AnthropicAdapter::cancel(const ApiConfig &config, const QString &id) const
{
    return onItem(config, QByteArrayLiteral("POST"), id,
                  QStringLiteral("v1/messages/batches/") + id + QStringLiteral("/cancel"));
}

ProviderAdapter::Request AnthropicAdapter::fileInfo(const ApiConfig &, const QString &) const
{
    return refused(QStringLiteral("Anthropic's message batches have no files; their results are read with "
                                  "the batch"));
}

ProviderAdapter::Request AnthropicAdapter::fileContent(const ApiConfig &config, const QString &fileId) const
{
    return fileInfo(config, fileId);
}

ProviderAdapter::Request AnthropicAdapter::results(const ApiConfig &config, const Batch &batch) const
{
    if (batch.resultsUrl.isEmpty() && !batch.status.isTerminal())
        return refused(QStringLiteral("the batch %1 has no results until it has ended").arg(batch.id));
    // results_url is followed only on the account's own origin: the key must not travel to a host the
    // server names. Elsewhere (a proxy's upstream, or a hostile answer) the documented path on the
    // account's host serves the same results.
    const QUrl given(batch.resultsUrl, QUrl::StrictMode);
    if (!batch.resultsUrl.isEmpty() && sameOrigin(given, config.baseUrl)) {
        Request request;
        request.url = given;
        return request;
    }
    return onItem(config, QByteArrayLiteral("GET"), batch.id,
                  QStringLiteral("v1/messages/batches/") + batch.id + QStringLiteral("/results"));
}

void AnthropicAdapter::authorize(const ApiConfig &config, QNetworkRequest *request) const
{
    if (!config.apiKey.isEmpty())
        request->setRawHeader("x-api-key", config.apiKey.toUtf8());
    request->setRawHeader("anthropic-version", QByteArray(kVersion.data(), kVersion.size()));
}

Parsed<Batch> AnthropicAdapter::parseBatch(const QByteArray &body) const
{
    return ProviderJson::readObject(body, readBatch);
}

Parsed<BatchPage> AnthropicAdapter::parsePage(const QByteArray &body) const
{
    return ProviderJson::readPage(
        body, "data", false, readBatch, [](const element &root, Parsed<BatchPage> *page) {
            const Value hasMore = member(root, "has_more");
            if (!hasMore || !hasMore->is_bool()) {
                page->error = QStringLiteral("the list response's 'has_more' is %1, expected true or false")
                                  .arg(hasMore ? QStringLiteral("not a boolean") : QStringLiteral("missing"));
                return;
            }
            page->value.hasMore = hasMore->get_bool().value_unsafe();
            ProviderJson::Reader reader(&page->warnings);
            page->value.firstId = reader.string(member(root, "first_id"), "first_id");
            page->value.lastId = reader.string(member(root, "last_id"), "last_id");
        });
}

Parsed<FileInfo> AnthropicAdapter::parseFileInfo(const QByteArray &) const
{
    Parsed<FileInfo> result;
    result.error = QStringLiteral("Anthropic's message batches have no files");
    return result;
}

Parsed<ResultLine> AnthropicAdapter::readResultLine(const QByteArray &bytes) const
{
    Parsed<ResultLine> result;
    const JsonDocument document(bytes);
    result.error = ProviderJson::lineError(document);
    if (!result.ok())
        return result;
    const Value o = document.root();
    ResultLine &line = result.value;
    line.customId = ProviderJson::idString(member(o, "custom_id"));
    if (line.customId.isEmpty()) {
        result.error = QStringLiteral("no custom_id (a non-empty string)");
        return result;
    }
    ProviderJson::Reader reader(&result.warnings);
    const Value outcome = member(o, "result");
    const QString type = ProviderJson::idString(member(outcome, "type"));
    if (type == QLatin1String("succeeded")) {
        const Value message = member(outcome, "message");
        const Value usage = reader.object(member(message, "usage"), "result.message.usage");
        line.inputTokens = reader.count(member(usage, "input_tokens"), "usage.input_tokens");
        line.outputTokens = reader.count(member(usage, "output_tokens"), "usage.output_tokens");
        const Value content = member(message, "content");
        if (content && content->is_array()) {
            for (const element block : content->get_array()) {
                const Value text = member(block, "text");
                if (text && text->is_string()) {
                    line.answer = ProviderJson::brief(text);
                    break;
                }
            }
        }
    } else if (type == QLatin1String("errored")) {
        line.outcome = RequestOutcome::Failed;
        // {"type": "error", "error": {"type": "invalid_request_error", "message": ...}}; older results held
        // the inner object directly.
        Value error = member(outcome, "error");
        if (const Value inner = member(error, "error"); inner && inner->is_object())
            error = inner;
        line.errorCode = ProviderJson::codeText(member(error, "type"));
        line.errorMessage = reader.string(member(error, "message"), "result.error.message");
    } else if (type == QLatin1String("canceled") || type == QLatin1String("expired")) {
        line.outcome = RequestOutcome::NotRun;
        line.errorCode = type;
    } else {
        result.error = type.isEmpty() ? QStringLiteral("no result type")
                                      : QStringLiteral("unknown result type \"%1\"").arg(type.left(40));
    }
    return result;
}

Parsed<InputLine> AnthropicAdapter::readInputLine(const QByteArray &bytes) const
{
    Parsed<InputLine> result;
    const JsonDocument document(bytes);
    result.error = ProviderJson::lineError(document);
    if (!result.ok())
        return result;
    const Value o = document.root();
    result.value.customId = ProviderJson::idString(member(o, "custom_id"));
    result.value.model = ProviderJson::idString(member(member(o, "params"), "model"));
    return result;
}

ProviderAdapter::Request AnthropicAdapter::uploadFile(const ApiConfig &, const QString &,
                                                      const QString &) const
{
    return refused(QStringLiteral("Anthropic's message batches take their requests in the create call; there "
                                  "is no file to upload"));
}

ProviderAdapter::Request AnthropicAdapter::createBatch(const ApiConfig &config,
                                                       const BatchCreateSpec &spec) const
{
    if (spec.requestsPath.isEmpty())
        return refused(QStringLiteral("an Anthropic batch is created from a JSONL file of requests, and none "
                                      "was given"));
    // {"requests": [line, line, ...]}: each line ({custom_id, params}) goes as it is, streamed from the file.
    Request request;
    request.verb = QByteArrayLiteral("POST");
    request.url = config.endpoint(QStringLiteral("v1/messages/batches"));
    request.body = QByteArrayLiteral("{\"requests\":[");
    request.filePath = spec.requestsPath;
    request.bodyAfter = QByteArrayLiteral("]}");
    request.fileLinesAsJsonArray = true;
    return request;
}
