#include "cli/costoptions.h"

#include "cli/commandsupport.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <cstdio>

QDateTime CostOptions::parseSince(const QString &text, const QDateTime &now, bool *tooFarBack)
{
    // A date alone is its UTC midnight; QDate would also read the date of a date-time and drop its time.
    const QString trimmed = text.trimmed();
    const QDate date = QDate::fromString(trimmed, Qt::ISODate);
    if (date.isValid() && trimmed.size() == 10) {
        if (tooFarBack)
            *tooFarBack = false;
        return date.startOfDay(Qt::UTC);
    }
    return HeadlessOptions::parseTime(text, now, tooFarBack);
}

bool CostOptions::parse(const QStringList &arguments, CostOptions *options, QString *error)
{
    QCommandLineParser parser;
    const ConnectionOptionSet connectionOptions;
    parser.setApplicationDescription(
        QStringLiteral(
            "Sums the account's batches and what they cost, per model, UTC day, batch or account: "
            "batches, input_tokens, cached_tokens, output_tokens, cost and unpriced (the batches "
            "without a cost: no usage, no model, or a model the price table lacks), then a total.\n"
            "Cost = (input - cached) x input + cached x cached_input + output x output, per million "
            "tokens, at batch rates from the price table shipped with Batchwatch, with "
            "$XDG_CONFIG_HOME/batchwatch/prices.json (~/.config/batchwatch/prices.json) merged over it (same "
            "format). A group whose batches all lack a cost has no cost (empty "
            "in CSV, null in JSON, - in the table), never 0.\n") +
        ConnectionOptionSet::variablesHelp());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Shows this help."));
    const QCommandLineOption by(QStringLiteral("by"),
                                QStringLiteral("Group by model (the default), day (UTC), batch or account."),
                                QStringLiteral("GROUP"));
    const QCommandLineOption since(
        QStringLiteral("since"),
        QStringLiteral("Only batches created since SPAN back from now (36h, 7d, 4w) "
                       "or a date (2026-11-01, midnight UTC) or time."),
        QStringLiteral("SPAN"));
    const QCommandLineOption query = CommandSupport::queryOption();
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("csv, json or table (default: from the file's extension, "
                                                   "else table on standard output)."),
                                    QStringLiteral("FORMAT"));
    const QCommandLineOption output(
        {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("Write to FILE, atomically (a FIFO or device is written straight through); "
                       "- for standard output (the default)."),
        QStringLiteral("FILE"));
    const QCommandLineOption noCache(
        QStringLiteral("no-cache"),
        QStringLiteral("Neither read nor write the local cache: every page comes from the server."));
    const QCommandLineOption refreshAll(
        QStringLiteral("refresh-all"),
        QStringLiteral("Re-read every batch from the server, and rewrite the cache."));
    parser.addOption(help);
    connectionOptions.addSource(&parser);
    parser.addOptions({by, since, query, format, output});
    connectionOptions.addLimits(&parser);
    parser.addOptions({noCache, refreshAll});

    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(QRegularExpression(QStringLiteral("^Usage: \\S+")),
                     QStringLiteral("Usage: batchwatch cost"));
        std::fputs(qPrintable(text), stdout);
        options->helpShown = true;
        return true;
    }
    if (!connectionOptions.read(parser, options, error))
        return false;
    if (!parser.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst());
        return false;
    }
    if (parser.isSet(by) && !CostReport::parseBy(parser.value(by), &options->by)) {
        *error =
            QStringLiteral("--by must be model, day, batch or account, not \"%1\"").arg(parser.value(by));
        return false;
    }
    options->output = parser.isSet(output) ? parser.value(output) : QStringLiteral("-");
    if (options->output.isEmpty()) {
        *error = QStringLiteral("-o needs a file name (- for standard output)");
        return false;
    }
    if (parser.isSet(format)) {
        const QString name = parser.value(format).trimmed().toLower();
        const auto chosen = name == QLatin1String("table") ? std::optional(BatchExporter::Format::Table)
                                                           : BatchExporter::formatFromName(name);
        if (!chosen || *chosen == BatchExporter::Format::Jsonl) {
            *error =
                QStringLiteral("--format must be csv, json or table, not \"%1\"").arg(parser.value(format));
            return false;
        }
        options->format = *chosen;
    } else {
        options->format = BatchExporter::formatFromPath(options->output, BatchExporter::Format::Table);
        if (options->format == BatchExporter::Format::Jsonl)
            options->format = BatchExporter::Format::Json;
    }
    if (parser.isSet(since)) {
        bool tooFarBack = false;
        const QDateTime start = parseSince(parser.value(since), QDateTime::currentDateTimeUtc(), &tooFarBack);
        if (tooFarBack) {
            *error = QStringLiteral("--since: \"%1\" reaches back more than 10,000 years")
                         .arg(parser.value(since));
            return false;
        }
        if (!start.isValid()) {
            *error =
                QStringLiteral("--since: cannot read \"%1\" (try 7d, 36h, 2026-11-01 or 2026-11-01T12:00Z)")
                    .arg(parser.value(since));
            return false;
        }
        options->since = parser.value(since);
        options->filter.setCreatedAfter(start);
    }
    if (parser.isSet(query)) {
        const QString mistake =
            CommandSupport::queryMistake(parser.value(query), QDateTime::currentSecsSinceEpoch());
        if (!mistake.isEmpty()) {
            *error = mistake;
            return false;
        }
        options->query = parser.value(query);
    }
    options->useCache = !parser.isSet(noCache);
    options->refreshAll = parser.isSet(refreshAll);
    return true;
}
