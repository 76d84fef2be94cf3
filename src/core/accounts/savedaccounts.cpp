// The saved accounts in QSettings, and the move of earlier versions' single account into them.
#include "core/accounts/account.h"

#include <QSettings>
#include <QUrl>

#include <algorithm>

namespace {
const QString kArray = QStringLiteral("accounts");
// The keychain entry of the account migrated from earlier versions: the one their key belongs to.
const QString kLegacyKeyAccount = QStringLiteral("migration/legacyKeyAccount");

QUrl server(const QString &baseUrl)
{
    return QUrl(baseUrl).adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
}

QString firstSet(const char *variable, const QString &otherwise)
{
    const QString value = qEnvironmentVariable(variable).trimmed();
    return value.isEmpty() ? otherwise : value;
}

QList<Account> read(QSettings &settings)
{
    QList<Account> accounts;
    const int size = settings.beginReadArray(kArray);
    for (int i = 0; i < size; ++i) {
        settings.setArrayIndex(i);
        Account account;
        account.name = settings.value(QStringLiteral("name")).toString().trimmed();
        const auto provider = Providers::fromId(settings.value(QStringLiteral("provider")).toString());
        // An entry a newer Batchwatch wrote for a provider this one does not know is not ours to show.
        if (account.name.isEmpty() || !provider)
            continue;
        account.provider = *provider;
        account.baseUrl = settings.value(QStringLiteral("baseUrl")).toString();
        account.organization = settings.value(QStringLiteral("organization")).toString();
        account.project = settings.value(QStringLiteral("project")).toString();
        account.apiVersion = settings.value(QStringLiteral("apiVersion")).toString();
        account.refreshSeconds =
            qBound(5, settings.value(QStringLiteral("refreshSeconds"), 30).toInt(), 3600);
        account.autoRefresh = settings.value(QStringLiteral("autoRefresh"), true).toBool();
        accounts << account;
    }
    settings.endArray();
    return accounts;
}
} // namespace

namespace Accounts {

QList<Account> saved()
{
    migrateLegacySettings();
    QSettings settings;
    return read(settings);
}

void save(const QList<Account> &accounts)
{
    QSettings settings;
    // Entries beyond the new size would linger under the old indexes.
    settings.remove(kArray);
    settings.beginWriteArray(kArray, int(accounts.size()));
    for (int i = 0; i < accounts.size(); ++i) {
        const Account &account = accounts.at(i);
        Q_ASSERT(!account.fromEnvironment);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), account.name.trimmed());
        settings.setValue(QStringLiteral("provider"), Providers::id(account.provider));
        settings.setValue(QStringLiteral("baseUrl"), account.baseUrl.trimmed());
        settings.setValue(QStringLiteral("organization"), account.organization.trimmed());
        settings.setValue(QStringLiteral("project"), account.project.trimmed());
        settings.setValue(QStringLiteral("apiVersion"), account.apiVersion.trimmed());
        settings.setValue(QStringLiteral("refreshSeconds"), account.refreshSeconds);
        settings.setValue(QStringLiteral("autoRefresh"), account.autoRefresh);
    }
    settings.endArray();
}

bool migrateLegacySettings()
{
    QSettings settings;
    // Once the array exists (even empty, after the user removed every account) there is nothing to move.
    if (settings.contains(kArray + QStringLiteral("/size")))
        return false;
    const QStringList legacyKeys = {QStringLiteral("account/baseUrl"), QStringLiteral("account/organization"),
                                    QStringLiteral("account/project"),
                                    QStringLiteral("refresh/intervalSeconds"),
                                    QStringLiteral("refresh/auto")};
    if (std::none_of(legacyKeys.begin(), legacyKeys.end(),
                     [&](const QString &key) { return settings.contains(key); }))
        return false;
    Account account;
    account.name = Providers::displayName(Provider::OpenAI);
    account.baseUrl = settings.value(QStringLiteral("account/baseUrl")).toString().trimmed();
    account.organization = settings.value(QStringLiteral("account/organization")).toString().trimmed();
    account.project = settings.value(QStringLiteral("account/project")).toString().trimmed();
    account.refreshSeconds =
        qBound(5, settings.value(QStringLiteral("refresh/intervalSeconds"), 30).toInt(), 3600);
    account.autoRefresh = settings.value(QStringLiteral("refresh/auto"), true).toBool();
    // Without OPENAI_API_KEY those versions sent the stored key with the environment's server and scope,
    // and stored it under them: the account keeps what it was.
    if (qEnvironmentVariable("OPENAI_API_KEY").trimmed().isEmpty()) {
        account.baseUrl = firstSet("OPENAI_BASE_URL", account.baseUrl);
        account.organization = firstSet("OPENAI_ORG_ID", account.organization);
        account.project = firstSet("OPENAI_PROJECT_ID", account.project);
    }
    // The earlier keys stay: a downgrade still finds its settings.
    save({account});
    settings.setValue(kLegacyKeyAccount, account.keyAccount());
    return true;
}

bool mayAdoptLegacyKey(const Account &account)
{
    if (account.fromEnvironment || account.provider != Provider::OpenAI)
        return false;
    if (account.keyAccount() == QSettings().value(kLegacyKeyAccount).toString())
        return true;
    const QString own =
        account.baseUrl.trimmed().isEmpty() ? defaultBaseUrl(Provider::OpenAI) : account.baseUrl;
    return server(own) == server(firstSet("OPENAI_BASE_URL", defaultBaseUrl(Provider::OpenAI)));
}

} // namespace Accounts
