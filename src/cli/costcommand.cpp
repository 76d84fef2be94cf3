#include "cli/costcommand.h"

#include "cli/commandsupport.h"
#include "cli/exitcode.h"
#include "cli/exportcommand.h"
#include "cli/outputtarget.h"
#include "core/api/apiclient.h"
#include "core/batch/batchfilter.h"
#include "core/export/batchexportjob.h"
#include "core/query/batchquery.h"

using CommandSupport::printError;

namespace CostCommand {

int run(const QStringList &arguments)
{
    CostOptions options;
    QString error;
    if (!CostOptions::parse(arguments, &options, &error)) {
        printError(error + QStringLiteral(" (see batchwatch cost --help)"));
        return ExitCode::Usage;
    }
    if (options.helpShown)
        return ExitCode::Ok;

    QString priceWarning;
    const PriceTable prices = PriceTable::load(&priceWarning);
    if (!priceWarning.isEmpty())
        CommandSupport::printWarning(priceWarning);

    const std::optional<CommandSupport::Connection> connection = CommandSupport::connect(options);
    if (!connection)
        return ExitCode::Usage;
    const ApiConfig &config = connection->config;
    OutputTarget output;
    if (!output.open(options.output)) {
        printError(output.errorString());
        return ExitCode::Output;
    }

    CostReport report(options.by, &prices);
    ApiClient client(config);
    // The query goes into the job's filter, as export's and list's do: it sees each batch with its account,
    // provider and prices (the window's search box does the same), and a created>X term ends the walk early.
    BatchFilter filter = options.filter;
    filter.setSearchText(options.query);
    BatchExportJob job(&client, filter);
    job.setQueryRow(QueryRow{connection->accountName, config.provider, &prices});
    const auto add = [&](const Batch &batch) {
        report.add(batch, connection->accountName, config.provider);
        return true;
    };
    if (!ExportCommand::walk(job, options, config, output, [&] { job.start(add); }))
        return ExitCode::ApiOrData;
    switch (job.outcome()) {
    case BatchExportJob::Outcome::Done:
        break;
    case BatchExportJob::Outcome::ApiFailed:
        // A sum over part of the batches would read as the whole: nothing is written.
        output.discard();
        printError(job.apiError().toString() +
                   QStringLiteral("; no costs written, as not every batch was read"));
        return CommandSupport::exitCodeFor(job.apiError());
    case BatchExportJob::Outcome::WriteFailed:
    case BatchExportJob::Outcome::Running:
        output.discard();
        printError(QStringLiteral("cannot read the batches: %1").arg(job.writeError()));
        return ExitCode::ApiOrData;
    }
    if (job.endedShort()) {
        output.discard();
        printError(QStringLiteral("the server's list ended early (see the warning above); no costs written, "
                                  "as not every batch was read"));
        return ExitCode::ApiOrData;
    }
    if (!write(output.device(), options.format, report, options, prices, &error)) {
        output.discard();
        printError(QStringLiteral("cannot write %1: %2").arg(options.output, error));
        return ExitCode::Output;
    }
    if (!output.commit()) {
        printError(output.errorString());
        return ExitCode::Output;
    }
    return ExitCode::Ok;
}

} // namespace CostCommand
