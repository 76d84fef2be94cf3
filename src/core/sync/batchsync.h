#pragma once

#include "core/api/apierror.h"
#include "core/api/batchpage.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <memory>
#include <vector>

class ApiCall;
class ApiClient;
class BatchCache;
class BatchCacheWalkWriter;
class BatchListFetcher;

// Brings a cached account up to date with as few requests as it can: the new batches from the top of the list
// until the first one already known, then the batches that may still change, by re-reading list pages or by
// retrieving them one by one, whichever costs fewer requests. Without a complete cache it walks everything.
class BatchSync : public QObject
{
    Q_OBJECT

public:
    BatchSync(ApiClient *client, BatchCache *cache, QObject *parent = nullptr);
    ~BatchSync() override;

    // Margin past the 24 h window after which a batch is surely terminal.
    static constexpr qint64 kWindowMarginSeconds = 3600;

    void start(bool refreshAll = false);
    // Ends a walk over everything after the page being delivered (the caller has what it wants): what came
    // is cached, and the cache is not marked complete.
    void stop();
    // Whether a walk over everything asks for the next page before the current one is handled (default:
    // yes). A caller that may stop after this page turns it off, so it costs no request it does not use.
    void setWalkPrefetch(bool prefetch);

    // The whole account, newest first, once finished() says no error; empty after a walk of everything,
    // whose pages went out through walked() as they came.
    const std::vector<Batch> &batches() const { return m_result; }
    bool streamed() const { return m_streamed; }
    int requests() const { return m_requests; }
    qint64 refreshed() const { return m_refreshed; }
    // What the requests were for, e.g. "1 list page for new batches, 2 retrieves of changing batches".
    QString summary() const;

Q_SIGNALS:
    void progress(int requests);
    // A page of a walk over everything, already in the cache (newest first across pages).
    void walked(const std::vector<Batch> &batches);
    // Something the user should know that did not stop the sync (a damaged cache moved aside).
    void warning(const QString &message);
    void finished(const ApiError &error);

private:
    std::vector<Batch> readCache(bool *complete);
    void walkAll();
    void onPage(const BatchPage &page);
    void onWalkFinished(const ApiError &error);
    void onWalkWritten(const QString &error);
    void refreshChanging();
    void startRetrieves();
    void onRetrieved(ApiCall *call);
    void finish(const ApiError &error);

    enum class Phase { Idle, Full, NewOnTop, RereadPages, Retrieve };

    ApiClient *m_client;
    BatchCache *m_cache;
    BatchListFetcher *m_fetcher;
    Phase m_phase = Phase::Idle;

    std::vector<Batch> m_cached;                    // server order
    QHash<QString, int> m_index;                    // id -> position in m_cached
    std::vector<Batch> m_new;                       // found above everything cached, server order
    qint64 m_walkRank = 0;                          // the cache rank the next walked batch takes
    qint64 m_walked = 0;                            // batches a walk over everything has passed on
    std::unique_ptr<BatchCacheWalkWriter> m_writer; // a walk's cache writes, on their own thread
    ApiError m_walkError;
    bool m_streamed = false;
    bool m_stopped = false; // a walk cut short by stop(): it did not see everything
    bool m_walkPrefetch = true;
    QSet<QString> m_fresh;   // cached ids read again in this sync
    int m_deepestKnown = -1; // the furthest cached position a list page has covered
    QStringList m_toRetrieve;
    QList<ApiCall *> m_inFlight;
    std::vector<Batch> m_result;

    int m_requests = 0;
    int m_newPages = 0;
    int m_rereadPages = 0;
    int m_retrieves = 0;
    int m_fullPages = 0;
    qint64 m_refreshed = 0;
    ApiError m_error;
};
