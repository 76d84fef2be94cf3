#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QString>

#include <array>

struct SimBatch;

// The result files of the other providers for the same simulated requests SimFileContent writes in OpenAI's
// format (the same plan: SimRequestPlan), with the batch's custom_ids (Gemini: keys). Lines come in the order
// the requests ran, not input order, so readers must match on their ids.
namespace SimProviderLines {
// Anthropic's results for the counts of an ended Message Batch (succeeded, errored, canceled, expired): the
// requests that ran as succeeded or errored, the others as canceled or expired. When a count asks for more
// lines than the batch has requests (an empty batch shown as expired), the extra lines get ids past the last.
QByteArray anthropicResults(const SimBatch &batch, const QString &model, const std::array<qint64, 4> &counts);
// Gemini's responses file: one line per request that ran (`succeeded` + `failed` of them), keyed by its key.
QByteArray geminiResponses(const SimBatch &batch, const QString &model, qint64 succeeded, qint64 failed);
// The input file a generated batch came from, in Gemini's line format: {"key", "request":{"contents"}}.
QByteArray geminiInput(const SimBatch &batch);
// The same results inline, in input order, as a batch created with inline requests shows them:
// {response|error, metadata{key}}.
QJsonArray geminiInlined(const SimBatch &batch, const QString &model, qint64 succeeded, qint64 failed);
} // namespace SimProviderLines
