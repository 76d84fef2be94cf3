#include "models/batchsortfilterproxy.h"

#include "models/batchtablemodel.h"

#include <QDateTime>

BatchSortFilterProxy::BatchSortFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(BatchTableModel::SortRole); // over another model than a BatchTableModel
    // filterAcceptsRow reads the batch itself; a role no view changes keeps text-only updates from
    // re-filtering.
    setFilterRole(BatchTableModel::IdRole);
    setDynamicSortFilter(true);
    m_clock = [] { return QDateTime::currentSecsSinceEpoch(); };
    m_timesTimer.setInterval(60'000);
    m_timesTimer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timesTimer, &QTimer::timeout, this, &BatchSortFilterProxy::refreshTimes);
}

void BatchSortFilterProxy::setSourceModel(QAbstractItemModel *model)
{
    m_model = qobject_cast<BatchTableModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
    // A sort asked for before the model came goes to the model; the proxy stays unsorted.
    if (m_model && sortColumn() >= 0) {
        const int column = sortColumn();
        const Qt::SortOrder order = sortOrder();
        QSortFilterProxyModel::sort(-1);
        m_model->sort(column, order);
    }
}

void BatchSortFilterProxy::sort(int column, Qt::SortOrder order)
{
    if (!m_model) {
        QSortFilterProxyModel::sort(column, order);
        return;
    }
    // The proxy itself stays unsorted (sortColumn() -1): it shows the model's rows in the model's order.
    m_model->sort(column, order);
}

void BatchSortFilterProxy::setFilter(const BatchFilter &filter)
{
    bool changed = m_filter.setStatuses(filter.statuses());
    changed |= m_filter.setSearchText(filter.searchText(), m_clock());
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
    refilter(m_filter.setSearchText(text, m_clock()));
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

void BatchSortFilterProxy::setClock(std::function<qint64()> clock)
{
    Q_ASSERT(clock);
    m_clock = std::move(clock);
}

void BatchSortFilterProxy::refreshTimes()
{
    // Parsing the query's few terms again is cheap; the table is re-filtered only when a bound moved (each
    // minute for a span, at midnight UTC for today).
    refilter(m_filter.refreshTimes(m_clock()));
}

void BatchSortFilterProxy::updateTimesTimer()
{
    if (!m_filter.query().isRelative())
        m_timesTimer.stop();
    else if (!m_timesTimer.isActive())
        m_timesTimer.start();
}

void BatchSortFilterProxy::refilter(bool changed)
{
    updateTimesTimer();
    if (!changed)
        return;
    // Not invalidateRowsFilter(): on 100,000 rows it removes and inserts row ranges one by one, and a
    // keystroke took 0.9-1.1 s (bench_core). A full invalidate rebuilds the mapping once; nothing is sorted
    // (the model keeps the order).
    invalidate();
    Q_EMIT filterChanged();
}

void BatchSortFilterProxy::setPrices(const PriceTable *prices)
{
    if (prices == m_prices)
        return;
    m_prices = prices;
    refilter(!m_filter.isEmpty());
}

void BatchSortFilterProxy::setSourceFilter(int source)
{
    if (source == m_source)
        return;
    m_source = source;
    invalidate();
    Q_EMIT filterChanged();
}

bool BatchSortFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_source >= 0 && m_model && !sourceParent.isValid() && m_model->sourceAt(sourceRow) != m_source)
        return false;
    if (m_filter.isEmpty() || !m_model || sourceParent.isValid())
        return true;
    const int source = m_model->sourceAt(sourceRow);
    return m_filter.matches(m_model->batchAt(sourceRow),
                            QueryRow{m_model->accountOf(source), m_model->providerOf(source), m_prices});
}
