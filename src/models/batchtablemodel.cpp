#include "models/batchtablemodel.h"
#include "models/plaintooltip.h"

#include "core/api/batchlistfetcher.h"
#include "core/export/batchformat.h"
#include "models/statuscolors.h"

#include <QDateTime>

#include <array>

namespace {
constexpr int kPageSize = BatchListFetcher::kMaxPageSize;
// What moves with the clock: text only. Announcing SortRole (or the proxy's filter role) for every row made
// the proxy re-sort and re-filter 100,000 rows every 15 s, a 0.8 s freeze (bench/gui-probe.sh).
const int kRoles[] = {Qt::DisplayRole, Qt::ToolTipRole};
} // namespace

BatchTableModel::BatchTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

BatchTableModel::~BatchTableModel() = default;

void BatchTableModel::setClient(ApiClient *client)
{
    if (m_fetcher) {
        m_fetcher->disconnect(this);
        m_fetcher->abort();
        m_fetcher->deleteLater();
        m_fetcher = nullptr;
    }
    if (client) {
        m_fetcher = new BatchListFetcher(client, this);
        connect(m_fetcher, &BatchListFetcher::pageReceived, this, &BatchTableModel::onPage);
        connect(m_fetcher, &BatchListFetcher::finished, this, &BatchTableModel::onFetchFinished);
    }
}

int BatchTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BatchTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : BatchColumns::Count;
}

QVariant BatchTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Batch &batch = m_rows[size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (column == BatchColumns::Eta)
            return BatchFormat::eta(batch, m_history.etaSeconds(batch, QDateTime::currentSecsSinceEpoch()));
        return BatchColumns::display(batch, column, QDateTime::currentSecsSinceEpoch());
    case SortRole:
        if (column == BatchColumns::Eta)
            return m_history.etaSeconds(batch, QDateTime::currentSecsSinceEpoch())
                .value_or(std::numeric_limits<qint64>::max());
        return BatchColumns::sortValue(batch, column, QDateTime::currentSecsSinceEpoch());
    case Qt::ToolTipRole: {
        const QString tip = BatchColumns::toolTip(batch, column);
        return tip.isEmpty() ? QVariant() : QVariant(PlainToolTip::of(tip));
    }
    case Qt::DecorationRole:
        if (column == BatchColumns::Status)
            return StatusColors::color(batch.status, m_dark);
        return {};
    case Qt::TextAlignmentRole:
        if (BatchColumns::isNumeric(column))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case StatusRole:
        return batch.status.toString();
    case IdRole:
        return batch.id;
    case ProgressRole: {
        BatchProgress progress;
        progress.completed = batch.requestCounts.completed;
        progress.failed = batch.requestCounts.failed;
        progress.total = batch.requestCounts.total;
        progress.status = int(batch.status.value());
        progress.text = BatchColumns::display(batch, BatchColumns::Progress, 0);
        return QVariant::fromValue(progress);
    }
    default:
        return {};
    }
}

QVariant BatchTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= BatchColumns::Count)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return BatchColumns::title(section);
    if (role == Qt::TextAlignmentRole && BatchColumns::isNumeric(section))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

bool BatchTableModel::isFetching() const
{
    return m_fetcher && m_fetcher->isRunning();
}

bool BatchTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_fetcher && m_hasMore && !m_fetchFailed && !isFetching();
}

void BatchTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    fetchPages(1);
}

void BatchTableModel::retryFetch()
{
    m_fetchFailed = false;
    fetchMore(QModelIndex());
}

void BatchTableModel::loadAll()
{
    if (!m_fetcher || !m_hasMore)
        return;
    m_fetchFailed = false;
    if (isFetching())
        m_fetcher->stop(); // the walk below picks up from the same cursor
    fetchPages(0);
}

void BatchTableModel::stopLoading()
{
    if (m_fetcher)
        m_fetcher->stop();
}

void BatchTableModel::fetchPages(int maxPages)
{
    m_fetcher->start(m_cursor, kPageSize, maxPages);
    Q_EMIT fetchingChanged(true);
}

void BatchTableModel::onPage(const BatchPage &page)
{
    // The cursor first: a view reacting to the inserted rows may already ask for the next page.
    if (!page.nextCursor().isEmpty())
        m_cursor = page.nextCursor();
    m_hasMore = page.hasMore && !page.data.empty();
    m_fetchFailed = false;
    merge(page.data);
    Q_EMIT pageLoaded(page);
}

void BatchTableModel::resumeAfter(const QString &cursor, bool hasMore)
{
    m_cursor = cursor;
    m_hasMore = hasMore;
    m_fetchFailed = false;
}

void BatchTableModel::onFetchFinished(const ApiError &error)
{
    const bool failed = error.isError() && error.kind != ApiError::Cancelled;
    m_fetchFailed = failed;
    Q_EMIT fetchingChanged(false);
    if (failed)
        Q_EMIT fetchFailed(error);
}

