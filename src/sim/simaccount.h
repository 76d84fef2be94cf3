#pragma once

#include "sim/simbatch.h"
#include "sim/simresponse.h"

#include <QElapsedTimer>
#include <QHash>
#include <QUrlQuery>

#include <vector>

// The simulated account: batches, files and the API's rules over them. No HTTP here.
class SimAccount
{
public:
    struct Options
    {
        int batches = 200;
        quint64 seed = 1;
        double speed = 1.0;   // simulated seconds per real second
        qint64 startTime = 0; // Unix seconds the simulated clock starts at; 0: now
        int padBytes = 0;     // an unknown field this long on every batch, for tests of huge pages
        // Moments after the start are shown at the real time they were reached (compressed by `speed`), so
        // a fast account never shows a time ahead of the real clock (the dashboard's demo).
        bool realTimestamps = false;
        // The share of requests that fail in batches created from a client's requests (uploads, Anthropic's
        // create, Gemini's): none by default, so a created batch completes whole.
        double createdFailedShare = 0.0;
    };

    explicit SimAccount(const Options &options);

    qint64 now() const;
    // Moves the simulated clock on by `seconds` (a test hook); returns the new now().
    qint64 advanceClock(qint64 seconds);
    int batchCount() const { return int(m_batches.size()); }

    SimResponse listBatches(const QUrlQuery &query) const;
    // Every list page's body, walked as a client walks them (after = the last id), for tests and benchmarks.
    QList<QByteArray> listAllPages(int limit = 100) const;
    SimResponse retrieveBatch(const QString &id) const;
    SimResponse cancelBatch(const QString &id);
    SimResponse createBatch(const QByteArray &body);
    // A batch of `requests` requests created now, for the dialects that create without an uploaded file.
    const SimBatch &createBatch(const QString &endpoint, const QString &model, qint64 requests,
                                const QJsonObject &metadata, bool inlineResults = false);
    // The same with the requests' own ids (Anthropic's create, Gemini's inline requests or uploaded file).
    const SimBatch &createBatch(const QString &endpoint, const QString &model,
                                std::shared_ptr<const SimRequestIds> requests, const QJsonObject &metadata,
                                bool inlineResults = false, const QString &inputFileId = QString());
    // A batch for tests (POST /v1/_sim/batches): `ended` makes it terminal now, its times in the past.
    struct TestBatch
    {
        QString endpoint = QStringLiteral("/v1/responses");
        QString model;
        qint64 requests = 0;
        QJsonObject metadata;
        SimBatch::Outcome outcome = SimBatch::Outcome::Completed;
        double failedShare = 0.0;
        bool ended = false;
        int answerChars = 0;                       // see SimBatch::answerChars
        bool hasUsage = true;                      // false: the batch carries no usage at all
        std::optional<SimBatch::FixedUsage> usage; // exact usage instead of the counts' own
        std::optional<qint64> createdAt;           // an ended batch's created_at (unix seconds, past)
        // Alert tests: how long the requests take to run (a slow pace), when the counts stop moving (seconds
        // after in_progress_at), and the output files' expiry policy echoed on the batch.
        std::optional<qint64> runSeconds;
        std::optional<qint64> stallAfter;
        std::optional<qint64> outputExpiresAfter;
    };
    const SimBatch &createForTests(const TestBatch &spec);
    SimResponse uploadFile(const QByteArray &contentType, const QByteArray &body);
    // Keeps an uploaded file (any dialect's upload); returns its id ("file-...").
    QString storeFile(const QString &filename, const QString &purpose, const QByteArray &content);
    // An uploaded file's content (null when there is none such), and its name and upload time.
    const QByteArray *storedFile(const QString &id, QString *filename = nullptr,
                                 qint64 *createdAt = nullptr) const;
    SimResponse retrieveFile(const QString &id) const;
    SimResponse fileContent(const QString &id) const;

    // For the dialects, which show the same batches in other shapes.
    const SimBatch *findBatch(const QString &id) const;
    int rowOf(const QString &id) const { return m_rowById.value(id, -1); }    // -1: unknown
    const SimBatch &batchAt(int row) const { return m_batches[size_t(row)]; } // rows run oldest first
    // The OpenAI object `batch` shows now, times as the clock shows them.
    QJsonObject batchObject(const SimBatch &batch) const { return batchJson(batch, now()); }

private:
    struct StoredFile
    {
        QString id;
        QString filename;
        QString purpose;
        qint64 createdAt = 0;
        QByteArray content;
    };
    // A file of a generated batch: its input, or a result it shows once it has ended.
    struct ResultFile
    {
        enum Kind { Input, Output, Errors };
        const SimBatch *batch = nullptr;
        Kind kind = Output;
    };

    SimBatch &add(SimBatch batch); // gives it an id and a created batch's plan, now
    // A batch or file object with its times as the clock shows them (see Options::realTimestamps).
    QJsonObject shown(QJsonObject object) const;
    // Moves the batch at `row` to its place by created_at (rows run oldest first); returns it there.
    const SimBatch &placeByCreation(size_t row);
    QJsonObject batchJson(const SimBatch &batch, qint64 at) const { return shown(batch.toJson(at)); }
    ResultFile findResultFile(const QString &id) const;
    QByteArray resultContent(const ResultFile &file) const;
    QJsonObject fileObject(const QString &id, const QString &filename, const QString &purpose,
                           qint64 createdAt, qint64 bytes) const;

    Options m_options;
    qint64 m_epoch;
    QElapsedTimer m_clock;
    std::vector<SimBatch> m_batches; // oldest first, so creating a batch appends
    QHash<QString, int> m_rowById;
    QHash<QString, StoredFile> m_files;
    quint64 m_nextSerial;
    mutable QHash<QString, qint64> m_resultSizes; // generated content is costly; sizes are asked for often
};
