#include "cli/batchload.h"

#include "cli/exitcode.h"
#include "core/api/apiclient.h"
#include "core/results/resultscheck.h"
#include "core/results/resultsfetch.h"

#include <QLocale>

using CommandSupport::printError;

namespace BatchLoad {

std::optional<Batch> retrieve(ApiClient *client, const QString &batchId,
                              const CommandSupport::RunClock &clock, int *exitCode)
{
    // An id that cannot be one (empty, "..", a '/') is refused by the client before sending: exit 2.
    BatchCall *call = client->retrieveBatch(batchId);
    const bool done = clock.waitFor(call, &ApiCall::finished, [call] { return call->isFinished(); });
    call->deleteLater();
    if (!done) {
        call->abort();
        printError(clock.stoppedMessage(QStringLiteral("while reading the batch %1").arg(batchId)));
        *exitCode = ExitCode::ApiOrData;
        return std::nullopt;
    }
    if (call->error().kind != ApiError::NoError || !call->batch()) {
        printError(call->error().toString());
        *exitCode = CommandSupport::exitCodeFor(call->error());
        return std::nullopt;
    }
    for (const QString &warning : call->warnings())
        CommandSupport::printWarning(warning);
    return call->batch();
}

std::shared_ptr<const ResultSet> results(ApiClient *client, const Batch &batch,
                                         const QString &accountCacheName,
                                         const CommandSupport::RunClock &clock, int *exitCode)
{
    ResultsFetch fetch(client, batch, ResultsFetch::cacheDirFor(accountCacheName));
    CommandSupport::StatusLine status;
    QObject::connect(&fetch, &ResultsFetch::progress, &fetch,
                     [&status](ResultsFetch::Phase phase, qint64 done, qint64 total, const QString &what) {
                         const QString step = phase == ResultsFetch::Phase::Downloading
                                                  ? QStringLiteral("downloading %1").arg(what)
                                              : what.startsWith(QLatin1String("reading"))
                                                  ? what
                                                  : QStringLiteral("reading %1").arg(what);
                         status.show(total > 0 ? QStringLiteral("%1: %2%").arg(step).arg(done * 100 / total)
                                               : QStringLiteral("%1: %2").arg(
                                                     step, QLocale::system().formattedDataSize(done)));
                     });
    fetch.start();
    const bool finished =
        clock.waitFor(&fetch, &ResultsFetch::finished, [&fetch] { return fetch.isFinished(); });
    status.end();
    if (!finished) {
        fetch.cancel();
        printError(clock.stoppedMessage(QStringLiteral("while getting the results of %1").arg(batch.id)));
        *exitCode = ExitCode::ApiOrData;
        return nullptr;
    }
    if (!fetch.results()) {
        printError(fetch.error().toString());
        // Files the provider no longer keeps are data that is gone, not a mistake of the caller's.
        *exitCode = fetch.filesExpired() || fetch.error().kind == ApiError::NoError
                        ? ExitCode::ApiOrData
                        : CommandSupport::exitCodeFor(fetch.error());
        return nullptr;
    }
    // A fetch that read is complete but for an input file the provider no longer keeps, which the set's
    // warnings say in ResultsFetch's own words (and which exits 4 through them).
    return fetch.results();
}

qsizetype printDoubts(const ResultSet &set, const Batch &batch, int shown)
{
    for (qsizetype i = 0; i < set.warnings.size() && i < shown; ++i)
        CommandSupport::printWarning(set.warnings.at(i));
    if (set.warnings.size() > shown)
        CommandSupport::printWarning(
            QStringLiteral("%1 more warnings like these").arg(set.warnings.size() - shown));
    const QStringList disagreements = ResultsCheck::disagreements(set, batch);
    for (const QString &disagreement : disagreements)
        CommandSupport::printWarning(QStringLiteral("%1: %2").arg(batch.id, disagreement));
    return set.warnings.size() + disagreements.size();
}

} // namespace BatchLoad
