#include "core/api/apiconfig.h"

#include <QHostAddress>

ApiConfig ApiConfig::fromEnvironment()
{
    ApiConfig config;
    const QString base = qEnvironmentVariable("OPENAI_BASE_URL").trimmed();
    if (!base.isEmpty())
        config.baseUrl = QUrl(base);
    config.apiKey = qEnvironmentVariable("OPENAI_API_KEY").trimmed();
    config.organization = qEnvironmentVariable("OPENAI_ORG_ID").trimmed();
    config.project = qEnvironmentVariable("OPENAI_PROJECT_ID").trimmed();
    return config;
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
    if (!baseUrl.isValid() || baseUrl.scheme().isEmpty() || baseUrl.host().isEmpty())
        return QStringLiteral("the base URL \"%1\" is not a valid http(s) URL").arg(baseUrl.toString());
    const QString scheme = baseUrl.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme != QLatin1String("http"))
        return QStringLiteral("the base URL's scheme \"%1\" is not http or https").arg(scheme);
    if (apiKey.isEmpty() || isLoopback())
        return {};
    return QStringLiteral(
               "refusing to send the API key over plain http:// to %1; use https:// (plain HTTP is "
               "allowed only to this machine)")
        .arg(baseUrl.host());
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
