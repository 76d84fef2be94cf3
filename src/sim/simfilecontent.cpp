#include "sim/simfilecontent.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
// A stable id such as "req_1f3a..." for line `line` of a batch.
QString hexId(const char *prefix, const QString &batchId, qint64 line, const char *salt, int length = 32)
{
    const QByteArray key = batchId.toLatin1() + salt + QByteArray::number(line);
    return QLatin1String(prefix) +
           QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Md5).toHex().left(length));
}

QJsonObject outputLine(const QString &batchId, const QString &model, qint64 n)
{
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), QStringLiteral("Simulated answer %1.").arg(n)}};
    const QJsonObject body{
        {QStringLiteral("id"), hexId("chatcmpl-", batchId, n, "c", 20)},
        {QStringLiteral("object"), QStringLiteral("chat.completion")},
        {QStringLiteral("model"), model.isEmpty() ? QStringLiteral("gpt-4o-mini") : model},
        {QStringLiteral("choices"),
         QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                {QStringLiteral("message"), message},
                                {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}},
        {QStringLiteral("usage"),
         QJsonObject{{QStringLiteral("prompt_tokens"), qint64(20 + n % 50)},
                     {QStringLiteral("completion_tokens"), qint64(5 + n % 20)},
                     {QStringLiteral("total_tokens"), qint64(25 + n % 50 + n % 20)}}}};
    return {{QStringLiteral("id"), hexId("batch_req_", batchId, n, "r")},
            {QStringLiteral("custom_id"), QStringLiteral("request-%1").arg(n)},
            {QStringLiteral("response"),
             QJsonObject{{QStringLiteral("status_code"), 200},
                         {QStringLiteral("request_id"), hexId("req_", batchId, n, "q")},
                         {QStringLiteral("body"), body}}},
            {QStringLiteral("error"), QJsonValue(QJsonValue::Null)}};
}

QJsonObject errorLine(const QString &batchId, qint64 n)
{
    QJsonObject line{{QStringLiteral("id"), hexId("batch_req_", batchId, n, "r")},
                     {QStringLiteral("custom_id"), QStringLiteral("request-%1").arg(n)}};
    if (n % 2) {
        // A request the model endpoint refused: the error sits in the response body, `error` is null.
        const QJsonObject apiError{
            {QStringLiteral("message"), QStringLiteral("Invalid 'messages': empty array.")},
            {QStringLiteral("type"), QStringLiteral("invalid_request_error")},
            {QStringLiteral("param"), QStringLiteral("messages")},
            {QStringLiteral("code"), QStringLiteral("empty_array")}};
        line.insert(QStringLiteral("response"),
                    QJsonObject{{QStringLiteral("status_code"), 400},
                                {QStringLiteral("request_id"), hexId("req_", batchId, n, "q")},
                                {QStringLiteral("body"), QJsonObject{{QStringLiteral("error"), apiError}}}});
        line.insert(QStringLiteral("error"), QJsonValue(QJsonValue::Null));
    } else {
        line.insert(QStringLiteral("response"), QJsonValue(QJsonValue::Null));
        line.insert(QStringLiteral("error"),
                    QJsonObject{{QStringLiteral("code"), QStringLiteral("batch_expired")},
                                {QStringLiteral("message"),
                                 QStringLiteral("This request could not be executed before "
                                                "the completion window expired.")}});
    }
    return line;
}
} // namespace

namespace SimFileContent {

QByteArray generate(const QString &batchId, const QString &model, qint64 first, qint64 count, bool errors)
{
    QByteArray out;
    // A fixed stride coprime with count visits every line once, out of order.
    const qint64 stride = count > 2 ? (count % 7 ? 7 : (count % 11 ? 11 : 1)) : 1;
    for (qint64 i = 0; i < count; ++i) {
        const qint64 n = first + (i * stride) % count;
        const QJsonObject line = errors ? errorLine(batchId, n) : outputLine(batchId, model, n);
        out += QJsonDocument(line).toJson(QJsonDocument::Compact);
        out += '\n';
    }
    return out;
}

QByteArray generateInput(const QString &endpoint, const QString &model, qint64 count)
{
    QByteArray out;
    const QString usedModel = model.isEmpty() ? QStringLiteral("gpt-4o-mini") : model;
    for (qint64 n = 1; n <= count; ++n) {
        const QJsonObject message{
            {QStringLiteral("role"), QStringLiteral("user")},
            {QStringLiteral("content"), QStringLiteral("Simulated question %1").arg(n)}};
        const QJsonObject line{
            {QStringLiteral("custom_id"), QStringLiteral("request-%1").arg(n)},
            {QStringLiteral("method"), QStringLiteral("POST")},
            {QStringLiteral("url"), endpoint},
            {QStringLiteral("body"), QJsonObject{{QStringLiteral("model"), usedModel},
                                                 {QStringLiteral("messages"), QJsonArray{message}}}}};
        out += QJsonDocument(line).toJson(QJsonDocument::Compact);
        out += '\n';
    }
    return out;
}

} // namespace SimFileContent
