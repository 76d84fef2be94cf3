#pragma once

#include "sim/simrequestplan.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

// A simulated batch as a plan over time: its JSON at any moment follows from the plan and the clock.
struct SimBatch
{
    enum class Outcome { Completed, Failed, Expired, Cancelled };

    QString id;
    QString endpoint;
    QString model; // empty: the server sends no model (older batches)
    QString inputFileId;
    QJsonObject metadata;
    QJsonObject extraFields; // fields the contract does not know, sent as they are
    bool hasUsage = true;
    // Usage exactly as a test set it (POST /v1/_sim/batches "usage"), instead of the counts' own.
    struct FixedUsage
    {
        qint64 input = 0;
        qint64 cached = 0;
        qint64 output = 0;
    };
    std::optional<FixedUsage> fixedUsage;
    bool inlineResults = false; // created with inline requests (Gemini): results come inside the batch object
    // The ids and models of a batch whose client chose them; null: generated ids (request-N, some hostile).
    std::shared_ptr<const SimRequestIds> requests;
    int answerChars = 0; // at least this long a model's answer (0: a short sentence), for large result files

    qint64 total = 0;
    qint64 submitted = 0;     // request lines in the input, also for a batch that failed validation (total 0)
    double failedShare = 0.0; // share of requests that fail
    qint64 createdAt = 0;
    qint64 inProgressAt = 0; // validation ends
    qint64 finalizingAt = 0; // all requests ran
    qint64 endsAt = 0;       // the planned terminal moment
    Outcome outcome = Outcome::Completed;
    QString failureCode; // for Outcome::Failed
    QString failureMessage;
    std::optional<qint64> failureLine;
    QJsonArray moreErrors;             // validation errors after the first ({code, message, param, line})
    bool emptyStringErrorFile = false; // the "" trap instead of null
    std::optional<qint64> cancelRequestedAt;
    // A test hook: from here on the counts stop moving and the batch stays in progress (unless cancelled).
    std::optional<qint64> stallsAt;

    static constexpr qint64 kWindowSeconds = 86'400;
    static constexpr qint64 kCancelSeconds = 90;

    QString statusAt(qint64 now) const;
    bool isCancellableAt(qint64 now) const;
    QJsonObject toJson(qint64 now) const;
    // When requests stop being worked on: finalizing, expiry, or a cancel.
    qint64 workStopsAt() const;
    // Whether the batch stalls before its work would stop (see stallsAt).
    bool stalls() const;

    // Requests finished at `now`, split as the plan says.
    qint64 doneAt(qint64 now) const;
    qint64 completedAt(qint64 now) const;
    qint64 failedAt(qint64 now) const;
    // Where the failures are: inside the output file with a non-2xx status, or in the error file.
    qint64 outputLinesAt(qint64 now) const;
    qint64 errorLinesAt(qint64 now) const;
    // Request n's (1-based, input order) custom_id and model.
    QString customIdOf(qint64 n) const;
    QString modelOf(qint64 n) const;
    // The model's answer to request n.
    QString answerOf(qint64 n) const;
    // Results can be downloaded once the batch is terminal (not while finalizing).
    bool resultsVisibleAt(qint64 now) const;
    QString outputFileId() const;
    QString errorFileId() const;
    // The file ids this batch shows at `now` (empty when none yet).
    QString visibleOutputFileId(qint64 now) const;
    QString visibleErrorFileId(qint64 now) const;
};
