#include "models/batchtablemodel.h"
#include "models/plaintooltip.h"

#include "core/export/batchformat.h"
#include "core/query/batchquery.h"
#include "core/session/accountsession.h"
#include "models/statuscolors.h"

#include <QDateTime>

#include <array>
#include <cmath>

namespace {
// What moves with the clock: text only. Announcing SortRole (or the proxy's filter role) for every row made
// the proxy re-sort and re-filter 100,000 rows every 15 s, a 0.8 s freeze (bench/gui-probe.sh).
const int kRoles[] = {Qt::DisplayRole, Qt::ToolTipRole};
// Bytes of words a batch of the simulator's mix takes (ids, file ids, model, endpoint, metadata): what
// reserve() sets aside, so the block does not move at every doubling while a cache is read in.
constexpr size_t kWordsPerBatch = 180;
} // namespace

BatchTableModel::BatchTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

BatchTableModel::~BatchTableModel() = default;

int BatchTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int BatchTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : BatchColumns::Count;
}

QVariant BatchTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const size_t at = stored(index.row());
    const Batch &batch = m_rows[at];
    const Source &from = m_sources[size_t(m_rowSource[at])];
    const int column = index.column();
    const auto eta = [&]() -> std::optional<qint64> {
        if (!from.history)
            return std::nullopt;
        return from.history->etaSeconds(batch, QDateTime::currentSecsSinceEpoch());
    };
    switch (role) {
    case Qt::DisplayRole:
        if (column == BatchColumns::Eta)
            return BatchFormat::eta(batch, eta());
        if (column == BatchColumns::Account)
            return from.account;
        if (column == BatchColumns::Provider)
            return Providers::displayName(from.provider);
        if (column == BatchColumns::Cost) {
            const double cost = m_costs[at];
            return std::isnan(cost) || !m_prices ? QString() : BatchCost::format(cost, m_prices->currency());
        }
        return BatchColumns::display(batch, column, QDateTime::currentSecsSinceEpoch());
    case SortRole:
        if (column == BatchColumns::Eta)
            return eta().value_or(std::numeric_limits<qint64>::max());
        if (column == BatchColumns::Account)
            return from.account;
        if (column == BatchColumns::Provider)
            return Providers::displayName(from.provider);
        if (column == BatchColumns::Cost) // the proxy puts batches without a cost last either way
            return std::isnan(m_costs[at]) ? -1.0 : m_costs[at];
        return BatchColumns::sortValue(batch, column, QDateTime::currentSecsSinceEpoch());
    case Qt::ToolTipRole: {
        if (column == BatchColumns::Cost) {
            const QString why = noCostReason(index.row());
            return why.isEmpty() ? QVariant() : QVariant(PlainToolTip::of(why));
        }
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
    case SourceRole:
        return m_rowSource[at];
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
    if (role == Qt::ToolTipRole && section == BatchColumns::Cost && m_prices)
        return PlainToolTip::of(
            tr("Usage times batch prices (%1, checked %2); an empty cell has no cost: point at it to see why")
                .arg(m_prices->currency(),
                     m_prices->updated().isEmpty() ? tr("date unknown") : m_prices->updated()));
    return {};
}

bool BatchTableModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid())
        return false;
    for (const Source &s : m_sources) {
        if (s.session && s.session->canFetchMore())
            return true;
    }
    return false;
}

void BatchTableModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid())
        return;
    // Each session that can, one page: the rows of several accounts grow together.
    std::vector<QPointer<AccountSession>> sessions;
    for (const Source &s : m_sources)
        sessions.push_back(s.session);
    for (const QPointer<AccountSession> &session : sessions) {
        if (session && session->canFetchMore())
            session->fetchMore();
    }
}

bool BatchTableModel::hasMore() const
{
    return std::any_of(m_sources.begin(), m_sources.end(),
                       [](const Source &s) { return s.session && s.session->hasMore(); });
}

