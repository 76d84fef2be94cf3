#pragma once

#include "core/providers/provider.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

// What became of one request of a batch: it ran and answered 2xx, it ran and failed (a non-2xx answer or an
// error line), or it is in neither result file (an expired or cancelled batch).
enum class RequestOutcome : quint8 { Ok, Failed, NotRun };

// Where one line sits in a file on disk, without its line end: the rows keep places, not bytes, so 200 MB of
// results cost the window a few dozen bytes a request. ResultsReader::readLine() reads it back.
struct LineRef
{
    qint64 offset = -1; // -1: none
    qint64 length = 0;
    bool isValid() const { return offset >= 0; }
};

// One request of a batch, joined by custom_id across the input, output and error files.
struct RequestResult
{
    enum class Source : quint8 { None, Output, Errors };
    static constexpr int kAnswerChars = 200;
    // errorCode of a result line whose custom_id reads but whose body does not: the request ran (maybe with
    // success), so it is failed, not "not run", and retried only when its group is chosen.
    static constexpr char kUnreadableCode[] = "unreadable_result";

    QString customId;
    RequestOutcome outcome = RequestOutcome::NotRun;
    int statusCode = 0; // the request's own HTTP status (0: none, as in an error line without a response)
    QString errorCode;  // the error's code, else its type; empty when it succeeded
    QString errorMessage;
    std::optional<qint64> inputTokens;
    std::optional<qint64> outputTokens;
    QString answer;             // the model's first text, on one line, at most kAnswerChars characters
    qint64 inputLineNumber = 0; // 1-based line of the input file (0: the input does not hold it)
    LineRef input;              // the request exactly as uploaded
    LineRef result;             // its line in the output or error file
    Source resultSource = Source::None;
    int group = -1; // index into ResultSet::groups for a failed request, else -1
};

// Failures that are the same failure: one status, one code, one message once ids and numbers are masked.
struct ErrorGroup
{
    int statusCode = 0;
    QString code;
    QString pattern; // the message with ids and numbers masked
    QString example; // one message as sent
    qint64 count = 0;
};

// A batch's files on the local disk; a path is empty when the batch has no such file (Anthropic keeps no
// input file; a batch that ran without a failure has no error file).
struct ResultFiles
{
    QString input;
    QString output;
    QString errors;
};

// The joined rows of one batch.
struct ResultSet
{
    Provider provider = Provider::OpenAI;
    ResultFiles files;
    // Input order; then results whose custom_id the input lacks, in the order of their files.
    QVector<RequestResult> rows;
    QVector<ErrorGroup> groups; // largest first
    qint64 ok = 0;
    qint64 failed = 0;
    qint64 notRun = 0;
    // What did not read and was skipped, with the file and line number: lines that are not JSON, results for
    // a custom_id the input does not hold, a custom_id twice. Shown, never silent.
    QStringList warnings;
};
