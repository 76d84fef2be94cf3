#pragma once

#include "sim/simrequest.h"
#include "sim/simresponse.h"

#include <QJsonObject>

#include <memory>
#include <optional>

class SimAccount;

// One provider's face on the simulated account: paths, auth headers, object shapes, pagination and error
// bodies. The account speaks OpenAI's shapes; a dialect translates requests into account calls and the
// answers (errors and faults included) into its provider's shapes.
class SimDialect
{
public:
    enum class Kind { OpenAI, Azure, Anthropic, Gemini };
    struct Credentials
    {
        QString key;     // the only key accepted (empty: any non-empty key)
        QString adToken; // Azure: an Entra ID bearer token accepted besides the key (with neither set: any)
    };

    static std::optional<Kind> kindFromId(const QString &id);
    static QString id(Kind kind);
    static std::unique_ptr<SimDialect> create(Kind kind, const Credentials &credentials);

    virtual ~SimDialect() = default;
    virtual Kind kind() const = 0;
    // What a client of this provider takes as its base URL (what "listening on" prints).
    virtual QString baseUrl(quint16 port) const = 0;
    // An empty response (status 200) when the request's credentials are good, else the refusal.
    virtual SimResponse authenticate(const SimRequest &request) const = 0;
    // Answers an authenticated request; `route` gets a label for the stats ("GET batches", ...).
    virtual SimResponse handle(const SimRequest &request, SimAccount &account, QString *route) = 0;
    // An error in this provider's shape. `code` is OpenAI's machine-readable code where one applies.
    virtual SimResponse error(const SimRequest &request, int status, const QString &message,
                              const QString &code = QString()) const = 0;
    // The broken pages the faults serve: a page that claims more yet holds nothing, and a page whose
    // list is an object.
    virtual QByteArray emptyPage(const SimRequest &request) const = 0;
    virtual QByteArray wrongShapePage() const = 0;
    // The next list request a client would send after `page` (the answer to `request`), if any.
    virtual std::optional<SimRequest> nextPage(const SimRequest &request, const QByteArray &page) const = 0;
    // The first list request of a whole walk, `limit` items per page.
    virtual SimRequest firstPage(int limit) const = 0;
    // The answer --fail-status STATUS gives: this provider's words for a rate limit or a server error.
    virtual SimResponse fault(const SimRequest &request, int status, int retryAfterSeconds) const;
    // How this provider names the account's batch `openAiId` (Anthropic msgbatch_..., Gemini batches/...).
    virtual QString publicId(const QString &openAiId) const { return openAiId; }
    // Headers every answer of this provider carries, besides x-request-id.
    virtual QList<QPair<QByteArray, QByteArray>> extraHeaders(const SimRequest &request) const;

protected:
    explicit SimDialect(const Credentials &credentials)
        : m_credentials(credentials)
    {
    }
    // An account answer in OpenAI's shape, with an error body reshaped into this provider's.
    SimResponse reshape(const SimRequest &request, const SimResponse &openAi) const;

    Credentials m_credentials;
};
