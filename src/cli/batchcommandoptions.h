#pragma once

#include "cli/connectionoptions.h"
#include "core/results/resultsformat.h"
#include "core/results/retrylines.h"

#include <QMap>
#include <QStringList>

// The options of `batchwatch results`, `retry` and `create`, parsed and checked. What depends on the
// provider (which completion windows it takes) is checked once the connection is known: checkWindow().
struct BatchCommandOptions : ConnectionOptions
{
    enum class Command { Results, Retry, Create };

    // The most metadata a batch takes, as OpenAI documents it: 16 pairs, keys up to 64 characters, values
    // up to 512.
    static constexpr int kMaxMetadataPairs = 16;
    static constexpr int kMaxMetadataKeyChars = 64;
    static constexpr int kMaxMetadataValueChars = 512;

    Command command = Command::Results;
    QString batchId; // results, retry
    QString file;    // create: the JSONL file of requests
    // results --only: the outcomes to write (all when none is given).
    bool onlyOk = true;
    bool onlyFailed = true;
    bool onlyNotRun = true;
    ResultsFormat::Format format = ResultsFormat::Format::Csv;
    QString output; // "-": standard output; empty: none given (retry without --dry-run keeps no copy)
    RetryLines::Selection include; // retry --include
    bool dryRun = false;
    QMap<QString, QString> metadata; // create --metadata
    QString window = QStringLiteral("24h");
    bool windowGiven = false;
    bool helpShown = false;

    // Parses `arguments` (the subcommand's own, program name first); on failure returns false with `error`
    // set. On --help, prints the help to stdout and sets helpShown.
    [[nodiscard]] static bool parse(Command command, const QStringList &arguments,
                                    BatchCommandOptions *options, QString *error);
    static QString commandName(Command command); // "results", "retry", "create"

    // The completion windows `provider` takes ("24h" for every provider Batchwatch knows: OpenAI's and
    // Azure's only value; Anthropic and Gemini take none and give a batch 24 hours).
    static QStringList windowsFor(Provider provider);
    // False with `error` when --window is not one of windowsFor(accountProvider).
    [[nodiscard]] bool checkWindow(Provider accountProvider, QString *error) const;
    // Reads "KEY=VALUE" into `metadata`; false with `error` when it breaks a limit above or repeats a key.
    [[nodiscard]] static bool addMetadata(const QString &pair, QMap<QString, QString> *metadata,
                                          QString *error);
};
