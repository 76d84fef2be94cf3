// `batchwatch retry`: the requests of a batch that did not succeed, resubmitted byte for byte.
#include "cli/batchcommands.h"
#include "cli/batchload.h"
#include "cli/commandsupport.h"
#include "cli/exitcode.h"
#include "cli/outputtarget.h"
#include "cli/submitrun.h"
#include "core/api/apiclient.h"
#include "core/export/batchformat.h"

#include <QDir>
#include <QFileDevice>
#include <QTemporaryFile>

#include <cstdio>

using CommandSupport::printError;

namespace {
// "failed or did not run", as --include chose.
QString selectionWords(const RetryLines::Selection &selection)
{
    if (selection.failed && selection.notRun)
        return QStringLiteral("failed or did not run");
    return selection.failed ? QStringLiteral("failed") : QStringLiteral("did not run");
}

// The lines of `set` that `selection` takes, written to `path` (or standard output) complete or not at all.
[[nodiscard]] bool writeLines(const ResultSet &set, const RetryLines::Selection &selection,
                              const QString &path, RetryLines::Written *written, int *exitCode)
{
    OutputTarget output;
    if (!output.open(path)) {
        printError(output.errorString());
        *exitCode = ExitCode::Output;
        return false;
    }
    QString error;
    const std::optional<RetryLines::Written> done =
        RetryLines::write(set, selection, output.device(), &error);
    if (!done) {
        output.discard();
        printError(error);
        // The input file on disk no longer reads as the batch's requests: data, not output.
        const auto *file = qobject_cast<QFileDevice *>(output.device());
        *exitCode = file && file->error() != QFileDevice::NoError ? ExitCode::Output : ExitCode::ApiOrData;
        return false;
    }
    if (!output.commit()) {
        printError(output.errorString());
        *exitCode = ExitCode::Output;
        return false;
    }
    *written = *done;
    return true;
}
} // namespace

