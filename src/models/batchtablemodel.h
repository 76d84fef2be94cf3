#pragma once

#include "core/api/apierror.h"
#include "core/api/batchpage.h"
#include "core/batch/batch.h"
#include "core/batch/batchcolumns.h"
#include "core/batch/progresshistory.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

class ApiClient;
class BatchListFetcher;

// The account's batches as a table. Rows merge by id (a refresh never resets the model); more rows load page
// by page as the view asks (canFetchMore/fetchMore), one request at a time.
class BatchTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        SortRole = Qt::UserRole + 1, // the raw value a column sorts on
        StatusRole,                  // the status as the API spells it
        ProgressRole,                // a BatchProgress for the delegate
        IdRole,
    };

    explicit BatchTableModel(QObject *parent = nullptr);
    ~BatchTableModel() override;

    // Where pages come from; nullptr: nothing more to fetch. Does not clear the rows (see clear()).
    void setClient(ApiClient *client);

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

    // Updates known ids in place (dataChanged for the changed cells) and appends new ones (one insert).
    // `observedNow` is false for rows from the cache, whose counts are not from this moment.
    void merge(const std::vector<Batch> &batches, bool observedNow = true);
    // Rows from the cache: only ids not shown yet, so a cached copy never overwrites what a refresh brought.
    void mergeCached(const std::vector<Batch> &batches);
    // Room for this many rows: growing the rows and their index by doubling stalled the event loop for up to
    // 50 ms at 65,000 rows while a cache was read in.
    void reserve(int rows);
    // Another account: the only reset.
    void clear();
    // Walks every remaining page.
    void loadAll();
    // After a failed page: asks for it again. Until then canFetchMore() is false, because views call
    // fetchMore() on any layout change and would turn one failure into a stream of automatic retries.
    void retryFetch();
    bool lastFetchFailed() const { return m_fetchFailed; }
    void stopLoading();
    // After rows from a cache: the next page starts after `cursor`; `hasMore` says whether older ones exist.
    void resumeAfter(const QString &cursor, bool hasMore);

    const Batch &batchAt(int row) const { return m_rows[size_t(row)]; }
    int rowOf(const QString &id) const
    {
        // During a merge the index already holds the rows about to be inserted.
        const int row = m_rowById.value(id, -1);
        return size_t(row) < m_rows.size() ? row : -1;
    }
    const std::vector<Batch> &batches() const { return m_rows; }
    bool hasMore() const { return m_hasMore; }
    bool isFetching() const;
    // Batches per status (the API's word), for the status side bar.
    const QHash<QString, int> &statusCounts() const { return m_statusCounts; }
    int runningCount() const;

    ProgressHistory &history() { return m_history; }
    const ProgressHistory &history() const { return m_history; }

    // Colours follow the palette; the view tells the model when it turns dark or light.
    void setDarkPalette(bool dark);
    // Re-announces the columns whose text moves with the clock (call every few seconds).
    void refreshTimeColumns();

Q_SIGNALS:
    void fetchingChanged(bool fetching);
    void fetchFailed(const ApiError &error);
    // A page of older batches arrived (through fetchMore or loadAll), after it was merged.
    void pageLoaded(const BatchPage &page);
    // A known batch moved to another status in a merge (alerts listen for the end of a batch).
    void statusChanged(const Batch &before, const Batch &after);
    // The counts of a running batch moved; worth keeping for the ETA.
    void sampleRecorded(const QString &id, const ProgressSample &sample);
    void statusCountsChanged();

private:
    void fetchPages(int maxPages);
    void onPage(const BatchPage &page);
    void onFetchFinished(const ApiError &error);
    void countStatus(const BatchStatus &status, int delta);

    std::vector<Batch> m_rows;
    QHash<QString, int> m_rowById;
    QHash<QString, int> m_statusCounts;
    BatchListFetcher *m_fetcher = nullptr;
    QString m_cursor;
    bool m_hasMore = true;
    bool m_fetchFailed = false; // the last page asked for failed; paging waits for retryFetch() or loadAll()
    bool m_dark = false;
    ProgressHistory m_history;
};
