#pragma once

#include "core/batch/batchfilter.h"

#include <QSortFilterProxyModel>
#include <QTimer>

#include <functional>
#include <vector>

class BatchTableModel;

// Filters with the shared BatchFilter, re-filtering only on a real change. It never sorts: sort() asks a
// BatchTableModel below to order its rows (the model keeps the order, new rows inserted in place), and the
// proxy keeps the model's order, so a keystroke costs the filter alone. Over another model it sorts as
// QSortFilterProxyModel does.
class BatchSortFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit BatchSortFilterProxy(QObject *parent = nullptr);
    void setSourceModel(QAbstractItemModel *model) override;
    // To the BatchTableModel (QTableView::sortByColumn and the header's indicator call this).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    const BatchFilter &filter() const { return m_filter; }
    void setFilter(const BatchFilter &filter);
    void setStatuses(const QSet<QString> &statuses);
    // A query (BatchQuery): its account, provider and cost terms read the row's source.
    void setSearchText(const QString &text);
    void setCreatedRange(const QDateTime &after, const QDateTime &before);
    void clearFilter();
    // Only the rows of this source of the BatchTableModel (-1: every source): the account switcher. Not part
    // of the filter the user clears.
    void setSourceFilter(int source);
    int sourceFilter() const { return m_source; }
    // The prices a `cost` term reads (not owned; null: no batch has a cost). Re-filters when it changes.
    void setPrices(const PriceTable *prices);
    const PriceTable *prices() const { return m_prices; }
    // The time (Unix seconds) spans such as created>1h and today count back from; the system clock unless
    // a test sets another.
    void setClock(std::function<qint64()> clock);
    // While the query holds a span or today, a minute's timer resolves it again against the clock (a window
    // left open must not keep the cut-off of when it was typed), re-filtering only when that changed.
    bool refreshesTimes() const { return m_timesTimer.isActive(); }
    void refreshTimes();

Q_SIGNALS:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter(bool changed);
    // The filter over every batch in the model's storage order (a sequential walk over the rows and their
    // words, not one scattered by the sort), before the base class asks filterAcceptsRow row by row.
    void matchAll();
    void forgetRows(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    void updateTimesTimer();

    BatchFilter m_filter;
    int m_source = -1;
    const PriceTable *m_prices = nullptr;
    std::function<qint64()> m_clock;
    QTimer m_timesTimer;
    BatchTableModel *m_model = nullptr; // the source, when it is one (looked up once, not per row)
    // By index into the model's batches(): whether the filter (statuses, query, dates; not the source filter)
    // accepts it, or kUnknown (changed or new since matchAll()).
    std::vector<quint8> m_accepted;
};
