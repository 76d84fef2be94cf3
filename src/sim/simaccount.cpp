#include "sim/simaccount.h"

#include "sim/multipartform.h"
#include "sim/simaccountgenerator.h"
#include "sim/simfilecontent.h"
#include "sim/siminputfile.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace {
constexpr qint64 kFileLifetime = 30 * 86'400;
const QString kInvalidRequest = QStringLiteral("invalid_request_error");

SimResponse notFound(const QString &message)
{
    return SimResponse::error(404, message, kInvalidRequest);
}

bool isSupportedEndpoint(const QString &endpoint)
{
    static const QStringList kSupported = {
        QStringLiteral("/v1/responses"), QStringLiteral("/v1/chat/completions"),
        QStringLiteral("/v1/embeddings"), QStringLiteral("/v1/completions"),
        QStringLiteral("/v1/moderations")};
    return kSupported.contains(endpoint);
}
} // namespace

SimAccount::SimAccount(const Options &options)
    : m_options(options)
    , m_epoch(options.startTime > 0 ? options.startTime : QDateTime::currentSecsSinceEpoch())
    , m_nextSerial(static_cast<quint64>(qMax(0, options.batches)) + 1)
{
    m_clock.start();
    m_batches = SimAccountGenerator::generate(options.batches, options.seed, m_epoch);
    std::reverse(m_batches.begin(), m_batches.end());
    if (options.padBytes > 0) {
        const QString padding(options.padBytes, u'p');
        for (SimBatch &batch : m_batches)
            batch.extraFields.insert(QStringLiteral("x_padding"), padding);
    }
    for (int row = 0; row < int(m_batches.size()); ++row)
        m_rowById.insert(m_batches[size_t(row)].id, row);
}

qint64 SimAccount::advanceClock(qint64 seconds)
{
    Q_ASSERT(seconds >= 0);
    m_epoch += seconds;
    return now();
}

qint64 SimAccount::now() const
{
    return m_epoch + static_cast<qint64>(double(m_clock.elapsed()) * m_options.speed / 1000.0);
}

QJsonObject SimAccount::shown(QJsonObject object) const
{
    if (!m_options.realTimestamps || m_options.speed <= 1.0)
        return object;
    // Monotonic, so every order and every "before" stays true; what happened before the start is unchanged.
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.key().endsWith(QLatin1String("_at")) || !it.value().isDouble())
            continue;
        const qint64 at = it.value().toInteger();
        if (at > m_epoch)
            *it = m_epoch + static_cast<qint64>(double(at - m_epoch) / m_options.speed);
    }
    return object;
}

const SimBatch *SimAccount::findBatch(const QString &id) const
{
    const auto it = m_rowById.constFind(id);
    return it == m_rowById.cend() ? nullptr : &m_batches[size_t(*it)];
}

SimResponse SimAccount::listBatches(const QUrlQuery &query) const
{
    int limit = 20;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        const QString text = query.queryItemValue(QStringLiteral("limit"));
        bool ok = false;
        limit = text.toInt(&ok);
        if (!ok)
            return SimResponse::error(
                400, QStringLiteral("Invalid 'limit': expected an integer, but got '%1' instead.").arg(text),
                kInvalidRequest, QStringLiteral("invalid_type"), QStringLiteral("limit"));
        if (limit < 1)
            return SimResponse::error(400,
                                      QStringLiteral("Invalid 'limit': integer below minimum value. Expected "
                                                     "a value >= 1, but got %1 instead.")
                                          .arg(limit),
                                      kInvalidRequest, QStringLiteral("integer_below_min_value"),
                                      QStringLiteral("limit"));
        if (limit > 100)
            return SimResponse::error(400,
                                      QStringLiteral("Invalid 'limit': integer above maximum value. Expected "
                                                     "a value <= 100, but got %1 instead.")
                                          .arg(limit),
                                      kInvalidRequest, QStringLiteral("integer_above_max_value"),
                                      QStringLiteral("limit"));
    }

    // Newest first means walking the vector backwards from just below the cursor.
    int start = int(m_batches.size()) - 1;
    const QString after = query.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded);
    if (!after.isEmpty()) {
        const auto it = m_rowById.constFind(after);
        start = it == m_rowById.cend() ? -1 : *it - 1;
    }
    const qint64 at = now();
    QJsonArray data;
    int row = start;
    for (; row >= 0 && data.size() < limit; --row)
        data.append(batchJson(m_batches[size_t(row)], at));

    const auto idAt = [&](qsizetype i) {
        return data.isEmpty() ? QJsonValue(QJsonValue::Null)
                              : data.at(i).toObject().value(QLatin1String("id"));
    };
    return SimResponse::json({{QStringLiteral("object"), QStringLiteral("list")},
                              {QStringLiteral("data"), data},
                              {QStringLiteral("first_id"), idAt(0)},
                              {QStringLiteral("last_id"), idAt(data.size() - 1)},
                              {QStringLiteral("has_more"), row >= 0}});
}

