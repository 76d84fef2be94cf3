#include "sim/simproviderlines.h"

#include "sim/simbatch.h"
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

QJsonObject anthropicError(qint64 n, qint64 failure, const QString &model)
{
    QString type = QStringLiteral("invalid_request_error");
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
        type = QStringLiteral("overloaded_error");
        message = QStringLiteral("Overloaded");
        break;
    }
    return {{QStringLiteral("type"), QStringLiteral("error")},
            {QStringLiteral("error"),
             QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("message"), message}}}};
}

QJsonObject anthropicLine(const SimBatch &batch, const QString &model, qint64 n, const QString &customId,
                          const QString &type, qint64 failure)
{
    QJsonObject result{{QStringLiteral("type"), type}};
    if (type == QLatin1String("succeeded")) {
        result.insert(QStringLiteral("message"),
                      QJsonObject{{QStringLiteral("id"), hexId("msg_", batch.id, n, 24)},
                                  {QStringLiteral("type"), QStringLiteral("message")},
                                  {QStringLiteral("role"), QStringLiteral("assistant")},
                                  {QStringLiteral("model"), model},
                                  {QStringLiteral("content"),
                                   QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                          {QStringLiteral("text"),
                                                           QStringLiteral("Simulated answer %1.").arg(n)}}}},
                                  {QStringLiteral("stop_reason"), QStringLiteral("end_turn")},
                                  {QStringLiteral("stop_sequence"), QJsonValue(QJsonValue::Null)},
                                  {QStringLiteral("usage"),
                                   QJsonObject{{QStringLiteral("input_tokens"), qint64(20 + n % 50)},
                                               {QStringLiteral("output_tokens"), qint64(5 + n % 20)}}}});
    } else if (type == QLatin1String("errored")) {
        result.insert(QStringLiteral("error"), anthropicError(n, failure, model));
    }
    return {{QStringLiteral("custom_id"), customId}, {QStringLiteral("result"), result}};
}

QJsonObject responseLine(const SimBatch &batch, const QString &model, qint64 n)
{
    const QJsonObject part{{QStringLiteral("text"), QStringLiteral("Simulated answer %1.").arg(n)}};
    const QJsonObject candidate{
        {QStringLiteral("content"), QJsonObject{{QStringLiteral("parts"), QJsonArray{part}},
                                                {QStringLiteral("role"), QStringLiteral("model")}}},
        {QStringLiteral("finishReason"), QStringLiteral("STOP")},
        {QStringLiteral("index"), 0}};
    const QJsonObject usage{{QStringLiteral("promptTokenCount"), qint64(20 + n % 50)},
                            {QStringLiteral("candidatesTokenCount"), qint64(5 + n % 20)},
                            {QStringLiteral("totalTokenCount"), qint64(25 + n % 50 + n % 20)}};
    const QByteArray hash = QCryptographicHash::hash(
        QByteArray(batch.id.toLatin1() + ':' + QByteArray::number(n)), QCryptographicHash::Md5);
    return {{QStringLiteral("key"), batch.customIdOf(n)},
            {QStringLiteral("response"),
             QJsonObject{{QStringLiteral("candidates"), QJsonArray{candidate}},
                         {QStringLiteral("usageMetadata"), usage},
                         {QStringLiteral("modelVersion"), model.mid(7)},
                         {QStringLiteral("responseId"),
                          QString::fromLatin1(hash.toBase64(QByteArray::Base64UrlEncoding |
                                                            QByteArray::OmitTrailingEquals))}}}};
}

QJsonObject geminiErrorLine(const SimBatch &batch, qint64 n, qint64 failure)
{
    int code = 400;
    QString status = QStringLiteral("INVALID_ARGUMENT");
    QString message = QStringLiteral("* GenerateContentRequest.contents: contents is not specified");
    if (failure % 3 == 1) {
        code = 429;
        status = QStringLiteral("RESOURCE_EXHAUSTED");
        message = QStringLiteral("Resource has been exhausted (e.g. check quota).");
    } else if (failure % 3 == 2) {
        message = QStringLiteral("The input token count (%1) exceeds the maximum number of tokens allowed "
                                 "(1048576).")
                      .arg(1048576 + 13 * n);
    }
    return {{QStringLiteral("key"), batch.customIdOf(n)},
            {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code},
                                                  {QStringLiteral("message"), message},
                                                  {QStringLiteral("status"), status}}}};
}

void appendLine(QByteArray &out, const QJsonObject &line)
{
    out += QJsonDocument(line).toJson(QJsonDocument::Compact);
    out += '\n';
}
} // namespace

namespace SimProviderLines {

QByteArray anthropicResults(const SimBatch &batch, const QString &model, const std::array<qint64, 4> &counts)
{
    static const char *const kTypes[] = {"succeeded", "errored", "canceled", "expired"};
    std::array<qint64, 4> written = {0, 0, 0, 0};
    QByteArray out;
    const auto write = [&](size_t type, qint64 n, const QString &customId, qint64 failure) {
        appendLine(out, anthropicLine(batch, model, n, customId, QLatin1String(kTypes[type]), failure));
        ++written[type];
    };
    if (batch.total == 0) {
        // Validation failed (Anthropic has no such state: every request errs) or there was nothing to run.
        for (qint64 n = 1; n <= counts[1]; ++n)
            write(1, n, batch.customIdOf(n), n);
    } else {
        const size_t notRun = counts[2] > 0 ? 2 : 3;
        SimRequestPlan::forEach(batch, counts[0] + counts[1], counts[0], [&](qint64 n, Fate fate, qint64 k) {
            if (fate == Fate::Ok)
                write(0, n, batch.customIdOf(n), 0);
            else if (fate != Fate::NotRun)
                write(1, n, batch.customIdOf(n), k);
            else if (written[notRun] < counts[notRun])
                write(notRun, n, batch.customIdOf(n), 0);
        });
    }
    qint64 past = batch.total;
    for (size_t type = 0; type < 4; ++type) {
        while (written[type] < counts[type]) {
            ++past;
            write(type, past, batch.customIdOf(past), past);
        }
    }
    return out;
}

QByteArray geminiResponses(const SimBatch &batch, const QString &model, qint64 succeeded, qint64 failed)
{
    QByteArray out;
    SimRequestPlan::forEach(batch, succeeded + failed, succeeded, [&](qint64 n, Fate fate, qint64 k) {
        if (fate == Fate::Ok)
            appendLine(out, responseLine(batch, model, n));
        else if (fate != Fate::NotRun)
            appendLine(out, geminiErrorLine(batch, n, k));
    });
    return out;
}

QJsonArray geminiInlined(const SimBatch &batch, const QString &model, qint64 succeeded, qint64 failed)
{
    std::vector<std::pair<Fate, qint64>> fates(size_t(qMax<qint64>(0, batch.total)), {Fate::NotRun, 0});
    SimRequestPlan::forEach(batch, succeeded + failed, succeeded, [&](qint64 n, Fate fate, qint64 k) {
        fates[size_t(n - 1)] = {fate, k};
    });
    QJsonArray inlined;
    for (qint64 n = 1; n <= qint64(fates.size()); ++n) {
        const auto [fate, k] = fates[size_t(n - 1)];
        if (fate == Fate::NotRun)
            continue;
        QJsonObject line = fate == Fate::Ok ? responseLine(batch, model, n) : geminiErrorLine(batch, n, k);
        line.insert(QStringLiteral("metadata"),
                    QJsonObject{{QStringLiteral("key"), line.take(QLatin1String("key"))}});
        inlined.append(line);
    }
    return inlined;
}

} // namespace SimProviderLines
