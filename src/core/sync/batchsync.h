#pragma once

#include "core/api/apierror.h"
#include "core/cache/planrow.h"
#include "core/sync/syncsink.h"

#include <QObject>

#include <functional>

#include <vector>

class ApiClient;
class BatchCache;
class SyncEngine;

// The headless side of the sync: brings a cached account up to date through SyncEngine (the same plan the
// window's AccountSession uses) and hands the result over in one piece. Without a complete cache it walks
// everything, streaming the pages out through walked() and into the cache.
class BatchSync : public QObject, private SyncSink
{
    Q_OBJECT

public:
    BatchSync(ApiClient *client, BatchCache *cache, QObject *parent = nullptr);
    ~BatchSync() override;

    void start(bool refreshAll = false);
    // A warm cache is refreshed holding only RefreshSet's rows (the top and those that may change), not the
    // whole account: the caller then reads the cache itself (`batchwatch cost` sums its columns; the job
    // does not call readResult()). Without the columns (an older file) it holds everything, as by default.
    void setLight(bool light) { m_light = light; }
    // The last run refreshed a light hold: the cache is up to date, and nothing was handed over.
    bool refreshedLight() const { return m_refreshedLight; }
    // Ends a walk over everything after the page being delivered (the caller has what it wants): what came
    // is cached, and the cache is not marked complete.
    void stop();
    // Whether a walk over everything asks for the next page before the current one is handled (default:
    // yes). A caller that may stop after this page turns it off, so it costs no request it does not use.
    void setWalkPrefetch(bool prefetch);

    // Whether the account went out through walked() as it came (a walk of everything); otherwise, once
    // finished() says no error, the refreshed cache holds it: readResult().
    bool streamed() const { return m_streamed; }
    // The whole account, newest first, read from the cache the refresh brought up to date, in chunks of
    // kChunk handed to `consume` (false: stop; what was read is fine). Memory: one chunk, not the account.
    // An error (LocalIo) when the cache could not be read whole: it came up short of what it recorded, or
    // lost a batch the refresh held (another process, a damaged disk), or the refresh could not write it.
    static constexpr int kChunk = 250;
    [[nodiscard]] ApiError readResult(const std::function<bool(const std::vector<Batch> &)> &consume);
    // The walk stopped at an empty page that still claimed more (SyncEngine::walkEndedShort).
    bool endedShort() const;
    int requests() const;
    qint64 refreshed() const { return m_refreshed; }
    // What the requests were for, e.g. "1 list page for new batches, 2 retrieves of changing batches".
    QString summary() const;

Q_SIGNALS:
    void progress(int requests);
    // A page of a walk over everything, already on its way to the cache (newest first across pages).
    void walked(const std::vector<Batch> &batches);
    // Something the user should know that did not stop the sync (a damaged cache moved aside).
    void warning(const QString &message);
    void finished(const ApiError &error);

private:
    void syncArrived(const std::vector<Batch> &batches, bool onTop) override;
    void syncUpdated(const std::vector<Batch> &) override {}
    std::vector<PlanRow> readCache(bool *complete);
    // Ten pages: the refresh's new batches end at the first held one, and a page read for them that reaches
    // into the cache finds what it brings held.
    static constexpr int kLightTop = 1000;
    // RefreshSet's rows; false when the file cannot give them (then readCache() it is).
    bool readLight(std::vector<PlanRow> *rows, bool *complete);
    void walkAll();
    void onRefreshed(const ApiError &error);
    void finish(const ApiError &error);

    BatchCache *m_cache;
    SyncEngine *m_engine;
    bool m_walking = false;
    bool m_streamed = false;
    bool m_light = false;
    bool m_holdsLight = false;
    bool m_refreshedLight = false;
    qint64 m_held = 0; // batches the refresh held (a light hold: its rows, not the account)
    qint64 m_refreshed = 0;
};