QList<QByteArray> SimAccount::listAllPages(int limit) const
{
    QList<QByteArray> pages;
    QString after;
    for (;;) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
        if (!after.isEmpty())
            query.addQueryItem(QStringLiteral("after"), after);
        pages << listBatches(query).body;
        const QJsonObject page = QJsonDocument::fromJson(pages.last()).object();
        const QJsonArray data = page.value(QLatin1String("data")).toArray();
        if (!page.value(QLatin1String("has_more")).toBool() || data.isEmpty())
            return pages;
        after = data.last().toObject().value(QLatin1String("id")).toString();
    }
}

SimResponse SimAccount::retrieveBatch(const QString &id) const
{
    const SimBatch *batch = findBatch(id);
    if (!batch)
        return notFound(QStringLiteral("No batch found with id '%1'.").arg(id));
    return SimResponse::json(batchJson(*batch, now()));
}

SimResponse SimAccount::cancelBatch(const QString &id)
{
    const auto it = m_rowById.constFind(id);
    if (it == m_rowById.cend())
        return notFound(QStringLiteral("No batch found with id '%1'.").arg(id));
    SimBatch &batch = m_batches[size_t(*it)];
    const qint64 at = now();
    const QString status = batch.statusAt(at);
    if (status == QLatin1String("cancelling"))
        return SimResponse::json(batchJson(batch, at)); // asking twice is harmless
    if (!batch.isCancellableAt(at))
        return SimResponse::error(400, QStringLiteral("Cannot cancel a batch with status '%1'.").arg(status),
                                  kInvalidRequest, QStringLiteral("batch_not_cancellable"));
    batch.cancelRequestedAt = at;
    return SimResponse::json(batchJson(batch, at));
}

SimResponse SimAccount::createBatch(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject())
        return SimResponse::error(400, QStringLiteral("We could not parse the JSON body of your request."),
                                  kInvalidRequest);
    const QJsonObject request = document.object();
    for (const char *field : {"input_file_id", "endpoint", "completion_window"}) {
        if (!request.value(QLatin1String(field)).isString())
            return SimResponse::error(
                400, QStringLiteral("Missing required parameter: '%1'.").arg(QLatin1String(field)),
                kInvalidRequest, QStringLiteral("missing_required_parameter"), QLatin1String(field));
    }
    const QString endpoint = request.value(QLatin1String("endpoint")).toString();
    if (!isSupportedEndpoint(endpoint))
        return SimResponse::error(
            400, QStringLiteral("Invalid value for 'endpoint': '%1' is not supported.").arg(endpoint),
            kInvalidRequest, QStringLiteral("invalid_value"), QStringLiteral("endpoint"));
    if (request.value(QLatin1String("completion_window")).toString() != QLatin1String("24h"))
        return SimResponse::error(
            400, QStringLiteral("Invalid value for 'completion_window': only '24h' is supported."),
            kInvalidRequest, QStringLiteral("invalid_value"), QStringLiteral("completion_window"));
    const QString fileId = request.value(QLatin1String("input_file_id")).toString();
    const auto file = m_files.constFind(fileId);
    if (file == m_files.cend() || file->purpose != QLatin1String("batch"))
        return SimResponse::error(
            400,
            QStringLiteral("Invalid 'input_file_id': '%1' is not a file uploaded with purpose 'batch'.")
                .arg(fileId),
            kInvalidRequest, QStringLiteral("invalid_value"), QStringLiteral("input_file_id"));

    SimBatch batch;
    batch.endpoint = endpoint;
    batch.inputFileId = fileId;
    batch.metadata = request.value(QLatin1String("metadata")).toObject();
    // Validation reads the lines: a line that does not hold a request fails the batch, as the API does.
    SimInputFile::readOpenAi(file->content, endpoint).applyTo(batch);
    if (batch.outcome != SimBatch::Outcome::Failed)
        batch.failedShare = m_options.createdFailedShare;
    return SimResponse::json(batchObject(add(std::move(batch))));
}

