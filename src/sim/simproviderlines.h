#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QString>

#include <array>

// The JSONL result files of the other providers, for the same simulated requests SimFileContent writes in
// OpenAI's format. Lines come out of order, as the real APIs' do, so readers must match on their ids.
namespace SimProviderLines {
// Anthropic's results: `counts` lines of each type (succeeded, errored, canceled, expired), custom_id
// request-N.
QByteArray anthropicResults(const QString &batchId, const QString &model,
                            const std::array<qint64, 4> &counts);
// Gemini's responses file: `succeeded` responses, then `failed` errors, keyed request-N.
QByteArray geminiResponses(const QString &batchId, const QString &model, qint64 succeeded, qint64 failed);
// The same results inline, as a batch created with inline requests shows them: {response|error,
// metadata{key}}.
QJsonArray geminiInlined(const QString &batchId, const QString &model, qint64 succeeded, qint64 failed);
} // namespace SimProviderLines
