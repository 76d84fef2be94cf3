#pragma once

#include "core/api/apiconfig.h"
#include "core/api/apierror.h"
#include "core/api/batchcreatespec.h"
#include "core/api/fileinfo.h"
#include "core/json/batchparser.h"
#include "core/providers/provider.h"
#include "core/providers/requestline.h"

#include <QByteArrayList>
#include <QNetworkRequest>
#include <QUrl>

// One provider's Batch API: the requests it takes and how its objects map onto Batch. Adapters are
// stateless; ProviderAdapter::of() hands out one per provider. Everything the client sends or parses goes
// through the adapter of its config's provider, so a provider is added here and nowhere else.
class ProviderAdapter
{
public:
    // A request before the client adds its own headers: the verb, the URL, and for downloads whether the
    // target is on the account's own origin (only then does the key go along).
    struct Request
    {
        QByteArray verb = QByteArrayLiteral("GET");
        QUrl url;
        QString refusal;        // non-empty: the request must not go out, and why
        QByteArray body;        // a JSON body, or with filePath what goes before the file
        QByteArray contentType; // of the body (empty: application/json)
        // A file streamed from disk between `body` and `bodyAfter` (an upload's content), its lines as the
        // elements of a JSON array when `fileLinesAsJsonArray` (Anthropic's create).
        QString filePath;
        QByteArray bodyAfter;
        bool fileLinesAsJsonArray = false;
    };

    virtual ~ProviderAdapter() = default;
    static const ProviderAdapter &of(Provider provider);

    virtual Provider provider() const = 0;
    // The largest page the list endpoint returns.
    virtual int maxPageSize() const = 0;

    // The list, from `cursor` (empty: the newest; else the previous page's BatchPage::nextCursor()).
    virtual Request list(const ApiConfig &config, const QString &cursor, int limit) const = 0;
    virtual Request retrieve(const ApiConfig &config, const QString &id) const = 0;
    virtual Request cancel(const ApiConfig &config, const QString &id) const = 0;
    // Whether the cancel answer is the batch (OpenAI, Azure, Anthropic) or empty (Gemini).
    virtual bool cancelReturnsBatch() const { return true; }
    // Whether a page can start after any batch id (OpenAI's `after`, Anthropic's `after_id`), or only at a
    // token the previous page handed out (Gemini's pageToken).
    virtual bool pagesStartAfterAnId() const { return true; }
    // A file's metadata and its content; a refusal where the provider has no such thing.
    virtual Request fileInfo(const ApiConfig &config, const QString &fileId) const = 0;
    virtual Request fileContent(const ApiConfig &config, const QString &fileId) const = 0;
    // A batch's results: its output file, or where the provider keeps them (Anthropic's results_url when it
    // is on the account's origin, else the documented path there). A refusal when there are none yet.
    virtual Request results(const ApiConfig &config, const Batch &batch) const;

    // The upload of the JSONL file at `path` (OpenAI: multipart/form-data with `purpose`; Gemini:
    // multipart/related), or a refusal where the provider takes none (Anthropic).
    virtual Request uploadFile(const ApiConfig &config, const QString &path, const QString &purpose) const;
    // The create request for `spec`, its body included.
    virtual Request createBatch(const ApiConfig &config, const BatchCreateSpec &spec) const;
    // Whether a batch is created from an uploaded file's id, or with its requests in the create call.
    virtual bool createsFromUploadedFile() const { return true; }

    // Puts the account's credential (and scope headers) on `request`.
    virtual void authorize(const ApiConfig &config, QNetworkRequest *request) const = 0;
    // The response headers that carry the provider's request id, in the order they are read.
    virtual QByteArrayList requestIdHeaders() const = 0;

    [[nodiscard]] virtual Parsed<Batch> parseBatch(const QByteArray &body) const = 0;
    [[nodiscard]] virtual Parsed<BatchPage> parsePage(const QByteArray &body) const = 0;
    [[nodiscard]] virtual Parsed<FileInfo> parseFileInfo(const QByteArray &body) const = 0;
    // An error response of this provider's shape.
    virtual ApiError parseError(int status, const QByteArray &body, const QString &requestId) const;

    // One line of a batch's result file or input file, as this provider writes it (the results explorer, the
    // retry and the pre-flight check read every line here). The error says why the line is no such line
    // (not JSON, no custom_id, ...); an input line without a custom_id still reads, with it empty.
    [[nodiscard]] virtual Parsed<ResultLine> readResultLine(const QByteArray &line) const = 0;
    [[nodiscard]] virtual Parsed<InputLine> readInputLine(const QByteArray &line) const = 0;
    virtual InputShape inputShape() const { return InputShape(); }

    // Why `id` cannot go into a URL path as one segment, or empty when it can.
    static QString unusableIdReason(const QString &id);
    // Whether `url` has the scheme, host and port of the account's base URL: the only place its key goes.
    static bool sameOrigin(const QUrl &url, const QUrl &base);

protected:
    static Request refused(const QString &why);
    // GET or POST of base + `path`, refused when `id` cannot be one segment.
    static Request onItem(const ApiConfig &config, const QByteArray &verb, const QString &id,
                          const QString &path, const QUrlQuery &query = QUrlQuery());
};
