// `batchwatch create`: a JSONL file of requests, checked before anything is sent, then uploaded and created.
#include "cli/batchcommands.h"
#include "cli/commandsupport.h"
#include "cli/exitcode.h"
#include "cli/submitrun.h"
#include "core/api/apiclient.h"
#include "core/export/batchformat.h"
#include "core/results/preflight.h"


#include <cstdio>

using CommandSupport::printError;

namespace {
// "FILE:LINE: message", as compilers report, so editors and terminals can jump to the line.
void printProblems(const QString &file, const PreflightReport &report)
{
    for (const PreflightProblem &problem : report.problems) {
        const QString message =
            problem.message.isEmpty() ? Preflight::describe(problem.kind) : problem.message;
        CommandSupport::printLine(problem.line > 0
                                      ? QStringLiteral("%1:%2: %3").arg(file).arg(problem.line).arg(message)
                                      : QStringLiteral("%1: %2").arg(file, message));
    }
    if (report.problemCount > report.problems.size())
        CommandSupport::printLine(QStringLiteral("%1: %2 more problems not listed")
                                      .arg(file)
                                      .arg(report.problemCount - report.problems.size()));
}
} // namespace

namespace BatchCommands {

int create(const BatchCommandOptions &options)
{
    const CommandSupport::RunClock clock(options.deadlineSeconds);
    const std::optional<CommandSupport::Connection> connection = CommandSupport::connect(options);
    if (!connection)
        return ExitCode::Usage;
    const Provider provider = connection->config.provider;
    QString error;
    if (!options.checkWindow(provider, &error)) {
        printError(error + QStringLiteral(" (see batchwatch create --help)"));
        return ExitCode::Usage;
    }

    CommandSupport::StatusLine status;
    const PreflightReport report = Preflight::check(options.file, provider, [&](qint64 done, qint64 total) {
        if (total > 0)
            status.show(QStringLiteral("checking %1: %2%").arg(options.file).arg(done * 100 / total));
        return true;
    });
    status.end();
    if (!report.ok()) {
        printProblems(options.file, report);
        printError(
            QStringLiteral("%1 has %2 problems; nothing sent").arg(options.file).arg(report.problemCount));
        return ExitCode::Usage;
    }
    // Anthropic's and Gemini's files name no endpoint (the provider has one), Gemini's maybe no model.
    QStringList summary{QStringLiteral("%1 requests").arg(CommandSupport::count(report.lines))};
    if (!report.model.isEmpty())
        summary << QStringLiteral("model ") + report.model;
    if (!report.endpoint.isEmpty())
        summary << QStringLiteral("endpoint ") + report.endpoint;
    summary << QStringLiteral("about %1 input tokens (an estimate)")
                   .arg(CommandSupport::count(report.estimatedInputTokens));
    printError(options.file + QStringLiteral(": ") + summary.join(QStringLiteral(", ")));
    if (provider == Provider::Anthropic && !options.metadata.isEmpty())
        CommandSupport::printWarning(
            QStringLiteral("Anthropic's message batches keep no metadata: --metadata is "
                           "not sent"));
    if (options.dryRun) {
        printError(QStringLiteral("--dry-run: nothing sent"));
        return ExitCode::Ok;
    }

    ApiClient client(connection->config);
    SubmitSpec spec;
    spec.path = options.file;
    spec.endpoint = report.endpoint;
    spec.completionWindow = options.window;
    spec.metadata = options.metadata;
    int exitCode = ExitCode::Ok;
    const std::optional<Batch> created = SubmitRun::submit(&client, spec, clock, &exitCode);
    if (!created)
        return exitCode;
    std::printf("%s\n", qPrintable(BatchFormat::terminalText(created->id)));
    return ExitCode::Ok;
}

} // namespace BatchCommands
