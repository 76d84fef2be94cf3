#include "core/providers/provider.h"

namespace Providers {

QString id(Provider provider)
{
    switch (provider) {
    case Provider::OpenAI:
        return QStringLiteral("openai");
    case Provider::Azure:
        return QStringLiteral("azure");
    case Provider::Anthropic:
        return QStringLiteral("anthropic");
    case Provider::Gemini:
        return QStringLiteral("gemini");
    }
    Q_UNREACHABLE();
}

QString displayName(Provider provider)
{
    switch (provider) {
    case Provider::OpenAI:
        return QStringLiteral("OpenAI");
    case Provider::Azure:
        return QStringLiteral("Azure OpenAI");
    case Provider::Anthropic:
        return QStringLiteral("Anthropic");
    case Provider::Gemini:
        return QStringLiteral("Gemini");
    }
    Q_UNREACHABLE();
}

std::optional<Provider> fromId(const QString &text)
{
    for (Provider provider : all()) {
        if (text.compare(id(provider), Qt::CaseInsensitive) == 0)
            return provider;
    }
    return std::nullopt;
}

const QList<Provider> &all()
{
    static const QList<Provider> providers{Provider::OpenAI, Provider::Azure, Provider::Anthropic,
                                           Provider::Gemini};
    return providers;
}

} // namespace Providers
