#pragma once

#include "core/api/apierror.h"
#include "core/batch/batch.h"

#include <QMap>
#include <QObject>

#include <memory>
#include <optional>

class ApiClient;
struct BatchCreateSpec;

// What a new batch is made of: a JSONL file of requests already through Preflight::check.
struct SubmitSpec
{
    QString path;
    QString endpoint; // the url every line names (Anthropic and Gemini: unused)
    QString model; // Gemini: the model that runs the batch (a retry: the parent's Batch::model); else unused
    QString completionWindow = QStringLiteral("24h");
    QMap<QString, QString> metadata;
};

// Sends a new batch the way its provider takes one: uploads the file (purpose=batch, streamed from disk, with
// progress) then creates the batch from it (OpenAI, Azure, Gemini), or creates it with the requests in the
// body (Anthropic). The window's New batch and Retry, and `batchwatch create` and `retry`, all come here.
class BatchSubmit : public QObject
{
    Q_OBJECT

public:
    enum class Phase { Uploading, Creating };
    Q_ENUM(Phase)

    BatchSubmit(ApiClient *client, const SubmitSpec &spec, QObject *parent = nullptr);
    ~BatchSubmit() override;

    void start();
    void cancel();
    bool isFinished() const { return m_finished; }

    // After finished(): the created batch, or why not. fileId() names an uploaded file even when the create
    // failed (it is not deleted: the user may create from it by hand).
    const std::optional<Batch> &batch() const { return m_batch; }
    const ApiError &error() const { return m_error; }
    const QString &fileId() const { return m_fileId; }
    // The create request went out and its end leaves open whether the batch exists (a time-out, a lost
    // connection, a 5xx, a cancel while it was under way): look at the batch list before creating again.
    bool mayHaveCreated() const { return m_mayHaveCreated; }

Q_SIGNALS:
    void progress(BatchSubmit::Phase phase, qint64 done, qint64 total);
    void finished();

private:
    void startCreate(const BatchCreateSpec &create, bool bodyIsTheFile);
    void finish(const ApiError &error);
    // `error` with the words that say the batch may exist.
    ApiError mayExist(ApiError error) const;

    struct Private;
    std::unique_ptr<Private> d;
    std::optional<Batch> m_batch;
    ApiError m_error;
    QString m_fileId;
    bool m_mayHaveCreated = false;
    bool m_finished = false;
};