void BatchTableModel::merge(const std::vector<Batch> &batches, bool observedNow)
{
    std::vector<const Batch *> fresh;
    const int firstNew = int(m_rows.size());
    // New ids go into the index at once, at the row they will take: the same id twice in one merge is found
    // there (the later copy wins) without a second hash.
    m_rowById.reserve(m_rowById.size() + qsizetype(batches.size()));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const Batch &batch : batches) {
        const auto known = m_rowById.constFind(batch.id);
        if (known == m_rowById.cend()) {
            m_rowById.insert(batch.id, firstNew + int(fresh.size()));
            fresh.push_back(&batch);
            continue;
        }
        const int row = *known;
        if (row >= firstNew) {
            fresh[size_t(row - firstNew)] = &batch;
            continue;
        }
        Batch &current = m_rows[size_t(row)];
        if (current.json == batch.json)
            continue;
        // Announce only the span of columns whose text or sort value moved.
        int first = -1, last = -1;
        for (int column = 0; column < BatchColumns::Count; ++column) {
            if (BatchColumns::differ(current, batch, column, now)) {
                first = first < 0 ? column : first;
                last = column;
            }
        }
        const bool moved = current.status != batch.status;
        if (moved) {
            countStatus(current.status, -1);
            countStatus(batch.status, +1);
        }
        if (observedNow && m_history.record(batch, now)) {
            Q_EMIT sampleRecorded(batch.id, m_history.samples(batch.id).constLast());
            first = first < 0 ? int(BatchColumns::Eta) : qMin(first, int(BatchColumns::Eta));
            last = qMax(last, int(BatchColumns::Eta));
        }
        const Batch before = moved ? current : Batch();
        current = batch;
        if (first >= 0)
            Q_EMIT dataChanged(index(row, first), index(row, last));
        if (moved) {
            Q_EMIT statusCountsChanged();
            Q_EMIT statusChanged(before, batch);
        }
    }
    if (fresh.empty())
        return;
    beginInsertRows(QModelIndex(), firstNew, firstNew + int(fresh.size()) - 1);
    // Geometric growth: reserving the exact size at every page moved all rows each time (quadratic).
    if (m_rows.capacity() < m_rows.size() + fresh.size())
        m_rows.reserve(std::max(m_rows.size() + fresh.size(), m_rows.capacity() * 2));
    std::array<int, BatchStatus::Cancelled + 1> counts{};
    for (const Batch *batch : fresh) {
        m_rows.push_back(*batch);
        if (batch->status.value() == BatchStatus::Unknown)
            countStatus(batch->status, +1);
        else
            ++counts[size_t(batch->status.value())];
    }
    for (size_t value = 0; value < counts.size(); ++value) {
        if (counts[value] > 0)
            m_statusCounts[BatchStatus(BatchStatus::Value(value)).toString()] += counts[value];
    }
    endInsertRows();
    for (const Batch *batch : fresh) {
        if (observedNow && m_history.record(*batch, now))
            Q_EMIT sampleRecorded(batch->id, m_history.samples(batch->id).constLast());
    }
    Q_EMIT statusCountsChanged();
}

void BatchTableModel::reserve(int rows)
{
    if (rows <= 0)
        return;
    m_rows.reserve(std::max(m_rows.capacity(), size_t(rows)));
    m_rowById.reserve(std::max(m_rowById.capacity(), qsizetype(rows)));
}

void BatchTableModel::mergeCached(const std::vector<Batch> &batches)
{
    std::vector<Batch> unknown;
    for (const Batch &batch : batches) {
        if (rowOf(batch.id) < 0)
            unknown.push_back(batch);
    }
    merge(unknown, false);
}

void BatchTableModel::clear()
{
    if (m_fetcher)
        m_fetcher->abort();
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    m_statusCounts.clear();
    m_history = ProgressHistory();
    m_cursor.clear();
    m_hasMore = true;
    m_fetchFailed = false;
    endResetModel();
    Q_EMIT statusCountsChanged();
}

int BatchTableModel::runningCount() const
{
    int running = 0;
    for (auto it = m_statusCounts.cbegin(); it != m_statusCounts.cend(); ++it) {
        if (BatchStatus::fromString(it.key()).isRunning())
            running += it.value();
    }
    return running;
}

void BatchTableModel::setDarkPalette(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, BatchColumns::Status), index(rowCount() - 1, BatchColumns::Status),
                           {Qt::DecorationRole});
}

void BatchTableModel::refreshTimeColumns()
{
    if (m_rows.empty())
        return;
    const QList<int> roles(std::begin(kRoles), std::end(kRoles));
    Q_EMIT dataChanged(index(0, BatchColumns::Created), index(rowCount() - 1, BatchColumns::Duration), roles);
}

void BatchTableModel::countStatus(const BatchStatus &status, int delta)
{
    int &count = m_statusCounts[status.toString()];
    count += delta;
    if (count <= 0)
        m_statusCounts.remove(status.toString());
}
