#include "sim/simgeminioperation.h"

#include "sim/simbatch.h"
#include "sim/simproviderlines.h"
#include "sim/simtime.h"

#include <QJsonArray>

namespace {
const QLatin1String
    kBatchType("type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch");
const QLatin1String
    kOutputType("type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput");
QString modelFor(const QString &openAiModel)
{
    if (openAiModel.startsWith(QLatin1String("models/")))
        return openAiModel;
    if (openAiModel.startsWith(QLatin1String("text-embedding")))
        return QStringLiteral("models/gemini-embedding-001");
    if (openAiModel.startsWith(QLatin1String("gpt-4.1")) || openAiModel.startsWith(u'o'))
        return QStringLiteral("models/gemini-2.5-pro");
    if (openAiModel.startsWith(QLatin1String("gpt-5")))
        return QStringLiteral("models/gemini-2.5-flash");
    return QStringLiteral("models/gemini-2.5-flash-lite");
}

QString stateFor(const QString &status)
{
    if (status == QLatin1String("validating"))
        return QStringLiteral("BATCH_STATE_PENDING");
    if (status == QLatin1String("completed"))
        return QStringLiteral("BATCH_STATE_SUCCEEDED");
    if (status == QLatin1String("failed"))
        return QStringLiteral("BATCH_STATE_FAILED");
    if (status == QLatin1String("cancelled"))
        return QStringLiteral("BATCH_STATE_CANCELLED");
    if (status == QLatin1String("expired"))
        return QStringLiteral("BATCH_STATE_EXPIRED");
    return QStringLiteral("BATCH_STATE_RUNNING"); // in_progress, finalizing, cancelling
}

QString responsesFileId(const QString &openAiId)
{
    return QStringLiteral("responses") + openAiId.mid(6);
}

// int64 values are strings in Google's JSON, and proto3 leaves zeros out.
void putCount(QJsonObject &stats, const char *name, qint64 value)
{
    if (value != 0)
        stats.insert(QLatin1String(name), QString::number(value));
}

QString displayNameFor(const SimBatch &batch)
{
    for (auto it = batch.metadata.constBegin(); it != batch.metadata.constEnd(); ++it) {
        if (it.value().isString() && !it.value().toString().isEmpty())
            return it.value().toString();
    }
    return QStringLiteral("sim-batch-") + batch.id.mid(6, 8);
}

// An uploaded file's name (account id "file-<hex>" is "files/<hex>"), else a generated input's.
QString inputFileName(const SimBatch &batch)
{
    if (batch.inputFileId.startsWith(QLatin1String("file-")) &&
        !batch.inputFileId.startsWith(QLatin1String("file-in")))
        return QStringLiteral("files/") + batch.inputFileId.mid(5);
    return QStringLiteral("files/input") + batch.id.mid(6);
}

} // namespace

namespace SimGeminiOperation {

QString toGeminiId(const QString &openAiId)
{
    return openAiId.startsWith(QLatin1String("batch_")) ? openAiId.mid(6) : QString();
}

QString toOpenAiId(const QString &geminiId)
{
    return geminiId.isEmpty() ? QString() : QStringLiteral("batch_") + geminiId;
}

QString model(const QString &openAiModel)
{
    return modelFor(openAiModel);
}

QJsonObject operation(const SimBatch &batch, const QJsonObject &openAi)
{
    const QString status = openAi.value(QLatin1String("status")).toString();
    const QString name = QStringLiteral("batches/") + toGeminiId(batch.id);
    const int micros = int(qHash(batch.id, 29) % 1'000'000);
    const QJsonObject counts = openAi.value(QLatin1String("request_counts")).toObject();
    const qint64 succeeded = counts.value(QLatin1String("completed")).toInteger();
    const qint64 failed = counts.value(QLatin1String("failed")).toInteger();
    QJsonValue endTime = QJsonValue::Null;
    QJsonValue updateTime = openAi.value(QLatin1String("created_at"));
    for (const char *field : {"in_progress_at", "finalizing_at", "cancelling_at", "completed_at", "failed_at",
                              "expired_at", "cancelled_at"}) {
        const QJsonValue at = openAi.value(QLatin1String(field));
        if (at.isDouble() && at.toInteger() >= updateTime.toInteger())
            updateTime = at;
        if (at.isDouble() && QByteArray(field) != "in_progress_at" && QByteArray(field) != "finalizing_at" &&
            QByteArray(field) != "cancelling_at")
            endTime = at;
    }
    const bool done = endTime.isDouble();
    QJsonObject stats;
    putCount(stats, "requestCount", batch.submitted);
    putCount(stats, "successfulRequestCount", succeeded);
    putCount(stats, "failedRequestCount", failed);
    putCount(stats, "pendingRequestCount", done ? 0 : qMax<qint64>(0, batch.submitted - succeeded - failed));

    QJsonObject metadata{
        {QStringLiteral("@type"), kBatchType},
        {QStringLiteral("name"), name},
        {QStringLiteral("model"), modelFor(batch.model)},
        {QStringLiteral("displayName"), displayNameFor(batch)},
        {QStringLiteral("inputConfig"), QJsonObject{{QStringLiteral("fileName"), inputFileName(batch)}}},
        {QStringLiteral("createTime"), SimTime::rfc3339(openAi.value(QLatin1String("created_at")), micros)},
        {QStringLiteral("updateTime"), SimTime::rfc3339(updateTime, micros)},
        {QStringLiteral("batchStats"), stats},
        {QStringLiteral("state"), stateFor(status)}};
    if (done)
        metadata.insert(QStringLiteral("endTime"), SimTime::rfc3339(endTime, micros));
    QJsonObject output;
    if (done && status != QLatin1String("failed") && succeeded + failed > 0 && batch.inlineResults)
        output.insert(
            QStringLiteral("inlinedResponses"),
            QJsonObject{{QStringLiteral("inlinedResponses"),
                         SimProviderLines::geminiInlined(batch, modelFor(batch.model), succeeded, failed)}});
    else if (done && status != QLatin1String("failed") && succeeded + failed > 0)
        output.insert(QStringLiteral("responsesFile"),
                      QString(QStringLiteral("files/") + responsesFileId(batch.id)));
    if (!output.isEmpty())
        metadata.insert(QStringLiteral("output"), output);

    QJsonObject op{{QStringLiteral("name"), name}, {QStringLiteral("metadata"), metadata}};
    if (!done)
        return op; // `done` is left out while running, as proto3 leaves out false
    op.insert(QStringLiteral("done"), true);
    if (status == QLatin1String("failed")) {
        const QJsonArray errors =
            openAi.value(QLatin1String("errors")).toObject().value(QLatin1String("data")).toArray();
        op.insert(
            QStringLiteral("error"),
            QJsonObject{{QStringLiteral("code"), 3}, // google.rpc.Code INVALID_ARGUMENT
                        {QStringLiteral("message"),
                         errors.isEmpty() ? QJsonValue(QStringLiteral("The batch failed."))
                                          : errors.first().toObject().value(QLatin1String("message"))}});
    } else {
        QJsonObject response{{QStringLiteral("@type"), kOutputType}};
        for (auto it = output.constBegin(); it != output.constEnd(); ++it)
            response.insert(it.key(), it.value());
        op.insert(QStringLiteral("response"), response);
    }
    return op;
}

} // namespace SimGeminiOperation
