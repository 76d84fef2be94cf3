#include "cli/batchcommandoptions.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstdio>

namespace {
QString description(BatchCommandOptions::Command command)
{
    using Command = BatchCommandOptions::Command;
    switch (command) {
    case Command::Results:
        return QStringLiteral(
            "Writes one record per request of the batch, in the order of its input file, joined by "
            "custom_id\n"
            "across the input, output and error files: ok (a 2xx answer), failed (a non-2xx answer or an "
            "error\n"
            "line) or not_run (in neither file, as in expired and cancelled batches). Results whose "
            "custom_id\n"
            "the input lacks follow, in the order of their files.\n"
            "JSON Lines records: {\"custom_id\", \"outcome\", \"status_code\", \"error\": {\"code\", "
            "\"message\"}\n"
            "or null, \"usage\": {\"input_tokens\", \"output_tokens\"} or null}; CSV has the same columns "
            "flattened.\n"
            "The files are downloaded once into the account's cache; a second run reads them from there.\n"
            "A line that cannot be read is skipped with a warning on stderr; the records are still written "
            "and\n"
            "the exit status is then 4, as when the rows disagree with the batch's counts (a short file).\n"
            "A batch still running is refused (exit 2): its results come when it ends.\n");
    case Command::Retry:
        return QStringLiteral(
            "Resubmits the requests of a batch that failed or did not run: their input lines exactly as\n"
            "uploaded, in input order, go into a new batch with the same endpoint and completion window and "
            "the\n"
            "batch's metadata plus batchwatch_retry_of=BATCH_ID. Prints the new batch's id. With nothing to\n"
            "retry it says so, sends nothing and exits 0. A batch still running cannot be retried (exit 2).\n"
            "While its results were not read in full or disagree with its counts, nothing is sent (exit 4):\n"
            "a request that reads as not run may have run; --dry-run still writes the lines, and exits 4.\n"
            "A batch that failed validation has nothing to retry: its validation errors are printed with "
            "their\n"
            "line numbers and the exit status is 2 (fix the file, then use batchwatch create).\n");
    case Command::Create:
        return QStringLiteral(
            "Checks a JSONL file of requests and starts a batch from it. The check reports, one per line as\n"
            "FILE:LINE: message, lines that are not JSON, a missing or duplicate custom_id, a method other "
            "than\n"
            "POST, more than one url or model, a missing model, more than 50,000 lines or 200 MB; with any,\n"
            "the exit status is 2 and nothing is sent. Then it prints a summary on stderr (lines, model,\n"
            "endpoint, estimated input tokens), uploads the file, creates the batch and prints its id.\n"
            "What is uploaded is a private copy made before the check; a file that changes while it is "
            "copied,\n"
            "a pipe, a device or a directory is refused (exit 2). When the create fails after it was sent "
            "(no\n"
            "answer, a server error) the batch may exist: check batchwatch list before creating again.\n");
    }
    return {};
}

// "a,b" into the words it lists, each lower-cased and with '_' read as '-'.
QStringList words(const QString &list)
{
    QStringList out;
    for (const QString &word : list.split(u',', Qt::SkipEmptyParts))
        out << word.trimmed().toLower().replace(u'_', u'-');
    return out;
}
} // namespace

QString BatchCommandOptions::commandName(Command command)
{
    switch (command) {
    case Command::Results:
        return QStringLiteral("results");
    case Command::Retry:
        return QStringLiteral("retry");
    case Command::Create:
        return QStringLiteral("create");
    }
    return {};
}

QStringList BatchCommandOptions::windowsFor(Provider provider)
{
    Q_UNUSED(provider)
    return {QStringLiteral("24h")};
}

bool BatchCommandOptions::checkWindow(Provider accountProvider, QString *error) const
{
    const QStringList windows = windowsFor(accountProvider);
    if (windows.contains(window))
        return true;
    *error = QStringLiteral("--window: %1 batches take %2, not \"%3\"")
                 .arg(Providers::displayName(accountProvider), windows.join(QStringLiteral(", ")), window);
    return false;
}

