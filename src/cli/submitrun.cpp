#include "cli/submitrun.h"

#include "cli/exitcode.h"
#include "core/api/apiclient.h"

#include <QLocale>

using CommandSupport::printError;

namespace SubmitRun {

std::optional<Batch> submit(ApiClient *client, const SubmitSpec &spec, const CommandSupport::RunClock &clock,
                            int *exitCode)
{
    BatchSubmit job(client, spec);
    CommandSupport::StatusLine status;
    QObject::connect(&job, &BatchSubmit::progress, &job,
                     [&status](BatchSubmit::Phase phase, qint64 done, qint64 total) {
                         if (phase == BatchSubmit::Phase::Creating)
                             status.show(QStringLiteral("creating the batch"));
                         else if (total > 0)
                             status.show(QStringLiteral("uploading: %1 of %2")
                                             .arg(QLocale::system().formattedDataSize(done),
                                                  QLocale::system().formattedDataSize(total)));
                     });
    job.start();
    const bool finished = clock.waitFor(&job, &BatchSubmit::finished, [&job] { return job.isFinished(); });
    status.end();
    if (!finished) {
        job.cancel();
        printError(clock.stoppedMessage(
            job.fileId().isEmpty()
                ? QStringLiteral("before the batch was created")
                : QStringLiteral("after uploading %1, before the batch was created").arg(job.fileId())));
        *exitCode = ExitCode::ApiOrData;
        return std::nullopt;
    }
    if (!job.batch()) {
        printError(job.error().toString());
        if (!job.fileId().isEmpty())
            printError(QStringLiteral("the requests were uploaded as %1; no batch was created from them")
                           .arg(job.fileId()));
        *exitCode = job.error().kind == ApiError::NoError ? ExitCode::ApiOrData
                                                          : CommandSupport::exitCodeFor(job.error());
        return std::nullopt;
    }
    return job.batch();
}

bool failedValidation(const Batch &batch)
{
    // A batch that failed at validation never ran a request: its counts stay at zero and it names no
    // output.
    return batch.status.value() == BatchStatus::Failed && !batch.errors.isEmpty() &&
           batch.outputFileId.isEmpty() && batch.requestCounts.completed == 0 &&
           batch.requestCounts.failed == 0;
}

void printValidationErrors(const Batch &batch)
{
    for (const BatchError &error : batch.errors) {
        QString text =
            error.code.isEmpty() ? error.message : error.code + QStringLiteral(": ") + error.message;
        if (error.line)
            text = QStringLiteral("line %1: %2").arg(*error.line).arg(text);
        CommandSupport::printLine(QStringLiteral("  ") + text);
    }
}

} // namespace SubmitRun
