#pragma once

#include "core/api/apiconfig.h"
#include "core/batch/progresshistory.h"

#include <QObject>
#include <QPointer>

#include <memory>

class BatchCache;
class BatchRefresher;
class BatchTableModel;
struct BatchPage;

// Keeps an account's cache in step with the table: puts the cached rows and progress history into the model
// at once, then writes down what each loaded page and each good refresh brings.
class BatchCacheKeeper : public QObject
{
    Q_OBJECT

public:
    explicit BatchCacheKeeper(BatchTableModel *model, QObject *parent = nullptr);
    ~BatchCacheKeeper() override;

    // Opens the account's cache and shows its rows; `message` tells the user when it could not, or had to
    // rebuild.
    bool open(const ApiConfig &config, QString *message);
    void close();
    bool isOpen() const { return m_cache != nullptr; }
    // After each refresh that went through, store the batches it found or read again.
    void watch(BatchRefresher *refresher);
    void clear();
    // Whether cached rows are still being read into the model (a large cache arrives in chunks).
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void cacheLoaded();
    // Reading the cache failed part way (a damaged file is moved aside): what the user should be told. The
    // table then reads the list from the top again.
    void cacheDamaged(const QString &message);

private:
    void loadNextChunk();
    void onPageLoaded(const BatchPage &page);
    void onRefreshed();

    BatchTableModel *m_model;
    std::unique_ptr<BatchCache> m_cache;
    QPointer<BatchRefresher> m_refresher;
    QList<QPair<QString, ProgressSample>> m_pendingSamples; // written with the next page or refresh
    qint64 m_loadedRank = 0;                                // the cache is read in server order up to here
    bool m_loading = false;
    // What the cache recorded when the load began, and what the chunks brought: a row lost without any SQLite
    // error shows as a difference (unless a write since then, ours or another process's, moved the count).
    qint64 m_recordedRows = -1;
    qint64 m_loadedRows = 0;
    bool m_wroteWhileLoading = false;
};
