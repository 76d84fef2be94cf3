#include "batchsortfilterproxy.h"

#include "batchtablemodel.h"

#include <QDateTime>

BatchSortFilterProxy::BatchSortFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(BatchTableModel::SortRole);
    setDynamicSortFilter(true);
}

void BatchSortFilterProxy::setFilter(const BatchFilter &filter)
{
    bool changed = m_filter.setStatuses(filter.statuses());
    changed |= m_filter.setSearchText(filter.searchText());
    changed |= m_filter.setCreatedAfter(filter.createdAfter());
    changed |= m_filter.setCreatedBefore(filter.createdBefore());
    refilter(changed);
}

void BatchSortFilterProxy::setStatuses(const QSet<QString> &statuses)
{
    refilter(m_filter.setStatuses(statuses));
}

void BatchSortFilterProxy::setSearchText(const QString &text)
{
    refilter(m_filter.setSearchText(text));
}

void BatchSortFilterProxy::setCreatedRange(const QDateTime &after, const QDateTime &before)
{
    const bool changed = m_filter.setCreatedAfter(after);
    refilter(m_filter.setCreatedBefore(before) || changed);
}

void BatchSortFilterProxy::clearFilter()
{
    if (m_filter.isEmpty())
        return;
    m_filter.clear();
    refilter(true);
}

void BatchSortFilterProxy::refilter(bool changed)
{
    if (!changed)
        return;
    invalidateRowsFilter();
    Q_EMIT filterChanged();
}

bool BatchSortFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filter.isEmpty())
        return true;
    const auto *model = qobject_cast<const BatchTableModel *>(sourceModel());
    if (!model || sourceParent.isValid())
        return true;
    return m_filter.matches(model->batchAt(sourceRow));
}

bool BatchSortFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const auto *model = qobject_cast<const BatchTableModel *>(sourceModel());
    if (!model)
        return QSortFilterProxyModel::lessThan(left, right);
    // Straight to the values: no QVariant round trip through data() for each of n log n comparisons.
    const Batch &a = model->batchAt(left.row());
    const Batch &b = model->batchAt(right.row());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QPartialOrdering order = QVariant::compare(BatchColumns::sortValue(a, left.column(), now),
                                                     BatchColumns::sortValue(b, right.column(), now));
    if (order == QPartialOrdering::Less)
        return true;
    if (order == QPartialOrdering::Greater)
        return false;
    // Ties fall back to creation time, then id, so equal values keep one stable order.
    if (a.createdAt != b.createdAt)
        return a.createdAt < b.createdAt;
    return a.id < b.id;
}
