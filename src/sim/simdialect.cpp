#include "sim/simdialect.h"

#include "sim/simanthropicdialect.h"
#include "sim/simgeminidialect.h"
#include "sim/simopenaidialect.h"

#include <QJsonDocument>

std::optional<SimDialect::Kind> SimDialect::kindFromId(const QString &id)
{
    for (Kind kind : {Kind::OpenAI, Kind::Azure, Kind::Anthropic, Kind::Gemini}) {
        if (SimDialect::id(kind) == id)
            return kind;
    }
    return std::nullopt;
}

QString SimDialect::id(Kind kind)
{
    switch (kind) {
    case Kind::OpenAI:
        return QStringLiteral("openai");
    case Kind::Azure:
        return QStringLiteral("azure");
    case Kind::Anthropic:
        return QStringLiteral("anthropic");
    case Kind::Gemini:
        return QStringLiteral("gemini");
    }
    Q_UNREACHABLE();
}

std::unique_ptr<SimDialect> SimDialect::create(Kind kind, const Credentials &credentials)
{
    switch (kind) {
    case Kind::OpenAI:
        return std::make_unique<SimOpenAiDialect>(credentials);
    case Kind::Azure:
        return std::make_unique<SimAzureDialect>(credentials);
    case Kind::Anthropic:
        return std::make_unique<SimAnthropicDialect>(credentials);
    case Kind::Gemini:
        return std::make_unique<SimGeminiDialect>(credentials);
    }
    Q_UNREACHABLE();
}

QList<QPair<QByteArray, QByteArray>> SimDialect::extraHeaders(const SimRequest &) const
{
    return {};
}

SimResponse SimDialect::reshape(const SimRequest &request, const SimResponse &openAi) const
{
    if (openAi.status < 400 || kind() == Kind::OpenAI) // the account already speaks OpenAI
        return openAi;
    const QJsonObject error =
        QJsonDocument::fromJson(openAi.body).object().value(QLatin1String("error")).toObject();
    const QString code = error.value(QLatin1String("code")).toString();
    SimResponse reshaped =
        this->error(request, openAi.status, error.value(QLatin1String("message")).toString(),
                    code.isEmpty() ? error.value(QLatin1String("type")).toString() : code);
    reshaped.headers += openAi.headers;
    return reshaped;
}
