#pragma once

#include "sim/simdialect.h"
#include "sim/simgeminioperation.h"

#include <QHash>

// The Gemini API's Batch Mode: /v1beta/batches?pageSize&pageToken listing long-running operations,
// BATCH_STATE_* states, batchStats counts as strings, responses files downloaded with ?alt=media, the key in
// x-goog-api-key (or ?key=), errors as {"error":{code,message,status}}.
class SimGeminiDialect : public SimDialect
{
public:
    explicit SimGeminiDialect(const Credentials &credentials)
        : SimDialect(credentials)
    {
    }
    Kind kind() const override { return Kind::Gemini; }
    QString baseUrl(quint16 port) const override;
    SimResponse authenticate(const SimRequest &request) const override;
    SimResponse handle(const SimRequest &request, SimAccount &account, QString *route) override;
    SimResponse error(const SimRequest &request, int status, const QString &message,
                      const QString &code = QString()) const override;
    SimResponse fault(const SimRequest &request, int status, int retryAfterSeconds) const override;
    QByteArray emptyPage(const SimRequest &request) const override;
    QByteArray wrongShapePage() const override;
    std::optional<SimRequest> nextPage(const SimRequest &request, const QByteArray &page) const override;
    SimRequest firstPage(int limit) const override;
    QString publicId(const QString &openAiId) const override
    {
        return QStringLiteral("batches/") + SimGeminiOperation::toGeminiId(openAiId);
    }

private:
    SimResponse list(const SimRequest &request, const SimAccount &account) const;
    // POST /v1beta/models/{model}:batchGenerateContent with inline requests (results then come inline too) or
    // an uploaded file's name in inputConfig.fileName (results in a responses file, keyed by its keys).
    SimResponse create(const SimRequest &request, SimAccount &account, const QString &model) const;
    // POST /upload/v1beta/files: resumable (start, then upload/finalize chunks at the session URL) or
    // multipart (multipart/related: the File's JSON, then the bytes). See simgeminiuploads.cpp.
    SimResponse upload(const SimRequest &request, SimAccount &account);
    SimResponse finishUpload(const SimRequest &request, SimAccount &account, const QByteArray &content,
                             const QString &displayName, const QString &mimeType);
    // The File an uploaded file (account id "file-...") is, named "files/<hex>".
    QJsonObject uploadedFileObject(const SimRequest &request, const SimAccount &account,
                                   const QString &accountId) const;
    struct Upload
    {
        QByteArray data;
        qint64 declared = 0;
        QString displayName;
        QString mimeType;
    };
    QHash<QString, Upload> m_uploads;    // resumable sessions in progress, by upload_id
    QHash<QString, QString> m_mimeTypes; // an uploaded file's MIME type, by account id
    // GET files/{id}:download?alt=media, and GET files/{id} (the File's metadata).
    SimResponse file(const SimRequest &request, const SimAccount &account, const QString &fileId,
                     bool content) const;
};
