#pragma once

#include "core/batch/batchfilter.h"

#include <QSortFilterProxyModel>
#include <QTimer>

#include <functional>
#include <vector>

class BatchTableModel;

// Sorts on the model's raw SortRole and filters with the shared BatchFilter, re-filtering only on a real
// change.
class BatchSortFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit BatchSortFilterProxy(QObject *parent = nullptr);
    void setSourceModel(QAbstractItemModel *model) override;

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
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void refilter(bool changed);
    void updateTimesTimer();
    // Dense copies of what the current sort compares: a sort of 100,000 rows spent most of its time on cache
    // misses, reaching into two batches scattered over the heap for each of ~1.6 million comparisons.
    void buildKeys() const;
    bool keysUsable(int column, int row1, int row2) const;
    // Equal sort values: newest first in either sort order, then by id, so the order is stable.
    bool tieLessThan(qint64 leftCreated, qint64 rightCreated, const QString &leftId,
                     const QString &rightId) const;

    BatchFilter m_filter;
    int m_source = -1;
    const PriceTable *m_prices = nullptr;
    std::function<qint64()> m_clock;
    QTimer m_timesTimer;
    const BatchTableModel *m_model = nullptr; // the source, when it is one (looked up once, not per compare)
    mutable std::vector<double> m_keys;       // by source row, for m_keyColumn
    mutable std::vector<qint64> m_created;    // by source row: the first tie-break
    mutable int m_keyColumn = -1;             // -1: keys stale (any change in the source makes them so)
    mutable int m_textColumn = -1;            // a text column, which has no keys
};
