#include "core/accounts/account.h"

#include "core/cache/batchcache.h"

#include <QFileInfo>

#include <algorithm>

namespace {
QString env(const char *name)
{
    return qEnvironmentVariable(name).trimmed();
}

// The credential variables of each provider, in the order the SDKs prefer them.
QList<const char *> keyVariables(Provider provider)
{
    switch (provider) {
    case Provider::OpenAI:
        return {"OPENAI_API_KEY"};
    case Provider::Azure:
        return {"AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN"};
    case Provider::Anthropic:
        return {"ANTHROPIC_API_KEY"};
    case Provider::Gemini:
        return {"GEMINI_API_KEY", "GOOGLE_API_KEY"};
    }
    Q_UNREACHABLE();
}

// An Azure account of the environment whose only credential is an Entra ID token: sent as a bearer token.
bool usesAdToken(const Account &account)
{
    return account.fromEnvironment && account.provider == Provider::Azure &&
           env("AZURE_OPENAI_API_KEY").isEmpty();
}
} // namespace

ApiConfig Account::toConfig(const QString &key) const
{
    ApiConfig config;
    config.provider = provider;
    const QString base = baseUrl.trimmed();
    config.baseUrl = QUrl(base.isEmpty() ? Accounts::defaultBaseUrl(provider) : base);
    if (usesAdToken(*this))
        config.adToken = key;
    else
        config.apiKey = key;
    if (provider == Provider::OpenAI) {
        config.organization = organization.trimmed();
        config.project = project.trimmed();
    }
    if (provider == Provider::Azure)
        config.apiVersion = apiVersion.trimmed();
    return config;
}

QString Account::keyAccount() const
{
    const ApiConfig config = toConfig(QString());
    // One spelling per server: "https://API.openai.com/v1/" and "https://api.openai.com/v1" are one account.
    const QString server =
        config.baseUrl.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments).toString();
    QString account = QStringLiteral("api-key ") + server;
    if (!config.organization.isEmpty())
        account += QStringLiteral(" organization ") + config.organization;
    if (!config.project.isEmpty())
        account += QStringLiteral(" project ") + config.project;
    // OpenAI's entries keep the spelling of versions before accounts: the keys stored then are found.
    if (provider == Provider::OpenAI)
        return account;
    // Endpoints are often written with a bare "/" path, which QUrl keeps: one account all the same.
    if (account.endsWith(u'/'))
        account.chop(1);
    return Providers::id(provider) + u' ' + account;
}

QString Account::cacheName(const QString &key) const
{
    return QFileInfo(BatchCache::defaultPath(toConfig(key))).fileName();
}

QString Account::problem() const
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("an account needs a name");
    if (provider == Provider::Azure && baseUrl.trimmed().isEmpty())
        return QStringLiteral("the Azure OpenAI account \"%1\" has no endpoint: set %2 (e.g. "
                              "https://RESOURCE.openai.azure.com)")
            .arg(name, fromEnvironment ? QStringLiteral("AZURE_OPENAI_ENDPOINT")
                                       : QStringLiteral("the account's endpoint"));
    const QUrl url = toConfig(QString()).baseUrl;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return QStringLiteral("the %1 of \"%2\", \"%3\", is not an http(s) URL")
            .arg(provider == Provider::Azure ? QStringLiteral("endpoint") : QStringLiteral("base URL"), name,
                 baseUrl.trimmed());
    if (refreshSeconds < 5 || refreshSeconds > 3600)
        return QStringLiteral("the refresh interval of \"%1\" must be 5 to 3600 seconds").arg(name);
    return {};
}

bool Account::operator==(const Account &other) const
{
    return name == other.name && provider == other.provider && baseUrl == other.baseUrl &&
           organization == other.organization && project == other.project && apiVersion == other.apiVersion &&
           refreshSeconds == other.refreshSeconds && autoRefresh == other.autoRefresh &&
           fromEnvironment == other.fromEnvironment;
}

