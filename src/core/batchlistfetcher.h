#pragma once

#include "apierror.h"
#include "batchpage.h"

#include <QObject>
#include <QPointer>
#include <QSet>

class ApiCall;
class ApiClient;

// Walks `GET /batches` page by page, one request at a time, as the SDKs' auto-pagination does.
class BatchListFetcher : public QObject
{
    Q_OBJECT

public:
    explicit BatchListFetcher(ApiClient *client, QObject *parent = nullptr);
    ~BatchListFetcher() override;

    // The most the list endpoint returns per page; every walk asks for this many.
    static constexpr int kMaxPageSize = 100;

    // Starts after `after` (empty: the newest). Stops when the server says there is no more, on an empty
    // page, after `maxPages` pages or once `maxBatches` batches were delivered (<= 0: no limit).
    void start(const QString &after = QString(), int pageSize = kMaxPageSize, int maxPages = 0,
               qint64 maxBatches = 0);
    void abort();
    // Ends the walk as finished (no error) after the page being delivered, or at once if a request is out.
    void stop();
    // Asks for the next page before listeners handle the current one. For walks that read on (exports, a
    // cache's first fill); a listener that stops early then wastes that one request.
    void setPrefetch(bool prefetch) { m_prefetch = prefetch; }

    bool isRunning() const;
    int pagesFetched() const { return m_pages; }
    qint64 batchesFetched() const { return m_batches; }
    int requestsMade() const { return m_requests; }
    // Whether the last page said more exist (where a later start() would continue from).
    bool hasMore() const { return m_hasMore; }
    const QString &cursor() const { return m_cursor; }

Q_SIGNALS:
    void pageReceived(const BatchPage &page);
    void warning(const QString &message);
    // Exactly once per start(); `error.isError()` is false on success.
    void finished(const ApiError &error);

private:
    void requestNext();
    void onCallFinished(ApiCall *call);
    void dropCall();
    void finish(const ApiError &error);

    ApiClient *m_client;
    QPointer<ApiCall> m_call;
    QString m_cursor;
    QSet<QString> m_cursorsSeen;
    int m_pageSize = 100;
    int m_maxPages = 0;
    qint64 m_maxBatches = 0;
    int m_pages = 0;
    qint64 m_batches = 0;
    int m_requests = 0;
    bool m_hasMore = true;
    bool m_stopRequested = false;
    bool m_delivering = false;
    bool m_prefetch = false;
    quint64 m_generation = 0; // which start() the walk in progress belongs to
};
