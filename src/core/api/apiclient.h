#pragma once

#include "core/api/apicall.h"
#include "core/api/apiconfig.h"
#include "core/api/batchcreatespec.h"
#include "core/api/typedcalls.h"
#include "core/json/batchparser.h"

#include <QMap>
#include <QObject>

class FileDownload;
enum class FileDownloadMode { Atomic, Resumable }; // see FileDownload
class ProviderAdapter;

class QNetworkAccessManager;

// Speaks one account's Batch API over one QNetworkAccessManager, through the adapter of its config's
// provider (URLs, credentials, parsing). Every operation returns a call the caller owns. The credential goes
// only to the base URL's scheme, host and port: never on a redirect elsewhere, never to a URL a server names
// on another origin.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    explicit ApiClient(const ApiConfig &config, QObject *parent = nullptr);

    const ApiConfig &config() const { return m_config; }
    void setConfig(const ApiConfig &config);
    static QByteArray userAgent();

    const ProviderAdapter &adapter() const { return *m_adapter; }
    // The largest page this provider's list returns (OpenAI 100, Anthropic 1000, ...).
    int maxPageSize() const;

    // One page of the list from `cursor` (empty: the newest; else the last page's nextCursor()), at most
    // `limit` batches (0 leaves the server's default). Parse the body with parsePage().
    ApiCall *listBatches(const QString &cursor, int limit);
    // The batch, parsed (BatchCall::batch()); the body stays readable for parseBatch() as before.
    BatchCall *retrieveBatch(const QString &batchId);
    // Asks the provider to cancel; batch() holds the answer where the provider sends the batch back.
    BatchCall *cancelBatch(const QString &batchId);
    // A file's metadata, parsed (FileInfoCall::file()).
    FileInfoCall *retrieveFile(const QString &fileId);
    // A file's content (OpenAI and Azure /files/{id}/content, Gemini's download URL), streamed into `path`
    // (written atomically). `declaredBytes`, the file's size, bounds what is written (plus a margin);
    // unknown (< 0), Qt's own decompression guard stays on. Resumable: see FileDownload::Mode.
    FileDownload *downloadFileContent(const QString &fileId, const QString &path, qint64 declaredBytes = -1,
                                      FileDownloadMode mode = FileDownloadMode::Atomic);
    // A batch's results, wherever its provider keeps them: the output file, or Anthropic's results (its
    // results_url only on the account's own origin, else the documented path on the account's host).
    FileDownload *downloadResults(const Batch &batch, const QString &path, qint64 declaredBytes = -1,
                                  FileDownloadMode mode = FileDownloadMode::Atomic);
    // Uploads the file at `path` (streamed from disk as multipart/form-data; progress() counts bytes sent).
    FileInfoCall *uploadFile(const QString &path, const QString &purpose = QStringLiteral("batch"));
    // Creates a batch; batch() holds the created batch.
    BatchCall *createBatch(const BatchCreateSpec &spec);
    // Whether a batch is created from an uploaded file (OpenAI, Azure, Gemini) or with its requests in the
    // create call (Anthropic).
    bool createsFromUploadedFile() const;

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
    // The credential only when `url` is on the base URL's origin.
    QNetworkRequest makeRequest(const QUrl &url) const;
    FileDownload *download(const QString &refusal, const QUrl &url, const QString &path, qint64 declaredBytes,
                           FileDownloadMode mode);
    ApiCall::Options callOptions() const;
    // A request to `url` with a body of `contentType` (empty: JSON); null when `refusal` says it must not go.
    QNetworkRequest requestWithBody(const QString &refusal, const QUrl &url,
                                    const QByteArray &contentType) const;
    // Starts the call unless the request must not go out, in which case it fails on the next turn.
    template <typename Call> Call *launch(Call *call, const QString &refusal = QString());

    ApiConfig m_config;
    const ProviderAdapter *m_adapter;
    QNetworkAccessManager *m_manager;
};
