#include "sim/simfilecontent.h"

#include "sim/simbatch.h"
#include "sim/simrequestplan.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace {
using Fate = SimRequestPlan::Fate;

// A stable id such as "req_1f3a..." for request `n` of a batch.
QString hexId(const char *prefix, const QString &batchId, qint64 n, const char *salt, int length = 32)
{
    const QByteArray key = batchId.toLatin1() + salt + QByteArray::number(n);
    return QLatin1String(prefix) +
           QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Md5).toHex().left(length));
}

QString usedModel(const SimBatch &batch, qint64 n)
{
    const QString model = batch.modelOf(n);
    return model.isEmpty() ? QStringLiteral("gpt-4o-mini") : model;
}

QJsonObject apiError(const QString &message, const QString &type, const QJsonValue &param,
                     const QString &code)
{
    return {{QStringLiteral("message"), message},
            {QStringLiteral("type"), type},
            {QStringLiteral("param"), param},
            {QStringLiteral("code"), code}};
}

// A failure the model endpoint answered with a non-2xx status: the error sits in the response body.
QJsonObject failedResponse(const SimBatch &batch, qint64 n, qint64 failure, bool inOutput)
{
    int status = 400;
    QJsonObject error;
    const QString requestId = hexId("req_", batch.id, n, "q");
    if (inOutput) {
        switch ((failure / 3) % 3) { // the ranks in the output are 1, 4, 7, ...: vary by their place
        case 0:
            error =
                apiError(QStringLiteral("Invalid 'messages[0].content': string too long. Expected a string "
                                        "with maximum length 1048576, but got a string with length %1 "
                                        "instead.")
                             .arg(1048576 + 17 * n),
                         QStringLiteral("invalid_request_error"), QStringLiteral("messages[0].content"),
                         QStringLiteral("string_above_max_length"));
            break;
        case 1:
            status = 429;
            error =
                apiError(QStringLiteral("Rate limit reached for %1 in organization org-sim on tokens per min "
                                        "(TPM): Limit 200000, Used %2, Requested %3. Please try again in "
                                        "%4ms.")
                             .arg(usedModel(batch, n))
                             .arg(190000 + n % 9973)
                             .arg(200 + n % 1777)
                             .arg(100 + n % 900),
                         QStringLiteral("tokens"), QJsonValue(QJsonValue::Null),
                         QStringLiteral("rate_limit_exceeded"));
            break;
        default:
            status = 500;
            error =
                apiError(QStringLiteral("The server had an error processing your request. Sorry about that! "
                                        "You can retry your request, or contact us through our help center "
                                        "at help.openai.com if you keep seeing this error. (Please include "
                                        "the request ID %1 in your email.)")
                             .arg(requestId),
                         QStringLiteral("server_error"), QJsonValue(QJsonValue::Null), QString());
            error.insert(QStringLiteral("code"), QJsonValue(QJsonValue::Null));
            break;
        }
    } else {
        error = apiError(QStringLiteral("This model's maximum context length is 128000 tokens. However, your "
                                        "messages resulted in %1 tokens. Please reduce the length of the "
                                        "messages.")
                             .arg(128000 + 31 * n),
                         QStringLiteral("invalid_request_error"), QStringLiteral("messages"),
                         QStringLiteral("context_length_exceeded"));
    }
    return {{QStringLiteral("status_code"), status},
            {QStringLiteral("request_id"), requestId},
            {QStringLiteral("body"), QJsonObject{{QStringLiteral("error"), error}}}};
}

QJsonObject resultLine(const SimBatch &batch, qint64 n, const QJsonValue &response, const QJsonValue &error)
{
    return {{QStringLiteral("id"), hexId("batch_req_", batch.id, n, "r")},
            {QStringLiteral("custom_id"), batch.customIdOf(n)},
            {QStringLiteral("response"), response},
            {QStringLiteral("error"), error}};
}

QJsonObject outputLine(const SimBatch &batch, qint64 n, Fate fate, qint64 failure)
{
    if (fate == Fate::FailedInOutput)
        return resultLine(batch, n, failedResponse(batch, n, failure, true), QJsonValue::Null);
    return resultLine(batch, n,
                      QJsonObject{{QStringLiteral("status_code"), 200},
                                  {QStringLiteral("request_id"), hexId("req_", batch.id, n, "q")},
                                  {QStringLiteral("body"), SimFileContent::answerBody(batch, n)}},
                      QJsonValue::Null);
}

QJsonObject errorLine(const SimBatch &batch, qint64 n, qint64 failure)
{
    if ((failure / 3) % 2 == 0) // the ranks in the error file are 0, 2, 3, 5, ...
        return resultLine(batch, n, failedResponse(batch, n, failure, false), QJsonValue::Null);
    // A request that never got an answer: no response, the error on the line itself.
    return resultLine(
        batch, n, QJsonValue::Null,
        QJsonObject{{QStringLiteral("code"), QStringLiteral("request_timeout")},
                    {QStringLiteral("message"), QStringLiteral("Request %1 timed out after %2 seconds.")
                                                    .arg(hexId("req_", batch.id, n, "q"))
                                                    .arg(600 + n % 60)}});
}