bool BatchCommandOptions::addMetadata(const QString &pair, QMap<QString, QString> *metadata, QString *error)
{
    const qsizetype equals = pair.indexOf(u'=');
    if (equals <= 0) {
        *error = QStringLiteral("--metadata takes KEY=VALUE, not \"%1\"").arg(pair);
        return false;
    }
    const QString key = pair.left(equals);
    const QString value = pair.mid(equals + 1);
    if (key.size() > kMaxMetadataKeyChars) {
        *error = QStringLiteral("--metadata: the key \"%1\" is longer than %2 characters")
                     .arg(key)
                     .arg(kMaxMetadataKeyChars);
        return false;
    }
    if (value.size() > kMaxMetadataValueChars) {
        *error = QStringLiteral("--metadata: the value of \"%1\" is longer than %2 characters")
                     .arg(key)
                     .arg(kMaxMetadataValueChars);
        return false;
    }
    if (metadata->contains(key)) {
        *error = QStringLiteral("--metadata: the key \"%1\" is given twice").arg(key);
        return false;
    }
    if (metadata->size() >= kMaxMetadataPairs) {
        *error = QStringLiteral("--metadata: a batch takes at most %1 pairs").arg(kMaxMetadataPairs);
        return false;
    }
    metadata->insert(key, value);
    return true;
}

