// CostCommand::write: a CostReport as CSV, JSON or a table for a person.
#include "cli/costcommand.h"

#include "core/cost/batchcost.h"
#include "core/export/batchformat.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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
    // RFC 4180, and a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) starts with an
    // apostrophe, as OWASP advises and as the results' CSV does; spaces at either end are kept by quoting.
    QString cell = text;
    if (!cell.isEmpty() && QStringLiteral("=+-@\t\r").contains(cell.front()))
        cell.prepend(u'\'');
    const bool quote = cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\n') ||
                       cell.contains(u'\r') ||
                       (!cell.isEmpty() && (cell.front() == u' ' || cell.back() == u' '));
    if (quote)
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

} // namespace CostCommand
