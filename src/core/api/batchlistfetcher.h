#pragma once

#include "core/api/apierror.h"
#include "core/api/batchpage.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

class ApiCall;
class ApiClient;

// Walks `GET /batches` page by page, one request at a time, as the SDKs' auto-pagination does.
class BatchListFetcher : public QObject
{
    Q_OBJECT

public:
    explicit BatchListFetcher(ApiClient *client, QObject *parent = nullptr);
    ~BatchListFetcher() override;

    // A page size every provider's list accepts (OpenAI's most); a walk may ask up to the client's
    // maxPageSize() (Anthropic's 1000).
    static constexpr int kMaxPageSize = 100;

    // Starts after `after` (empty: the newest). Stops when the server says there is no more, after
    // `maxPages` pages or once `maxBatches` batches were delivered (<= 0: no limit). An empty page that
    // claims more is asked for again within the client's retry budget; if it stays empty the walk ends as the
    // SDKs end it, with a warning, and endedShort() says so. A page larger than asked for, or a batch newer
    // than the one before it (the list runs newest first), is an error.
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
    // The walk ended on an empty page that still claimed more: what came may not be everything.
    bool endedShort() const { return m_endedShort; }

Q_SIGNALS:
    void pageReceived(const BatchPage &page);
    void warning(const QString &message);
    // Exactly once per start(); `error.isError()` is false on success.
    void finished(const ApiError &error);

private:
    void requestNext();
    void onCallFinished(ApiCall *call);
    // An error when the page breaks the list's contract (too many items, not newest first), else empty.
    [[nodiscard]] QString contractBreach(const BatchPage &page);
    void dropCall();
    void finish(const ApiError &error);

    ApiClient *m_client;
    QPointer<ApiCall> m_call;
    QString m_cursor;
    QSet<QByteArray> m_cursorsSeen; // digests of the cursors followed
    QSet<QString> m_runIds;         // ids delivered with m_lastCreatedAt, to catch a repeated batch
    int m_pageSize = 100;
    int m_maxPages = 0;
    qint64 m_maxBatches = 0;
    int m_pages = 0;
    qint64 m_batches = 0;
    int m_requests = 0;
    bool m_hasMore = true;
    bool m_endedShort = false;
    int m_limit = 0;            // what the request out now asked for
    int m_emptyRetries = 0;     // of the current cursor's empty page
    QTimer *m_retryTimer;       // waiting before asking for an empty page again
    qint64 m_lastCreatedAt = 0; // of the last batch delivered, to check the order
    QString m_lastId;
    bool m_stopRequested = false;
    bool m_delivering = false;
    bool m_prefetch = false;
    quint64 m_generation = 0; // which start() the walk in progress belongs to
};
