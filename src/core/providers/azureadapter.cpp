#include "core/providers/azureadapter.h"

QUrl AzureAdapter::url(const ApiConfig &config, const QString &path, QUrlQuery query) const
{
    // An endpoint given with its /openai or /openai/v1 already (a copied base URL) is not doubled.
    QString base = config.baseUrl.path(QUrl::FullyDecoded);
    while (base.endsWith(u'/'))
        base.chop(1);
    const bool v1 = config.apiVersion.isEmpty();
    QString prefix;
    if (v1)
        prefix = base.endsWith(QLatin1String("/openai/v1")) ? QString()
                 : base.endsWith(QLatin1String("/openai"))  ? QStringLiteral("v1/")
                                                            : QStringLiteral("openai/v1/");
    else
        prefix = base.endsWith(QLatin1String("/openai")) ? QString() : QStringLiteral("openai/");
    if (!v1)
        query.addQueryItem(QStringLiteral("api-version"),
                           QString::fromLatin1(QUrl::toPercentEncoding(config.apiVersion)));
    return config.endpoint(prefix + path, query);
}

void AzureAdapter::authorize(const ApiConfig &config, QNetworkRequest *request) const
{
    // As AzureOpenAI: a token provider wins over the key; the two are never sent together.
    if (!config.adToken.isEmpty())
        request->setRawHeader("Authorization", "Bearer " + config.adToken.toUtf8());
    else if (!config.apiKey.isEmpty())
        request->setRawHeader("api-key", config.apiKey.toUtf8());
}
