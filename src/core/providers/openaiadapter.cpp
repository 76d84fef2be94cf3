#include "core/providers/openaiadapter.h"

#include "core/providers/providerjson.h"

#include <QJsonDocument>
#include <QJsonObject>

QUrl OpenAiAdapter::url(const ApiConfig &config, const QString &path, QUrlQuery query) const
{
    return config.endpoint(path, query);
}

ProviderAdapter::Request OpenAiAdapter::item(const ApiConfig &config, const QByteArray &verb,
                                             const QString &collection, const QString &id,
                                             const QString &suffix) const
{
    const QString refusal = unusableIdReason(id);
    if (!refusal.isEmpty())
        return refused(refusal);
    Request request;
    request.verb = verb;
    request.url = url(config, collection + u'/' + id + suffix); // decoded in, encoded once
    return request;
}

ProviderAdapter::Request OpenAiAdapter::list(const ApiConfig &config, const QString &cursor, int limit) const
{
    QUrlQuery query;
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("after"), QString::fromLatin1(QUrl::toPercentEncoding(cursor)));
    if (limit > 0)
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    Request request;
    request.url = url(config, QStringLiteral("batches"), query);
    return request;
}

ProviderAdapter::Request OpenAiAdapter::retrieve(const ApiConfig &config, const QString &id) const
{
    return item(config, QByteArrayLiteral("GET"), QStringLiteral("batches"), id);
}

ProviderAdapter::Request OpenAiAdapter::cancel(const ApiConfig &config, const QString &id) const
{
    return item(config, QByteArrayLiteral("POST"), QStringLiteral("batches"), id, QStringLiteral("/cancel"));
}

ProviderAdapter::Request OpenAiAdapter::fileInfo(const ApiConfig &config, const QString &fileId) const
{
    return item(config, QByteArrayLiteral("GET"), QStringLiteral("files"), fileId);
}

ProviderAdapter::Request OpenAiAdapter::fileContent(const ApiConfig &config, const QString &fileId) const
{
    return item(config, QByteArrayLiteral("GET"), QStringLiteral("files"), fileId,
                QStringLiteral("/content"));
}

void OpenAiAdapter::authorize(const ApiConfig &config, QNetworkRequest *request) const
{
    if (!config.apiKey.isEmpty())
        request->setRawHeader("Authorization", "Bearer " + config.apiKey.toUtf8());
    if (!config.organization.isEmpty())
        request->setRawHeader("OpenAI-Organization", config.organization.toUtf8());
    if (!config.project.isEmpty())
        request->setRawHeader("OpenAI-Project", config.project.toUtf8());
}

Parsed<Batch> OpenAiAdapter::parseBatch(const QByteArray &body) const
{
    Parsed<Batch> parsed = BatchParser::parseBatch(body);
    if (parsed.ok()) {
        if (const QString why = unusableIdReason(parsed.value.id); !why.isEmpty()) {
            parsed.error = QStringLiteral("required field 'id' is unusable: %1").arg(why);
            parsed.value = Batch();
        }
    }
    return parsed;
}

Parsed<BatchPage> OpenAiAdapter::parsePage(const QByteArray &body) const
{
    // A batch whose id cannot be asked for would be held and fail every refresh after: the page fails now,
    // loudly, instead of a run that is short without saying so.
    Parsed<BatchPage> parsed = BatchParser::parseListPage(body);
    for (size_t i = 0; parsed.ok() && i < parsed.value.data.size(); ++i) {
        if (const QString why = unusableIdReason(parsed.value.data[i].id); !why.isEmpty()) {
            parsed.error = QStringLiteral("item %1 of the list: required field 'id' is unusable: %2")
                               .arg(i + 1)
                               .arg(why);
            parsed.value = BatchPage();
        }
    }
    return parsed;
}

Parsed<FileInfo> OpenAiAdapter::parseFileInfo(const QByteArray &body) const
{
    Parsed<FileInfo> result;
    const Parsed<Batch> read =
        ProviderJson::readObject(body, [&result](const ProviderJson::element &o, const JsonSlicer::Slice *) {
            using ProviderJson::member;
            ProviderJson::Reader reader(&result.warnings);
            FileInfo &file = result.value;
            const ProviderJson::Value object = o;
            file.id = reader.string(member(object, "id"), "id");
            file.filename = reader.string(member(object, "filename"), "filename");
            file.bytes = reader.count(member(object, "bytes"), "bytes").value_or(-1);
            file.createdAt = reader.time(member(object, "created_at"), "created_at");
            file.expiresAt = reader.time(member(object, "expires_at"), "expires_at");
            file.purpose = reader.string(member(object, "purpose"), "purpose");
            return Parsed<Batch>();
        });
    result.error = read.error;
    return result;
}

ProviderAdapter::Request OpenAiAdapter::uploadFile(const ApiConfig &config) const
{
    Request request;
    request.verb = QByteArrayLiteral("POST");
    request.url = url(config, QStringLiteral("files"));
    return request;
}

ProviderAdapter::Request OpenAiAdapter::createBatch(const ApiConfig &config,
                                                    const BatchCreateSpec &spec) const
{
    if (spec.inputFileId.isEmpty())
        return refused(QStringLiteral("a batch is created from an uploaded file, and none was given"));
    if (spec.endpoint.isEmpty())
        return refused(
            QStringLiteral("a batch needs the endpoint its requests name (e.g. /v1/chat/completions)"));
    QJsonObject body{{QStringLiteral("input_file_id"), spec.inputFileId},
                     {QStringLiteral("endpoint"), spec.endpoint},
                     {QStringLiteral("completion_window"), spec.completionWindow}};
    if (!spec.metadata.isEmpty()) {
        QJsonObject metadata;
        for (auto it = spec.metadata.cbegin(); it != spec.metadata.cend(); ++it)
            metadata.insert(it.key(), it.value());
        body.insert(QStringLiteral("metadata"), metadata);
    }
    Request request;
    request.verb = QByteArrayLiteral("POST");
    request.url = url(config, QStringLiteral("batches"));
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}
