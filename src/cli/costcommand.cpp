#include "cli/costcommand.h"

#include "cli/commandsupport.h"
#include "cli/exitcode.h"
#include "cli/exportcommand.h"
#include "cli/outputtarget.h"
#include "core/api/apiclient.h"
#include "core/cost/batchcost.h"
#include "core/export/batchexportjob.h"
#include "core/export/batchformat.h"
#include "core/query/batchquery.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using CommandSupport::printError;

namespace {
QString byName(CostReport::By by)
{
    switch (by) {
    case CostReport::By::Model:
        return QStringLiteral("model");
    case CostReport::By::Day:
        return QStringLiteral("day");
    case CostReport::By::Batch:
        return QStringLiteral("batch");
    case CostReport::By::Account:
        return QStringLiteral("account");
    }
    return QString();
}

bool hasCost(const CostGroup &group)
{
    return group.batches > group.unpriced;
}

// A cost as a number a script reads back exactly: up to 8 decimals, no trailing zeros ("0.2175", "12").
QString costNumber(double cost)
{
    QString text = QString::number(cost, 'f', 8);
    while (text.endsWith(u'0'))
        text.chop(1);
    if (text.endsWith(u'.'))
        text.chop(1);
    return text == QLatin1String("-0") ? QStringLiteral("0") : text;
}

QString csvCell(const QString &text)
{
    // RFC 4180, and a leading =, +, - or @ defused so a spreadsheet does not run a model name as a formula.
    QString cell = text;
    if (!cell.isEmpty() && QStringLiteral("=+-@").contains(cell.front()))
        cell.prepend(u'\'');
    if (cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\n') || cell.contains(u'\r'))
        return u'"' + QString(cell).replace(u'"', QStringLiteral("\"\"")) + u'"';
    return cell;
}

QByteArray csv(const CostReport &report, const QString &by)
{
    QByteArray out = by.toUtf8() + ",batches,input_tokens,cached_tokens,output_tokens,cost,unpriced\r\n";
    const auto row = [&out](const QString &key, const CostGroup &g) {
        out += QStringList{csvCell(key),
                           QString::number(g.batches),
                           QString::number(g.inputTokens),
                           QString::number(g.cachedTokens),
                           QString::number(g.outputTokens),
                           hasCost(g) ? costNumber(g.cost) : QString(),
                           QString::number(g.unpriced)}
                   .join(u',')
                   .toUtf8();
        out += "\r\n";
    };
    for (const CostGroup &group : report.groups())
        row(group.key, group);
    row(QStringLiteral("(total)"), report.total());
    return out;
}

QJsonObject jsonRecord(const CostGroup &g)
{
    QJsonObject o{{QStringLiteral("batches"), g.batches},
                  {QStringLiteral("input_tokens"), g.inputTokens},
                  {QStringLiteral("cached_tokens"), g.cachedTokens},
                  {QStringLiteral("output_tokens"), g.outputTokens},
                  {QStringLiteral("unpriced"), g.unpriced}};
    // Rounded as CSV writes it, so both formats give the same number.
    o.insert(QStringLiteral("cost"), hasCost(g) ? QJsonValue(costNumber(g.cost).toDouble()) : QJsonValue());
    return o;
}

QByteArray json(const CostReport &report, const QString &by, const CostOptions &options,
                const PriceTable &prices)
{
    QJsonArray groups;
    for (const CostGroup &group : report.groups()) {
        QJsonObject o = jsonRecord(group);
        // No model: null, as the API leaves it out; every other key is a string.
        o.insert(by,
                 by == QLatin1String("model") && group.key.isEmpty() ? QJsonValue() : QJsonValue(group.key));
        groups.append(o);
    }
    const QJsonObject root{{QStringLiteral("by"), by},
                           {QStringLiteral("currency"), prices.currency()},
                           {QStringLiteral("prices_updated"), prices.updated()},
                           {QStringLiteral("since"),
                            options.since.isEmpty()
                                ? QJsonValue()
                                : QJsonValue(options.filter.createdAfter().toUTC().toString(Qt::ISODate))},
                           {QStringLiteral("groups"), groups},
                           {QStringLiteral("total"), jsonRecord(report.total())}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray table(const CostReport &report, const QString &by, const PriceTable &prices)
{
    const QString currency = prices.currency();
    QList<QStringList> rows{{by.toUpper(), QStringLiteral("BATCHES"), QStringLiteral("INPUT"),
                             QStringLiteral("CACHED"), QStringLiteral("OUTPUT"), QStringLiteral("COST"),
                             QStringLiteral("UNPRICED")}};
    const auto cells = [&](const QString &key, const CostGroup &g) {
        return QStringList{BatchFormat::terminalText(key),
                           BatchFormat::count(g.batches),
                           BatchFormat::count(g.inputTokens),
                           BatchFormat::count(g.cachedTokens),
                           BatchFormat::count(g.outputTokens),
                           hasCost(g) ? BatchCost::format(g.cost, currency) : QStringLiteral("-"),
                           BatchFormat::count(g.unpriced)};
    };
    for (const CostGroup &group : report.groups())
        rows.append(cells(group.key.isEmpty() && by == QLatin1String("model") ? QStringLiteral("(no model)")
                                                                              : group.key,
                          group));
    rows.append(cells(QStringLiteral("Total"), report.total()));
    QList<qsizetype> widths(rows.front().size(), 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    QString text;
    for (qsizetype r = 0; r < rows.size(); ++r) {
        if (r + 1 == rows.size()) {
            qsizetype all = 0;
            for (const qsizetype w : std::as_const(widths))
                all += w + 2;
            text += QString(all - 2, u'-') + u'\n';
        }
        QStringList line;
        for (qsizetype i = 0; i < rows[r].size(); ++i)
            line << (i == 0 ? rows[r][i].leftJustified(widths[i]) : rows[r][i].rightJustified(widths[i]));
        text += line.join(QStringLiteral("  ")) + u'\n';
    }
    text +=
        QStringLiteral("Prices of %1 at batch rates, in %2; unpriced batches (no usage, no model or "
                       "no price) are left out of the cost.\n")
            .arg(prices.updated().isEmpty() ? QStringLiteral("an unknown date") : prices.updated(), currency);
    return text.toUtf8();
}
} // namespace

namespace CostCommand {

bool write(QIODevice *device, BatchExporter::Format format, const CostReport &report,
           const CostOptions &options, const PriceTable &prices, QString *error)
{
    const QString by = byName(options.by);
    const QByteArray bytes = format == BatchExporter::Format::Csv    ? csv(report, by)
                             : format == BatchExporter::Format::Json ? json(report, by, options, prices)
                                                                     : table(report, by, prices);
    if (device->write(bytes) != bytes.size()) {
        *error = device->errorString();
        return false;
    }
    return true;
}

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
    BatchExportJob job(&client, options.filter);
    // The query sees each batch with its account, provider and prices, as the window's search box does.
    const BatchQuery query = BatchQuery::parse(options.query, QDateTime::currentSecsSinceEpoch());
    const QueryRow row{connection->accountName, config.provider, &prices};
    const auto add = [&](const Batch &batch) {
        if (query.isEmpty() || query.matches(batch, row))
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
