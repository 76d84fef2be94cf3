#include "core/api/batchlistfetcher.h"

#include "core/api/apiclient.h"
#include "core/api/retrypolicy.h"
#include "core/json/batchparser.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace {
// No provider's page token comes near this; a longer one is a server feeding us memory.
constexpr qsizetype kMaxCursorLength = 4096;

// Cursors are remembered as digests: a walk of many pages keeps 20 bytes per page, whatever the tokens hold.
QByteArray digestOf(const QString &cursor)
{
    return QCryptographicHash::hash(cursor.toUtf8(), QCryptographicHash::Sha1);
}
} // namespace

BatchListFetcher::BatchListFetcher(ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_retryTimer(new QTimer(this))
{
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &BatchListFetcher::requestNext);
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
    m_pageSize = qBound(1, pageSize, m_client->maxPageSize());
    m_maxPages = maxPages;
    m_maxBatches = maxBatches;
    m_pages = 0;
    m_batches = 0;
    m_requests = 0;
    m_hasMore = true;
    m_endedShort = false;
    m_emptyRetries = 0;
    m_lastCreatedAt = 0;
    m_lastId.clear();
    m_runIds.clear();
    m_stopRequested = false;
    ++m_generation;
    requestNext();
}

void BatchListFetcher::abort()
{
    if (m_call)
        dropCall();
    else if (m_retryTimer->isActive())
        m_retryTimer->stop();
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
    return !m_call.isNull() || m_delivering || m_retryTimer->isActive();
}

void BatchListFetcher::stop()
{
    m_stopRequested = true;
    if (m_retryTimer->isActive())
        m_retryTimer->stop();
    else if (!m_call)
        return;
    else
        dropCall();
    finish(ApiError());
}

void BatchListFetcher::requestNext()
{
    int limit = m_pageSize;
    if (m_maxBatches > 0)
        limit = static_cast<int>(qMin<qint64>(limit, m_maxBatches - m_batches));
    m_limit = limit;
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
    Parsed<BatchPage> parsed = m_client->parsePage(call->body());
    if (!parsed.ok()) {
        finish(call->invalidResponse(parsed.error));
        return;
    }
    for (const QString &message : std::as_const(parsed.warnings))
        Q_EMIT warning(message);

    BatchPage &page = parsed.value;
    const QString breach = contractBreach(page);
    if (!breach.isEmpty()) {
        finish(call->invalidResponse(breach));
        return;
    }
    if (page.hasMore && page.data.empty()) {
        // A server that lost its place for a moment: ask again, as for any failed request, before believing
        // the list ends here.
        const int retries = qMax(0, m_client->config().maxRetries);
        if (m_emptyRetries < retries && !m_stopRequested) {
            m_retryTimer->start(
                RetryPolicy::backoffDelayMs(m_emptyRetries++, QRandomGenerator::global()->generateDouble()));
            return;
        }
        m_endedShort = true;
        Q_EMIT warning(QStringLiteral("the server sent an empty page after %1 that still claims more batches "
                                      "(%2 times); stopping here, so batches older than %1 may be missing")
                           .arg(m_cursor.isEmpty() ? QStringLiteral("the start") : m_cursor)
                           .arg(m_emptyRetries + 1));
    }
    m_emptyRetries = 0;
    ++m_pages;
    m_batches += static_cast<qint64>(page.data.size());
    // An empty page that claims more would send us round forever; so would a cursor we already followed.
    m_hasMore = page.hasMore && !page.data.empty();
    const QString next = page.nextCursor();
    if (next.size() > kMaxCursorLength) {
        finish(call->invalidResponse(
            QStringLiteral("the server sent a next-page token of %1 characters (at most %2 are taken)")
                .arg(next.size())
                .arg(kMaxCursorLength)));
        return;
    }
    if (!next.isEmpty())
        m_cursor = next;
    const bool more = !m_stopRequested && m_hasMore && !(m_maxPages > 0 && m_pages >= m_maxPages) &&
                      !(m_maxBatches > 0 && m_batches >= m_maxBatches);
    // Prefetching: the next request is on its way while listeners handle this page.
    const bool prefetched = more && m_prefetch && !m_cursorsSeen.contains(digestOf(m_cursor));
    if (prefetched) {
        m_cursorsSeen.insert(digestOf(m_cursor));
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
    if (m_cursorsSeen.contains(digestOf(m_cursor))) {
        finish(call->invalidResponse(
            QStringLiteral("the server sent the page after %1 twice; stopping instead of looping")
                .arg(m_cursor)));
        return;
    }
    m_cursorsSeen.insert(digestOf(m_cursor));
    requestNext();
}

QString BatchListFetcher::contractBreach(const BatchPage &page)
{
    if (m_limit > 0 && page.data.size() > size_t(m_limit))
        return QStringLiteral("the server sent %1 batches in a page that asked for at most %2")
            .arg(page.data.size())
            .arg(m_limit);
    // Newest first: a batch created after the one before it means the walk is not going where the cursor says
    // (a server handing out fresh ids for ever would otherwise be followed for ever).
    for (const Batch &batch : page.data) {
        if (!m_lastId.isEmpty() && batch.createdAt > m_lastCreatedAt)
            return QStringLiteral(
                       "the list is not newest first: %1 (created %2) comes after %3 (created %4); "
                       "stopping instead of walking on")
                .arg(batch.id)
                .arg(batch.createdAt)
                .arg(m_lastId)
                .arg(m_lastCreatedAt);
        // A batch comes once: a repeat (with a fresh token, say) can only hide among those created in the
        // same second, so only their ids are kept.
        if (m_lastId.isEmpty() || batch.createdAt < m_lastCreatedAt)
            m_runIds.clear();
        if (m_runIds.contains(batch.id))
            return QStringLiteral("the server sent %1 twice; stopping instead of looping").arg(batch.id);
        m_runIds.insert(batch.id);
        m_lastCreatedAt = batch.createdAt;
        m_lastId = batch.id;
    }
    return {};
}

void BatchListFetcher::finish(const ApiError &error)
{
    Q_EMIT finished(error);
}
