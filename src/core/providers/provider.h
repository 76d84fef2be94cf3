#pragma once

#include <QList>
#include <QString>

#include <optional>

// The batch APIs Batchwatch speaks. Each has an adapter in this folder that maps its objects onto Batch.
enum class Provider {
    OpenAI,    // and the services that copy its API (Groq, OpenRouter, Together, LiteLLM, ...)
    Azure,     // Azure OpenAI: v1 paths, or the dated ones with ?api-version=
    Anthropic, // Message Batches
    Gemini,    // Gemini API Batch Mode
};

namespace Providers {
// "openai", "azure", "anthropic", "gemini": what --provider, settings and CSV's `provider` column use.
QString id(Provider provider);
// "OpenAI", "Azure OpenAI", "Anthropic", "Gemini": what the window shows.
QString displayName(Provider provider);
std::optional<Provider> fromId(const QString &id);
const QList<Provider> &all();
} // namespace Providers
