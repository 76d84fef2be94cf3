#include "sim/simanthropicdialect.h"

#include "sim/simaccount.h"
#include "sim/simproviderlines.h"
#include "sim/simtime.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
const QLatin1String kPrefix("msgbatch_");

QString claudeModel(const QString &openAiModel)
{
    if (openAiModel.startsWith(QLatin1String("claude")))
        return openAiModel; // a batch created in this dialect
    if (openAiModel.startsWith(QLatin1String("gpt-4o-mini")) ||
        openAiModel.startsWith(QLatin1String("text-")) || openAiModel.startsWith(QLatin1String("omni-")))
        return QStringLiteral("claude-haiku-4-5");
    if (openAiModel.startsWith(u'o'))
        return QStringLiteral("claude-opus-4-1");
    return QStringLiteral("claude-sonnet-4-5");
}

QJsonValue nullOr(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// A stable fraction of a second per batch, so parsers meet real fractional seconds.
int microsFor(const QString &id)
{
    return int(qHash(id, 17) % 1'000'000);
}

struct Counts
{
    qint64 processing = 0, succeeded = 0, errored = 0, canceled = 0, expired = 0;
};

// The rule a reader applies to an ended batch, made to hold here: cancelled => canceled > 0; expired =>
// expired > 0; failed => only errored; completed => the counts as they are.
Counts countsFor(const SimBatch &batch, const QJsonObject &openAi)
{
    const QString status = openAi.value(QLatin1String("status")).toString();
    const QJsonObject counts = openAi.value(QLatin1String("request_counts")).toObject();
    const qint64 total = counts.value(QLatin1String("total")).toInteger();
    Counts c;
    c.succeeded = counts.value(QLatin1String("completed")).toInteger();
    c.errored = counts.value(QLatin1String("failed")).toInteger();
    const qint64 rest = qMax<qint64>(0, total - c.succeeded - c.errored);
    if (status == QLatin1String("failed")) {
        c = Counts();
        c.errored =
            qMax<qint64>(1, batch.submitted); // Anthropic has no batch-level failure: every request errs
    } else if (status == QLatin1String("expired")) {
        c.expired = qMax<qint64>(1, rest);
    } else if (status == QLatin1String("cancelled")) {
        c.canceled = qMax<qint64>(1, rest);
    } else if (status != QLatin1String("completed")) {
        c.processing = qMax<qint64>(0, batch.submitted - c.succeeded - c.errored);
    }
    return c;
}

QString errorType(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("invalid_request_error");
    case 401:
        return QStringLiteral("authentication_error");
    case 403:
        return QStringLiteral("permission_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 413:
        return QStringLiteral("request_too_large");
    case 429:
        return QStringLiteral("rate_limit_error");
    case 529:
        return QStringLiteral("overloaded_error");
    default:
        return status >= 500 ? QStringLiteral("api_error") : QStringLiteral("invalid_request_error");
    }
}
} // namespace

QString SimAnthropicDialect::toAnthropicId(const QString &openAiId)
{
    return openAiId.startsWith(QLatin1String("batch_")) ? kPrefix + openAiId.mid(6) : QString();
}

QString SimAnthropicDialect::toOpenAiId(const QString &anthropicId)
{
    return anthropicId.startsWith(kPrefix) ? QStringLiteral("batch_") + anthropicId.mid(kPrefix.size())
                                           : QString();
}

QString SimAnthropicDialect::baseUrl(quint16 port) const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

SimResponse SimAnthropicDialect::authenticate(const SimRequest &request) const
{
    QByteArray key = request.header("x-api-key");
    const QByteArray authorization = request.header("authorization");
    if (key.isEmpty() && authorization.startsWith("Bearer ")) // what the 1.x SDK sends
        key = authorization.mid(7).trimmed();
    if (key.isEmpty())
        return error(request, 401, QStringLiteral("x-api-key header is required"));
    if (!m_credentials.key.isEmpty() && QString::fromUtf8(key) != m_credentials.key)
        return error(request, 401, QStringLiteral("invalid x-api-key"));
    if (request.header("anthropic-version").isEmpty())
        return error(request, 400, QStringLiteral("anthropic-version: header is required"));
    return SimResponse();
}

