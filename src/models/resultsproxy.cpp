#include "models/resultsproxy.h"

#include "models/resultstablemodel.h"

ResultsProxy::ResultsProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ResultsTableModel::SortRole);
    setDynamicSortFilter(true);
}

void ResultsProxy::setSourceModel(QAbstractItemModel *model)
{
    m_model = qobject_cast<const ResultsTableModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

bool ResultsProxy::refilter(bool changed)
{
    if (!changed)
        return false;
    invalidateRowsFilter();
    Q_EMIT filterChanged();
    return true;
}

bool ResultsProxy::setOutcomes(int outcomes)
{
    return refilter(m_filter.setOutcomes(outcomes));
}

bool ResultsProxy::setGroup(int group)
{
    return refilter(m_filter.setGroup(group));
}

bool ResultsProxy::setSearchText(const QString &text)
{
    return refilter(m_filter.setSearch(text));
}

void ResultsProxy::clearFilter()
{
    const bool changed = !m_filter.isEmpty();
    m_filter = ResultsFilter();
    refilter(changed);
}

bool ResultsProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filter.isEmpty())
        return true;
    if (m_model && m_model->results() && !sourceParent.isValid())
        return m_filter.match(m_model->rowAt(sourceRow));
    return true;
}

bool ResultsProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // Equal values keep input order whichever way the column sorts (Qt swaps the arguments when descending).
    const bool ascending = sortOrder() == Qt::AscendingOrder;
    const auto tie = [&] { return ascending ? left.row() < right.row() : left.row() > right.row(); };
    if (!m_model || !m_model->results())
        return QSortFilterProxyModel::lessThan(left, right);
    const RequestResult &a = m_model->rowAt(left.row());
    const RequestResult &b = m_model->rowAt(right.row());
    const auto compare = [&](auto x, auto y) { return x < y ? true : y < x ? false : tie(); };
    switch (left.column()) {
    case ResultsColumns::Line:
        return compare(a.inputLineNumber, b.inputLineNumber);
    case ResultsColumns::Outcome:
        return compare(ResultsTableModel::outcomeRank(a.outcome), ResultsTableModel::outcomeRank(b.outcome));
    case ResultsColumns::InputTokens:
        return compare(a.inputTokens.value_or(-1), b.inputTokens.value_or(-1));
    case ResultsColumns::OutputTokens:
        return compare(a.outputTokens.value_or(-1), b.outputTokens.value_or(-1));
    case ResultsColumns::CustomId:
        return compare(QString::compare(a.customId, b.customId, Qt::CaseInsensitive), 0);
    case ResultsColumns::ErrorCode:
        return compare(QString::compare(a.errorCode, b.errorCode, Qt::CaseInsensitive), 0);
    case ResultsColumns::Message:
        return compare(QString::compare(a.errorMessage, b.errorMessage, Qt::CaseInsensitive), 0);
    case ResultsColumns::Answer:
        return compare(QString::compare(a.answer, b.answer, Qt::CaseInsensitive), 0);
    }
    return tie();
}
