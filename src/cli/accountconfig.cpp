#include "cli/accountconfig.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>

namespace {
// Where the dashboard's KeyStore keeps keys (app/account/keystore.cpp).
const QString kService = QStringLiteral("batchwatch");

struct KeychainAnswer
{
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QString key;
};

KeychainAnswer readKey(const QString &keyAccount)
{
    QKeychain::ReadPasswordJob job(kService);
    job.setAutoDelete(false);
    job.setKey(keyAccount);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    return {job.error(), job.errorString(), job.textData()};
}
} // namespace

namespace AccountConfig {

QString knownNames(const QList<Account> &accounts)
{
    QStringList names;
    for (const Account &account : accounts)
        names << (account.fromEnvironment ? account.name + QStringLiteral(" (environment)") : account.name);
    return names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "));
}

std::optional<Resolved> resolve(const QString &name, QString *error)
{
    const QList<Account> accounts = Accounts::all();
    const int index = Accounts::indexOf(accounts, name.trimmed());
    if (index < 0) {
        *error = QStringLiteral("--account: no account is named \"%1\"; the accounts are: %2 (saved ones are "
                                "added in the dashboard's Settings; the environment's are named after their "
                                "provider)")
                     .arg(name, knownNames(accounts));
        return std::nullopt;
    }
    Resolved resolved{accounts.at(index), {}};
    const Account &account = resolved.account;
    const QString problem = account.problem();
    if (!problem.isEmpty()) {
        *error = QStringLiteral("--account: ") + problem;
        return std::nullopt;
    }
    QString key = Accounts::environmentKey(account);
    if (!account.fromEnvironment) {
        const KeychainAnswer answer = readKey(account.keyAccount());
        if (answer.error == QKeychain::EntryNotFound) {
            *error =
                QStringLiteral("--account: no key is stored for \"%1\" in the system keychain; enter it in "
                               "the dashboard's Settings")
                    .arg(account.name);
            return std::nullopt;
        }
        if (answer.error != QKeychain::NoError) {
            *error = QStringLiteral("--account: cannot read the key of \"%1\" from the system keychain (%2); "
                                    "saved accounts need a keychain on the session bus, the environment's "
                                    "accounts do not (e.g. OPENAI_API_KEY with --account OpenAI)")
                         .arg(account.name, answer.errorString);
            return std::nullopt;
        }
        key = answer.key;
    }
    resolved.config = account.toConfig(key);
    return resolved;
}

} // namespace AccountConfig
