#pragma once

#include "core/api/apierror.h"
#include "core/session/accountsession.h"

#include <QList>
#include <QObject>
#include <QSet>

// The accounts a window shows, one AccountSession each: made, kept or dropped as the list of accounts
// changes, and timed together (pause while minimised, refresh all). A failure in one never touches another.
class SessionSet : public QObject
{
    Q_OBJECT

public:
    explicit SessionSet(QObject *parent = nullptr);
    ~SessionSet() override;

    // Makes the set these accounts, in this order. A session whose spec is unchanged (name, provider, where,
    // key, cache) is kept with what it holds; one whose spec changed is replaced; the rest stop and go. New
    // sessions are announced (sessionAdded) and then started.
    void setSpecs(const QList<SessionSpec> &specs);
    const QList<AccountSession *> &sessions() const { return m_sessions; }
    // By account name (null: none of that name).
    AccountSession *session(const QString &name) const;
    bool isEmpty() const { return m_sessions.isEmpty(); }

    // For every session.
    void setRefreshInterval(int seconds, bool automatic);
    void setPaused(bool paused);
    void refreshAll();
    // Every account's last error (isError() false: its last refresh or page went through).
    QList<QPair<QString, ApiError>> errors() const;

    static bool sameAccount(const SessionSpec &a, const SessionSpec &b);

Q_SIGNALS:
    // A new session, before it starts: connect to it here (the model's addSession, banners).
    void sessionAdded(AccountSession *session);
    // A session about to be deleted: take its rows away.
    void sessionRemoved(AccountSession *session);
    // An account's error changed: a refresh or a page failed, or one went through after a failure
    // (`error.isError()` false). One account's failure is never another's.
    void errorChanged(AccountSession *session, const ApiError &error);

private:
    void watch(AccountSession *session);

    QList<AccountSession *> m_sessions;     // owned (children)
    QSet<const AccountSession *> m_failing; // whose last refresh or page failed
    bool m_paused = false;
};
