// The model's order (issue 15): row i shows the batch stored at m_order[i]. A sort orders that permutation
// from dense keys; a merge inserts new rows at their places. The proxy above only filters, so a keystroke
// costs the search alone, and a sort of 1,000,000 rows no longer compares batches scattered over the heap.
#include "models/batchtablemodel.h"

#include "core/providers/provider.h"

#include <QDateTime>
#include <QHash>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

// One row's place in a sort, dense: 32 bytes, compared without touching the batch unless two keys tie.
struct BatchTableModel::SortKey
{
    quint64 k0 = 0;     // a number's order-preserving bits, or a text's first 4 UTF-16 units after the prefix
    quint64 k1 = 0;     // the next 4 units of a text
    qint64 created = 0; // the first tie-break: newest first
    quint32 index = 0;  // storage index
    bool longText = false; // the text goes on beyond k0 and k1: equal keys compare the texts
    bool none = false;     // no value (Cost): last in either order
};

namespace {
constexpr size_t kPackedUnits = 8; // UTF-16 units in k0 and k1
// Fewer runs of new rows than this are inserted where they go, one insert each (a proxy shifts its whole
// mapping per insert); more are appended and placed with one layout change.
constexpr size_t kMaxInsertRuns = 16;
// More changed rows than this are re-placed by sorting everything again.
constexpr size_t kMaxReplaced = 256;

bool isText(int column)
{
    return column == BatchColumns::Id || column == BatchColumns::Endpoint || column == BatchColumns::Model ||
           column == BatchColumns::OutputFile || column == BatchColumns::ErrorFile ||
           column == BatchColumns::Metadata;
}

// The bits of a double in the order of the values (a total order; -0 is 0).
quint64 orderedBits(double value)
{
    value += 0.0;
    quint64 bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    return (bits & (quint64(1) << 63)) ? ~bits : bits | (quint64(1) << 63);
}

quint64 packUnits(QStringView text, size_t from)
{
    quint64 packed = 0;
    for (size_t i = from; i < from + 4; ++i)
        packed = (packed << 16) | (i < size_t(text.size()) ? text[qsizetype(i)].unicode() : 0u);
    return packed;
}

int sign(int value)
{
    return (value > 0) - (value < 0);
}
} // namespace

QString BatchTableModel::sortText(size_t at, int column) const
{
    const Batch &batch = m_rows[at];
    switch (column) {
    case BatchColumns::Id:
        return batch.id;
    case BatchColumns::Endpoint:
        return batch.endpoint;
    case BatchColumns::Model:
        return batch.model;
    case BatchColumns::OutputFile:
        return batch.outputFileId;
    case BatchColumns::ErrorFile:
        return batch.errorFileId;
    default:
        return BatchColumns::display(batch, column, 0);
    }
}

// A number for every column that is not text; `none` only for Cost.
double BatchTableModel::sortNumber(size_t at, int column, qint64 now, bool *none) const
{
    *none = false;
    const Batch &batch = m_rows[at];
    switch (column) {
    case BatchColumns::Cost:
        *none = std::isnan(m_costs[at]);
        return *none ? 0.0 : m_costs[at];
    case BatchColumns::Eta: {
        const ProgressHistory *history = historyOf(m_rowSource[at]);
        const std::optional<qint64> eta = history ? history->etaSeconds(batch, now) : std::nullopt;
        return double(eta.value_or(std::numeric_limits<qint64>::max()));
    }
    case BatchColumns::Account:
    case BatchColumns::Provider:
        // A source made by merge() without addSource() has no name: first.
        return size_t(m_rowSource[at]) < m_sourceRank.size() ? double(m_sourceRank[size_t(m_rowSource[at])])
                                                             : 0.0;
    default: {
        double key = 0;
        const bool numeric = BatchColumns::numericKey(batch, column, now, &key);
        Q_ASSERT(numeric);
        return key;
    }
    }
}

