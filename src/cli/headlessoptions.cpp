#include "cli/headlessoptions.h"

#include "cli/commandsupport.h"
#include "core/batch/batchstatus.h"
#include "core/providers/provider.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <algorithm>

#include <cstdio>
#include <limits>

namespace {
QString knownStatusNames()
{
    QStringList names;
    for (const BatchStatus &status : BatchStatus::all())
        names << status.toString();
    return names.join(QStringLiteral(", "));
}

// --search as one free word of the query: quoted (so spaces, quotes and colons stay text) unless plain.
QString searchTerm(const QString &search)
{
    const QString text = search.trimmed();
    const bool plain = !text.startsWith(u'-') && std::none_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.isSpace() || c == u'"' || c == u'\\' || c == u':' || c == u'~' || c == u'<' || c == u'>' ||
               c == u',';
    });
    if (plain)
        return text;
    QString quoted = text;
    quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return u'"' + quoted + u'"';
}
} // namespace

QDateTime HeadlessOptions::parseTime(const QString &text, const QDateTime &now, bool *tooFarBack)
{
    if (tooFarBack)
        *tooFarBack = false;
    static const QRegularExpression span(QStringLiteral("^(\\d+)\\s*([mhdw])$"));
    const QRegularExpressionMatch m = span.match(text.trimmed());
    if (m.hasMatch()) {
        // Digits beyond qint64 fail to convert: refused, never read as 0 ("now").
        bool ok = false;
        const qint64 n = m.captured(1).toLongLong(&ok);
        const QChar unit = m.captured(2).at(0);
        const qint64 seconds = unit == u'm' ? 60 : unit == u'h' ? 3600 : unit == u'd' ? 86'400 : 604'800;
        if (!ok || n > kMaxSpanSeconds / seconds) {
            if (tooFarBack)
                *tooFarBack = true;
            return {};
        }
        return now.addSecs(-n * seconds);
    }
    QDateTime time = QDateTime::fromString(text.trimmed(), Qt::ISODate);
    if (!time.isValid()) {
        const QDate date = QDate::fromString(text.trimmed(), Qt::ISODate);
        if (date.isValid())
            time = date.startOfDay(); // local midnight, as a person means "since the 27th"
    }
    return time;
}

