#pragma once

#include "core/providers/provider.h"

#include <QString>
#include <QVector>

#include <functional>

// The check a JSONL file passes before anything is sent: every problem with its line, then what the file
// holds. Streams the file; a 200 MB file costs memory for its custom_ids, not its bytes.
struct PreflightProblem
{
    enum class Kind {
        Unreadable,        // the file cannot be opened or read
        Empty,             // no request at all
        NotJson,           // the line is not one JSON object
        MissingCustomId,   // no custom_id (Gemini: key), or not a non-empty string
        DuplicateCustomId, // the message names the line that had it first
        MethodNotPost,     // OpenAI-shaped files: method must be POST
        MixedUrl,          // url differs from the first line's (one endpoint per batch)
        UnsupportedUrl,    // an endpoint the Batch API does not take
        MissingModel,      // body.model (Anthropic: params.model) absent
        MixedModel,        // a model other than the first line's
        TooManyLines,      // more than Preflight::kMaxLines
        TooLarge,          // more than Preflight::kMaxBytes
    };
    qint64 line = 0; // 1-based; 0: the whole file
    Kind kind = Kind::NotJson;
    QString message;
};

struct PreflightReport
{
    QVector<PreflightProblem> problems; // the first Preflight::kMaxListed, in line order
    qint64 problemCount = 0;            // all of them
    qint64 lines = 0;                   // requests (non-blank lines)
    qint64 bytes = 0;
    QString endpoint; // the url every line names (OpenAI-shaped files)
    QString model;
    qint64 estimatedInputTokens = 0;
    bool cancelled = false;
    bool ok() const { return problemCount == 0 && !cancelled; }
};

namespace Preflight {
constexpr qint64 kMaxLines = 50'000;
constexpr qint64 kMaxBytes = qint64(200) * 1024 * 1024;
constexpr int kMaxListed = 1000;
// Called with bytes read so far and the file's size; false cancels.
using Progress = std::function<bool(qint64 done, qint64 total)>;

// Checks the file as `provider` takes batch input: OpenAI and Azure lines {custom_id, method, url, body},
// Anthropic {custom_id, params}, Gemini {key, request}.
[[nodiscard]] PreflightReport check(const QString &path, Provider provider,
                                    const Progress &progress = Progress());
// A rough count of the input tokens one request line costs: its text at about four bytes a token. An
// estimate, said as one wherever it is shown.
qint64 estimateTokens(const QByteArray &line);
QString describe(PreflightProblem::Kind kind); // "not JSON", "duplicate custom_id", ...
} // namespace Preflight
