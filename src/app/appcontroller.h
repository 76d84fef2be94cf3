#pragma once

#include "core/accounts/account.h"

#include <QHash>
#include <QObject>
#include <QSet>

class DemoServer;
class KeyStore;
class MainWindow;

// Decides what the window shows and runs the Settings dialog. The accounts are the environment's and the
// saved ones (Accounts::all()), the saved ones with their keys from the keychain, read asynchronously; the
// window watches every account that has a key (a session each, in that order; each one added as its key
// arrives), shows the one shown when it last closed (else all of them), or the demo when none has a key. A
// stored key is used only for the account it was stored for (Account::keyAccount()).
class AppController : public QObject
{
    Q_OBJECT

public:
    AppController(MainWindow *window, bool forceDemo, QObject *parent = nullptr);

    void start();
    void showSettings();

    QList<Account> accounts() const { return m_accounts; }
    // The accounts the window watches, in order (empty: the demo, or nothing yet).
    const QStringList &watchedAccounts() const { return m_watched; }
    // The key known for this account: the environment's, or what the keychain (or this session) gave;
    // empty when there is none or the keychain has not answered yet.
    QString keyOf(const Account &account) const;

Q_SIGNALS:
    // The window watches other accounts (empty: the demo).
    void watchedAccountsChanged(const QStringList &names);

private:
    void reload();
    void onKeyRead(const QString &keyAccount, const QString &key);
    void decide();
    void watch(const QList<Account> &accounts, const QStringList &keys);
    void showDemo(const QString &why);

    MainWindow *m_window;
    KeyStore *m_keys;
    DemoServer *m_demo = nullptr;
    QList<Account> m_accounts;
    QHash<QString, QString> m_storedKeys; // keyAccount() -> what the keychain answered (empty: none)
    QSet<QString> m_asked;                // keyAccount()s read and not answered yet
    QStringList m_watched;
    bool m_restored = false; // the account remembered from the last run was shown (or is gone)
    bool m_forceDemo;
};
