#include "cli/batchcommands.h"

#include "cli/batchload.h"
#include "cli/commandsupport.h"
#include "cli/exitcode.h"
#include "cli/outputtarget.h"
#include "cli/submitrun.h"
#include "core/api/apiclient.h"

using CommandSupport::printError;

namespace BatchCommands {

int run(BatchCommandOptions::Command command, const QStringList &arguments)
{
    BatchCommandOptions options;
    QString error;
    if (!BatchCommandOptions::parse(command, arguments, &options, &error)) {
        printError(
            error +
            QStringLiteral(" (see batchwatch %1 --help)").arg(BatchCommandOptions::commandName(command)));
        return ExitCode::Usage;
    }
    if (options.helpShown)
        return ExitCode::Ok;
    switch (command) {
    case BatchCommandOptions::Command::Results:
        return results(options);
    case BatchCommandOptions::Command::Retry:
        return retry(options);
    case BatchCommandOptions::Command::Create:
        return create(options);
    }
    return ExitCode::Usage;
}

int results(const BatchCommandOptions &options)
{
    const CommandSupport::RunClock clock(options.deadlineSeconds);
    const std::optional<CommandSupport::Connection> connection = CommandSupport::connect(options);
    if (!connection)
        return ExitCode::Usage;
    OutputTarget output;
    if (!output.open(options.output)) {
        printError(output.errorString());
        return ExitCode::Output;
    }
    ApiClient client(connection->config);
    int exitCode = ExitCode::Ok;
    const std::optional<Batch> batch = BatchLoad::retrieve(&client, options.batchId, clock, &exitCode);
    if (!batch) {
        output.discard();
        return exitCode;
    }
    // A running batch's requests without a result yet are pending, not "not run": records saying so would
    // send a script resubmitting requests that are about to run.
    if (!batch->status.isTerminal()) {
        output.discard();
        printError(QStringLiteral("%1: the batch is still %2; its results come when it ends")
                       .arg(batch->id, batch->rawStatus));
        return ExitCode::Usage;
    }
    if (SubmitRun::failedValidation(*batch)) {
        printError(QStringLiteral("%1 failed validation; none of its requests ran:").arg(batch->id));
        SubmitRun::printValidationErrors(*batch);
    }
    const std::shared_ptr<const ResultSet> set =
        BatchLoad::results(&client, *batch, connection->cacheName, clock, &exitCode);
    if (!set) {
        output.discard();
        return exitCode;
    }
    const qsizetype warnings = BatchLoad::printDoubts(*set, *batch);
    const auto include = [&options](const RequestResult &row) {
        switch (row.outcome) {
        case RequestOutcome::Ok:
            return options.onlyOk;
        case RequestOutcome::Failed:
            return options.onlyFailed;
        case RequestOutcome::NotRun:
            return options.onlyNotRun;
        }
        return true;
    };
    QString error;
    if (!ResultsFormat::write(output.device(), options.format, *set, include, &error)) {
        output.discard();
        printError(QStringLiteral("cannot write %1: %2").arg(options.output, error));
        return ExitCode::Output;
    }
    if (!output.commit()) {
        printError(output.errorString());
        return ExitCode::Output;
    }
    if (CommandSupport::StatusLine().enabled())
        printError(QStringLiteral("%1 requests: %2 ok, %3 failed, %4 not run")
                       .arg(CommandSupport::count(set->rows.size()), CommandSupport::count(set->ok),
                            CommandSupport::count(set->failed), CommandSupport::count(set->notRun)));
    // The records are written, but they may not tell the whole story: a script must not take them as such.
    if (warnings > 0) {
        printError(
            warnings == 1
                ? QStringLiteral("not everything was read or agrees with the batch's counts (see the "
                                 "warning above); the records are written (exit status 4)")
                : QStringLiteral("not everything was read or agrees with the batch's counts (see the %1 "
                                 "warnings above); the records are written (exit status 4)")
                      .arg(warnings));
        return ExitCode::ApiOrData;
    }
    return ExitCode::Ok;
}

} // namespace BatchCommands
