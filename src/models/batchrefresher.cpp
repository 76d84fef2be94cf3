#include "models/batchrefresher.h"

#include "core/api/apicall.h"
#include "core/api/apiclient.h"
#include "core/api/batchlistfetcher.h"
#include "core/json/batchparser.h"
#include "core/sync/refreshplan.h"
#include "models/batchtablemodel.h"

#include <QLoggingCategory>

// QT_LOGGING_RULES="batchwatch.refresh.debug=true" shows what each refresh asked for.
Q_LOGGING_CATEGORY(lcRefresh, "batchwatch.refresh", QtWarningMsg)

namespace {
constexpr int kPageSize = BatchListFetcher::kMaxPageSize;
} // namespace

BatchRefresher::BatchRefresher(ApiClient *client, BatchTableModel *model, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_model(model)
    , m_fetcher(new BatchListFetcher(client, this))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &BatchRefresher::refreshNow);
    connect(m_fetcher, &BatchListFetcher::pageReceived, this, &BatchRefresher::onPage);
    connect(m_fetcher, &BatchListFetcher::finished, this, &BatchRefresher::onNewBatchesFinished);
}

void BatchRefresher::setIntervalSeconds(int seconds)
{
    m_intervalSeconds = qBound(kMinIntervalSeconds, seconds, kMaxIntervalSeconds);
    if (m_timer.isActive())
        schedule();
}

void BatchRefresher::setAutoRefresh(bool enabled)
{
    m_auto = enabled;
    schedule();
}

void BatchRefresher::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!paused && m_auto && !m_refreshing)
        refreshNow();
    else
        schedule();
}

QDateTime BatchRefresher::nextRefresh() const
{
    if (!m_timer.isActive())
        return {};
    return QDateTime::currentDateTime().addMSecs(m_timer.remainingTime());
}

void BatchRefresher::refreshNow()
{
    if (m_refreshing)
        return;
    m_timer.stop();
    m_refreshing = true;
    m_updated.clear();
    m_deepestRowRead = -1;
    m_leftGap = false;
    m_rereading = false;
    m_firstLoad = m_model->rowCount() == 0;
    m_newIds.clear();
    m_updatedIds.clear();
    m_toRetrieve.clear();
    m_error = ApiError();
    m_requests = 0;
    Q_EMIT started();
    Q_EMIT scheduleChanged();
    // Nothing known would end the walk, so an empty model's refresh would read the whole account.
    m_fetcher->start(QString(), kPageSize, m_firstLoad ? 1 : 0);
}

void BatchRefresher::stop()
{
    m_timer.stop();
    if (!m_refreshing)
        return;
    m_toRetrieve.clear();
    for (ApiCall *call : std::as_const(m_inFlight)) {
        call->disconnect(this);
        call->abort();
        call->deleteLater();
    }
    m_inFlight.clear();
    m_fetcher->disconnect(this);
    m_fetcher->abort();
    connect(m_fetcher, &BatchListFetcher::pageReceived, this, &BatchRefresher::onPage);
    connect(m_fetcher, &BatchListFetcher::finished, this, &BatchRefresher::onNewBatchesFinished);
    m_rereading = false;
    m_refreshing = false;
    Q_EMIT scheduleChanged();
}

void BatchRefresher::onPage(const BatchPage &page)
{
    // Newest first: the first batch we already hold marks the end of what is new.
    bool reachedKnown = false;
    for (const Batch &batch : page.data) {
        const int row = m_model->rowOf(batch.id);
        reachedKnown |= row >= 0;
        if (!reachedKnown && !m_rereading)
            m_newIds.append(batch.id);
        else if (row >= 0)
            m_updatedIds.append(batch.id);
        m_deepestRowRead = qMax(m_deepestRowRead, row);
        m_updated.insert(batch.id);
    }
    // The rows will end where this page ends: scrolling must ask for the page after it, and only if the
    // server has one. Set before the merge, as the model does, since a view may ask for more on the inserted
    // rows.
    if (m_firstLoad && m_model->rowCount() == 0)
        m_model->resumeAfter(page.nextCursor(), page.hasMore && !page.data.empty());
    m_model->merge(page.data);
    if (reachedKnown && !m_rereading)
        m_fetcher->stop();
}

void BatchRefresher::onNewBatchesFinished(const ApiError &error)
{
    m_requests += m_fetcher->requestsMade();
    if (error.isError()) {
        m_error = error;
        finish();
        return;
    }
    if (!m_rereading)
        m_leftGap = !m_firstLoad && m_deepestRowRead < 0 && m_fetcher->endedShort();
    if (m_rereading) { // the pages are read; what they did not reach is retrieved
        m_rereading = false;
        startRetrieves();
        return;
    }
    // Rows run in the server's order (pages and the cache keep it), so the batches still changing below the
    // first page can also be had by reading on from where it stopped.
    const RefreshPlan plan =
        RefreshPlan::make(m_model->batches(), m_deepestRowRead, kPageSize, [this](const Batch &b) {
            return !b.status.isTerminal() && !m_updated.contains(b.id);
        });
    m_toRetrieve = plan.retrieves;
    if (plan.pages > 0) {
        m_rereading = true;
        m_fetcher->start(plan.after, kPageSize, plan.pages);
        return;
    }
    startRetrieves();
}

void BatchRefresher::startRetrieves()
{
    while (m_inFlight.size() < m_maxConcurrent && !m_toRetrieve.isEmpty()) {
        const QString id = m_toRetrieve.takeFirst();
        if (m_updated.contains(id))
            continue; // a re-read page brought it already
        ApiCall *call = m_client->retrieveBatch(id);
        m_inFlight.append(call);
        connect(call, &ApiCall::finished, this, [this, call] { onRetrieveFinished(call); });
    }
    if (m_inFlight.isEmpty())
        finish();
}

void BatchRefresher::onRetrieveFinished(ApiCall *call)
{
    m_inFlight.removeOne(call);
    call->deleteLater();
    m_requests += call->attempts();
    if (call->error().isError()) {
        // A batch that is gone (404) just stops updating; anything else is worth saying, once.
        if (call->error().httpStatus != 404 && !m_error.isError())
            m_error = call->error();
    } else {
        Parsed<Batch> parsed = m_client->parseBatch(call->body());
        if (parsed.ok()) {
            m_updatedIds.append(parsed.value.id);
            m_model->merge({parsed.value});
        } else if (!m_error.isError())
            m_error = call->invalidResponse(parsed.error);
    }
    startRetrieves();
}

void BatchRefresher::finish()
{
    m_refreshing = false;
    m_lastAttempt = QDateTime::currentDateTime();
    m_lastFailed = m_error.isError();
    if (!m_lastFailed)
        m_last = m_lastAttempt;
    qCDebug(lcRefresh, "refresh: %lld new, %lld read again, in %d requests%s", qint64(m_newIds.size()),
            qint64(m_updatedIds.size()), m_requests, m_error.isError() ? " (failed)" : "");
    schedule();
    Q_EMIT finished(m_error);
}

void BatchRefresher::schedule()
{
    if (m_auto && !m_paused && !m_refreshing)
        m_timer.start(m_intervalSeconds * 1000);
    else
        m_timer.stop();
    Q_EMIT scheduleChanged();
}
