#pragma once

#include "batchfilter.h"

#include <QSortFilterProxyModel>

// Sorts on the model's raw SortRole and filters with the shared BatchFilter, re-filtering only on a real
// change.
class BatchSortFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit BatchSortFilterProxy(QObject *parent = nullptr);

    const BatchFilter &filter() const { return m_filter; }
    void setFilter(const BatchFilter &filter);
    void setStatuses(const QSet<QString> &statuses);
    void setSearchText(const QString &text);
    void setCreatedRange(const QDateTime &after, const QDateTime &before);
    void clearFilter();

Q_SIGNALS:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void refilter(bool changed);

    BatchFilter m_filter;
};
