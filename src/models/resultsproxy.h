#pragma once

#include "models/resultsfilter.h"

#include <QSortFilterProxyModel>

class ResultsTableModel;

// Sorts the Results view on raw values (ties in input order, either way) and filters with ResultsFilter,
// re-filtering only on a real change. Reads the rows themselves: 50,000 rows sort without a QVariant a
// compare.
class ResultsProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ResultsProxy(QObject *parent = nullptr);
    void setSourceModel(QAbstractItemModel *model) override;

    const ResultsFilter &filter() const { return m_filter; }
    bool setOutcomes(int outcomes);
    bool setGroup(int group);
    bool setSearchText(const QString &text);
    void clearFilter();

Q_SIGNALS:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool refilter(bool changed);

    ResultsFilter m_filter;
    const ResultsTableModel *m_model = nullptr;
};