void BatchTableModel::rankSources(int column)
{
    // Sources are few: their text sorted once, each source's rank then a number per row.
    m_sourceRank.assign(m_sources.size(), 0);
    if (column != BatchColumns::Account && column != BatchColumns::Provider)
        return;
    QStringList texts;
    for (const Source &s : m_sources)
        texts << (column == BatchColumns::Account ? s.account : Providers::displayName(s.provider));
    QStringList distinct = texts;
    std::sort(distinct.begin(), distinct.end());
    for (size_t i = 0; i < m_sources.size(); ++i)
        m_sourceRank[i] = int(std::lower_bound(distinct.cbegin(), distinct.cend(), texts[qsizetype(i)]) -
                              distinct.cbegin());
}

int BatchTableModel::comparePrimary(size_t a, size_t b, qint64 now) const
{
    if (isText(m_sortColumn))
        return sign(QStringView(sortText(a, m_sortColumn)).compare(sortText(b, m_sortColumn)));
    bool noneA = false, noneB = false;
    const double x = sortNumber(a, m_sortColumn, now, &noneA);
    const double y = sortNumber(b, m_sortColumn, now, &noneB);
    if (noneA != noneB)
        return 0; // before() puts the one without a value last
    return x < y ? -1 : (y < x ? 1 : 0);
}

bool BatchTableModel::tieBefore(size_t a, size_t b) const
{
    // Equal values list their newest batches first whichever way the column sorts (a status group opens with
    // what just happened), then the larger id; storage order last (one id in two accounts).
    const Batch &x = m_rows[a], &y = m_rows[b];
    if (x.createdAt != y.createdAt)
        return x.createdAt > y.createdAt;
    if (const int order = QStringView(x.id).compare(y.id))
        return order > 0;
    return a < b;
}

bool BatchTableModel::before(size_t a, size_t b) const
{
    if (m_sortColumn < 0)
        return a < b;
    if (m_sortColumn == BatchColumns::Cost) {
        const bool noneA = std::isnan(m_costs[a]), noneB = std::isnan(m_costs[b]);
        if (noneA != noneB)
            return noneB;
    }
    const bool timed = m_sortColumn == BatchColumns::Eta || BatchColumns::dependsOnTime(m_sortColumn);
    const int order = comparePrimary(a, b, timed ? QDateTime::currentSecsSinceEpoch() : 0);
    if (order != 0)
        return m_sortOrder == Qt::AscendingOrder ? order < 0 : order > 0;
    return tieBefore(a, b);
}