bool BatchCommandOptions::parse(Command command, const QStringList &arguments, BatchCommandOptions *options,
                                QString *error)
{
    options->command = command;
    QCommandLineParser parser;
    parser.setApplicationDescription(description(command) + u'\n' + ConnectionOptionSet::variablesHelp());
    const ConnectionOptionSet connection;
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Shows this help."));
    const QCommandLineOption only(
        QStringLiteral("only"),
        QStringLiteral("Only requests with these outcomes, comma-separated: ok, failed, not-run "
                       "(default: all)."),
        QStringLiteral("OUTCOMES"));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QStringLiteral("csv or jsonl (default: from the file's extension, else csv). In CSV a cell that "
                       "starts with = + - @ (or a tab or CR) gets a leading ' so that a spreadsheet does not "
                       "run it as a formula; JSONL keeps every value as it is."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption output(
        {QStringLiteral("o"), QStringLiteral("output")},
        command == Command::Results
            ? QStringLiteral("Write to FILE, atomically (a FIFO or device is written straight through); "
                             "- for standard output (the default).")
            : QStringLiteral("With --dry-run, write the lines to FILE (default: standard output); without "
                             "it, keep a copy of the lines sent in FILE."),
        QStringLiteral("FILE"));
    const QCommandLineOption include(
        QStringLiteral("include"),
        QStringLiteral("Which requests to resubmit, comma-separated: failed, not-run (default: both)."),
        QStringLiteral("OUTCOMES"));
    const QCommandLineOption dryRun(
        QStringLiteral("dry-run"),
        command == Command::Retry
            ? QStringLiteral("Write the input lines that would be resubmitted and send nothing.")
            : QStringLiteral("Check the file and print the summary; send nothing."));
    const QCommandLineOption metadata(
        QStringLiteral("metadata"),
        QStringLiteral("Put KEY=VALUE on the batch; repeatable, at most 16 pairs, keys up to 64 and values "
                       "up to 512 characters."),
        QStringLiteral("KEY=VALUE"));
    const QCommandLineOption window(QStringLiteral("window"),
                                    QStringLiteral("The completion window (24h, the only one the providers "
                                                   "take; the default)."),
                                    QStringLiteral("WINDOW"));
    parser.addOption(help);
    connection.addSource(&parser);
    switch (command) {
    case Command::Results:
        parser.addPositionalArgument(QStringLiteral("BATCH_ID"), QStringLiteral("The batch's id."));
        parser.addOptions({only, format, output});
        break;
    case Command::Retry:
        parser.addPositionalArgument(QStringLiteral("BATCH_ID"), QStringLiteral("The batch to retry."));
        parser.addOptions({include, dryRun, output});
        break;
    case Command::Create:
        parser.addPositionalArgument(QStringLiteral("FILE"),
                                     QStringLiteral("The JSONL file of requests, one per line."));
        parser.addOptions({metadata, window, dryRun});
        break;
    }
    connection.addLimits(&parser);

    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(QRegularExpression(QStringLiteral("^Usage: \\S+")),
                     QStringLiteral("Usage: batchwatch ") + commandName(command));
        std::fputs(qPrintable(text), stdout);
        options->helpShown = true;
        return true;
    }
    if (!connection.read(parser, options, error))
        return false;
    const QStringList positional = parser.positionalArguments();
    const QString what = command == Command::Create ? QStringLiteral("FILE") : QStringLiteral("BATCH_ID");
    if (positional.isEmpty() || positional.constFirst().isEmpty()) {
        *error = QStringLiteral("%1 is missing").arg(what);
        return false;
    }
    if (positional.size() > 1) {
        *error = QStringLiteral("unexpected argument \"%1\"").arg(positional.at(1));
        return false;
    }
    if (command == Command::Create)
        options->file = positional.constFirst();
    else
        options->batchId = positional.constFirst().trimmed();

    // Only the options this command added may be asked about (QCommandLineParser warns of the others).
    options->dryRun = command != Command::Results && parser.isSet(dryRun);
    if (command != Command::Create) {
        if (parser.isSet(output)) {
            options->output = parser.value(output);
            if (options->output.isEmpty()) {
                *error = QStringLiteral("-o needs a file name (- for standard output)");
                return false;
            }
        } else if (command == Command::Results || options->dryRun) {
            options->output = QStringLiteral("-");
        }
    }

    if (command == Command::Results) {
        if (parser.isSet(only)) {
            options->onlyOk = options->onlyFailed = options->onlyNotRun = false;
            const QStringList chosen = words(parser.value(only));
            for (const QString &word : chosen) {
                if (word == QLatin1String("ok"))
                    options->onlyOk = true;
                else if (word == QLatin1String("failed"))
                    options->onlyFailed = true;
                else if (word == QLatin1String("not-run"))
                    options->onlyNotRun = true;
                else {
                    *error = QStringLiteral("--only takes ok, failed and not-run, not \"%1\"").arg(word);
                    return false;
                }
            }
            if (chosen.isEmpty()) {
                *error = QStringLiteral("--only needs at least one of ok, failed, not-run");
                return false;
            }
        }
        const QString formatName = parser.isSet(format) ? parser.value(format).trimmed().toLower()
                                                        : QFileInfo(options->output).suffix().toLower();
        if (formatName == QLatin1String("jsonl") || formatName == QLatin1String("ndjson"))
            options->format = ResultsFormat::Format::Jsonl;
        else if (formatName == QLatin1String("csv") || !parser.isSet(format))
            options->format = ResultsFormat::Format::Csv;
        else {
            *error = QStringLiteral("--format must be csv or jsonl, not \"%1\"").arg(parser.value(format));
            return false;
        }
    }
    if (command == Command::Retry) {
        if (parser.isSet(include)) {
            options->include.failed = options->include.notRun = false;
            const QStringList chosen = words(parser.value(include));
            for (const QString &word : chosen) {
                if (word == QLatin1String("failed"))
                    options->include.failed = true;
                else if (word == QLatin1String("not-run"))
                    options->include.notRun = true;
                else {
                    *error = QStringLiteral("--include takes failed and not-run, not \"%1\"").arg(word);
                    return false;
                }
            }
            if (chosen.isEmpty()) {
                *error = QStringLiteral("--include needs at least one of failed, not-run");
                return false;
            }
        }
        if (!options->dryRun && options->output == QLatin1String("-")) {
            *error = QStringLiteral("-o -: without --dry-run, standard output carries the new batch's id "
                                    "(give -o a file to keep a copy of the lines)");
            return false;
        }
    }
    if (command == Command::Create) {
        for (const QString &pair : parser.values(metadata)) {
            if (!addMetadata(pair, &options->metadata, error))
                return false;
        }
        if (parser.isSet(window)) {
            options->window = parser.value(window).trimmed();
            options->windowGiven = true;
        }
    }
    return true;
}
