#pragma once

#include "core/batch/batch.h"
#include "core/batch/batchcolumns.h"
#include "core/batch/progresshistory.h"
#include "core/cost/batchcost.h"
#include "core/providers/provider.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

#include <vector>

class AccountSession;

// Batches as a table, passive: it keeps rows, roles and counts, and receives what sessions emit. Rows can
// come from several sources (one per account session: the All accounts view is sessions feeding one model); a
// row's identity is (source, id). Rows merge by id (a refresh never resets the model); fetchMore asks the
// sessions for older pages.
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
    int sourceAt(int row) const { return m_rowSource[size_t(row)]; }
    // The progress history of the row's account (null: none).
    const ProgressHistory *historyAt(int row) const;

    // Without QAbstractTableModel's two virtual calls to rowCount and columnCount: a sort of 100,000 rows
    // asks for an index about three million times.
    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override
    {
        return !parent.isValid() && row >= 0 && column >= 0 && size_t(row) < m_rows.size() &&
                       column < BatchColumns::Count
                   ? createIndex(row, column)
                   : QModelIndex();
    }
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Updates known ids of the source in place (dataChanged for the changed cells) and appends new ones (one
    // insert). Source 0 is made on first use when none was added.
    void merge(const std::vector<Batch> &batches, int source = 0);
    // Room for this many rows: growing the rows and their index by doubling stalled the event loop for up to
    // 50 ms at 65,000 rows while a cache was read in.
    void reserve(int rows);
    // Every row and source gone: the only reset besides removeSource().
    void clear();

    const Batch &batchAt(int row) const { return m_rows[size_t(row)]; }
    // The row of `id` in `source` (-1: in whichever source holds it first).
    int rowOf(const QString &id, int source = -1) const;
    const std::vector<Batch> &batches() const { return m_rows; }
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
        QHash<QString, int> rowById;
        QHash<QString, int> statusCounts;
        bool removed = false;
    };
    Source &source(int index);
    void countStatus(Source &source, const BatchStatus &status, int delta);
    void rebuildIndex();
    // The cost of the batch at `row` into m_costs (true when it changed).
    bool updateCost(size_t row);
    void updateAllCosts();

    std::vector<Batch> m_rows;
    std::vector<int> m_rowSource;
    // By row, beside m_rows: the cost, NaN when there is none, and why (a BatchCost::Missing).
    std::vector<double> m_costs;
    std::vector<quint8> m_costMissing;
    const PriceTable *m_prices = nullptr;
    std::vector<Source> m_sources;
    QHash<QString, int> m_statusCounts;
    bool m_dark = false;
};