const SimBatch &SimAccount::createBatch(const QString &endpoint, const QString &model, qint64 requests,
                                        const QJsonObject &metadata, bool inlineResults)
{
    SimBatch batch;
    batch.inlineResults = inlineResults;
    batch.endpoint = endpoint;
    batch.model = model;
    batch.metadata = metadata;
    batch.total = batch.submitted = qMax<qint64>(0, requests);
    return add(std::move(batch));
}

const SimBatch &SimAccount::createBatch(const QString &endpoint, const QString &model,
                                        std::shared_ptr<const SimRequestIds> requests,
                                        const QJsonObject &metadata, bool inlineResults,
                                        const QString &inputFileId)
{
    Q_ASSERT(requests);
    SimBatch batch;
    batch.inlineResults = inlineResults;
    batch.endpoint = endpoint;
    batch.model = model;
    batch.metadata = metadata;
    batch.inputFileId = inputFileId;
    batch.total = batch.submitted = requests->customIds.size();
    batch.requests = std::move(requests);
    batch.failedShare = m_options.createdFailedShare;
    return add(std::move(batch));
}

SimBatch &SimAccount::add(SimBatch batch)
{
    // A created batch validates for 5 s, runs 10 s or half a second per request, finalizes for 5 s.
    const qint64 at = now();
    batch.id = SimAccountGenerator::batchId(m_options.seed, m_nextSerial++);
    if (batch.inputFileId.isEmpty())
        batch.inputFileId = QStringLiteral("file-in") + batch.id.mid(6, 20); // generated on demand
    batch.createdAt = at;
    batch.inProgressAt = at + 5;
    batch.finalizingAt = batch.inProgressAt + qMax<qint64>(10, batch.total / 2);
    batch.endsAt = batch.finalizingAt + 5;
    m_rowById.insert(batch.id, int(m_batches.size()));
    m_batches.push_back(std::move(batch));
    return m_batches.back();
}

SimResponse SimAccount::uploadFile(const QByteArray &contentType, const QByteArray &body)
{
    const MultipartForm form = MultipartForm::parse(contentType, body);
    if (!form.isValid())
        return SimResponse::error(400,
                                  QStringLiteral("Expected a multipart/form-data body: %1").arg(form.error()),
                                  kInvalidRequest);
    const QString purpose = QString::fromUtf8(form.value("purpose"));
    if (purpose.isEmpty())
        return SimResponse::error(400, QStringLiteral("Missing required parameter: 'purpose'."),
                                  kInvalidRequest, QStringLiteral("missing_required_parameter"),
                                  QStringLiteral("purpose"));
    if (!form.hasFile("file"))
        return SimResponse::error(400, QStringLiteral("Missing required parameter: 'file'."), kInvalidRequest,
                                  QStringLiteral("missing_required_parameter"), QStringLiteral("file"));
    const QString id = storeFile(form.fileName("file"), purpose, form.value("file"));
    const StoredFile &file = m_files[id];
    return SimResponse::json(
        fileObject(file.id, file.filename, file.purpose, file.createdAt, file.content.size()));
}

