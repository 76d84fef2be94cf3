// What the window says: the error banner and the empty table's text after a failure, and the status bar.
#include "app/mainwindow.h"

#include "app/widgets/batchtableview.h"
#include "app/widgets/errorbanner.h"
#include "core/export/batchformat.h"
#include "core/session/accountsession.h"
#include "core/session/sessionset.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"

#include <QLabel>

void MainWindow::showError(const QString &what, const ApiError &error, const AccountSession *session)
{
    // With nothing loaded there is no "more" and no "last good refresh": say what could not be loaded. Each
    // account for itself: another's rows are not this one's last good refresh.
    const bool nothingLoaded =
        session ? m_model->statusCounts(m_model->sourceOf(session)).isEmpty() : m_model->rowCount() == 0;
    // Several accounts: the message names its own.
    const QString account = session && m_sessions->sessions().size() > 1 && !session->name().isEmpty()
                                ? session->name() + QStringLiteral(": ")
                                : QString();
    const QString host = session ? session->config().baseUrl.host() : m_config.baseUrl.host();
    const QString text = account + (nothingLoaded ? tr("Could not load batches") : what) +
                         QStringLiteral(": ") + failureText(error, host);
    // A refused key is fixed in Settings, not by retrying.
    m_errorBanner->showMessage(text, true, error.isAuthentication());
    setLoadError(nothingLoaded ? text : QString());
}

QString MainWindow::failureText(const ApiError &error, const QString &host) const
{
    switch (error.kind) {
    case ApiError::Network:
        return tr("could not connect to %1 (%2)").arg(host, error.toString());
    case ApiError::Timeout:
        return tr("%1 did not answer in time (%2)").arg(host, error.toString());
    case ApiError::Http:
        if (error.httpStatus == 401)
            return tr("%1 refused the API key; check it in Settings (%2)").arg(host, error.toString());
        if (error.httpStatus == 403)
            return tr("the API key may not read batches on %1; check the key, organization and project in "
                      "Settings (%2)")
                .arg(host, error.toString());
        break;
    default:
        break;
    }
    return error.toString();
}

void MainWindow::setLoadError(const QString &text)
{
    if (text == m_loadError)
        return;
    m_loadError = text;
    updateEmptyText();
}

QString MainWindow::statusText() const
{
    QStringList parts;
    parts << tr("%n batch(es)", nullptr, m_model->rowCount());
    parts << tr("%n running", nullptr, m_model->runningCount());
    if (!m_proxy->filter().isEmpty())
        parts << tr("%n shown", nullptr, m_proxy->rowCount());
    if (m_model->hasMore() && m_model->rowCount() > 0)
        parts << (m_model->lastFetchFailed() ? tr("loading more failed (Retry or Load all)")
                                             : tr("more on the server (scroll or Load all)"));
    if (m_model->isFetching())
        parts << tr("loading...");
    if (const AccountSession *session = this->session()) {
        if (session->isRefreshing())
            parts << tr("refreshing...");
        else if (session->lastRefreshFailed()) // its counts describe nothing
            parts << tr("refresh failed at %1")
                         .arg(session->lastAttempt().toString(QStringLiteral("HH:mm:ss")));
        else if (session->lastRefresh().isValid())
            parts << tr("refreshed %1 of %2 at %3 in %n request(s)", nullptr,
                        session->requestsInLastRefresh())
                         .arg(BatchFormat::count(session->refreshedInLastRefresh()),
                              BatchFormat::count(m_model->rowCount()),
                              session->lastRefresh().toString(QStringLiteral("HH:mm:ss")));
        const QDateTime next = session->nextRefresh();
        if (next.isValid())
            parts << tr("next in %1")
                         .arg(BatchFormat::duration(
                             qMax<qint64>(0, QDateTime::currentDateTime().secsTo(next))));
        else if (!session->autoRefresh())
            parts << tr("auto-refresh off");
    }
    return parts.join(QStringLiteral(" · "));
}

void MainWindow::updateStatusBar()
{
    m_statusLabel->setText(statusText());
}
