#include "sim/simproviderlines.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QString hexId(const char *prefix, const QString &batchId, qint64 line, int length)
{
    const QByteArray hash = QCryptographicHash::hash(
        QByteArray(batchId.toLatin1() + ':' + QByteArray::number(line)), QCryptographicHash::Md5);
    return QLatin1String(prefix) + QString::fromLatin1(hash.toHex().left(length));
}

QJsonObject resultFor(const QString &batchId, const QString &model, qint64 n, const QString &type)
{
    QJsonObject result{{QStringLiteral("type"), type}};
    if (type == QLatin1String("succeeded")) {
        result.insert(QStringLiteral("message"),
                      QJsonObject{{QStringLiteral("id"), hexId("msg_", batchId, n, 24)},
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
        result.insert(
            QStringLiteral("error"),
            QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                        {QStringLiteral("error"),
                         QJsonObject{{QStringLiteral("type"), QStringLiteral("invalid_request_error")},
                                     {QStringLiteral("message"),
                                      QStringLiteral("messages: at least one message is required")}}}});
    }
    return {{QStringLiteral("custom_id"), QStringLiteral("request-%1").arg(n)},
            {QStringLiteral("result"), result}};
}

QJsonObject responseLine(const QString &batchId, const QString &model, qint64 n)
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
        QByteArray(batchId.toLatin1() + ':' + QByteArray::number(n)), QCryptographicHash::Md5);
    return {{QStringLiteral("key"), QStringLiteral("request-%1").arg(n)},
            {QStringLiteral("response"),
             QJsonObject{{QStringLiteral("candidates"), QJsonArray{candidate}},
                         {QStringLiteral("usageMetadata"), usage},
                         {QStringLiteral("modelVersion"), model.mid(7)},
                         {QStringLiteral("responseId"),
                          QString::fromLatin1(hash.toBase64(QByteArray::Base64UrlEncoding |
                                                            QByteArray::OmitTrailingEquals))}}}};
}

QJsonObject errorLine(qint64 n)
{
    return {{QStringLiteral("key"), QStringLiteral("request-%1").arg(n)},
            {QStringLiteral("error"),
             QJsonObject{{QStringLiteral("code"), 400},
                         {QStringLiteral("message"),
                          QStringLiteral("* GenerateContentRequest.contents: contents is not specified")},
                         {QStringLiteral("status"), QStringLiteral("INVALID_ARGUMENT")}}}};
}

// A stride coprime with `count` visits every request once, out of order.
qint64 strideFor(qint64 count)
{
    return count > 2 ? (count % 7 ? 7 : (count % 11 ? 11 : 1)) : 1;
}
} // namespace

namespace SimProviderLines {

QByteArray anthropicResults(const QString &batchId, const QString &model, const std::array<qint64, 4> &counts)
{
    static const char *const kTypes[] = {"succeeded", "errored", "canceled", "expired"};
    const qint64 all = counts[0] + counts[1] + counts[2] + counts[3];
    const qint64 stride = strideFor(all);
    QByteArray out;
    for (qint64 i = 0; i < all; ++i) {
        const qint64 n = 1 + (i * stride) % all;
        qint64 bound = 0;
        size_t kind = 0;
        while (kind < 3 && n > bound + counts[kind])
            bound += counts[kind++];
        out += QJsonDocument(resultFor(batchId, model, n, QLatin1String(kTypes[kind])))
                   .toJson(QJsonDocument::Compact);
        out += '\n';
    }
    return out;
}

QByteArray geminiResponses(const QString &batchId, const QString &model, qint64 succeeded, qint64 failed)
{
    const qint64 all = succeeded + failed;
    const qint64 stride = strideFor(all);
    QByteArray out;
    for (qint64 i = 0; i < all; ++i) {
        const qint64 n = 1 + (i * stride) % all;
        out += QJsonDocument(n <= succeeded ? responseLine(batchId, model, n) : errorLine(n))
                   .toJson(QJsonDocument::Compact);
        out += '\n';
    }
    return out;
}

QJsonArray geminiInlined(const QString &batchId, const QString &model, qint64 succeeded, qint64 failed)
{
    QJsonArray inlined;
    for (qint64 n = 1; n <= succeeded + failed; ++n) {
        QJsonObject line = n <= succeeded ? responseLine(batchId, model, n) : errorLine(n);
        line.insert(QStringLiteral("metadata"),
                    QJsonObject{{QStringLiteral("key"), line.take(QLatin1String("key"))}});
        inlined.append(line);
    }
    return inlined;
}

} // namespace SimProviderLines
