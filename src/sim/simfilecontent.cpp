#include "sim/simfilecontent.h"

#include "sim/simbatch.h"
#include "sim/simjsonwriter.h"
#include "sim/simrequestplan.h"

#include <QCryptographicHash>
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

// {"message","type","param","code"}; an empty param or code is null.
void apiError(SimJsonWriter &json, const QString &message, const char *type, const char *param,
              const char *code)
{
    json.beginObject().key("message").value(message).key("type").value(type).key("param");
    param ? json.value(param) : json.null();
    json.key("code");
    code ? json.value(code) : json.null();
    json.endObject();
}

// A failure the model endpoint answered with a non-2xx status: the error sits in the response body.
void failedResponse(SimJsonWriter &json, const SimBatch &batch, qint64 n, qint64 failure, bool inOutput)
{
    const QString requestId = hexId("req_", batch.id, n, "q");
    // The ranks in the output are 1, 4, 7, ...: vary the kind by their place.
    const int kind = inOutput ? int((failure / 3) % 3) : 3;
    static const int kStatus[] = {400, 429, 500, 400};
    json.beginObject().key("status_code").value(kStatus[kind]).key("request_id").value(requestId);
    json.key("body").beginObject().key("error");
    switch (kind) {
    case 0:
        apiError(
            json,
            QStringLiteral("Invalid 'messages[0].content': string too long. Expected a string with maximum "
                           "length 1048576, but got a string with length %1 instead.")
                .arg(1048576 + 17 * n),
            "invalid_request_error", "messages[0].content", "string_above_max_length");
        break;
    case 1:
        apiError(
            json,
            QStringLiteral("Rate limit reached for %1 in organization org-sim on tokens per min (TPM): Limit "
                           "200000, Used %2, Requested %3. Please try again in %4ms.")
                .arg(usedModel(batch, n))
                .arg(190000 + n % 9973)
                .arg(200 + n % 1777)
                .arg(100 + n % 900),
            "tokens", nullptr, "rate_limit_exceeded");
        break;
    case 2:
        apiError(json,
                 QStringLiteral(
                     "The server had an error processing your request. Sorry about that! You can retry "
                     "your request, or contact us through our help center at help.openai.com if you keep "
                     "seeing this error. (Please include the request ID %1 in your email.)")
                     .arg(requestId),
                 "server_error", nullptr, nullptr);
        break;
    default:
        apiError(
            json,
            QStringLiteral("This model's maximum context length is 128000 tokens. However, your messages "
                           "resulted in %1 tokens. Please reduce the length of the messages.")
                .arg(128000 + 31 * n),
            "invalid_request_error", "messages", "context_length_exceeded");
        break;
    }
    json.endObject().endObject();
}

void answerBody(SimJsonWriter &json, const SimBatch &batch, qint64 n)
{
    const QString model = usedModel(batch, n);
    const QString text = batch.answerOf(n);
    const qint64 in = 20 + n % 50;
    const qint64 out = 5 + n % 20;
    if (batch.endpoint == QLatin1String("/v1/responses")) {
        json.beginObject()
            .key("id")
            .value(hexId("resp_", batch.id, n, "c", 24))
            .key("object")
            .value("response")
            .key("created_at")
            .value(batch.inProgressAt)
            .key("status")
            .value("completed")
            .key("model")
            .value(model);
        json.key("output").beginArray().beginObject();
        json.key("type").value("message").key("id").value(hexId("msg_", batch.id, n, "m", 24));
        json.key("status").value("completed").key("role").value("assistant");
        json.key("content").beginArray().beginObject();
        json.key("type")
            .value("output_text")
            .key("text")
            .value(text)
            .key("annotations")
            .beginArray()
            .endArray();
        json.endObject().endArray().endObject().endArray();
        json.key("usage").beginObject().key("input_tokens").value(in).key("output_tokens").value(out);
        json.key("total_tokens").value(in + out).endObject().endObject();
        return;
    }
    if (batch.endpoint == QLatin1String("/v1/embeddings")) {
        json.beginObject().key("object").value("list").key("data").beginArray().beginObject();
        json.key("object").value("embedding").key("index").value(0).key("embedding").beginArray();
        json.value(0.0125 * double(n % 80)).value(-0.5).value(0.25).endArray().endObject().endArray();
        json.key("model").value(model).key("usage").beginObject().key("prompt_tokens").value(in);
        json.key("total_tokens").value(in).endObject().endObject();
        return;
    }
    json.beginObject()
        .key("id")
        .value(hexId("chatcmpl-", batch.id, n, "c", 20))
        .key("object")
        .value("chat.completion")
        .key("model")
        .value(model);
    json.key("choices").beginArray().beginObject().key("index").value(0);
    json.key("message").beginObject().key("role").value("assistant").key("content").value(text).endObject();
    json.key("finish_reason").value("stop").endObject().endArray();
    json.key("usage").beginObject().key("prompt_tokens").value(in).key("completion_tokens").value(out);
    json.key("total_tokens").value(in + out).endObject().endObject();
}

