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
// window shows the first account in that order that has a key, or the demo when none has. A stored key is
// used only for the account it was stored for (Account::keyAccount()).
class AppController : public QObject
{
    Q_OBJECT

public:
    AppController(MainWindow *window, bool forceDemo, QObject *parent = nullptr);

    void start();
    void showSettings();

    QList<Account> accounts() const { return m_accounts; }
    // The account on screen (empty name: the demo, or nothing yet).
    QString shownAccount() const { return m_shown; }
    // The key known for this account: the environment's, or what the keychain (or this session) gave;
    // empty when there is none or the keychain has not answered yet.
    QString keyOf(const Account &account) const;

Q_SIGNALS:
    // The window switched to another account (or to the demo).
    void shownAccountChanged(const QString &name);

private:
    void reload();
    void onKeyRead(const QString &keyAccount, const QString &key);
    void decide();
    void showAccount(const Account &account, const QString &key);
    void showDemo(const QString &why);

    MainWindow *m_window;
    KeyStore *m_keys;
    DemoServer *m_demo = nullptr;
    QList<Account> m_accounts;
    QHash<QString, QString> m_storedKeys; // keyAccount() -> what the keychain answered (empty: none)
    QSet<QString> m_asked;                // keyAccount()s read and not answered yet
    QString m_shown;
    bool m_forceDemo;
};