void BatchTableModel::orderAll()
{
    const size_t count = m_rows.size();
    m_order.resize(count);
    for (size_t i = 0; i < count; ++i)
        m_order[i] = int(i);
    if (m_sortColumn >= 0 && count > 1) {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        std::vector<SortKey> keys(count);
        std::vector<QString> texts;
        const bool text = isText(m_sortColumn);
        size_t prefix = 0;
        if (text) {
            texts.resize(count);
            for (size_t i = 0; i < count; ++i)
                texts[i] = sortText(i, m_sortColumn);
            // What every non-empty text starts with (ids: "batch_", file ids: "file-") says nothing: the
            // packed units start after it. An empty text packs as zeros like one that is just the prefix, so
            // its ties compare the texts.
            const QString *first = nullptr;
            for (size_t i = 0; i < count && !first; ++i)
                first = texts[i].isEmpty() ? nullptr : &texts[i];
            prefix = first ? size_t(first->size()) : 0;
            for (size_t i = 0; i < count && prefix > 0; ++i) {
                const QString &t = texts[i];
                if (t.isEmpty())
                    continue;
                size_t same = 0;
                const size_t most = std::min(prefix, size_t(t.size()));
                while (same < most && t[qsizetype(same)] == (*first)[qsizetype(same)])
                    ++same;
                prefix = same;
            }
        }
        // Columns of few distinct texts (model, endpoint, metadata): each text ranked once, rows then sort on
        // the rank; comparing long equal texts row by row took most of a sort by metadata.
        std::vector<quint32> rank;
        if (text && (m_sortColumn == BatchColumns::Metadata || m_sortColumn == BatchColumns::Model ||
                     m_sortColumn == BatchColumns::Endpoint)) {
            QHash<QString, quint32> seen;
            std::vector<QString> distinct;
            rank.resize(count);
            for (size_t i = 0; i < count; ++i) {
                auto it = seen.constFind(texts[i]);
                if (it == seen.cend()) {
                    it = seen.insert(texts[i], quint32(distinct.size()));
                    distinct.push_back(texts[i]);
                }
                rank[i] = *it;
            }
            std::vector<quint32> byText(distinct.size());
            for (size_t i = 0; i < byText.size(); ++i)
                byText[i] = quint32(i);
            std::sort(byText.begin(), byText.end(),
                      [&distinct](quint32 a, quint32 b) { return distinct[a] < distinct[b]; });
            std::vector<quint32> place(distinct.size());
            for (size_t i = 0; i < byText.size(); ++i)
                place[byText[i]] = quint32(i);
            for (quint32 &r : rank)
                r = place[r];
        }
        for (size_t i = 0; i < count; ++i) {
            SortKey &key = keys[i];
            key.index = quint32(i);
            key.created = m_rows[i].createdAt;
            if (!rank.empty()) {
                key.k0 = rank[i];
            } else if (text) {
                key.k0 = packUnits(texts[i], prefix);
                key.k1 = packUnits(texts[i], prefix + 4);
                key.longText = size_t(texts[i].size()) > prefix + kPackedUnits || texts[i].isEmpty();
            } else {
                key.k0 = orderedBits(sortNumber(i, m_sortColumn, now, &key.none));
            }
        }
        const bool ascending = m_sortOrder == Qt::AscendingOrder;
        std::sort(keys.begin(), keys.end(), [&](const SortKey &a, const SortKey &b) {
            if (a.none != b.none)
                return b.none;
            if (a.k0 != b.k0)
                return ascending == (a.k0 < b.k0);
            if (a.k1 != b.k1)
                return ascending == (a.k1 < b.k1);
            if (a.longText || b.longText) {
                if (const int order = QStringView(texts[a.index]).compare(texts[b.index]))
                    return ascending == (order < 0);
            }
            if (a.created != b.created)
                return a.created > b.created;
            return tieBefore(a.index, b.index);
        });
        for (size_t i = 0; i < count; ++i)
            m_order[i] = int(keys[i].index);
    }
    rebuildInverse();
}

void BatchTableModel::rebuildInverse(size_t fromRow)
{
    m_rowOfStored.resize(m_rows.size(), -1);
    for (size_t row = fromRow; row < m_order.size(); ++row)
        m_rowOfStored[size_t(m_order[row])] = int(row);
}

template <typename Reorder> void BatchTableModel::relayout(Reorder reorder)
{
    const QList<QPersistentModelIndex> parents;
    Q_EMIT layoutAboutToBeChanged(parents, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    std::vector<int> storedAt;
    storedAt.reserve(size_t(from.size()));
    for (const QModelIndex &index : from)
        storedAt.push_back(m_order[size_t(index.row())]);
    reorder();
    QModelIndexList to;
    to.reserve(from.size());
    for (qsizetype i = 0; i < from.size(); ++i)
        to << createIndex(m_rowOfStored[size_t(storedAt[size_t(i)])], from[i].column());
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged(parents, QAbstractItemModel::VerticalSortHint);
}

void BatchTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < -1 || column >= BatchColumns::Count)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    rankSources(column);
    if (m_order.empty())
        return;
    relayout([this] { orderAll(); });
}