SimResponse SimAnthropicDialect::handle(const SimRequest &request, SimAccount &account, QString *route)
{
    const QStringList &parts = request.parts;
    const bool get = request.method == QLatin1String("GET");
    const bool post = request.method == QLatin1String("POST");
    const SimResponse notFound = error(request, 404, QStringLiteral("Not found"));
    if (parts.size() < 3 || parts[0] != QLatin1String("v1") || parts[1] != QLatin1String("messages") ||
        parts[2] != QLatin1String("batches"))
        return notFound;
    *route = request.method + QStringLiteral(" batches") + (parts.size() > 4 ? u'/' + parts[4] : QString());
    if (parts.size() == 3 && get)
        return list(request, account);
    if (parts.size() == 3 && post)
        return create(request, account);
    if (parts.size() < 4 || parts.size() > 5)
        return notFound;
    const SimBatch *batch = account.findBatch(toOpenAiId(parts[3]));
    if (!batch)
        return error(request, 404, QStringLiteral("No message batch with id '%1'.").arg(parts[3].left(200)));
    const QString origin = request.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString();
    if (parts.size() == 4 && get)
        return SimResponse::json(batchObject(*batch, account.batchObject(*batch), origin));
    if (parts.size() == 5 && post && parts[4] == QLatin1String("cancel")) {
        const SimResponse cancelled = account.cancelBatch(batch->id);
        if (cancelled.status != 200)
            return reshape(request, cancelled);
        return SimResponse::json(batchObject(*batch, account.batchObject(*batch), origin));
    }
    if (parts.size() == 5 && get && parts[4] == QLatin1String("results"))
        return results(request, *batch, account.batchObject(*batch));
    return notFound;
}

QJsonObject SimAnthropicDialect::batchObject(const SimBatch &batch, const QJsonObject &openAi,
                                             const QString &origin)
{
    const QString status = openAi.value(QLatin1String("status")).toString();
    const bool ended = status == QLatin1String("completed") || status == QLatin1String("failed") ||
                       status == QLatin1String("expired") || status == QLatin1String("cancelled");
    const QString id = toAnthropicId(batch.id);
    const int micros = microsFor(id);
    const Counts c = countsFor(batch, openAi);
    QJsonValue endedAt = QJsonValue::Null;
    for (const char *field : {"completed_at", "failed_at", "expired_at", "cancelled_at"}) {
        if (openAi.value(QLatin1String(field)).isDouble())
            endedAt = SimTime::rfc3339(openAi.value(QLatin1String(field)), micros);
    }
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("type"), QStringLiteral("message_batch")},
        {QStringLiteral("processing_status"), ended ? QStringLiteral("ended")
                                              : status == QLatin1String("cancelling")
                                                  ? QStringLiteral("canceling")
                                                  : QStringLiteral("in_progress")},
        {QStringLiteral("request_counts"), QJsonObject{{QStringLiteral("processing"), c.processing},
                                                       {QStringLiteral("succeeded"), c.succeeded},
                                                       {QStringLiteral("errored"), c.errored},
                                                       {QStringLiteral("canceled"), c.canceled},
                                                       {QStringLiteral("expired"), c.expired}}},
        {QStringLiteral("created_at"), SimTime::rfc3339(openAi.value(QLatin1String("created_at")), micros)},
        {QStringLiteral("expires_at"), SimTime::rfc3339(openAi.value(QLatin1String("expires_at")), micros)},
        {QStringLiteral("ended_at"), ended ? endedAt : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("cancel_initiated_at"),
         SimTime::rfc3339(openAi.value(QLatin1String("cancelling_at")), micros)},
        {QStringLiteral("archived_at"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("results_url"),
         ended ? nullOr(origin + QStringLiteral("/v1/messages/batches/%1/results").arg(id))
               : QJsonValue(QJsonValue::Null)}};
}

SimResponse SimAnthropicDialect::list(const SimRequest &request, const SimAccount &account) const
{
    int limit = 20;
    if (request.query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = request.queryValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > 1000)
            return error(request, 400, QStringLiteral("limit: Input should be an integer from 1 to 1000"));
    }
    const QString after = request.queryValue(QStringLiteral("after_id"));
    const QString before = request.queryValue(QStringLiteral("before_id"));
    if (!after.isEmpty() && !before.isEmpty())
        return error(request, 400, QStringLiteral("Cannot pass both after_id and before_id."));
    // Rows run oldest first and the list newest first: after_id walks down, before_id walks up.
    const int newest = account.batchCount() - 1;
    int top = newest;
    int bottom = 0;
    bool hasMore = false;
    if (!before.isEmpty()) {
        const int row = account.rowOf(toOpenAiId(before));
        bottom = row < 0 ? newest + 1 : row + 1;
        top = qMin(newest, bottom + limit - 1);
        hasMore = top < newest;
    } else {
        if (!after.isEmpty()) {
            const int row = account.rowOf(toOpenAiId(after));
            top = row < 0 ? -1 : row - 1;
        }
        bottom = qMax(0, top - limit + 1);
        hasMore = bottom > 0 && top >= 0;
    }
    const QString origin = request.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString();
    QJsonArray data;
    for (int row = top; row >= bottom && row >= 0; --row) {
        const SimBatch &batch = account.batchAt(row);
        data.append(batchObject(batch, account.batchObject(batch), origin));
    }
    const auto idAt = [&](qsizetype i) {
        return data.isEmpty() ? QJsonValue(QJsonValue::Null)
                              : data.at(i).toObject().value(QLatin1String("id"));
    };
    return SimResponse::json({{QStringLiteral("data"), data},
                              {QStringLiteral("has_more"), hasMore},
                              {QStringLiteral("first_id"), idAt(0)},
                              {QStringLiteral("last_id"), idAt(data.size() - 1)}});
}