QByteArray lines(const SimBatch &batch, qint64 at, bool errors)
{
    QByteArray out;
    SimRequestPlan::forEach(batch, batch.doneAt(at), batch.completedAt(at),
                            [&](qint64 n, Fate fate, qint64 failure) {
                                QJsonObject line;
                                if (errors && fate == Fate::FailedInErrors)
                                    line = errorLine(batch, n, failure);
                                else if (!errors && (fate == Fate::Ok || fate == Fate::FailedInOutput))
                                    line = outputLine(batch, n, fate, failure);
                                else
                                    return;
                                out += QJsonDocument(line).toJson(QJsonDocument::Compact);
                                out += '\n';
                            });
    return out;
}
} // namespace

namespace SimFileContent {

QJsonObject answerBody(const SimBatch &batch, qint64 n)
{
    const QString model = usedModel(batch, n);
    const QString text = QStringLiteral("Simulated answer %1.").arg(n);
    const qint64 in = 20 + n % 50;
    const qint64 out = 5 + n % 20;
    if (batch.endpoint == QLatin1String("/v1/responses")) {
        const QJsonObject content{{QStringLiteral("type"), QStringLiteral("output_text")},
                                  {QStringLiteral("text"), text},
                                  {QStringLiteral("annotations"), QJsonArray()}};
        const QJsonObject message{{QStringLiteral("type"), QStringLiteral("message")},
                                  {QStringLiteral("id"), hexId("msg_", batch.id, n, "m", 24)},
                                  {QStringLiteral("status"), QStringLiteral("completed")},
                                  {QStringLiteral("role"), QStringLiteral("assistant")},
                                  {QStringLiteral("content"), QJsonArray{content}}};
        return {{QStringLiteral("id"), hexId("resp_", batch.id, n, "c", 24)},
                {QStringLiteral("object"), QStringLiteral("response")},
                {QStringLiteral("created_at"), batch.inProgressAt},
                {QStringLiteral("status"), QStringLiteral("completed")},
                {QStringLiteral("model"), model},
                {QStringLiteral("output"), QJsonArray{message}},
                {QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), in},
                                                      {QStringLiteral("output_tokens"), out},
                                                      {QStringLiteral("total_tokens"), in + out}}}};
    }
    if (batch.endpoint == QLatin1String("/v1/embeddings")) {
        const QJsonObject embedding{
            {QStringLiteral("object"), QStringLiteral("embedding")},
            {QStringLiteral("index"), 0},
            {QStringLiteral("embedding"), QJsonArray{0.0125 * double(n % 80), -0.5, 0.25}}};
        return {{QStringLiteral("object"), QStringLiteral("list")},
                {QStringLiteral("data"), QJsonArray{embedding}},
                {QStringLiteral("model"), model},
                {QStringLiteral("usage"),
                 QJsonObject{{QStringLiteral("prompt_tokens"), in}, {QStringLiteral("total_tokens"), in}}}};
    }
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), text}};
    return {{QStringLiteral("id"), hexId("chatcmpl-", batch.id, n, "c", 20)},
            {QStringLiteral("object"), QStringLiteral("chat.completion")},
            {QStringLiteral("model"), model},
            {QStringLiteral("choices"),
             QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                    {QStringLiteral("message"), message},
                                    {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}},
            {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), in},
                                                  {QStringLiteral("completion_tokens"), out},
                                                  {QStringLiteral("total_tokens"), in + out}}}};
}

QByteArray output(const SimBatch &batch, qint64 at)
{
    return lines(batch, at, false);
}

QByteArray errors(const SimBatch &batch, qint64 at)
{
    return lines(batch, at, true);
}

QByteArray input(const SimBatch &batch)
{
    QByteArray out;
    for (qint64 n = 1; n <= batch.total; ++n) {
        QJsonObject body{{QStringLiteral("model"), usedModel(batch, n)}};
        if (batch.endpoint == QLatin1String("/v1/embeddings")) {
            body.insert(QStringLiteral("input"), QStringLiteral("Simulated text %1").arg(n));
        } else if (batch.endpoint == QLatin1String("/v1/responses")) {
            body.insert(QStringLiteral("input"), QStringLiteral("Simulated question %1").arg(n));
        } else {
            const QJsonObject message{
                {QStringLiteral("role"), QStringLiteral("user")},
                {QStringLiteral("content"), QStringLiteral("Simulated question %1").arg(n)}};
            body.insert(QStringLiteral("messages"), QJsonArray{message});
        }
        const QJsonObject line{{QStringLiteral("custom_id"), batch.customIdOf(n)},
                               {QStringLiteral("method"), QStringLiteral("POST")},
                               {QStringLiteral("url"), batch.endpoint},
                               {QStringLiteral("body"), body}};
        out += QJsonDocument(line).toJson(QJsonDocument::Compact);
        out += '\n';
    }
    return out;
}

} // namespace SimFileContent
