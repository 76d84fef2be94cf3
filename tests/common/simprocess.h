#pragma once

#include "core/api/apiconfig.h"

#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

#include <memory>

// The real batchwatch-sim binary on a free loopback port, for tests that talk HTTP. `--dialect P` among the
// arguments picks the provider it speaks (default openai); config() then sets the matching provider.
class SimProcess
{
public:
    explicit SimProcess(const QStringList &arguments = QStringList());
    // The same with `--dialect dialect` ("openai", "azure", "anthropic", "gemini") added.
    SimProcess(const QString &dialect, const QStringList &arguments);
    ~SimProcess();

    // Starts the simulator and reads its port; false (with a message) if it did not come up.
    bool start(QString *error = nullptr);
    // A started simulator (a warning says why if it did not start; its baseUrl() is then empty).
    static std::unique_ptr<SimProcess> started(const QStringList &arguments);
    // What a client of the dialect takes as its base URL: .../v1 for OpenAI, the bare origin for the others.
    const QUrl &baseUrl() const { return m_baseUrl; }
    // http://127.0.0.1:PORT, whatever the dialect.
    QUrl rootUrl() const;
    QString dialect() const;
    // A client configuration for this simulator, with fast time-outs so failing tests fail quickly.
    ApiConfig config(const QString &apiKey = QStringLiteral("sk-test-0123456789")) const;
    // GET /v1/_sim/stats: requests served, faults injected, requests per route.
    QJsonObject stats() const;
    qint64 requestsServed() const;
    // Uploads an input file of `requests` lines and creates a batch from it, as a user's script would
    // (OpenAI, Azure); in the other dialects through the simulator's POST /v1/_sim/batches. Returns the
    // dialect's id. `metadata` goes on the batch as the create request's metadata.
    QString createBatch(int requests, const QJsonObject &metadata = QJsonObject()) const;
    // POSTs `body` to one of the simulator's test routes (`/v1/_sim/batches`, `/v1/_sim/clock`); returns the
    // answer's JSON object, and its HTTP status in `status`.
    QJsonObject postHook(const QString &path, const QJsonObject &body, int *status = nullptr) const;

private:
    QStringList m_arguments;
    QProcess m_process;
    QUrl m_baseUrl;
};