SimResponse SimAnthropicDialect::create(const SimRequest &request, SimAccount &account) const
{
    const QJsonArray requests =
        QJsonDocument::fromJson(request.body).object().value(QLatin1String("requests")).toArray();
    if (requests.isEmpty() || requests.size() > 100'000)
        return error(request, 400, QStringLiteral("requests: must hold 1 to 100000 requests"));
    QSet<QString> customIds;
    auto ids = std::make_shared<SimRequestIds>();
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const QJsonObject item = requests.at(i).toObject();
        const QString customId = item.value(QLatin1String("custom_id")).toString();
        if (customId.isEmpty() || customId.size() > 64 || customIds.contains(customId) ||
            !item.value(QLatin1String("params")).toObject().value(QLatin1String("model")).isString())
            return error(
                request, 400,
                QStringLiteral("requests.%1: needs a unique custom_id of 1 to 64 characters and params "
                               "with a model")
                    .arg(i));
        customIds << customId;
        ids->customIds.append(customId);
        ids->models.append(
            item.value(QLatin1String("params")).toObject().value(QLatin1String("model")).toString());
    }
    const QString model = ids->models.constFirst();
    const SimBatch &batch =
        account.createBatch(QStringLiteral("/v1/messages"), model, std::move(ids), QJsonObject());
    return SimResponse::json(
        batchObject(batch, account.batchObject(batch),
                    request.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString()));
}

SimResponse SimAnthropicDialect::results(const SimRequest &request, const SimBatch &batch,
                                         const QJsonObject &openAi) const
{
    const QJsonObject object = batchObject(batch, openAi, QString());
    if (object.value(QLatin1String("processing_status")).toString() != QLatin1String("ended"))
        return error(request, 404,
                     QStringLiteral("Results for %1 are not available until it has ended.")
                         .arg(object.value(QLatin1String("id")).toString()));
    const QJsonObject counts = object.value(QLatin1String("request_counts")).toObject();
    const std::array<qint64, 4> amounts = {counts.value(QLatin1String("succeeded")).toInteger(),
                                           counts.value(QLatin1String("errored")).toInteger(),
                                           counts.value(QLatin1String("canceled")).toInteger(),
                                           counts.value(QLatin1String("expired")).toInteger()};
    SimResponse response;
    response.contentType = "application/binary";
    response.body = SimProviderLines::anthropicResults(batch, claudeModel(batch.model), amounts);
    return response;
}

SimResponse SimAnthropicDialect::error(const SimRequest &request, int status, const QString &message,
                                       const QString &) const
{
    return SimResponse::json(
        {{QStringLiteral("type"), QStringLiteral("error")},
         {QStringLiteral("error"),
          QJsonObject{{QStringLiteral("type"), errorType(status)}, {QStringLiteral("message"), message}}},
         {QStringLiteral("request_id"), QString::fromLatin1(request.requestId)}},
        status);
}

QByteArray SimAnthropicDialect::emptyPage(const SimRequest &) const
{
    return R"({"data":[],"has_more":true,"first_id":null,"last_id":null})";
}

QByteArray SimAnthropicDialect::wrongShapePage() const
{
    return R"({"data":{"id":"msgbatch_x"},"has_more":false,"first_id":null,"last_id":null})";
}

std::optional<SimRequest> SimAnthropicDialect::nextPage(const SimRequest &request,
                                                        const QByteArray &page) const
{
    const QJsonObject object = QJsonDocument::fromJson(page).object();
    const QString last = object.value(QLatin1String("last_id")).toString();
    if (!object.value(QLatin1String("has_more")).toBool() || last.isEmpty())
        return std::nullopt;
    QUrlQuery query = request.query;
    query.removeAllQueryItems(QStringLiteral("after_id"));
    query.addQueryItem(QStringLiteral("after_id"), last);
    return SimRequest::get(request.url.path(), query);
}

SimRequest SimAnthropicDialect::firstPage(int limit) const
{
    return SimRequest::get(QStringLiteral("/v1/messages/batches"),
                           QUrlQuery{{QStringLiteral("limit"), QString::number(limit)}});
}

SimResponse SimAnthropicDialect::fault(const SimRequest &request, int status, int retryAfterSeconds) const
{
    SimResponse response =
        error(request, status,
              status == 429   ? QStringLiteral("This request would exceed your organization's rate "
                                                 "limit. Please try again later.")
              : status == 529 ? QStringLiteral("Overloaded")
                              : QStringLiteral("Internal server error"));
    if (status == 429 || status == 503 || status == 529)
        response.headers.append({"retry-after", QByteArray::number(retryAfterSeconds)});
    return response;
}

QList<QPair<QByteArray, QByteArray>> SimAnthropicDialect::extraHeaders(const SimRequest &request) const
{
    return {{"request-id", request.requestId}};
}
