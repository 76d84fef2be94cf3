// Gemini's file uploads: the Files API's upload endpoint in its resumable and multipart protocols, as the
// official SDKs speak them (@google/genai: start, then "upload, finalize" chunks of up to 8 MB at the URL the
// start answered with in x-goog-upload-url).
#include "sim/multipartform.h"
#include "sim/simaccount.h"
#include "sim/simgeminidialect.h"
#include "sim/simtime.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace {
constexpr qint64 kMaxUploadBytes = 256 * 1024 * 1024; // the simulator keeps uploads in memory
constexpr int kMaxSessions = 64;
constexpr qint64 kFileLifetime = 48 * 3600; // Gemini keeps uploaded files 48 hours

QString origin(const SimRequest &request)
{
    return request.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString();
}
} // namespace

QJsonObject SimGeminiDialect::uploadedFileObject(const SimRequest &request, const SimAccount &account,
                                                 const QString &accountId) const
{
    QString displayName;
    qint64 createdAt = 0;
    const QByteArray *content = account.storedFile(accountId, &displayName, &createdAt);
    if (!content)
        return {};
    const QString name = QStringLiteral("files/") + accountId.mid(5);
    const QJsonValue created = SimTime::rfc3339(QJsonValue(createdAt), 0);
    QJsonObject file{
        {QStringLiteral("name"), name},
        {QStringLiteral("mimeType"), m_mimeTypes.value(accountId, QStringLiteral("application/jsonl"))},
        {QStringLiteral("sizeBytes"), QString::number(content->size())},
        {QStringLiteral("createTime"), created},
        {QStringLiteral("updateTime"), created},
        {QStringLiteral("expirationTime"), SimTime::rfc3339(QJsonValue(createdAt + kFileLifetime), 0)},
        {QStringLiteral("sha256Hash"),
         QString::fromLatin1(QCryptographicHash::hash(*content, QCryptographicHash::Sha256).toBase64())},
        {QStringLiteral("uri"), QString(origin(request) + QStringLiteral("/v1beta/") + name)},
        {QStringLiteral("state"), QStringLiteral("ACTIVE")},
        {QStringLiteral("source"), QStringLiteral("UPLOADED")}};
    if (!displayName.isEmpty())
        file.insert(QStringLiteral("displayName"), displayName);
    return file;
}

SimResponse SimGeminiDialect::finishUpload(const SimRequest &request, SimAccount &account,
                                           const QByteArray &content, const QString &displayName,
                                           const QString &mimeType)
{
    const QString id = account.storeFile(displayName, QStringLiteral("batch"), content);
    m_mimeTypes.insert(id, mimeType.isEmpty() ? QStringLiteral("application/jsonl") : mimeType);
    SimResponse response =
        SimResponse::json({{QStringLiteral("file"), uploadedFileObject(request, account, id)}});
    response.headers.append(qMakePair(QByteArray("x-goog-upload-status"), QByteArray("final")));
    return response;
}

