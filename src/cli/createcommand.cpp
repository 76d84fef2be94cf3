// `batchwatch create`: a JSONL file of requests, checked before anything is sent, then uploaded and created.
#include "cli/batchcommands.h"
#include "cli/commandsupport.h"
#include "cli/exitcode.h"
#include "cli/submitrun.h"
#include "core/api/apiclient.h"
#include "core/export/batchformat.h"
#include "core/results/preflight.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

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

// A copy of `source` in `dir` (private: 0700, the file 0600) under its own name, so that what is uploaded is
// exactly what the pre-flight checks, however the file changes meanwhile (a generator still appending, an
// editor saving). Empty after printing why not; `*exitCode` set.
QString privateCopy(const QString &source, const QTemporaryDir &dir, int *exitCode)
{
    const QFileInfo before(source);
    const QString target = dir.filePath(before.fileName());
    QFile in(source);
    QFile out(target);
    if (!in.open(QIODevice::ReadOnly)) {
        printError(QStringLiteral("cannot read %1: %2").arg(source, in.errorString()));
        *exitCode = ExitCode::Usage;
        return {};
    }
    if (!out.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        printError(QStringLiteral("cannot copy %1 to %2: %3").arg(source, target, out.errorString()));
        *exitCode = ExitCode::Output;
        return {};
    }
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    qint64 copied = 0;
    for (;;) {
        const qint64 n = in.read(chunk.data(), chunk.size());
        if (n < 0) {
            printError(QStringLiteral("cannot read %1: %2").arg(source, in.errorString()));
            *exitCode = ExitCode::Usage;
            return {};
        }
        if (n == 0)
            break;
        if (out.write(chunk.constData(), n) != n) {
            printError(QStringLiteral("cannot copy %1 to %2: %3").arg(source, target, out.errorString()));
            *exitCode = ExitCode::Output;
            return {};
        }
        copied += n;
        if (copied > Preflight::kMaxBytes) // grew past the limit while copied: the check will say so
            break;
    }
    if (!out.flush()) {
        printError(QStringLiteral("cannot copy %1 to %2: %3").arg(source, target, out.errorString()));
        *exitCode = ExitCode::Output;
        return {};
    }
    const QFileInfo after(source);
    if (after.size() != before.size() || copied != before.size() ||
        after.lastModified() != before.lastModified()) {
        printError(QStringLiteral("%1 changed while it was read (is it still being written?): nothing sent; "
                                  "try again once it is complete")
                       .arg(source));
        *exitCode = ExitCode::Usage;
        return {};
    }
    return target;
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

    // A FIFO or a device reads once (the check would consume it and the upload send nothing), and a
    // directory is no file of requests.
    const QFileInfo info(options.file);
    if (info.exists() && !info.isFile()) {
        printError(QStringLiteral("%1 is not a regular file (%2): give the path of a JSONL file of requests; "
                                  "nothing sent")
                       .arg(options.file, info.isDir() ? QStringLiteral("a directory")
                                                       : QStringLiteral("a pipe, socket or device")));
        return ExitCode::Usage;
    }
    // What is sent is a private copy, checked after it was made. A dry run sends nothing: the file itself.
    // A missing file or one over the limit is checked as it is: the check says why, and nothing is sent.
    QTemporaryDir copyDir(QDir::tempPath() + QStringLiteral("/batchwatch-create-XXXXXX"));
    QString checked = options.file;
    if (!options.dryRun && info.exists() && info.size() <= Preflight::kMaxBytes) {
        if (!copyDir.isValid()) {
            printError(QStringLiteral("cannot make a temporary folder in %1: %2")
                           .arg(QDir::tempPath(), copyDir.errorString()));
            return ExitCode::Output;
        }
        int copyExit = ExitCode::Ok;
        checked = privateCopy(options.file, copyDir, &copyExit);
        if (checked.isEmpty())
            return copyExit;
    }

    CommandSupport::StatusLine status;
    const PreflightReport report = Preflight::check(checked, provider, [&](qint64 done, qint64 total) {
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
    if (provider == Provider::Gemini && report.model.isEmpty()) {
        // Gemini names the model in the create call, not in the lines: without one, nothing can run it.
        printError(QStringLiteral("%1: a Gemini batch needs the model that runs it: name it in the lines "
                                  "(request.model); nothing sent")
                       .arg(options.file));
        return ExitCode::Usage;
    }
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
    spec.path = checked;
    spec.endpoint = report.endpoint;
    spec.model = report.model; // Gemini names the model in the create; the others ignore it
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
