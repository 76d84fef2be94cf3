#pragma once

#include "core/batch/batch.h"
#include "core/batch/batchcolumns.h"
#include "core/batch/progresshistory.h"
#include "core/cost/batchcost.h"
#include "core/providers/provider.h"

#include <QAbstractTableModel>
#include <QByteArrayView>
#include <QHash>
#include <QPointer>

#include <vector>

class AccountSession;

// Batches as a table, passive: it keeps rows, roles and counts, and receives what sessions emit. Rows can
// come from several sources (one per account session: the All accounts view is sessions feeding one model); a
// row's identity is (source, id). Rows merge by id (a refresh never resets the model); fetchMore asks the
// sessions for older pages.
// The model keeps its own sort order (issue 15): batches stay where they were stored, and row i shows the
// batch stored at m_order[i]. sort() orders that permutation from dense keys (a layout change), a merge
// inserts new rows at their sorted places and re-places changed rows whose key moved, so a proxy above only
// filters.
class BatchTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        SortRole = Qt::UserRole + 1, // the raw value a column sorts on
        StatusRole,                  // the status as the API spells it
        ProgressRole,                // a BatchProgress for the delegate
        IdRole,
        SourceRole, // the row's source (an index into the model's sources)
    };

    explicit BatchTableModel(QObject *parent = nullptr);
    ~BatchTableModel() override;

    // A session's rows: what it emits is merged under a new source, its history gives the ETA, and fetchMore
    // asks it for older pages. Not owned; remove it (or clear()) before it goes.
    int addSession(AccountSession *session);
    // A source fed by hand (tests, benchmarks); `history` (not owned, may be null) gives the ETA.
    int addSource(const QString &account, Provider provider, const ProgressHistory *history = nullptr);
    void setHistory(int source, const ProgressHistory *history);
    // Takes a source's rows away (a reset: the set of accounts changed). Its index stays unused.
    void removeSource(int source);
    int sourceOf(const AccountSession *session) const;
    int sourceCount() const { return int(m_sources.size()); }
    AccountSession *sessionOf(int source) const;
    QString accountOf(int source) const;
    Provider providerOf(int source) const;
    int sourceAt(int row) const { return m_rowSource[stored(row)]; }
    // The progress history of the row's account (null: none).
    const ProgressHistory *historyAt(int row) const;

    // Without QAbstractTableModel's two virtual calls to rowCount and columnCount: a sort of 100,000 rows
    // asks for an index about three million times.
    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override
    {
        return !parent.isValid() && row >= 0 && column >= 0 && size_t(row) < m_order.size() &&
                       column < BatchColumns::Count
                   ? createIndex(row, column)
                   : QModelIndex();
    }
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    // Orders the rows (a layout change; selections and the current row follow their batches). Ties list the
    // newest batch first in either order, then the larger id; batches without a cost sort last by Cost in
    // either order. column -1: the order the batches came in.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    void fetchMore(const QModelIndex &parent) override;

    // Updates known ids of the source in place (dataChanged for the changed cells; a row whose sort key moved
    // is re-placed by a layout change) and inserts new ones at their sorted places (an insert per contiguous
    // run; scattered over the order, one insert at the end and a layout change). Source 0 is made on first
    // use when none was added.
    void merge(const std::vector<Batch> &batches, int source = 0);
    // Room for this many rows: growing the rows and their index by doubling stalled the event loop for up to
    // 50 ms at 65,000 rows while a cache was read in.
    void reserve(int rows);
    // Room for this many more rows of one source in its id index (rehashing half a million ids stalled the
    // event loop for ~250 ms).
    void reserveSource(int source, int rows);
    // Every row and source gone: the only reset besides removeSource().
    void clear();

    const Batch &batchAt(int row) const { return m_rows[stored(row)]; }
    // The row of `id` in `source` (-1: in whichever source holds it first).
    int rowOf(const QString &id, int source = -1) const;
    // Every batch in the order they were stored, not the rows' order: for sums and counts that need no order
    // (a sequential walk, no permutation). sourceOfBatch(i) is the source of batches()[i].
    const std::vector<Batch> &batches() const { return m_rows; }
    int sourceOfBatch(size_t index) const { return m_rowSource[index]; }
    // The index into batches() of the batch a row shows.
    int batchIndexAt(int row) const { return int(stored(row)); }
    // The free-word fields of batches()[index] as BatchQuery::appendWords wrote them (kept beside the rows,
    // in one block of memory, so a keystroke scans bytes instead of six strings scattered over the heap).
    QByteArrayView wordsOfBatch(size_t index) const
    {
        return QByteArrayView(m_words.data() + m_wordsAt[index].offset, qsizetype(m_wordsAt[index].size));
    }
    // The progress history of a source (null: none).
    const ProgressHistory *historyOf(int source) const;
    // Over every session: whether one has older pages, is fetching, or failed its last page.
    bool hasMore() const;
    bool isFetching() const;
    bool lastFetchFailed() const;
    // Batches per status (the API's word), for the status side bar: of every source, or of one.
    const QHash<QString, int> &statusCounts() const { return m_statusCounts; }
    const QHash<QString, int> &statusCounts(int source) const;
    int runningCount() const;

    // The prices the Cost column uses (not owned; null: no costs). Recomputes every row's cost.
    void setPrices(const PriceTable *prices);
    const PriceTable *prices() const { return m_prices; }
    // The row's cost, kept with the row (sorting and the status bar's sum read it often); none says why.
    std::optional<double> costAt(int row, BatchCost::Missing *why = nullptr) const;
    // Why a batch has no cost, in words ("no usage reported"; empty when it has one or no prices are set).
    QString noCostReason(int row) const;

    // Colours follow the palette; the view tells the model when it turns dark or light.
    void setDarkPalette(bool dark);
    // Re-announces the columns whose text moves with the clock (call every few seconds).
    void refreshTimeColumns();