void resultLine(QByteArray &out, const SimBatch &batch, qint64 n, Fate fate, qint64 failure)
{
    SimJsonWriter json(out);
    json.beginObject().key("id").value(hexId("batch_req_", batch.id, n, "r"));
    json.key("custom_id").value(batch.customIdOf(n)).key("response");
    if (fate == Fate::Ok) {
        json.beginObject()
            .key("status_code")
            .value(200)
            .key("request_id")
            .value(hexId("req_", batch.id, n, "q"));
        json.key("body");
        answerBody(json, batch, n);
        json.endObject().key("error").null();
    } else if (fate == Fate::FailedInOutput || (failure / 3) % 2 == 0) { // error-file ranks: 0, 2, 3, 5, ...
        failedResponse(json, batch, n, failure, fate == Fate::FailedInOutput);
        json.key("error").null();
    } else {
        // A request that never got an answer: no response, the error on the line itself.
        json.null().key("error").beginObject().key("code").value("request_timeout").key("message");
        json.value(QStringLiteral("Request %1 timed out after %2 seconds.")
                       .arg(hexId("req_", batch.id, n, "q"))
                       .arg(600 + n % 60))
            .endObject();
    }
    json.endObject();
    out += '\n';
}

QByteArray lines(const SimBatch &batch, qint64 at, bool errors)
{
    QByteArray out;
    SimRequestPlan::forEach(batch, batch.doneAt(at), batch.completedAt(at),
                            [&](qint64 n, Fate fate, qint64 k) {
                                const bool inErrors = fate == Fate::FailedInErrors;
                                if (fate != Fate::NotRun && inErrors == errors)
                                    resultLine(out, batch, n, fate, k);
                            });
    return out;
}
} // namespace

namespace SimFileContent {

QJsonObject answerBody(const SimBatch &batch, qint64 n)
{
    QByteArray out;
    SimJsonWriter json(out);
    ::answerBody(json, batch, n);
    return QJsonDocument::fromJson(out).object();
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
    // A batch that failed validation still has its file: its requests, and the line that failed it broken.
    const qint64 brokenLine =
        batch.outcome == SimBatch::Outcome::Failed && batch.failureCode == QLatin1String("invalid_json_line")
            ? batch.failureLine.value_or(0)
            : 0;
    const qint64 lines = qMax(qMax(batch.total, batch.submitted), brokenLine);
    for (qint64 n = 1; n <= lines; ++n) {
        if (n == brokenLine) {
            out += "{\"custom_id\": \"" + batch.customIdOf(n).toUtf8().replace('"', "\\\"") +
                   "\", \"method\": \"POST\", \"url\": \"\n";
            continue;
        }
        SimJsonWriter json(out);
        json.beginObject().key("custom_id").value(batch.customIdOf(n)).key("method").value("POST");
        json.key("url")
            .value(batch.endpoint)
            .key("body")
            .beginObject()
            .key("model")
            .value(usedModel(batch, n));
        if (batch.endpoint == QLatin1String("/v1/embeddings")) {
            json.key("input").value(QStringLiteral("Simulated text %1").arg(n));
        } else if (batch.endpoint == QLatin1String("/v1/responses")) {
            json.key("input").value(QStringLiteral("Simulated question %1").arg(n));
        } else {
            json.key("messages").beginArray().beginObject().key("role").value("user").key("content");
            json.value(QStringLiteral("Simulated question %1").arg(n)).endObject().endArray();
        }
        json.endObject().endObject();
        out += '\n';
    }
    return out;
}

} // namespace SimFileContent
