// The window's accounts: a session per account feeding the one model, the account shown, and what each
// session's failures and warnings say on screen.
#include "app/mainwindow.h"

#include "app/batchactions.h"
#include "app/widgets/batchdetailpane.h"
#include "app/widgets/batchtableview.h"
#include "app/widgets/errorbanner.h"
#include "core/session/accountsession.h"
#include "core/session/sessionset.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"

#include <QStatusBar>

#include <algorithm>
#include <limits>

void MainWindow::setAccounts(const QList<SessionSpec> &specs)
{
    m_sessions->setSpecs(specs);
    // An account whose key, server, scope or provider changed has a new session, with a new source in the
    // model: the filter follows it, or the table would stay empty.
    AccountSession *shown = m_shownAccount.isEmpty() ? nullptr : m_sessions->session(m_shownAccount);
    if (!m_shownAccount.isEmpty() && !shown)
        showAccount(QString());
    else
        m_proxy->setSourceFilter(shown ? m_model->sourceOf(shown) : -1);
    updateAccountColumns();
    updateStatusBar();
    updateSwitcher();
    updateBanner();
}

void MainWindow::showAccount(const QString &name)
{
    const bool changed = name != m_shownAccount;
    m_shownAccount = name;
    AccountSession *shown = name.isEmpty() ? nullptr : m_sessions->session(name);
    m_proxy->setSourceFilter(shown ? m_model->sourceOf(shown) : -1);
    updateAccountColumns();
    updateStatusBar();
    updateSwitcher();
    updateBanner();
    if (changed)
        Q_EMIT accountShown(name);
}

AccountSession *MainWindow::session() const
{
    if (AccountSession *shown = m_shownAccount.isEmpty() ? nullptr : m_sessions->session(m_shownAccount))
        return shown;
    return m_sessions->isEmpty() ? nullptr : m_sessions->sessions().constFirst();
}

AccountSession *MainWindow::sessionAt(int sourceRow) const
{
    return m_model->sessionOf(m_model->sourceAt(sourceRow));
}

void MainWindow::updateAccountColumns()
{
    // One account shown: its name and provider would be the same on every row.
    const bool one = m_sessions->sessions().size() <= 1 || !m_shownAccount.isEmpty();
    m_table->setColumnHidden(BatchColumns::Account, one);
    m_table->setColumnHidden(BatchColumns::Provider, one);
}

void MainWindow::onSessionAdded(AccountSession *s)
{
    m_model->addSession(s);
    if (!m_clientSession) {
        m_clientSession = s;
        m_detail->setClient(s->client());
        m_actions->setClient(s->client(), s->config().baseUrl.host() == QLatin1String("api.openai.com"));
    }
    s->setPaused(isMinimized());
    // Several accounts: each message names its own.
    const auto named = [this, s](const QString &text) {
        return m_sessions->sessions().size() > 1 && !s->name().isEmpty()
                   ? s->name() + QStringLiteral(": ") + text
                   : text;
    };
    connect(s, &AccountSession::refreshFinished, this, [this, s](const ApiError &error) {
        if (error.isError()) {
            m_retryIsPage = false;
            m_bannerSession = s;
            showError(tr("Refresh failed; the rows shown are from the last good refresh"), error, s);
        } else if (!m_bannerSession || m_bannerSession == s) {
            // Only this account's failure is over: another's stays on screen.
            m_errorBanner->hide();
            m_bannerSession = nullptr;
            setLoadError(QString());
        }
        updateStatusBar();
    });
    connect(s, &AccountSession::fetchFailed, this, [this, s](const ApiError &error) {
        m_retryIsPage = true;
        m_bannerSession = s;
        showError(tr("Loading more batches failed"), error, s);
    });
    connect(s, &AccountSession::pageLoaded, this, [this] { setLoadError(QString()); });
    // Room for a large cache at once: growing a million rows by doubling moved them all several times.
    connect(s, &AccountSession::cacheOpened, this, [this, s](qint64 rows) {
        if (rows <= 0)
            return;
        const int more = int(std::min<qint64>(rows, std::numeric_limits<int>::max() - m_model->rowCount()));
        m_model->reserve(m_model->rowCount() + more);
        m_model->reserveSource(m_model->sourceOf(s), more);
    });
    connect(s, &AccountSession::scheduleChanged, this, &MainWindow::updateStatusBar);
    // A cache that could not be opened or read whole (then moved aside, and the list is read again), or a
    // walk that may have ended short: said in the status bar.
    connect(s, &AccountSession::warning, this, [this, named](const QString &message) {
        m_lastMessage = named(message);
        statusBar()->showMessage(m_lastMessage, 15'000);
    });
    // A key is never sent over plain HTTP: such an account stays idle (SessionSet does not start it).
    const QString insecure = s->config().insecureTransportReason();
    if (!insecure.isEmpty()) {
        m_bannerSession = s;
        m_errorBanner->showMessage(named(insecure), false);
    }
}

void MainWindow::onSessionRemoved(AccountSession *s)
{
    closeResultsOf(s); // their fetches and uploads use the session's client
    const int source = m_model->sourceOf(s);
    if (m_detailSource == source) {
        m_detail->clear();
        m_detailSource = -1;
    }
    m_model->removeSource(source);
    if (m_bannerSession == s || !m_bannerSession) {
        m_errorBanner->hide();
        m_bannerSession = nullptr;
    }
    if (m_clientSession == s)
        m_clientSession = nullptr;
    s->disconnect(this);
}
