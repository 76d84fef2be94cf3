#include "core/session/sessionset.h"

SessionSet::SessionSet(QObject *parent)
    : QObject(parent)
{
}

SessionSet::~SessionSet()
{
    // Announced, so a model holding their rows lets go before they are deleted.
    for (AccountSession *session : std::as_const(m_sessions)) {
        Q_EMIT sessionRemoved(session);
        delete session;
    }
}

bool SessionSet::sameAccount(const SessionSpec &a, const SessionSpec &b)
{
    const ApiConfig &x = a.config, &y = b.config;
    return a.name == b.name && a.cachePath == b.cachePath && x.provider == y.provider &&
           x.baseUrl == y.baseUrl && x.apiKey == y.apiKey && x.organization == y.organization &&
           x.project == y.project && x.apiVersion == y.apiVersion && x.adToken == y.adToken;
}

void SessionSet::setSpecs(const QList<SessionSpec> &specs)
{
    QList<AccountSession *> kept, added;
    QList<AccountSession *> old = m_sessions;
    for (const SessionSpec &spec : specs) {
        AccountSession *reuse = nullptr;
        for (AccountSession *session : std::as_const(old)) {
            if (sameAccount(session->spec(), spec)) {
                reuse = session;
                break;
            }
        }
        if (reuse) {
            old.removeOne(reuse);
            reuse->setIntervalSeconds(spec.refreshSeconds);
            reuse->setAutoRefresh(spec.autoRefresh);
            kept.append(reuse);
            continue;
        }
        auto *session = new AccountSession(spec, this);
        kept.append(session);
        added.append(session);
    }
    for (AccountSession *gone : std::as_const(old)) {
        m_failing.remove(gone);
        Q_EMIT sessionRemoved(gone);
        delete gone;
    }
    m_sessions = kept;
    for (AccountSession *session : std::as_const(added)) {
        watch(session);
        session->setPaused(m_paused);
        Q_EMIT sessionAdded(session);
        // A key over plain HTTP is never sent: such a session stays idle and says why through its error.
        if (session->config().insecureTransportReason().isEmpty())
            session->start();
    }
}

void SessionSet::watch(AccountSession *session)
{
    // Every failure is told; a success only when it ends a failure.
    const auto report = [this, session](const ApiError &error) {
        if (!error.isError() && !m_failing.contains(session))
            return;
        if (error.isError())
            m_failing.insert(session);
        else
            m_failing.remove(session);
        Q_EMIT errorChanged(session, error);
    };
    connect(session, &AccountSession::refreshFinished, this, report);
    connect(session, &AccountSession::fetchFailed, this, report);
    connect(session, &AccountSession::pageLoaded, this, [session, report] {
        if (!session->lastRefreshFailed())
            report(ApiError());
    });
}

AccountSession *SessionSet::session(const QString &name) const
{
    for (AccountSession *session : m_sessions) {
        if (session->name() == name)
            return session;
    }
    return nullptr;
}

void SessionSet::setRefreshInterval(int seconds, bool automatic)
{
    for (AccountSession *session : std::as_const(m_sessions)) {
        session->setIntervalSeconds(seconds);
        session->setAutoRefresh(automatic);
    }
}

void SessionSet::setPaused(bool paused)
{
    m_paused = paused;
    for (AccountSession *session : std::as_const(m_sessions))
        session->setPaused(paused);
}

void SessionSet::refreshAll()
{
    for (AccountSession *session : std::as_const(m_sessions))
        session->refreshNow();
}

QList<QPair<QString, ApiError>> SessionSet::errors() const
{
    QList<QPair<QString, ApiError>> all;
    for (const AccountSession *session : m_sessions) {
        if (session->lastRefreshFailed())
            all.append({session->name(), session->lastError()});
    }
    return all;
}