bool HeadlessOptions::parse(Command command, const QStringList &arguments, HeadlessOptions *options,
                            QString *error)
{
    options->command = command;
    const bool list = command == Command::List;
    QCommandLineParser parser;
    const QString connection = ConnectionOptionSet::variablesHelp();
    const ConnectionOptionSet connectionOptions;
    parser.setApplicationDescription(
        list
            ? QString(QStringLiteral("Prints the account's batches as a table, newest first.\n") + connection)
            : QString(
                  QStringLiteral("Writes the account's batches as CSV, JSON or JSON Lines, newest first.\n") +
                  connection +
                  QStringLiteral("JSON and JSON Lines hold each provider's objects exactly as received; "
                                 "CSV has the same columns for every provider, with account, provider and "
                                 "raw_status (the provider's own word).\n"
                                 "Filters combine with AND; the statuses given to --status combine with "
                                 "OR.")));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Shows this help."));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QStringLiteral("csv, json or jsonl (default: from the file's extension, else csv)."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption output(
        {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("Write to FILE, atomically (a FIFO or device is written straight through); "
                       "- for standard output (the default)."),
        QStringLiteral("FILE"));
    const QCommandLineOption status(
        QStringLiteral("status"),
        QStringLiteral("Only these statuses, comma-separated (e.g. failed,expired)."),
        QStringLiteral("S1,S2"));
    const QCommandLineOption search(
        QStringLiteral("search"),
        QStringLiteral("Only batches whose id, endpoint, model, file ids or metadata "
                       "contain TEXT (any case)."),
        QStringLiteral("TEXT"));
    const QCommandLineOption query = CommandSupport::queryOption();
    const QCommandLineOption after(QStringLiteral("created-after"),
                                   QStringLiteral("Only batches created at or after DATE (2025-11-27, "
                                                  "2025-11-27T22:00Z, or back from now: 12h, 7d)."),
                                   QStringLiteral("DATE"));
    const QCommandLineOption before(QStringLiteral("created-before"),
                                    QStringLiteral("Only batches created before DATE."),
                                    QStringLiteral("DATE"));
    const QCommandLineOption max(QStringLiteral("max"), QStringLiteral("At most N batches."),
                                 QStringLiteral("N"));
    const QCommandLineOption noCache(
        QStringLiteral("no-cache"),
        QStringLiteral("Neither read nor write the local cache: every page comes from "
                       "the server, as they arrive."));
    const QCommandLineOption refreshAll(
        QStringLiteral("refresh-all"),
        QStringLiteral("Re-read every batch from the server, and rewrite the cache."));
    parser.addOption(help);
    connectionOptions.addSource(&parser);
    if (!list)
        parser.addOptions({format, output});
    parser.addOptions({query, status, search, after, before, max});
    connectionOptions.addLimits(&parser);
    parser.addOptions({noCache, refreshAll});

    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(QRegularExpression(QStringLiteral("^Usage: \\S+")),
                     QStringLiteral("Usage: batchwatch ") +
                         (list ? QStringLiteral("list") : QStringLiteral("export")));
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
    if (!list) {
        options->output = parser.isSet(output) ? parser.value(output) : QStringLiteral("-");
        if (options->output.isEmpty()) {
            *error = QStringLiteral("-o needs a file name (- for standard output)");
            return false;
        }
        if (parser.isSet(format)) {
            const auto chosen = BatchExporter::formatFromName(parser.value(format));
            if (!chosen) {
                *error = QStringLiteral("--format must be csv, json or jsonl, not \"%1\"")
                             .arg(parser.value(format));
                return false;
            }
            options->format = *chosen;
        } else {
            options->format = BatchExporter::formatFromPath(options->output);
        }
    }
    if (parser.isSet(status)) {
        QSet<QString> statuses;
        for (const QString &s : parser.value(status).split(u',', Qt::SkipEmptyParts))
            statuses.insert(s.trimmed().toLower().replace(u' ', u'_'));
        // Still filtered on: the server may have a status newer than this Batchwatch.
        QStringList unknown;
        for (const QString &s : std::as_const(statuses)) {
            if (BatchStatus::fromString(s).value() == BatchStatus::Unknown)
                unknown << s;
        }
        unknown.sort();
        for (const QString &s : std::as_const(unknown))
            options->warnings << QStringLiteral("--status: \"%1\" is not a status Batchwatch knows (%2); "
                                                "batches with it will still be shown if the server has any")
                                     .arg(s, knownStatusNames());
        options->filter.setStatuses(statuses);
    }
    const QDateTime now = QDateTime::currentDateTime();
    // The query and --search make one query: --search's text as a single quoted word after it, so the
    // positions of the query's errors are those of the text given.
    QString text = parser.value(query);
    if (const QString mistake = CommandSupport::queryMistake(text, now.toSecsSinceEpoch());
        !mistake.isEmpty()) {
        *error = mistake;
        return false;
    }
    if (!parser.value(search).trimmed().isEmpty())
        text += u' ' + searchTerm(parser.value(search));
    options->filter.setSearchText(text);
    for (const auto &[option, name] :
         {std::pair{&after, "--created-after"}, std::pair{&before, "--created-before"}}) {
        if (!parser.isSet(*option))
            continue;
        bool tooFarBack = false;
        const QDateTime time = parseTime(parser.value(*option), now, &tooFarBack);
        if (tooFarBack) {
            *error = QStringLiteral("%1: \"%2\" reaches back more than 10,000 years")
                         .arg(QLatin1String(name), parser.value(*option));
            return false;
        }
        if (!time.isValid()) {
            *error =
                QStringLiteral("%1: cannot read \"%2\" as a date (try 2025-11-27, 2025-11-27T22:00Z or 12h)")
                    .arg(QLatin1String(name), parser.value(*option));
            return false;
        }
        if (option == &after)
            options->filter.setCreatedAfter(time);
        else
            options->filter.setCreatedBefore(time);
    }
    if (!ConnectionOptionSet::readNumber(parser, max, 1, std::numeric_limits<qint64>::max(),
                                         &options->maxBatches, error))
        return false;
    options->useCache = !parser.isSet(noCache);
    options->refreshAll = parser.isSet(refreshAll);
    return true;
}
