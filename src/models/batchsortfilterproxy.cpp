#include "models/batchsortfilterproxy.h"

#include "models/batchtablemodel.h"

#include <QDateTime>

namespace {
constexpr quint8 kUnknown = 2;
} // namespace

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
    if (sourceModel())
        sourceModel()->disconnect(this);
    m_model = qobject_cast<BatchTableModel *>(model);
    m_accepted.clear();
    // Connected before the base class connects its own handlers: what matchAll() knew of a changed batch is
    // forgotten before the base class asks filterAcceptsRow about it. New batches are past the end; a reset
    // (a source taken away) moves the storage indexes.
    if (m_model) {
        connect(m_model, &QAbstractItemModel::dataChanged, this, &BatchSortFilterProxy::forgetRows);
        connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_accepted.clear(); });
        connect(m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { m_accepted.clear(); });
    }
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
    matchAll();
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
    if (m_accepted.empty())
        matchAll();
    invalidate();
    Q_EMIT filterChanged();
}

void BatchSortFilterProxy::matchAll()
{
    m_accepted.clear();
    if (!m_model || m_filter.isEmpty())
        return;
    const std::vector<Batch> &batches = m_model->batches();
    m_accepted.resize(batches.size());
    std::vector<QueryRow> rows; // by source, made once
    for (int source = 0; source < m_model->sourceCount(); ++source)
        rows.push_back(QueryRow{m_model->accountOf(source), m_model->providerOf(source), m_prices});
    for (size_t at = 0; at < batches.size(); ++at)
        m_accepted[at] = m_filter.matches(batches[at], rows[size_t(m_model->sourceOfBatch(at))],
                                          m_model->wordsOfBatch(at));
}

void BatchSortFilterProxy::forgetRows(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                      const QList<int> &roles)
{
    if (m_accepted.empty() || !topLeft.isValid() || !bottomRight.isValid())
        return;
    // The clock's text and the palette's colours change no batch: what was matched stays true.
    const bool textOnly = !roles.isEmpty() && std::all_of(roles.cbegin(), roles.cend(), [](int role) {
        return role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::DecorationRole;
    });
    if (textOnly)
        return;
    if (bottomRight.row() - topLeft.row() > 1000) { // a whole column announced: match again as needed
        m_accepted.clear();
        return;
    }
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const size_t at = size_t(m_model->batchIndexAt(row));
        if (at < m_accepted.size())
            m_accepted[at] = kUnknown;
    }
}

bool BatchSortFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_model || sourceParent.isValid())
        return true;
    if (m_source >= 0 && m_model->sourceAt(sourceRow) != m_source)
        return false;
    if (m_filter.isEmpty())
        return true;
    const size_t at = size_t(m_model->batchIndexAt(sourceRow));
    if (at < m_accepted.size() && m_accepted[at] != kUnknown)
        return m_accepted[at] != 0;
    const int source = m_model->sourceOfBatch(at);
    return m_filter.matches(m_model->batches()[at],
                            QueryRow{m_model->accountOf(source), m_model->providerOf(source), m_prices},
                            m_model->wordsOfBatch(at));
}
