#pragma once

#include <QJsonObject>
#include <QString>

struct SimBatch;

// How the Gemini API shows one of the account's batches: a long-running operation over a
// GenerateContentBatch.
namespace SimGeminiOperation {
// "batch_<hex>" <-> "<hex>" (the name is "batches/<hex>"); empty when `id` is not one of ours.
QString toGeminiId(const QString &openAiId);
QString toOpenAiId(const QString &geminiId);
// "models/gemini-..." for the account's OpenAI model (a Gemini model name stays as it is).
QString model(const QString &openAiModel);
// The operation `batch` is now, from the OpenAI object it shows now.
QJsonObject operation(const SimBatch &batch, const QJsonObject &openAi);
} // namespace SimGeminiOperation
