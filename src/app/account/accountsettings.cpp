#include "app/account/accountsettings.h"

#include <QSettings>

AccountSettings AccountSettings::load()
{
    QSettings settings;
    AccountSettings s;
    s.baseUrl = settings.value(QStringLiteral("account/baseUrl")).toString();
    s.organization = settings.value(QStringLiteral("account/organization")).toString();
    s.project = settings.value(QStringLiteral("account/project")).toString();
    s.refreshSeconds = settings.value(QStringLiteral("refresh/intervalSeconds"), 30).toInt();
    s.autoRefresh = settings.value(QStringLiteral("refresh/auto"), true).toBool();
    s.alerts = settings.value(QStringLiteral("alerts/mode"), QStringLiteral("all")).toString();
    return s;
}

void AccountSettings::save() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("account/baseUrl"), baseUrl);
    settings.setValue(QStringLiteral("account/organization"), organization);
    settings.setValue(QStringLiteral("account/project"), project);
    settings.setValue(QStringLiteral("refresh/intervalSeconds"), refreshSeconds);
    settings.setValue(QStringLiteral("refresh/auto"), autoRefresh);
    settings.setValue(QStringLiteral("alerts/mode"), alerts);
}

bool AccountSettings::keyFromEnvironment()
{
    return !qEnvironmentVariable("OPENAI_API_KEY").trimmed().isEmpty();
}

ApiConfig AccountSettings::toConfig(const QString &storedKey) const
{
    ApiConfig config = ApiConfig::fromEnvironment();
    if (qEnvironmentVariable("OPENAI_BASE_URL").trimmed().isEmpty() && !baseUrl.trimmed().isEmpty())
        config.baseUrl = QUrl(baseUrl.trimmed());
    if (config.organization.isEmpty())
        config.organization = organization.trimmed();
    if (config.project.isEmpty())
        config.project = project.trimmed();
    if (config.apiKey.isEmpty())
        config.apiKey = storedKey;
    return config;
}

QString AccountSettings::keyAccount() const
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
    return account;
}