namespace Accounts {

QString defaultBaseUrl(Provider provider)
{
    switch (provider) {
    case Provider::OpenAI:
        return ApiConfig::kDefaultBaseUrl;
    case Provider::Azure:
        return {};
    case Provider::Anthropic:
        return QStringLiteral("https://api.anthropic.com");
    case Provider::Gemini:
        return QStringLiteral("https://generativelanguage.googleapis.com");
    }
    Q_UNREACHABLE();
}

QString environmentKey(const Account &account)
{
    if (!account.fromEnvironment)
        return {};
    for (const char *variable : keyVariables(account.provider)) {
        const QString value = env(variable);
        if (!value.isEmpty())
            return value;
    }
    return {};
}

QList<Account> fromEnvironment()
{
    QList<Account> accounts;
    for (Provider provider : Providers::all()) {
        Account account;
        account.provider = provider;
        account.name = Providers::displayName(provider);
        account.fromEnvironment = true;
        if (environmentKey(account).isEmpty())
            continue;
        switch (provider) {
        case Provider::OpenAI:
            account.baseUrl = env("OPENAI_BASE_URL");
            account.organization = env("OPENAI_ORG_ID");
            account.project = env("OPENAI_PROJECT_ID");
            break;
        case Provider::Azure:
            account.baseUrl = env("AZURE_OPENAI_ENDPOINT");
            account.apiVersion = env("OPENAI_API_VERSION");
            break;
        case Provider::Anthropic:
            account.baseUrl = env("ANTHROPIC_BASE_URL");
            break;
        case Provider::Gemini:
            account.baseUrl = env("GOOGLE_GEMINI_BASE_URL");
            break;
        }
        accounts << account;
    }
    return accounts;
}

QList<Account> all()
{
    QList<Account> accounts = fromEnvironment();
    const QList<Account> savedAccounts = saved();
    for (Account account : savedAccounts) {
        const auto taken = [&](const QString &name, bool bySaved) {
            const auto same = [&](const Account &other) {
                return other.name.compare(name, Qt::CaseInsensitive) == 0;
            };
            return std::any_of(accounts.begin(), accounts.end(), same) ||
                   (bySaved && std::any_of(savedAccounts.begin(), savedAccounts.end(), same));
        };
        if (taken(account.name, false)) {
            // Not a name another account has or will have: the switcher and sessions find accounts by name.
            const QString base = account.name;
            account.name = base + QStringLiteral(" (saved)");
            for (int n = 2; taken(account.name, true); ++n)
                account.name = base + QStringLiteral(" (saved %1)").arg(n);
        }
        accounts << account;
    }
    return accounts;
}

QString problem(const QList<Account> &accounts, int index, bool hasKey)
{
    Q_ASSERT(index >= 0 && index < accounts.size());
    const Account &account = accounts.at(index);
    QString why = account.problem();
    if (!why.isEmpty())
        return why;
    for (int i = 0; i < accounts.size(); ++i) {
        if (i == index)
            continue;
        const Account &other = accounts.at(i);
        if (other.name.trimmed().compare(account.name.trimmed(), Qt::CaseInsensitive) == 0)
            return QStringLiteral("another account is named \"%1\"").arg(other.name);
        if (other.keyAccount() == account.keyAccount())
            return QStringLiteral(
                       "\"%1\" has the same server and scope as \"%2\", so they would share one key; "
                       "give one of them its organization or project")
                .arg(account.name, other.name);
    }
    if (hasKey) {
        why = account.toConfig(QStringLiteral("key")).insecureTransportReason();
        if (!why.isEmpty())
            return why;
    }
    return {};
}

int indexOf(const QList<Account> &accounts, const QString &name)
{
    int found = -1;
    for (int i = 0; i < accounts.size(); ++i) {
        if (accounts.at(i).name == name)
            return i;
        if (accounts.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            found = found == -1 ? i : -2;
    }
    return found < 0 ? -1 : found;
}

} // namespace Accounts
