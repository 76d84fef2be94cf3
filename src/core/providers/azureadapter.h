#pragma once

#include "core/providers/openaiadapter.h"

// Azure OpenAI: OpenAI's objects under the resource's endpoint. Paths as the `openai` npm package's
// AzureOpenAI client builds them: with an API version, {endpoint}/openai/{path}?api-version=V; without one,
// the v1 API at {endpoint}/openai/v1/{path}. The key goes in `api-key`, or an Entra ID token as a bearer.
class AzureAdapter : public OpenAiAdapter
{
public:
    Provider provider() const override { return Provider::Azure; }
    void authorize(const ApiConfig &config, QNetworkRequest *request) const override;
    QByteArrayList requestIdHeaders() const override
    {
        return {QByteArrayLiteral("apim-request-id"), QByteArrayLiteral("x-request-id")};
    }

protected:
    QUrl url(const ApiConfig &config, const QString &path, QUrlQuery query = QUrlQuery()) const override;
};
