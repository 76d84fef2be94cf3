#pragma once

#include <QObject>

// The API key in the system keychain (Secret Service, KWallet, ...) through QtKeychain. When no keychain is
// there, the key lives in memory for this session only: never in plain text on disk.
class KeyStore : public QObject
{
    Q_OBJECT

public:
    explicit KeyStore(QObject *parent = nullptr);

    void read();
    void write(const QString &key);
    void remove();

    bool keychainAvailable() const { return m_available; }
    QString sessionKey() const { return m_sessionKey; }
    QString lastError() const { return m_error; }

Q_SIGNALS:
    void keyRead(const QString &key); // empty: none stored
    void keyWritten(bool inKeychain);

private:
    QString m_sessionKey;
    QString m_error;
    bool m_available = true;
};
