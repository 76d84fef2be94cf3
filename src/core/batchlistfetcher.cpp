#include "batchlistfetcher.h"

#include "apiclient.h"
#include "batchparser.h"

BatchListFetcher::BatchListFetcher(ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

BatchListFetcher::~BatchListFetcher()
{
    if (m_call)
        dropCall();
}

void BatchListFetcher::start(const QString &after, int pageSize, int maxPages, qint64 maxBatches)
{
    abort();
    m_cursor = after;
    m_cursorsSeen.clear();
    m_pageSize = qBound(1, pageSize, kMaxPageSize);
    m_maxPages = maxPages;
    m_maxBatches = maxBatches;
    m_pages = 0;
    m_batches = 0;
    m_requests = 0;
    m_hasMore = true;
    m_stopRequested = false;
    ++m_generation;
    requestNext();
}

void BatchListFetcher::abort()
{
    if (m_call)
        dropCall();
    else if (!m_delivering)
        return;
    finish(ApiError::make(ApiError::Cancelled, QStringLiteral("cancelled")));
}

void BatchListFetcher::dropCall()
{
    // Disconnected first: a reply that Qt finishes later must not be taken for the next walk's.
    m_call->disconnect(this);
    m_call->abort();
    m_call->deleteLater();
    m_call = nullptr;
}

bool BatchListFetcher::isRunning() const
{
    return !m_call.isNull() || m_delivering;
}

void BatchListFetcher::stop()
{
    m_stopRequested = true;
    if (!m_call)
        return;
    dropCall();
    finish(ApiError());
}

void BatchListFetcher::requestNext()
{
    int limit = m_pageSize;
    if (m_maxBatches > 0)
        limit = static_cast<int>(qMin<qint64>(limit, m_maxBatches - m_batches));
    m_call = m_client->listBatches(m_cursor, limit);
    ++m_requests;
    ApiCall *call = m_call;
    connect(call, &ApiCall::finished, this, [this, call] { onCallFinished(call); });
}

void BatchListFetcher::onCallFinished(ApiCall *call)
{
    call->deleteLater();
    if (call != m_call)
        return; // a call this walk no longer waits for
    m_call = nullptr;
    m_requests += call->attempts() > 0 ? call->attempts() - 1 : 0;
    if (call->error().isError()) {
        finish(call->error());
        return;
    }
    Parsed<BatchPage> parsed = BatchParser::parseListPage(call->body());
    if (!parsed.ok()) {
        finish(call->invalidResponse(parsed.error));
        return;
    }
    for (const QString &message : std::as_const(parsed.warnings))
        Q_EMIT warning(message);

    BatchPage &page = parsed.value;
    ++m_pages;
    m_batches += static_cast<qint64>(page.data.size());
    // An empty page that claims more would send us round forever; so would a cursor we already followed.
    m_hasMore = page.hasMore && !page.data.empty();
    const QString next = page.nextCursor();
    if (!next.isEmpty())
        m_cursor = next;
    const bool more = !m_stopRequested && m_hasMore && !(m_maxPages > 0 && m_pages >= m_maxPages) &&
                      !(m_maxBatches > 0 && m_batches >= m_maxBatches);
    // Prefetching: the next request is on its way while listeners handle this page.
    const bool prefetched = more && m_prefetch && !m_cursorsSeen.contains(m_cursor);
    if (prefetched) {
        m_cursorsSeen.insert(m_cursor);
        requestNext();
    }
    // Listeners may start another walk from inside pageReceived (views call fetchMore on rowsInserted); this
    // one then ends here, and until the signal returns it still counts as running.
    const quint64 generation = m_generation;
    m_delivering = true;
    Q_EMIT pageReceived(page);
    m_delivering = false;
    // After a prefetch, a listener that stopped or aborted the walk has dropped that call and finished it.
    if (generation != m_generation || prefetched)
        return;
    if (!more || m_stopRequested) {
        finish(ApiError());
        return;
    }
    if (m_cursorsSeen.contains(m_cursor)) {
        finish(call->invalidResponse(
            QStringLiteral("the server sent the page after %1 twice; stopping instead of looping")
                .arg(m_cursor)));
        return;
    }
    m_cursorsSeen.insert(m_cursor);
    requestNext();
}

void BatchListFetcher::finish(const ApiError &error)
{
    Q_EMIT finished(error);
}
