#include "models/batchsortfilterproxy.h"

#include "models/batchtablemodel.h"

#include <QDateTime>

BatchSortFilterProxy::BatchSortFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(BatchTableModel::SortRole);
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
    if (sourceModel())
        sourceModel()->disconnect(this);
    m_model = qobject_cast<const BatchTableModel *>(model);
    m_keyColumn = m_textColumn = -1;
    // Connected before the base class connects its own handlers: keys turn stale before it sorts anything
    // new or changed, and it then compares the batches themselves.
    if (model) {
        const auto stale = [this] { m_keyColumn = m_textColumn = -1; };
        connect(model, &QAbstractItemModel::dataChanged, this, stale);
        connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, stale);
        connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, stale);
        connect(model, &QAbstractItemModel::modelAboutToBeReset, this, stale);
        connect(model, &QAbstractItemModel::layoutAboutToBeChanged, this, stale);
    }
    QSortFilterProxyModel::setSourceModel(model);
}

void BatchSortFilterProxy::buildKeys() const
{
    const int column = sortColumn();
    const int rows = m_model->rowCount();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_keys.resize(size_t(rows));
    m_created.resize(size_t(rows));
    for (int row = 0; row < rows; ++row) {
        const Batch &batch = m_model->batchAt(row);
        m_created[size_t(row)] = batch.createdAt;
        if (!BatchColumns::numericKey(batch, column, now, &m_keys[size_t(row)])) {
            m_keyColumn = -1;
            m_textColumn = column; // compared from the batches until something changes
            return;
        }
    }
    m_keyColumn = column;
}

bool BatchSortFilterProxy::keysUsable(int column, int row1, int row2) const
{
    if (m_keyColumn != column) {
        if (m_textColumn == column)
            return false;
        buildKeys();
        if (m_keyColumn != column)
            return false;
    }
    return size_t(std::max(row1, row2)) < m_keys.size();
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
    // keystroke took 0.9-1.1 s (bench_core). A full invalidate rebuilds the mapping once: 0.15 s with the
    // re-sort.
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

bool BatchSortFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int column = left.column();
    // The estimate and the row's account live in the model; everything else compares the fields directly.
    if (!m_model || column == BatchColumns::Eta || column == BatchColumns::Account ||
        column == BatchColumns::Provider)
        return QSortFilterProxyModel::lessThan(left, right);
    const int l = left.row();
    const int r = right.row();
    if (column == BatchColumns::Cost) {
        // Batches without a cost go last in either order: they are not the cheapest, nor the dearest.
        const std::optional<double> a = m_model->costAt(l), b = m_model->costAt(r);
        if (a.has_value() != b.has_value())
            return sortOrder() == Qt::AscendingOrder ? a.has_value() : !a.has_value();
        if (a && b && *a != *b)
            return *a < *b;
        const Batch &x = m_model->batchAt(l), &y = m_model->batchAt(r);
        return tieLessThan(x.createdAt, y.createdAt, x.id, y.id);
    }
    if (keysUsable(column, l, r)) {
        const double a = m_keys[size_t(l)], b = m_keys[size_t(r)];
        if (a != b)
            return a < b;
        return tieLessThan(m_created[size_t(l)], m_created[size_t(r)], m_model->batchAt(l).id,
                           m_model->batchAt(r).id);
    }
    const Batch &a = m_model->batchAt(l);
    const Batch &b = m_model->batchAt(r);
    const qint64 now = BatchColumns::dependsOnTime(column) ? QDateTime::currentSecsSinceEpoch() : 0;
    if (const int order = BatchColumns::compare(a, b, column, now))
        return order < 0;
    return tieLessThan(a.createdAt, b.createdAt, a.id, b.id);
}

bool BatchSortFilterProxy::tieLessThan(qint64 leftCreated, qint64 rightCreated, const QString &leftId,
                                       const QString &rightId) const
{
    // Equal values list their newest batches first whichever way the column sorts (a status group opens
    // with what just happened); Qt reverses lessThan for a descending sort, so the tie-break turns with it.
    const bool ascending = sortOrder() == Qt::AscendingOrder;
    if (leftCreated != rightCreated)
        return ascending ? leftCreated > rightCreated : leftCreated < rightCreated;
    return ascending ? leftId > rightId : leftId < rightId;
}