QString SimAccount::storeFile(const QString &filename, const QString &purpose, const QByteArray &content)
{
    StoredFile file;
    file.id = QStringLiteral("file-") +
              QString::fromLatin1(
                  QCryptographicHash::hash(QByteArray("upload:" + QByteArray::number(m_nextSerial++) + ':' +
                                                      QByteArray::number(m_options.seed)),
                                           QCryptographicHash::Md5)
                      .toHex()
                      .left(24));
    file.filename = filename;
    file.purpose = purpose;
    file.createdAt = now();
    file.content = content;
    const QString id = file.id;
    m_files.insert(id, std::move(file));
    return id;
}

const QByteArray *SimAccount::storedFile(const QString &id, QString *filename, qint64 *createdAt) const
{
    const auto file = m_files.constFind(id);
    if (file == m_files.cend())
        return nullptr;
    if (filename)
        *filename = file->filename;
    if (createdAt)
        *createdAt = file->createdAt;
    return &file->content;
}

QJsonObject SimAccount::fileObject(const QString &id, const QString &filename, const QString &purpose,
                                   qint64 createdAt, qint64 bytes) const
{
    return shown({{QStringLiteral("id"), id},
                  {QStringLiteral("object"), QStringLiteral("file")},
                  {QStringLiteral("bytes"), bytes},
                  {QStringLiteral("created_at"), createdAt},
                  {QStringLiteral("expires_at"), createdAt + kFileLifetime},
                  {QStringLiteral("filename"), filename},
                  {QStringLiteral("purpose"), purpose},
                  {QStringLiteral("status"), QStringLiteral("processed")},
                  {QStringLiteral("status_details"), QJsonValue(QJsonValue::Null)}});
}

SimAccount::ResultFile SimAccount::findResultFile(const QString &id) const
{
    // Result file ids are derived from batch ids, so a lookup walks the batches; accounts are small enough.
    const qint64 at = now();
    for (const SimBatch &batch : m_batches) {
        if (batch.inputFileId == id && !m_files.contains(id))
            return {&batch, ResultFile::Input};
        if (batch.visibleOutputFileId(at) == id)
            return {&batch, ResultFile::Output};
        if (batch.visibleErrorFileId(at) == id)
            return {&batch, ResultFile::Errors};
    }
    return {};
}

QByteArray SimAccount::resultContent(const ResultFile &file) const
{
    const qint64 at = now();
    const SimBatch &b = *file.batch;
    switch (file.kind) {
    case ResultFile::Input:
        return SimFileContent::input(b);
    case ResultFile::Errors:
        return SimFileContent::errors(b, at);
    case ResultFile::Output:
        break;
    }
    return SimFileContent::output(b, at);
}

SimResponse SimAccount::retrieveFile(const QString &id) const
{
    const auto stored = m_files.constFind(id);
    if (stored != m_files.cend())
        return SimResponse::json(fileObject(stored->id, stored->filename, stored->purpose, stored->createdAt,
                                            stored->content.size()));
    const ResultFile result = findResultFile(id);
    if (!result.batch)
        return notFound(QStringLiteral("No such File object: %1").arg(id));
    const QString key = id;
    auto size = m_resultSizes.constFind(key);
    if (size == m_resultSizes.cend())
        size = m_resultSizes.insert(key, resultContent(result).size());
    static const char *const kSuffix[] = {"_input.jsonl", "_output.jsonl", "_error.jsonl"};
    static const char *const kPurpose[] = {"batch", "batch_output", "batch_error"};
    const qint64 createdAt =
        result.kind == ResultFile::Input ? result.batch->createdAt - 60 : result.batch->endsAt;
    return SimResponse::json(fileObject(id, result.batch->id + QLatin1String(kSuffix[result.kind]),
                                        QLatin1String(kPurpose[result.kind]), createdAt, *size));
}

SimResponse SimAccount::fileContent(const QString &id) const
{
    SimResponse response;
    response.contentType = "application/octet-stream";
    const auto stored = m_files.constFind(id);
    if (stored != m_files.cend()) {
        response.body = stored->content;
        return response;
    }
    const ResultFile result = findResultFile(id);
    if (!result.batch)
        return notFound(QStringLiteral("No such File object: %1").arg(id));
    response.body = resultContent(result);
    return response;
}
