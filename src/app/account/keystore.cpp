#include "keystore.h"

#include <qt6keychain/keychain.h>

namespace {
const QString kService = QStringLiteral("batchwatch");
const QString kAccount = QStringLiteral("openai-api-key");

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

void KeyStore::read()
{
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(kAccount);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError) {
            Q_EMIT keyRead(job->textData());
            return;
        }
        if (job->error() != QKeychain::EntryNotFound) {
            m_available = !noKeychain(job->error());
            m_error = job->errorString();
        }
        Q_EMIT keyRead(m_sessionKey);
    });
    job->start();
}

void KeyStore::write(const QString &key)
{
    m_sessionKey = key;
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(kAccount);
    job->setTextData(key);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        const bool stored = job->error() == QKeychain::NoError;
        if (!stored) {
            m_available = false;
            m_error = job->errorString();
        }
        Q_EMIT keyWritten(stored);
    });
    job->start();
}

void KeyStore::remove()
{
    m_sessionKey.clear();
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(kAccount);
    job->setAutoDelete(true);
    job->start();
}
