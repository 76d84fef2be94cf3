#pragma once

#include "cli/connectionoptions.h"
#include "core/batch/batchfilter.h"
#include "core/export/batchexporter.h"

#include <QStringList>

// The options `batchwatch export` and `batchwatch list` share, parsed and checked; the connection's part
// (ConnectionOptions) is every headless command's.
struct HeadlessOptions : ConnectionOptions
{
    enum class Command { Export, List };

    Command command = Command::Export;
    BatchExporter::Format format = BatchExporter::Format::Csv;
    QString output = QStringLiteral("-"); // "-": standard output
    BatchFilter filter;
    qint64 maxBatches = 0;
    bool useCache = true;    // --no-cache: neither read nor write the local cache
    bool refreshAll = false; // --refresh-all: re-read every batch (and rewrite the cache)
    bool helpShown = false;
    // What is worth saying but does not stop the run (a status Batchwatch does not know), for stderr.
    QStringList warnings;

    // Parses `arguments` (the subcommand's own, program name first); on failure returns false with `error`
    // set. On --help, prints the help to stdout and sets helpShown.
    static bool parse(Command command, const QStringList &arguments, HeadlessOptions *options,
                      QString *error);
    // The longest span back from now that --created-after/--created-before take: ten thousand years.
    static constexpr qint64 kMaxSpanSeconds = qint64(10'000) * 366 * 86'400;
    // "2025-11-27", "2025-11-27T22:00", "2025-11-27T22:00:00Z", or a span back from now: "36h", "7d", "90m".
    // Invalid when unreadable; a span longer than kMaxSpanSeconds is invalid with `tooFarBack` set.
    static QDateTime parseTime(const QString &text, const QDateTime &now, bool *tooFarBack = nullptr);
};