void BatchTableModel::replaceMoved(std::vector<size_t> changed)
{
    std::sort(changed.begin(), changed.end()); // one batch changed twice in a merge is placed once
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    // The order was sorted and only the changed rows' keys moved, so it still is unless a pair next to a
    // changed row is now out of order. Then every changed row is taken out and put back in place (re-placing
    // only the misplaced ones is not enough: a neighbour that moves away can leave a row behind out of
    // order).
    const bool sorted = std::all_of(changed.begin(), changed.end(), [this](size_t at) {
        const size_t row = size_t(m_rowOfStored[at]);
        return (row == 0 || !before(at, size_t(m_order[row - 1]))) &&
               (row + 1 == m_order.size() || !before(size_t(m_order[row + 1]), at));
    });
    if (sorted)
        return;
    if (changed.size() > kMaxReplaced) {
        relayout([this] { orderAll(); });
        return;
    }
    relayout([this, &changed] {
        for (const size_t at : changed)
            m_rowOfStored[at] = -1;
        m_order.erase(std::remove_if(m_order.begin(), m_order.end(),
                                     [this](int at) { return m_rowOfStored[size_t(at)] < 0; }),
                      m_order.end());
        for (const size_t at : changed) {
            const auto place =
                std::lower_bound(m_order.begin(), m_order.end(), int(at),
                                 [this](int x, int y) { return before(size_t(x), size_t(y)); });
            m_order.insert(place, int(at));
        }
        rebuildInverse();
    });
}

void BatchTableModel::placeNew(size_t firstStored)
{
    const size_t count = m_rows.size() - firstStored;
    // Each new batch's place in the current order, then the new ones in order among themselves.
    std::vector<std::pair<size_t, int>> places; // (row it goes before, storage index)
    places.reserve(count);
    for (size_t at = firstStored; at < m_rows.size(); ++at) {
        const size_t row =
            m_sortColumn < 0
                ? m_order.size()
                : size_t(std::lower_bound(m_order.begin(), m_order.end(), int(at),
                                          [this](int x, int y) { return before(size_t(x), size_t(y)); }) -
                         m_order.begin());
        places.emplace_back(row, int(at));
    }
    std::sort(places.begin(), places.end(), [this](const auto &a, const auto &b) {
        return a.first != b.first ? a.first < b.first : before(size_t(a.second), size_t(b.second));
    });
    size_t runs = 0;
    for (size_t i = 0; i < places.size(); ++i)
        runs += i == 0 || places[i].first != places[i - 1].first ? 1 : 0;
    if (runs <= kMaxInsertRuns) {
        size_t shift = 0; // rows inserted before the current run
        for (size_t i = 0; i < places.size();) {
            size_t end = i;
            while (end < places.size() && places[end].first == places[i].first)
                ++end;
            const size_t row = places[i].first + shift;
            beginInsertRows(QModelIndex(), int(row), int(row + (end - i) - 1));
            std::vector<int> run;
            run.reserve(end - i);
            for (size_t j = i; j < end; ++j)
                run.push_back(places[j].second);
            m_order.insert(m_order.begin() + qsizetype(row), run.begin(), run.end());
            rebuildInverse(row);
            endInsertRows();
            shift += end - i;
            i = end;
        }
        return;
    }
    // Scattered over the order (a page of a table sorted by model): one insert at the end, one layout change.
    const size_t old = m_order.size();
    beginInsertRows(QModelIndex(), int(old), int(old + count - 1));
    for (const auto &place : places)
        m_order.push_back(place.second);
    rebuildInverse(old);
    endInsertRows();
    relayout([this, old, &places] {
        std::vector<int> order;
        order.reserve(m_order.size());
        size_t next = 0;
        for (size_t row = 0; row <= old; ++row) {
            while (next < places.size() && places[next].first == row)
                order.push_back(places[next++].second);
            if (row < old)
                order.push_back(m_order[row]);
        }
        m_order = std::move(order);
        rebuildInverse();
    });
}
