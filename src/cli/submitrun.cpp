#include "cli/submitrun.h"

#include "cli/exitcode.h"
#include "core/api/apiclient.h"

#include <QLocale>

using CommandSupport::printError;

namespace {
const QString kMayExist =
    QStringLiteral("the batch may have been created: check `batchwatch list` before creating again");

// Whether a create that was sent and failed this way may still have made the batch: the server may have
// acted on it and only its answer was lost (no answer, an answer cut short or unreadable, a server error).
bool mayHaveBeenCreated(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Timeout:
    case ApiError::Network:
    case ApiError::InvalidResponse:
    case ApiError::Cancelled:
        return true;
    case ApiError::Http:
        return error.httpStatus >= 500 || error.httpStatus == 408;
    default:
        return false;
    }
}

// What became of the requests after a submit that did not end with a batch.
void printWhatWasSent(const BatchSubmit &job, bool createSent, bool ambiguous)
{
    const QString uploaded = QStringLiteral("the requests were uploaded as %1; ").arg(job.fileId());
    if (createSent && ambiguous)
        printError((job.fileId().isEmpty() ? QString() : uploaded) + kMayExist);
    else if (!job.fileId().isEmpty())
        printError(uploaded + QStringLiteral("no batch was created from them"));
}
} // namespace

namespace SubmitRun {

std::optional<Batch> submit(ApiClient *client, const SubmitSpec &spec, const CommandSupport::RunClock &clock,
                            int *exitCode)
{
    BatchSubmit job(client, spec);
    CommandSupport::StatusLine status;
    bool createSent = false; // from here on a failure cannot tell whether the batch exists
    QObject::connect(&job, &BatchSubmit::progress, &job,
                     [&status, &createSent](BatchSubmit::Phase phase, qint64 done, qint64 total) {
                         if (phase == BatchSubmit::Phase::Creating) {
                             createSent = true;
                             status.show(QStringLiteral("creating the batch"));
                         } else if (total > 0) {
                             status.show(QStringLiteral("uploading: %1 of %2")
                                             .arg(QLocale::system().formattedDataSize(done),
                                                  QLocale::system().formattedDataSize(total)));
                         }
                     });
    job.start();
    const bool finished = clock.waitFor(&job, &BatchSubmit::finished, [&job] { return job.isFinished(); });
    status.end();
    if (!finished) {
        job.cancel();
        printError(clock.stoppedMessage(
            createSent ? QStringLiteral("while the batch was being created")
            : job.fileId().isEmpty()
                ? QStringLiteral("before the batch was created")
                : QStringLiteral("after uploading %1, before the batch was created").arg(job.fileId())));
        if (createSent)
            printWhatWasSent(job, true, true);
        *exitCode = ExitCode::ApiOrData;
        return std::nullopt;
    }
    if (!job.batch()) {
        printError(job.error().toString());
        printWhatWasSent(job, createSent, mayHaveBeenCreated(job.error()));
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
