#pragma once

#include "cli/headlessoptions.h"
#include "core/cost/costreport.h"

#include <QStringList>

// The options of `batchwatch cost`: how to group, since when, and the connection and cache options of
// `export` and `list` (HeadlessOptions), whose walk it shares. Its formats are csv, json and table.
struct CostOptions : HeadlessOptions
{
    CostReport::By by = CostReport::By::Model;
    QString since; // --since as given ("7d", "2026-11-01"), for the JSON record; empty: everything
    QString query; // --query: BatchQuery's language, checked to parse; empty: every batch

    // Parses `arguments` (program name first); false with `error` set on a mistake. On --help, prints the
    // help to stdout and sets helpShown.
    static bool parse(const QStringList &arguments, CostOptions *options, QString *error);
    // The start of --since: a span back from `now`, or a date (midnight UTC, as days are counted in UTC) or
    // a time. Invalid when unreadable.
    static QDateTime parseSince(const QString &text, const QDateTime &now, bool *tooFarBack = nullptr);
};
