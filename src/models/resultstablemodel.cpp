#include "models/resultstablemodel.h"

#include "core/batch/batchstatus.h"
#include "core/export/batchformat.h"
#include "models/plaintooltip.h"
#include "models/statuscolors.h"

#include <QColor>

namespace {
// A server's text on one line: a cell shows one line; the side-by-side view shows the rest.
QString oneLine(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c == u'\n' || c == u'\r' || c == u'\t')
            c = u' ';
    }
    return out;
}

QVariant tokens(const std::optional<qint64> &value)
{
    return value ? QVariant(BatchFormat::count(*value)) : QVariant(QString());
}
} // namespace

ResultsTableModel::ResultsTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ResultsTableModel::setResults(std::shared_ptr<const ResultSet> results)
{
    beginResetModel();
    m_results = std::move(results);
    endResetModel();
}

void ResultsTableModel::clear()
{
    setResults(nullptr);
}

int ResultsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_results ? 0 : int(m_results->rows.size());
}

int ResultsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ResultsColumns::Count;
}

int ResultsTableModel::outcomeRank(RequestOutcome outcome)
{
    switch (outcome) {
    case RequestOutcome::Failed:
        return 0;
    case RequestOutcome::NotRun:
        return 1;
    case RequestOutcome::Ok:
        break;
    }
    return 2;
}

QString ResultsTableModel::outcomeText(const RequestResult &row)
{
    switch (row.outcome) {
    case RequestOutcome::Ok:
        return tr("ok");
    case RequestOutcome::NotRun:
        return tr("not run");
    case RequestOutcome::Failed:
        break;
    }
    if (row.statusCode != 0)
        return tr("failed (%1)").arg(row.statusCode);
    return row.errorCode.isEmpty() ? tr("failed") : tr("failed (%1)").arg(row.errorCode.left(40));
}

QVariant ResultsTableModel::display(const RequestResult &row, int column) const
{
    switch (column) {
    case ResultsColumns::Line:
        return row.inputLineNumber > 0 ? QString::number(row.inputLineNumber) : QString();
    case ResultsColumns::CustomId:
        return row.customId;
    case ResultsColumns::Outcome:
        return outcomeText(row);
    case ResultsColumns::ErrorCode:
        return row.errorCode;
    case ResultsColumns::Message:
        return oneLine(row.errorMessage);
    case ResultsColumns::InputTokens:
        return tokens(row.inputTokens);
    case ResultsColumns::OutputTokens:
        return tokens(row.outputTokens);
    case ResultsColumns::Answer:
        return oneLine(row.answer);
    }
    return QVariant();
}

QVariant ResultsTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_results)
        return QVariant();
    const RequestResult &row = m_results->rows[index.row()];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::ToolTipRole:
        if (column == ResultsColumns::Outcome)
            return PlainToolTip::of(outcomeText(row));
        if (column == ResultsColumns::Message || column == ResultsColumns::Answer ||
            column == ResultsColumns::CustomId)
            return PlainToolTip::of(column == ResultsColumns::Message  ? row.errorMessage
                                    : column == ResultsColumns::Answer ? row.answer
                                                                       : row.customId);
        return QVariant();
    case Qt::ForegroundRole:
        if (column != ResultsColumns::Outcome)
            return QVariant();
        return row.outcome == RequestOutcome::Ok       ? StatusColors::completedShare(m_dark)
               : row.outcome == RequestOutcome::Failed ? StatusColors::failedShare(m_dark)
                                                       : StatusColors::color(BatchStatus::Cancelled, m_dark);
    case Qt::TextAlignmentRole:
        if (column == ResultsColumns::Line || column == ResultsColumns::InputTokens ||
            column == ResultsColumns::OutputTokens)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant();
    case SortRole:
        switch (column) {
        case ResultsColumns::Line:
            return row.inputLineNumber;
        case ResultsColumns::Outcome:
            return outcomeRank(row.outcome);
        case ResultsColumns::InputTokens:
            return row.inputTokens.value_or(-1);
        case ResultsColumns::OutputTokens:
            return row.outputTokens.value_or(-1);
        default:
            return display(row, column);
        }
    case OutcomeRole:
        return int(row.outcome);
    case GroupRole:
        return row.group;
    case CustomIdRole:
        return row.customId;
    case RowRole:
        return index.row();
    default:
        return QVariant();
    }
}

QVariant ResultsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ResultsColumns::Line:
        return tr("Line");
    case ResultsColumns::CustomId:
        return tr("Custom ID");
    case ResultsColumns::Outcome:
        return tr("Outcome");
    case ResultsColumns::ErrorCode:
        return tr("Error");
    case ResultsColumns::Message:
        return tr("Message");
    case ResultsColumns::InputTokens:
        return tr("Tokens in");
    case ResultsColumns::OutputTokens:
        return tr("Tokens out");
    case ResultsColumns::Answer:
        return tr("Answer");
    }
    return QVariant();
}

void ResultsTableModel::setDarkPalette(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, ResultsColumns::Outcome), index(rowCount() - 1, ResultsColumns::Outcome),
                           {Qt::ForegroundRole});
}
