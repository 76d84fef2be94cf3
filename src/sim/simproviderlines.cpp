#include "sim/simproviderlines.h"

#include "sim/simbatch.h"
#include "sim/simjsonwriter.h"
#include "sim/simrequestplan.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <vector>

namespace {
using Fate = SimRequestPlan::Fate;

QString hexId(const char *prefix, const QString &batchId, qint64 line, int length)
{
    const QByteArray hash = QCryptographicHash::hash(
        QByteArray(batchId.toLatin1() + ':' + QByteArray::number(line)), QCryptographicHash::Md5);
    return QLatin1String(prefix) + QString::fromLatin1(hash.toHex().left(length));
}

void anthropicError(SimJsonWriter &json, qint64 n, qint64 failure, const QString &model)
{
    const char *type = "invalid_request_error";
    QString message;
    switch (failure % 3) {
    case 0:
        message = QStringLiteral("messages: at least one message is required");
        break;
    case 1:
        message =
            QStringLiteral("max_tokens: %1 > 64000, which is the maximum allowed number of output tokens "
                           "for %2")
                .arg(64000 + n % 977)
                .arg(model);
        break;
    default:
        type = "overloaded_error";
        message = QStringLiteral("Overloaded");
        break;
    }
    json.beginObject().key("type").value("error").key("error").beginObject().key("type").value(type);
    json.key("message").value(message).endObject().endObject();
}

void anthropicLine(QByteArray &out, const SimBatch &batch, const QString &model, qint64 n,
                   const QString &customId, const char *type, qint64 failure)
{
    SimJsonWriter json(out);
    json.beginObject().key("custom_id").value(customId).key("result").beginObject().key("type").value(type);
    if (qstrcmp(type, "succeeded") == 0) {
        json.key("message").beginObject().key("id").value(hexId("msg_", batch.id, n, 24));
        json.key("type").value("message").key("role").value("assistant").key("model").value(model);
        json.key("content").beginArray().beginObject().key("type").value("text").key("text");
        json.value(batch.answerOf(n)).endObject().endArray();
        json.key("stop_reason").value("end_turn").key("stop_sequence").null();
        json.key("usage").beginObject().key("input_tokens").value(qint64(20 + n % 50));
        json.key("output_tokens").value(qint64(5 + n % 20)).endObject().endObject();
    } else if (qstrcmp(type, "errored") == 0) {
        json.key("error");
        anthropicError(json, n, failure, model);
    }
    json.endObject().endObject();
    out += '\n';
}

// A Gemini result line: {"key", "response"|"error"} (`inlined`: the key inside "metadata" instead).
void geminiLine(QByteArray &out, const SimBatch &batch, const QString &model, qint64 n, Fate fate,
                qint64 failure, bool inlined)
{
    SimJsonWriter json(out);
    json.beginObject();
    if (!inlined)
        json.key("key").value(batch.customIdOf(n));
    if (fate == Fate::Ok) {
        const QByteArray hash = QCryptographicHash::hash(
            QByteArray(batch.id.toLatin1() + ':' + QByteArray::number(n)), QCryptographicHash::Md5);
        json.key("response").beginObject().key("candidates").beginArray().beginObject();
        json.key("content").beginObject().key("parts").beginArray().beginObject().key("text");
        json.value(batch.answerOf(n)).endObject().endArray();
        json.key("role").value("model").endObject();
        json.key("finishReason").value("STOP").key("index").value(0).endObject().endArray();
        json.key("usageMetadata").beginObject().key("promptTokenCount").value(qint64(20 + n % 50));
        json.key("candidatesTokenCount").value(qint64(5 + n % 20));
        json.key("totalTokenCount").value(qint64(25 + n % 50 + n % 20)).endObject();
        json.key("modelVersion").value(QStringView(model).mid(7)).key("responseId");
        json.value(QString::fromLatin1(
            hash.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
        json.endObject();
    } else {
        int code = 400;
        const char *status = "INVALID_ARGUMENT";
        QString message = QStringLiteral("* GenerateContentRequest.contents: contents is not specified");
        if (failure % 3 == 1) {
            code = 429;
            status = "RESOURCE_EXHAUSTED";
            message = QStringLiteral("Resource has been exhausted (e.g. check quota).");
        } else if (failure % 3 == 2) {
            message =
                QStringLiteral("The input token count (%1) exceeds the maximum number of tokens allowed "
                               "(1048576).")
                    .arg(1048576 + 13 * n);
        }
        json.key("error").beginObject().key("code").value(code).key("message").value(message);
        json.key("status").value(status).endObject();
    }
    if (inlined)
        json.key("metadata").beginObject().key("key").value(batch.customIdOf(n)).endObject();
    json.endObject();
}
} // namespace

namespace SimProviderLines {

QByteArray anthropicResults(const SimBatch &batch, const QString &model, const std::array<qint64, 4> &counts)
{
    static const char *const kTypes[] = {"succeeded", "errored", "canceled", "expired"};
    std::array<qint64, 4> written = {0, 0, 0, 0};
    QByteArray out;
    const auto write = [&](size_t type, qint64 n, qint64 failure) {
        anthropicLine(out, batch, model, n, batch.customIdOf(n), kTypes[type], failure);
        ++written[type];
    };
    if (batch.total == 0) {
        // Validation failed (Anthropic has no such state: every request errs) or there was nothing to run.
        for (qint64 n = 1; n <= counts[1]; ++n)
            write(1, n, n);
    } else {
        const size_t notRun = counts[2] > 0 ? 2 : 3;
        SimRequestPlan::forEach(batch, counts[0] + counts[1], counts[0], [&](qint64 n, Fate fate, qint64 k) {
            if (fate == Fate::Ok)
                write(0, n, 0);
            else if (fate != Fate::NotRun)
                write(1, n, k);
            else if (written[notRun] < counts[notRun])
                write(notRun, n, 0);
        });
    }
    qint64 past = batch.total;
    for (size_t type = 0; type < 4; ++type) {
        while (written[type] < counts[type]) {
            ++past;
            write(type, past, past);
        }
    }
    return out;
}

QByteArray geminiResponses(const SimBatch &batch, const QString &model, qint64 succeeded, qint64 failed)
{
    QByteArray out;
    SimRequestPlan::forEach(batch, succeeded + failed, succeeded, [&](qint64 n, Fate fate, qint64 k) {
        if (fate != Fate::NotRun) {
            geminiLine(out, batch, model, n, fate, k, false);
            out += '\n';
        }
    });
    return out;
}

QByteArray geminiInput(const SimBatch &batch)
{
    QByteArray out;
    for (qint64 n = 1; n <= batch.total; ++n) {
        SimJsonWriter json(out);
        json.beginObject().key("key").value(batch.customIdOf(n)).key("request").beginObject();
        json.key("contents").beginArray().beginObject().key("role").value("user").key("parts").beginArray();
        json.beginObject().key("text").value(QStringLiteral("Simulated question %1").arg(n)).endObject();
        json.endArray().endObject().endArray().endObject().endObject();
        out += '\n';
    }
    return out;
}

QJsonArray geminiInlined(const SimBatch &batch, const QString &model, qint64 succeeded, qint64 failed)
{
    std::vector<std::pair<Fate, qint64>> fates(size_t(qMax<qint64>(0, batch.total)), {Fate::NotRun, 0});
    SimRequestPlan::forEach(batch, succeeded + failed, succeeded, [&](qint64 n, Fate fate, qint64 k) {
        fates[size_t(n - 1)] = {fate, k};
    });
    QByteArray out;
    SimJsonWriter array(out);
    array.beginArray();
    for (qint64 n = 1; n <= qint64(fates.size()); ++n) {
        const auto [fate, k] = fates[size_t(n - 1)];
        if (fate == Fate::NotRun)
            continue;
        if (out.size() > 1)
            out += ',';
        geminiLine(out, batch, model, n, fate, k, true);
    }
    out += ']';
    return QJsonDocument::fromJson(out).array();
}

} // namespace SimProviderLines
