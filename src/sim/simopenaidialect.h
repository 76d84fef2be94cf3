#pragma once

#include "sim/simdialect.h"

// OpenAI's Batch API: /v1/batches?after&limit, /v1/files, bearer keys, {"error":{message,type,param,code}}.
class SimOpenAiDialect : public SimDialect
{
public:
    explicit SimOpenAiDialect(const Credentials &credentials)
        : SimDialect(credentials)
    {
    }
    Kind kind() const override { return Kind::OpenAI; }
    QString baseUrl(quint16 port) const override;
    SimResponse authenticate(const SimRequest &request) const override;
    SimResponse handle(const SimRequest &request, SimAccount &account, QString *route) override;
    SimResponse error(const SimRequest &request, int status, const QString &message,
                      const QString &code = QString()) const override;
    QByteArray emptyPage(const SimRequest &request) const override;
    QByteArray wrongShapePage() const override;
    std::optional<SimRequest> nextPage(const SimRequest &request, const QByteArray &page) const override;
    SimRequest firstPage(int limit) const override;

protected:
    // Serves batches and files from `parts[from]` on: OpenAI's objects, which Azure shares.
    SimResponse handleCollections(const SimRequest &request, int from, SimAccount &account,
                                  QString *route) const;
    // The path prefix in front of /batches ("/v1" here, "/openai/v1" on Azure).
    virtual QString prefix() const { return QStringLiteral("/v1"); }
};

// Azure OpenAI: OpenAI's objects under {endpoint}/openai/v1/... or {endpoint}/openai/...?api-version=V, the
// key in an `api-key` header or an Entra ID bearer token, errors as {"error":{"code","message"}}.
class SimAzureDialect : public SimOpenAiDialect
{
public:
    explicit SimAzureDialect(const Credentials &credentials)
        : SimOpenAiDialect(credentials)
    {
    }
    Kind kind() const override { return Kind::Azure; }
    QString baseUrl(quint16 port) const override;
    SimResponse authenticate(const SimRequest &request) const override;
    SimResponse handle(const SimRequest &request, SimAccount &account, QString *route) override;
    SimResponse error(const SimRequest &request, int status, const QString &message,
                      const QString &code = QString()) const override;
    QList<QPair<QByteArray, QByteArray>> extraHeaders(const SimRequest &request) const override;

protected:
    QString prefix() const override { return QStringLiteral("/openai/v1"); }
};
