#pragma once

#include "core/results/requestresult.h"

#include <QString>

#include <optional>

// One line of a batch's result file (OpenAI's and Azure's output and error files, Anthropic's results,
// Gemini's responses file), read by its provider's adapter into what the results explorer shows of it.
struct ResultLine
{
    QString customId; // Gemini: key
    RequestOutcome outcome = RequestOutcome::Ok;
    int statusCode = 0; // the request's own HTTP status, 0 when the provider writes none
    QString errorCode;  // the error's code, else its type; for a request not run, why (e.g. "expired")
    QString errorMessage;
    std::optional<qint64> inputTokens;
    std::optional<qint64> outputTokens;
    QString answer; // ProviderJson::brief() of the model's first text
};

// One line of a batch's input file, as far as the pre-flight check and the join read it.
struct InputLine
{
    QString customId; // empty when absent or not a string
    QString method;   // OpenAI-shaped lines only
    QString url;      // OpenAI-shaped lines only
    QString model;    // body.model (Anthropic: params.model; Gemini: request.model, optional)
};

// What a provider's input lines must hold, for the pre-flight check's messages and rules.
struct InputShape
{
    const char *idKey = "custom_id";
    const char *modelPath = "body.model";
    bool methodAndUrl = true; // each line names its method (POST) and endpoint
    bool modelRequired = true;
    // Anthropic takes custom_ids of 1 to 64 letters, digits, '_' and '-' only (0: no such rule).
    int idMaxLength = 0;
};