bool BatchTableModel::isFetching() const
{
    return std::any_of(m_sources.begin(), m_sources.end(),
                       [](const Source &s) { return s.session && s.session->isFetching(); });
}

bool BatchTableModel::lastFetchFailed() const
{
    return std::any_of(m_sources.begin(), m_sources.end(),
                       [](const Source &s) { return s.session && s.session->lastFetchFailed(); });
}

int BatchTableModel::rowOf(const QString &id, int index) const
{
    // During a merge the index already holds the batches about to be inserted: they have no row yet.
    const auto valid = [this](int at) {
        return at >= 0 && size_t(at) < m_rowOfStored.size() ? m_rowOfStored[size_t(at)] : -1;
    };
    if (index >= 0)
        return size_t(index) < m_sources.size() ? valid(m_sources[size_t(index)].rowById.value(id, -1)) : -1;
    for (const Source &s : m_sources) {
        const int row = valid(s.rowById.value(id, -1));
        if (row >= 0)
            return row;
    }
    return -1;
}

void BatchTableModel::merge(const std::vector<Batch> &batches, int index)
{
    if (batches.empty())
        return;
    Source &into = source(index);
    Q_ASSERT(!into.removed);
    std::vector<const Batch *> fresh;
    const size_t firstNew = m_rows.size();
    // New ids go into the index at once, at the storage index they will take: the same id twice in one merge
    // is found there (the later copy wins) without a second hash.
    into.rowById.reserve(into.rowById.size() + qsizetype(batches.size()));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    std::vector<size_t> changed; // stored batches whose sort key may have moved
    for (const Batch &batch : batches) {
        const auto known = into.rowById.constFind(batch.id);
        if (known == into.rowById.cend()) {
            into.rowById.insert(batch.id, int(firstNew + fresh.size()));
            fresh.push_back(&batch);
            continue;
        }
        const size_t at = size_t(*known);
        if (at >= firstNew) {
            fresh[at - firstNew] = &batch;
            continue;
        }
        Batch &current = m_rows[at];
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
        // Moving counts move the estimate (the session recorded the sample before the rows came).
        if (!(current.requestCounts == batch.requestCounts) || current.status != batch.status) {
            first = first < 0 ? int(BatchColumns::Eta) : qMin(first, int(BatchColumns::Eta));
            last = qMax(last, int(BatchColumns::Eta));
        }
        const bool moved = current.status != batch.status;
        if (moved) {
            countStatus(into, current.status, -1);
            countStatus(into, batch.status, +1);
        }
        const Batch before = moved ? current : Batch();
        current = batch;
        storeWords(at);
        if (updateCost(at)) {
            first = first < 0 ? int(BatchColumns::Cost) : qMin(first, int(BatchColumns::Cost));
            last = qMax(last, int(BatchColumns::Cost));
        }
        if (first >= 0) {
            const int row = m_rowOfStored[at];
            Q_EMIT dataChanged(this->index(row, first), this->index(row, last));
            if (m_sortColumn >= 0)
                changed.push_back(at);
        }
        if (moved) {
            Q_EMIT statusCountsChanged();
            Q_EMIT statusChanged(before, batch, into.account);
        }
    }
    if (!changed.empty())
        replaceMoved(changed);
    if (fresh.empty())
        return;
    // Stored first (rowCount() counts rows placed in m_order, so nothing shows yet), placed after.
    if (m_rows.capacity() < m_rows.size() + fresh.size()) {
        // Geometric growth: reserving the exact size at every page moved all rows each time (quadratic).
        reserve(int(std::max(m_rows.size() + fresh.size(), m_rows.capacity() * 2)));
    }
    std::array<int, BatchStatus::Cancelled + 1> counts{};
    for (const Batch *batch : fresh) {
        m_rows.push_back(*batch);
        m_rowSource.push_back(index);
        m_rowOfStored.push_back(-1);
        m_costs.push_back(0);
        m_costMissing.push_back(0);
        m_wordsAt.emplace_back();
        storeWords(m_rows.size() - 1);
        updateCost(m_rows.size() - 1);
        if (batch->status.value() == BatchStatus::Unknown)
            countStatus(into, batch->status, +1);
        else
            ++counts[size_t(batch->status.value())];
    }
    for (size_t value = 0; value < counts.size(); ++value) {
        if (counts[value] > 0) {
            const QString status = BatchStatus(BatchStatus::Value(value)).toString();
            m_statusCounts[status] += counts[value];
            into.statusCounts[status] += counts[value];
        }
    }
    placeNew(firstNew);
    Q_EMIT statusCountsChanged();
}

