// A ResultSet built by hand, for the model, proxy and widget tests of the Results view (header-only).
#pragma once

#include "core/results/requestresult.h"

#include <memory>

namespace TestResults {
inline RequestResult row(const QString &customId, RequestOutcome outcome, qint64 line, int status = 0,
                         const QString &code = QString(), const QString &message = QString(), int group = -1)
{
    RequestResult r;
    r.customId = customId;
    r.outcome = outcome;
    r.inputLineNumber = line;
    r.statusCode = status;
    r.errorCode = code;
    r.errorMessage = message;
    r.group = group;
    if (outcome == RequestOutcome::Ok) {
        r.inputTokens = 1200 + line;
        r.outputTokens = 30 * line;
        r.answer = QStringLiteral("Answer number %1").arg(line);
        r.resultSource = RequestResult::Source::Output;
    } else if (outcome == RequestOutcome::Failed) {
        r.resultSource = status >= 300 ? RequestResult::Source::Output : RequestResult::Source::Errors;
    }
    return r;
}

// Seven requests in input order: three ok, three failed in two groups (two rate limits, one server error
// without a response), one not run; one warning.
inline std::shared_ptr<ResultSet> sample()
{
    auto set = std::make_shared<ResultSet>();
    set->rows = {
        row(QStringLiteral("req-1"), RequestOutcome::Ok, 1),
        row(QStringLiteral("req-2"), RequestOutcome::Failed, 2, 429, QStringLiteral("rate_limit_exceeded"),
            QStringLiteral("Rate limit reached for req_ab12"), 0),
        row(QStringLiteral("req 3 \"quoted\""), RequestOutcome::Ok, 3),
        row(QStringLiteral("req-4"), RequestOutcome::NotRun, 4),
        row(QStringLiteral("req-5"), RequestOutcome::Failed, 5, 0, QStringLiteral("server_error"),
            QStringLiteral("The server had an error"), 1),
        row(QStringLiteral("réq-6"), RequestOutcome::Failed, 6, 429, QStringLiteral("rate_limit_exceeded"),
            QStringLiteral("Rate limit reached for req_cd34"), 0),
        row(QStringLiteral("req-7"), RequestOutcome::Ok, 7),
    };
    ErrorGroup limits;
    limits.statusCode = 429;
    limits.code = QStringLiteral("rate_limit_exceeded");
    limits.pattern = QStringLiteral("Rate limit reached for …");
    limits.example = QStringLiteral("Rate limit reached for req_ab12");
    limits.count = 2;
    ErrorGroup server;
    server.code = QStringLiteral("server_error");
    server.pattern = QStringLiteral("The server had an error");
    server.example = server.pattern;
    server.count = 1;
    set->groups = {limits, server};
    set->ok = 3;
    set->failed = 3;
    set->notRun = 1;
    set->warnings = {QStringLiteral("output file, line 9: not JSON (skipped)")};
    return set;
}
} // namespace TestResults
