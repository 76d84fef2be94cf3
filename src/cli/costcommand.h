#pragma once

#include "cli/costoptions.h"
#include "core/cost/costreport.h"

#include <QStringList>

class QIODevice;

// `batchwatch cost`: reads the account's batches the way `list` does (through the cache and sync engine),
// sums them per group with CostReport and writes one record per group and a total.
namespace CostCommand {
// `arguments` starts with the program name; the subcommand word is already removed. Runs the event loop.
int run(const QStringList &arguments);

// The report as CSV (a header, a row per group, then a row "(total)"), JSON ({"by", "currency",
// "prices_updated", "since", "groups": [...], "total": {...}}) or a table for a person; false with `error`
// set when the device refuses the bytes.
[[nodiscard]] bool write(QIODevice *device, BatchExporter::Format format, const CostReport &report,
                         const CostOptions &options, const PriceTable &prices, QString *error);
} // namespace CostCommand
