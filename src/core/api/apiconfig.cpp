#include "core/api/apiconfig.h"

#include <QHostAddress>

namespace {
QString env(const char *name)
{
    return qEnvironmentVariable(name).trimmed();
}
} // namespace

ApiConfig ApiConfig::fromEnvironment()
{
    return fromEnvironment(Provider::OpenAI);
}

ApiConfig ApiConfig::fromEnvironment(Provider provider)
{
    ApiConfig config;
    config.provider = provider;
    config.baseUrl = defaultBaseUrl(provider);
    QString base;
    switch (provider) {
    case Provider::OpenAI:
        base = env("OPENAI_BASE_URL");
        config.apiKey = env("OPENAI_API_KEY");
        config.organization = env("OPENAI_ORG_ID");
        config.project = env("OPENAI_PROJECT_ID");
        break;
    case Provider::Azure:
        base = env("AZURE_OPENAI_ENDPOINT");
        config.apiKey = env("AZURE_OPENAI_API_KEY");
        // As AzureOpenAI: the key and a token are exclusive; given both, the token (Entra ID) is used.
        config.adToken = env("AZURE_OPENAI_AD_TOKEN");
        if (!config.adToken.isEmpty())
            config.apiKey.clear();
        config.apiVersion = env("OPENAI_API_VERSION");
        break;
    case Provider::Anthropic:
        base = env("ANTHROPIC_BASE_URL");
        config.apiKey = env("ANTHROPIC_API_KEY");
        break;
    case Provider::Gemini:
        base = env("GOOGLE_GEMINI_BASE_URL");
        config.apiKey = env("GEMINI_API_KEY");
        if (config.apiKey.isEmpty())
            config.apiKey = env("GOOGLE_API_KEY");
        break;
    }
    if (!base.isEmpty())
        config.baseUrl = QUrl(base);
    return config;
}

QString ApiConfig::keyVariable(Provider provider)
{
    switch (provider) {
    case Provider::OpenAI:
        return QStringLiteral("OPENAI_API_KEY");
    case Provider::Azure:
        return QStringLiteral("AZURE_OPENAI_API_KEY (or AZURE_OPENAI_AD_TOKEN)");
    case Provider::Anthropic:
        return QStringLiteral("ANTHROPIC_API_KEY");
    case Provider::Gemini:
        return QStringLiteral("GEMINI_API_KEY (or GOOGLE_API_KEY)");
    }
    Q_UNREACHABLE();
    return {};
}

QUrl ApiConfig::defaultBaseUrl(Provider provider)
{
    switch (provider) {
    case Provider::OpenAI:
        return QUrl(kDefaultBaseUrl);
    case Provider::Azure:
        return QUrl();
    case Provider::Anthropic:
        return QUrl(QStringLiteral("https://api.anthropic.com"));
    case Provider::Gemini:
        return QUrl(QStringLiteral("https://generativelanguage.googleapis.com"));
    }
    Q_UNREACHABLE();
    return {};
}

bool ApiConfig::isLoopback() const
{
    const QString host = baseUrl.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString ApiConfig::insecureTransportReason() const
{
    if (provider == Provider::Azure && baseUrl.isEmpty())
        return QStringLiteral("no Azure endpoint given (AZURE_OPENAI_ENDPOINT, e.g. "
                              "https://RESOURCE.openai.azure.com)");
    if (!baseUrl.isValid() || baseUrl.scheme().isEmpty() || baseUrl.host().isEmpty())
        return QStringLiteral("the base URL \"%1\" is not a valid http(s) URL").arg(baseUrl.toString());
    const QString scheme = baseUrl.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme != QLatin1String("http"))
        return QStringLiteral("the base URL's scheme \"%1\" is not http or https").arg(scheme);
    if (!hasCredential() || isLoopback())
        return {};
    return QStringLiteral("refusing to send the %1 over plain http:// to %2; use https:// (plain HTTP is "
                          "allowed only to this machine)")
        .arg(adToken.isEmpty() ? QStringLiteral("API key") : QStringLiteral("access token"), baseUrl.host());
}

QUrl ApiConfig::endpoint(const QString &path, const QUrlQuery &query) const
{
    QUrl url = baseUrl;
    QString basePath = url.path(QUrl::FullyDecoded);
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    // Decoded in, encoded once by QUrl: an id's '%' or space reaches the server as the id holds it.
    url.setPath(basePath + u'/' + path, QUrl::DecodedMode);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QString ApiConfig::maskedKey() const
{
    if (apiKey.isEmpty())
        return QStringLiteral("(none)");
    if (apiKey.size() < 12)
        return QStringLiteral("****");
    return apiKey.left(3) + QStringLiteral("...") + apiKey.right(4);
}