namespace BatchCommands {

int retry(const BatchCommandOptions &options)
{
    const CommandSupport::RunClock clock(options.deadlineSeconds);
    const std::optional<CommandSupport::Connection> connection = CommandSupport::connect(options);
    if (!connection)
        return ExitCode::Usage;
    ApiClient client(connection->config);
    int exitCode = ExitCode::Ok;
    const std::optional<Batch> batch = BatchLoad::retrieve(&client, options.batchId, clock, &exitCode);
    if (!batch)
        return exitCode;
    if (SubmitRun::failedValidation(*batch)) {
        printError(QStringLiteral("%1 failed validation; none of its requests ran, so there is nothing to "
                                  "retry:")
                       .arg(batch->id));
        SubmitRun::printValidationErrors(*batch);
        printError(QStringLiteral("fix the file, then start a new batch from it: batchwatch create FILE"));
        return ExitCode::Usage;
    }
    // Requests of a running batch have not run *yet*: sending them again would run them twice.
    if (!batch->status.isTerminal()) {
        printError(QStringLiteral("%1 is still %2: retry it once it has ended (or cancel it first)")
                       .arg(batch->id, batch->rawStatus));
        return ExitCode::Usage;
    }
    const std::shared_ptr<const ResultSet> set =
        BatchLoad::results(&client, *batch, connection->cacheName, clock, &exitCode);
    if (!set)
        return exitCode;
    // A request whose result did not read, or is missing from a short file (the counts disagree), reads as
    // not run although it may have run: while the read is in doubt, sending "what did not run" could run
    // requests twice.
    const qsizetype doubts = BatchLoad::printDoubts(*set, *batch);
    const QString seeAbove = doubts == 1 ? QStringLiteral("see the warning above")
                                         : QStringLiteral("see the %1 warnings above").arg(doubts);
    if (doubts > 0 && !options.dryRun) {
        printError(QStringLiteral("the results of %1 were not read in full or disagree with its counts (%2): "
                                  "a request that reads as not "
                                  "run may have run, and sending it again would run it twice; nothing sent")
                       .arg(batch->id, seeAbove));
        return ExitCode::ApiOrData;
    }

    // Only a request whose input line is on disk can be sent again as it was.
    qint64 selected = 0, withoutInput = 0;
    for (const RequestResult &row : set->rows) {
        if (RetryLines::includes(options.include, row))
            ++(row.input.isValid() ? selected : withoutInput);
    }
    if (withoutInput > 0 && set->files.input.isEmpty()) {
        printError(QStringLiteral("%1 requests of %2 %3, but the batch has no input file to take them from "
                                  "(%4 keeps none): start a new batch from your own file with batchwatch "
                                  "create; nothing sent")
                       .arg(CommandSupport::count(withoutInput), batch->id, selectionWords(options.include),
                            Providers::displayName(connection->config.provider)));
        return ExitCode::Usage;
    }
    if (withoutInput > 0)
        CommandSupport::printWarning(
            QStringLiteral("%1 results name a custom_id the input file does not hold: "
                           "they cannot be resubmitted")
                .arg(CommandSupport::count(withoutInput)));
    if (selected == 0) {
        printError(QStringLiteral("nothing to retry: no request of %1 %2 (%3 ok, %4 failed, %5 not run); "
                                  "nothing sent")
                       .arg(batch->id, selectionWords(options.include))
                       .arg(CommandSupport::count(set->ok), CommandSupport::count(set->failed),
                            CommandSupport::count(set->notRun)));
    }

    RetryLines::Written written;
    if (options.dryRun) {
        if (!writeLines(*set, options.include, options.output, &written, &exitCode))
            return exitCode;
        if (selected > 0)
            printError(
                QStringLiteral("%1 requests that %2 (about %3 input tokens, an estimate); nothing sent")
                    .arg(CommandSupport::count(written.lines))
                    .arg(selectionWords(options.include))
                    .arg(CommandSupport::count(written.estimatedInputTokens)));
        if (doubts > 0) {
            printError(QStringLiteral("the results of %1 were not read in full or disagree with its counts "
                                      "(%2): some of these requests "
                                      "may have run; check before sending them (exit status 4)")
                           .arg(batch->id, seeAbove));
            return ExitCode::ApiOrData;
        }
        return ExitCode::Ok;
    }
    if (selected == 0)
        return ExitCode::Ok;

    // The metadata of the batch it retries, plus the link back: the dashboard shows both directions.
    QMap<QString, QString> metadata = batch->metadata;
    metadata.insert(QString::fromLatin1(RetryLines::kRetryOfKey), batch->id);
    if (metadata.size() > BatchCommandOptions::kMaxMetadataPairs) {
        printError(QStringLiteral("%1 already has %2 metadata pairs, the most a batch takes: no room for %3")
                       .arg(batch->id)
                       .arg(batch->metadata.size())
                       .arg(QLatin1String(RetryLines::kRetryOfKey)));
        return ExitCode::Usage;
    }
    QTemporaryFile lines(QDir::tempPath() + QStringLiteral("/batchwatch-retry-XXXXXX.jsonl"));
    if (!lines.open()) {
        printError(QStringLiteral("cannot write a temporary file in %1: %2")
                       .arg(QDir::tempPath(), lines.errorString()));
        return ExitCode::Output;
    }
    lines.close();
    if (!writeLines(*set, options.include, lines.fileName(), &written, &exitCode))
        return exitCode;
    if (!options.output.isEmpty() && !writeLines(*set, options.include, options.output, &written, &exitCode))
        return exitCode;
    printError(QStringLiteral("retrying %1 requests of %2 that %3 (about %4 input tokens, an estimate)")
                   .arg(CommandSupport::count(written.lines))
                   .arg(batch->id)
                   .arg(selectionWords(options.include))
                   .arg(CommandSupport::count(written.estimatedInputTokens)));

    SubmitSpec spec;
    spec.path = lines.fileName();
    spec.endpoint = batch->endpoint;
    spec.model = batch->model; // Gemini names the model in the create; the others ignore it
    if (!batch->completionWindow.isEmpty())
        spec.completionWindow = batch->completionWindow;
    spec.metadata = metadata;
    const std::optional<Batch> created = SubmitRun::submit(&client, spec, clock, &exitCode);
    if (!created)
        return exitCode;
    std::printf("%s\n", qPrintable(BatchFormat::terminalText(created->id)));
    return ExitCode::Ok;
}

} // namespace BatchCommands
