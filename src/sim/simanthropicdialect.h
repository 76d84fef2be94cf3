#pragma once

#include "sim/simdialect.h"

struct SimBatch;

// Anthropic's Message Batches: /v1/messages/batches?limit&after_id&before_id, x-api-key (or a bearer key)
// with anthropic-version, {"type":"error","error":{type,message}} and a request-id header. Statuses fold into
// in_progress/canceling/ended with counts from which the OpenAI status can be told again (see notes).
class SimAnthropicDialect : public SimDialect
{
public:
    explicit SimAnthropicDialect(const Credentials &credentials)
        : SimDialect(credentials)
    {
    }
    Kind kind() const override { return Kind::Anthropic; }
    QString baseUrl(quint16 port) const override;
    SimResponse authenticate(const SimRequest &request) const override;
    SimResponse handle(const SimRequest &request, SimAccount &account, QString *route) override;
    SimResponse error(const SimRequest &request, int status, const QString &message,
                      const QString &code = QString()) const override;
    QByteArray emptyPage(const SimRequest &request) const override;
    QByteArray wrongShapePage() const override;
    std::optional<SimRequest> nextPage(const SimRequest &request, const QByteArray &page) const override;
    SimRequest firstPage(int limit) const override;
    SimResponse fault(const SimRequest &request, int status, int retryAfterSeconds) const override;
    QList<QPair<QByteArray, QByteArray>> extraHeaders(const SimRequest &request) const override;
    QString publicId(const QString &openAiId) const override { return toAnthropicId(openAiId); }

    // "batch_<hex>" <-> "msgbatch_<hex>"; empty when `id` is not one of ours.
    static QString toAnthropicId(const QString &openAiId);
    static QString toOpenAiId(const QString &anthropicId);
    // The Message Batch `batch` is now; `origin` (scheme://host:port) makes results_url absolute.
    static QJsonObject batchObject(const SimBatch &batch, const QJsonObject &openAi, const QString &origin);

private:
    SimResponse list(const SimRequest &request, const SimAccount &account) const;
    SimResponse create(const SimRequest &request, SimAccount &account) const;
    SimResponse results(const SimRequest &request, const SimBatch &batch, const QJsonObject &openAi) const;
};