Q_SIGNALS:
    // A session's paging started or ended.
    void fetchingChanged(bool fetching);
    // A known batch moved to another status in a merge (alerts listen for the end of a batch); `account` is
    // its source's (empty for the unnamed single account).
    void statusChanged(const Batch &before, const Batch &after, const QString &account);
    void statusCountsChanged();

private:
    struct Source
    {
        QString account;
        Provider provider = Provider::OpenAI;
        QPointer<AccountSession> session;
        const ProgressHistory *history = nullptr;
        QHash<QString, int> rowById; // id -> storage index
        QHash<QString, int> statusCounts;
        bool removed = false;
    };
    Source &source(int index);
    size_t stored(int row) const
    {
        Q_ASSERT(row >= 0 && size_t(row) < m_order.size());
        return size_t(m_order[size_t(row)]);
    }
    // batchtablemodelsort.cpp: the order.
    struct SortKey;
    QString sortText(size_t at, int column) const;
    double sortNumber(size_t at, int column, qint64 now, bool *none) const;
    void rankSources(int column); // m_sourceRank for Account and Provider
    // Whether the batch stored at `a` goes before the one at `b` in the current order.
    bool before(size_t a, size_t b) const;
    int comparePrimary(size_t a, size_t b, qint64 now) const;
    bool tieBefore(size_t a, size_t b) const;
    void orderAll(); // m_order sorted from scratch (no signals)
    void rebuildInverse(size_t fromRow = 0);
    // Emits the layout change around `reorder` (which changes m_order), moving persistent indexes along.
    template <typename Reorder> void relayout(Reorder reorder);
    void placeNew(size_t firstStored); // the stored batches from firstStored on are new rows
    void replaceMoved(std::vector<size_t> changed);
    void countStatus(Source &source, const BatchStatus &status, int delta);
    void rebuildIndex();
    // The cost of the batch at `row` into m_costs (true when it changed).
    bool updateCost(size_t row);
    void updateAllCosts();
    // The words of the batch stored at `at` (new or changed) into m_words.
    void storeWords(size_t at);
    void rebuildWords();

    // Stored by arrival: m_rows and the vectors beside it are indexed by storage index, not row.
    std::vector<Batch> m_rows;
    std::vector<int> m_rowSource;
    std::vector<int> m_order;       // by row: the storage index shown there
    std::vector<int> m_rowOfStored; // by storage index: its row (-1 while a merge has not placed it yet)
    int m_sortColumn = -1;
    std::vector<int> m_sourceRank; // by source: its place by account or provider name (sorting by those)
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    // By storage index, beside m_rows: the cost, NaN when there is none, and why (a BatchCost::Missing).
    std::vector<double> m_costs;
    std::vector<quint8> m_costMissing;
    struct Words
    {
        quint32 offset = 0;
        quint32 size = 0;
    };
    std::vector<char> m_words;    // every batch's words, one after another
    std::vector<Words> m_wordsAt; // by storage index
    size_t m_wordsUnused = 0;     // bytes of words replaced by a change (compacted when half the block)
    const PriceTable *m_prices = nullptr;
    std::vector<Source> m_sources;
    QHash<QString, int> m_statusCounts;
    bool m_dark = false;
};
