#include "app/account/keystore.h"

#include <qt6keychain/keychain.h>

#include <memory>

namespace {
const QString kService = QStringLiteral("batchwatch");
// Where versions before per-account keys kept the one key, whatever server it was then sent to.
const QString kLegacyAccount = QStringLiteral("openai-api-key");

// Jobs have no parent: one still in flight when its store goes away must not be deleted under the keychain
// library, whose answer would then land on freed memory. It deletes itself once answered (autoDelete), and
// the connections' context (the store) drops an answer that comes too late.
bool noKeychain(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented ||
           error == QKeychain::OtherError || error == QKeychain::AccessDenied;
}
} // namespace

KeyStore::KeyStore(QObject *parent)
    : QObject(parent)
{
}

void KeyStore::read(const QString &account, bool adoptLegacy)
{
    Q_ASSERT(!account.isEmpty());
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(account);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job, account, adoptLegacy] {
        // A key entered while the keychain was still answering is the one the user wants: a late read of the
        // older one must not bring it back.
        if (m_sessionKeys.contains(account)) {
            Q_EMIT keyRead(account, m_sessionKeys.value(account));
            return;
        }
        if (job->error() == QKeychain::NoError) {
            Q_EMIT keyRead(account, job->textData());
            return;
        }
        if (job->error() == QKeychain::EntryNotFound && adoptLegacy) {
            readLegacy(account);
            return;
        }
        if (job->error() != QKeychain::EntryNotFound) {
            m_available = !noKeychain(job->error());
            m_error = job->errorString();
        }
        Q_EMIT keyRead(account, m_sessionKeys.value(account));
    });
    job->start();
}

void KeyStore::readLegacy(const QString &account)
{
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(kLegacyAccount);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job, account] {
        const QString key = job->error() == QKeychain::NoError ? job->textData() : QString();
        if (key.isEmpty() || m_sessionKeys.contains(account)) {
            Q_EMIT keyRead(account, m_sessionKeys.value(account));
            return;
        }
        // Moved, not copied: left there, it could be adopted again by whatever account comes next. Removed
        // only once the account's own entry is stored, so a keychain that refuses the write loses nothing.
        auto moved = std::make_shared<QMetaObject::Connection>();
        *moved = connect(this, &KeyStore::keyWritten, this,
                         [this, account, moved](const QString &to, bool stored) {
                             if (to != account)
                                 return;
                             disconnect(*moved);
                             if (!stored)
                                 return;
                             auto *remove = new QKeychain::DeletePasswordJob(kService);
                             remove->setKey(kLegacyAccount);
                             remove->setAutoDelete(true);
                             remove->start();
                         });
        write(account, key);
        Q_EMIT keyRead(account, key);
    });
    job->start();
}

void KeyStore::write(const QString &account, const QString &key)
{
    Q_ASSERT(!account.isEmpty());
    m_sessionKeys.insert(account, key);
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setKey(account);
    job->setTextData(key);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job, account] {
        const bool stored = job->error() == QKeychain::NoError;
        if (!stored) {
            m_available = false;
            m_error = job->errorString();
        }
        Q_EMIT keyWritten(account, stored);
    });
    job->start();
}

void KeyStore::remove(const QString &account)
{
    m_sessionKeys.remove(account);
    auto *job = new QKeychain::DeletePasswordJob(kService);
    job->setKey(account);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, account] { Q_EMIT keyRemoved(account); });
    job->start();
}