SimResponse SimGeminiDialect::upload(const SimRequest &request, SimAccount &account)
{
    const QString session = request.queryValue(QStringLiteral("upload_id"));
    const QByteArray protocol = request.header("x-goog-upload-protocol").toLower();
    const QByteArray command = request.header("x-goog-upload-command").toLower();
    if (session.isEmpty() && protocol == "resumable") {
        if (!command.contains("start"))
            return error(request, 400,
                         QStringLiteral("A resumable upload begins with X-Goog-Upload-Command: start."));
        bool ok = false;
        const qint64 declared = request.header("x-goog-upload-header-content-length").toLongLong(&ok);
        if (!ok || declared < 0 || declared > kMaxUploadBytes)
            return error(request, 400,
                         QStringLiteral("X-Goog-Upload-Header-Content-Length must be 0 to %1 bytes.")
                             .arg(kMaxUploadBytes));
        if (m_uploads.size() >= kMaxSessions)
            m_uploads.erase(m_uploads.begin()); // an abandoned session makes room
        const QJsonObject file =
            QJsonDocument::fromJson(request.body).object().value(QLatin1String("file")).toObject();
        Upload upload;
        upload.declared = declared;
        upload.displayName = file.value(QLatin1String("displayName")).toString();
        upload.mimeType = QString::fromLatin1(request.header("x-goog-upload-header-content-type"));
        if (upload.mimeType.isEmpty())
            upload.mimeType = file.value(QLatin1String("mimeType")).toString();
        QByteArray bytes(16, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
        const QString id = QString::fromLatin1(bytes.toHex());
        m_uploads.insert(id, upload);
        SimResponse response;
        response.contentType = "text/plain";
        const QString url =
            origin(request) +
            QStringLiteral("/upload/v1beta/files?upload_id=%1&upload_protocol=resumable").arg(id);
        response.headers = {{"x-goog-upload-url", url.toLatin1()},
                            {"x-goog-upload-control-url", url.toLatin1()},
                            {"x-goog-upload-chunk-granularity", "8388608"},
                            {"x-goog-upload-status", "active"}};
        return response;
    }
    if (session.isEmpty() && (protocol == "multipart" || request.queryValue(QStringLiteral("uploadType")) ==
                                                             QLatin1String("multipart"))) {
        const MultipartForm form = MultipartForm::parse(request.header("content-type"), request.body);
        if (!form.isValid())
            return error(request, 400,
                         QStringLiteral("Expected a multipart/related body: %1").arg(form.error()));
        const QJsonObject file =
            QJsonDocument::fromJson(form.value("0")).object().value(QLatin1String("file")).toObject();
        return finishUpload(request, account, form.value("1"),
                            file.value(QLatin1String("displayName")).toString(),
                            file.value(QLatin1String("mimeType")).toString());
    }
    if (session.isEmpty())
        return error(request, 400,
                     QStringLiteral("Uploads take X-Goog-Upload-Protocol: resumable or multipart."));
    const auto it = m_uploads.find(session);
    if (it == m_uploads.end())
        return error(request, 404, QStringLiteral("No upload session '%1'.").arg(session.left(64)));
    if (command.contains("cancel")) {
        m_uploads.erase(it);
        SimResponse cancelled;
        cancelled.headers.append(qMakePair(QByteArray("x-goog-upload-status"), QByteArray("cancelled")));
        return cancelled;
    }
    if (command.contains("upload")) {
        bool ok = false;
        const qint64 offset = request.header("x-goog-upload-offset").toLongLong(&ok);
        if (!ok || offset != it->data.size())
            return error(request, 400,
                         QStringLiteral("X-Goog-Upload-Offset must be %1, the bytes received so far.")
                             .arg(it->data.size()));
        if (it->data.size() + request.body.size() > it->declared)
            return error(request, 400, QStringLiteral("More bytes than the %1 announced.").arg(it->declared));
        // All sessions together stay under the one-upload limit: abandoned ones cannot pile up memory.
        qint64 held = 0;
        for (const Upload &open : std::as_const(m_uploads))
            held += open.data.size();
        if (held + request.body.size() > kMaxUploadBytes)
            return error(request, 429,
                         QStringLiteral("Too many upload bytes in flight; finish or cancel one."));
        it->data += request.body;
    }
    if (!command.contains("finalize")) {
        SimResponse active;
        active.contentType = "text/plain";
        active.headers = {{"x-goog-upload-status", "active"},
                          {"x-goog-upload-size-received", QByteArray::number(it->data.size())}};
        return active;
    }
    if (it->data.size() != it->declared)
        return error(request, 400,
                     QStringLiteral("The upload ended after %1 of the %2 bytes announced.")
                         .arg(it->data.size())
                         .arg(it->declared));
    const Upload done = it.value();
    m_uploads.erase(it);
    return finishUpload(request, account, done.data, done.displayName, done.mimeType);
}
