#pragma once

#include "core/api/apicall.h"
#include "core/api/apiconfig.h"
#include "core/json/batchparser.h"

#include <QObject>

class FileDownload;
class QNetworkAccessManager;

// Speaks the Batch API over one QNetworkAccessManager. Every operation returns a call the caller owns.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    explicit ApiClient(const ApiConfig &config, QObject *parent = nullptr);

    const ApiConfig &config() const { return m_config; }
    void setConfig(const ApiConfig &config);
    static QByteArray userAgent();

    // GET /batches?after=&limit= (limit 1..100; 0 leaves the server's default).
    ApiCall *listBatches(const QString &after, int limit);
    ApiCall *retrieveBatch(const QString &batchId);
    ApiCall *cancelBatch(const QString &batchId);
    ApiCall *retrieveFile(const QString &fileId);
    // GET /files/{id}/content, streamed into `path` (written atomically). `declaredBytes`, the file object's
    // `bytes`, bounds what is written (plus a margin); unknown (< 0), Qt's own decompression guard stays on.
    FileDownload *downloadFileContent(const QString &fileId, const QString &path, qint64 declaredBytes = -1);
    // Why `id` cannot go into a URL path as one segment (empty, ".", "..", or holding '/', '?' or '#'), or
    // empty when it can.
    static QString unusableIdReason(const QString &id);

    // A retrieved or cancelled batch, and a page of the list, read the way this client's provider writes
    // them. Widgets and sessions never parse bodies themselves.
    [[nodiscard]] Parsed<Batch> parseBatch(const QByteArray &body) const;
    [[nodiscard]] Parsed<BatchPage> parsePage(const QByteArray &body) const;

    ApiCall *get(const QString &path, const QUrlQuery &query = QUrlQuery());
    ApiCall *post(const QString &path, const QByteArray &json);

private:
    QNetworkRequest makeRequest(const QUrl &url) const;
    ApiCall::Options callOptions() const;
    // Starts the call unless the request must not go out, in which case it fails on the next turn.
    template <typename Call> Call *launch(Call *call, const QString &refusal = QString());
    // GET or POST of {base}/`collection`/`id``suffix`, refused before sending when the id cannot be a
    // segment.
    ApiCall *onItem(const QByteArray &verb, const QString &collection, const QString &id,
                    const QString &suffix = QString());

    ApiConfig m_config;
    QNetworkAccessManager *m_manager;
};
