#include "cli/costcommand.h"

#include "cli/commandsupport.h"
#include "cli/exitcode.h"
#include "cli/exportcommand.h"
#include "cli/outputtarget.h"
#include "core/api/apiclient.h"
#include "core/batch/batchfilter.h"
#include "core/cache/batchcache.h"
#include "core/cost/costcachesum.h"
#include "core/export/batchexportjob.h"
#include "core/query/batchquery.h"

using CommandSupport::printError;

namespace {
// Not exit codes: the report is whole, or the columns could not give it and the slow way must.
constexpr int kSummed = -1;
constexpr int kReadEveryBatch = -2;

// Walks the account (through the cache) into `report`. `light`: a warm cache is only brought up to date,
// and the sum comes from its columns (CostCacheSum); `*light` comes back false when that could not be (a
// cold walk handed every batch over, or the file could not give its columns: then `report` is the walk's,
// or empty and kReadEveryBatch asks the caller to walk again). Returns kSummed, or the exit code of a failure
// (said).
int sum(const CostOptions &options, const CommandSupport::Connection &connection, const PriceTable &prices,
        OutputTarget &output, bool *light, CostReport *report)
{
    const ApiConfig &config = connection.config;
    ApiClient client(config);
    // The query goes into the job's filter, as export's and list's do: it sees each batch with its account,
    // provider and prices (the window's search box does the same), and a created>X term ends the walk early.
    BatchFilter filter = options.filter;
    filter.setSearchText(options.query);
    BatchExportJob job(&client, filter);
    job.setQueryRow(QueryRow{connection.accountName, config.provider, &prices});
    job.setLightRefresh(*light);
    const auto add = [&](const Batch &batch) {
        report->add(batch, connection.accountName, config.provider);
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
    *light = job.refreshedLight();
    if (!*light)
        return kSummed; // the walk handed every batch to `add`
    QString why;
    const CostCacheSum::Result result = CostCacheSum::addAll(
        BatchCache::defaultPath(config), filter, connection.accountName, config.provider, report, &why);
    if (result == CostCacheSum::Result::Ok)
        return kSummed;
    *report = CostReport(options.by, &prices);
    *light = false;
    // The slow path reads every row and says (and mends) what is wrong with the file.
    if (result != CostCacheSum::Result::Unsuitable)
        printError(
            QStringLiteral("warning: cannot sum the cache's columns (%1); reading every batch").arg(why));
    return kReadEveryBatch;
}
} // namespace

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
    OutputTarget output;
    if (!output.open(options.output)) {
        printError(output.errorString());
        return ExitCode::Output;
    }

    CostReport report(options.by, &prices);
    // The fast path when the run has a cache and no query (whose terms may need any field of a batch):
    // the walk only refreshes the cache, and the sum comes from its columns (CostCacheSum).
    bool light =
        options.useCache && options.query.trimmed().isEmpty() && CostCacheSum::answers(options.filter);
    int code = sum(options, *connection, prices, output, &light, &report);
    if (code == kReadEveryBatch)
        code = sum(options, *connection, prices, output, &light, &report);
    if (code != kSummed)
        return code;
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
