#include "core/providers/provideradapter.h"

#include "core/providers/anthropicadapter.h"
#include "core/providers/azureadapter.h"
#include "core/providers/geminiadapter.h"
#include "core/providers/openaiadapter.h"

const ProviderAdapter &ProviderAdapter::of(Provider provider)
{
    static const OpenAiAdapter openai;
    static const AzureAdapter azure;
    static const AnthropicAdapter anthropic;
    static const GeminiAdapter gemini;
    switch (provider) {
    case Provider::OpenAI:
        return openai;
    case Provider::Azure:
        return azure;
    case Provider::Anthropic:
        return anthropic;
    case Provider::Gemini:
        return gemini;
    }
    Q_UNREACHABLE();
    return openai;
}

ProviderAdapter::Request ProviderAdapter::results(const ApiConfig &config, const Batch &batch) const
{
    if (batch.outputFileId.isEmpty())
        return refused(QStringLiteral("the batch %1 has no output file (yet)").arg(batch.id));
    return fileContent(config, batch.outputFileId);
}

ProviderAdapter::Request ProviderAdapter::uploadFile(const ApiConfig &, const QString &,
                                                     const QString &) const
{
    return refused(QStringLiteral("%1 takes no file uploads").arg(Providers::displayName(provider())));
}

ProviderAdapter::Request ProviderAdapter::createBatch(const ApiConfig &, const BatchCreateSpec &) const
{
    return refused(
        QStringLiteral("creating %1 batches is not supported").arg(Providers::displayName(provider())));
}

ApiError ProviderAdapter::parseError(int status, const QByteArray &body, const QString &requestId) const
{
    return ApiError::fromHttpResponse(status, body, requestId);
}

QString ProviderAdapter::unusableIdReason(const QString &id)
{
    // The id becomes one path segment: "." and ".." would be resolved away (GET /v1, POST /v1/cancel), and
    // '/', '?' or '#' would end the segment or the path.
    if (id.isEmpty())
        return QStringLiteral("no id given");
    if (id == QLatin1String(".") || id == QLatin1String(".."))
        return QStringLiteral("\"%1\" is not an id").arg(id);
    for (const QChar c : id) {
        if (c == u'/' || c == u'?' || c == u'#')
            return QStringLiteral("the id \"%1\" holds '%2', which no id has").arg(id, c);
    }
    return {};
}

bool ProviderAdapter::sameOrigin(const QUrl &url, const QUrl &base)
{
    const QString scheme = url.scheme().toLower();
    const int defaultPort = scheme == QLatin1String("https")  ? 443
                            : scheme == QLatin1String("http") ? 80
                                                              : -1;
    return url.isValid() && scheme == base.scheme().toLower() &&
           url.host().compare(base.host(), Qt::CaseInsensitive) == 0 &&
           url.port(defaultPort) == base.port(defaultPort) && url.userInfo().isEmpty();
}

ProviderAdapter::Request ProviderAdapter::refused(const QString &why)
{
    Request request;
    request.refusal = why;
    return request;
}

ProviderAdapter::Request ProviderAdapter::onItem(const ApiConfig &config, const QByteArray &verb,
                                                 const QString &id, const QString &path,
                                                 const QUrlQuery &query)
{
    const QString refusal = unusableIdReason(id);
    if (!refusal.isEmpty())
        return refused(refusal);
    Request request;
    request.verb = verb;
    request.url = config.endpoint(path, query); // decoded in, encoded once
    return request;
}