void BatchTableModel::reserve(int rows)
{
    if (rows <= 0)
        return;
    m_rows.reserve(std::max(m_rows.capacity(), size_t(rows)));
    m_rowSource.reserve(std::max(m_rowSource.capacity(), size_t(rows)));
    m_order.reserve(std::max(m_order.capacity(), size_t(rows)));
    m_wordsAt.reserve(std::max(m_wordsAt.capacity(), size_t(rows)));
    m_words.reserve(std::max(m_words.capacity(), size_t(rows) * kWordsPerBatch));
    m_rowOfStored.reserve(std::max(m_rowOfStored.capacity(), size_t(rows)));
    m_costs.reserve(std::max(m_costs.capacity(), size_t(rows)));
    m_costMissing.reserve(std::max(m_costMissing.capacity(), size_t(rows)));
}

void BatchTableModel::reserveSource(int sourceIndex, int rows)
{
    if (rows <= 0 || sourceIndex < 0 || size_t(sourceIndex) >= m_sources.size())
        return;
    Source &s = m_sources[size_t(sourceIndex)];
    s.rowById.reserve(s.rowById.size() + rows);
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
    if (!m_order.empty())
        Q_EMIT dataChanged(index(0, BatchColumns::Status), index(rowCount() - 1, BatchColumns::Status),
                           {Qt::DecorationRole});
}

void BatchTableModel::refreshTimeColumns()
{
    if (m_order.empty())
        return;
    const QList<int> roles(std::begin(kRoles), std::end(kRoles));
    Q_EMIT dataChanged(index(0, BatchColumns::Created), index(rowCount() - 1, BatchColumns::Duration), roles);
}

void BatchTableModel::storeWords(size_t at)
{
    Words &words = m_wordsAt[at];
    m_wordsUnused += words.size;
    words = Words();
    // A block past 4 GB or half unused is written again, without what changes replaced.
    if (m_wordsUnused > m_words.size() / 2 + 4096 || m_words.size() > 0xF000'0000u)
        rebuildWords();
    // Grown by a quarter, not doubled: the block is the largest the model holds (175 bytes a batch).
    if (m_words.capacity() - m_words.size() < 4096)
        m_words.reserve(m_words.size() + m_words.size() / 4 + 65536);
    const size_t offset = m_words.size();
    BatchQuery::appendWords(m_rows[at], m_words);
    Q_ASSERT(m_words.size() - offset < 0xFFFF'FFFFu);
    words.offset = quint32(offset);
    words.size = quint32(m_words.size() - offset);
}

void BatchTableModel::rebuildWords()
{
    std::vector<char> rewritten;
    rewritten.reserve(m_words.size() - std::min(m_words.size(), m_wordsUnused) + 4096);
    for (Words &words : m_wordsAt) {
        const size_t offset = rewritten.size();
        rewritten.insert(rewritten.end(), m_words.begin() + qsizetype(words.offset),
                         m_words.begin() + qsizetype(words.offset + words.size));
        words.offset = quint32(offset);
    }
    m_words = std::move(rewritten);
    m_wordsUnused = 0;
}

void BatchTableModel::countStatus(Source &into, const BatchStatus &status, int delta)
{
    for (QHash<QString, int> *counts : {&m_statusCounts, &into.statusCounts}) {
        int &count = (*counts)[status.toString()];
        count += delta;
        if (count <= 0)
            counts->remove(status.toString());
    }
}
