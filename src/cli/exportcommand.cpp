#include "cli/exportcommand.h"

#include "cli/commandsupport.h"
#include "cli/exitcode.h"
#include "cli/outputtarget.h"
#include "core/api/apiclient.h"
#include "core/cache/batchcache.h"
#include "core/cost/pricetable.h"
#include "core/export/batchexportjob.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

using CommandSupport::printError;

int ExportCommand::run(const QStringList &arguments)
{
    HeadlessOptions options;
    QString error;
    if (!HeadlessOptions::parse(m_command, arguments, &options, &error)) {
        printError(error + QStringLiteral(" (see batchwatch %1 --help)")
                               .arg(m_command == HeadlessOptions::Command::List ? QStringLiteral("list")
                                                                                : QStringLiteral("export")));
        return ExitCode::Usage;
    }
    if (options.helpShown)
        return ExitCode::Ok;
    for (const QString &warning : std::as_const(options.warnings))
        printError(QStringLiteral("warning: ") + warning);

    const std::optional<CommandSupport::Connection> connection = CommandSupport::connect(options);
    if (!connection)
        return ExitCode::Usage;
    const ApiConfig &config = connection->config;

    OutputTarget output;
    if (!output.open(options.command == HeadlessOptions::Command::List ? QStringLiteral("-")
                                                                       : options.output)) {
        printError(output.errorString());
        return ExitCode::Output;
    }

    const BatchExporter::Format format =
        options.command == HeadlessOptions::Command::List ? BatchExporter::Format::Table : options.format;
    BatchExporter exporter(output.device(), format);
    exporter.setSource(connection->accountName, Providers::id(config.provider));
    if (!exporter.begin()) {
        printError(QStringLiteral("cannot write %1: %2").arg(options.output, exporter.errorString()));
        return ExitCode::Output;
    }

    ApiClient client(config);
    BatchExportJob job(&client, options.filter);
    // The query's account:, provider: and cost terms read these; prices only when a term may ask for them
    // (a broken user price file is not worth a warning on every export).
    PriceTable prices;
    const bool wantsPrices = options.filter.searchText().contains(QLatin1String("cost"), Qt::CaseInsensitive);
    if (wantsPrices) {
        QString priceWarning;
        prices = PriceTable::load(&priceWarning);
        if (!priceWarning.isEmpty())
            CommandSupport::printWarning(priceWarning);
    }
    job.setQueryRow(QueryRow{connection->accountName, config.provider, wantsPrices ? &prices : nullptr});
    if (!walk(job, options, config, output, [&] { job.start(&exporter, options.maxBatches); }))
        return ExitCode::ApiOrData;

    switch (job.outcome()) {
    case BatchExportJob::Outcome::Done:
        break;
    case BatchExportJob::Outcome::ApiFailed:
        output.discard();
        printError(job.apiError().toString());
        return CommandSupport::exitCodeFor(job.apiError());
    case BatchExportJob::Outcome::WriteFailed:
    case BatchExportJob::Outcome::Running:
        output.discard();
        printError(QStringLiteral("cannot write %1: %2").arg(options.output, job.writeError()));
        return ExitCode::Output;
    }
    if (job.endedShort()) {
        // The server's list stopped on empty pages that still claimed more: what was read is not the account.
        output.discard();
        printError(QStringLiteral("the server's list ended early (see the warning above); %1")
                       .arg(output.isAtomic() ? QStringLiteral("%1 left untouched").arg(options.output)
                                              : QStringLiteral("the batches written are not all of them")));
        return ExitCode::ApiOrData;
    }
    if (!output.commit()) {
        printError(output.errorString());
        return ExitCode::Output;
    }
    return ExitCode::Ok;
}

bool ExportCommand::walk(BatchExportJob &job, const HeadlessOptions &options, const ApiConfig &config,
                         OutputTarget &output, const std::function<void()> &start)
{
    // The cache makes a second run cost a few requests; without it, pages are written as they arrive.
    BatchCache cache;
    if (options.useCache && config.insecureTransportReason().isEmpty()) {
        QString cacheError, cacheWarning;
        if (cache.open(BatchCache::defaultPath(config), config.provider, &cacheError, &cacheWarning))
            job.setCache(&cache, options.refreshAll);
        else
            printError(QStringLiteral("warning: %1; going on without it").arg(cacheError));
        if (!cacheWarning.isEmpty())
            printError(QStringLiteral("warning: ") + cacheWarning);
    }
    CommandSupport::StatusLine progress;
    QEventLoop loop;
    QObject::connect(&job, &BatchExportJob::progress, &job, [&] {
        progress.show(QStringLiteral("%1 pages, %2 batches read, %3 written")
                          .arg(job.pages())
                          .arg(job.batchesSeen())
                          .arg(job.batchesMatched()));
    });
    QObject::connect(&job, &BatchExportJob::warning, &job, [&](const QString &message) {
        progress.end();
        printError(QStringLiteral("warning: ") + message);
    });
    QObject::connect(&job, &BatchExportJob::finished, &loop, &QEventLoop::quit);
    // The whole run's limit: a server that keeps answering slowly, or with pages without end, cannot keep a
    // script waiting past it.
    QTimer deadline;
    deadline.setSingleShot(true);
    bool deadlinePassed = false;
    if (options.deadlineSeconds > 0) {
        QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
            deadlinePassed = true;
            loop.quit();
        });
        deadline.start(options.deadlineSeconds * 1000);
    }
    start();
    if (job.outcome() == BatchExportJob::Outcome::Running)
        loop.exec();
    progress.end();
    const QString summary = progress.enabled() ? job.syncSummary() : QString();
    // The cache ends with this function: the job must not keep a way to it.
    job.setCache(nullptr, false);
    if (deadlinePassed && job.outcome() == BatchExportJob::Outcome::Running) {
        output.discard();
        printError(QStringLiteral("stopped: the run reached its --deadline of %1 s after %2 batches read%3")
                       .arg(options.deadlineSeconds)
                       .arg(job.batchesSeen())
                       .arg(output.isAtomic() ? QStringLiteral("; %1 left untouched").arg(options.output)
                                              : QString()));
        return false;
    }
    if (!summary.isEmpty())
        printError(summary);
    return true;
}
