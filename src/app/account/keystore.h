#pragma once

#include <QHash>
#include <QObject>

// API keys in the system keychain (Secret Service, KWallet, ...) through QtKeychain, one per account (see
// Account::keyAccount()): a key entered for one server is never read back for another. When no
// keychain is there, keys live in memory for this session only: never in plain text on disk.
class KeyStore : public QObject
{
    Q_OBJECT

public:
    explicit KeyStore(QObject *parent = nullptr);

    // `adoptLegacy`: when the account has no key yet, take the one an earlier version stored for "the"
    // account (it was entered for the settings saved then, which the caller passes as `account`).
    void read(const QString &account, bool adoptLegacy = false);
    void write(const QString &account, const QString &key);
    void remove(const QString &account);

    bool keychainAvailable() const { return m_available; }
    QString sessionKey(const QString &account) const { return m_sessionKeys.value(account); }
    QString lastError() const { return m_error; }

Q_SIGNALS:
    void keyRead(const QString &account, const QString &key); // empty: none stored for this account
    void keyWritten(const QString &account, bool inKeychain);
    void keyRemoved(const QString &account);

private:
    void readLegacy(const QString &account);

    QHash<QString, QString> m_sessionKeys; // account -> key, when the keychain cannot hold it
    QString m_error;
    bool m_available = true;
};
