#pragma once

#include "core/api/apierror.h"
#include "core/batch/batch.h"
#include "core/results/requestresult.h"

#include <QObject>
#include <QPointer>

#include <memory>

class ApiClient;

// A batch's results, the one way the window and the headless commands get them: its files (input, output,
// errors; Anthropic's results; Gemini's responses) downloaded once into the account's results cache (resumed
// with a Range request when a download broke off and the server allows it), then read and joined by
// ResultsReader in a worker thread. The event loop never waits on a file.
class ResultsFetch : public QObject
{
    Q_OBJECT

public:
    enum class Phase { Downloading, Reading };
    Q_ENUM(Phase)

    // `cacheDir`: where this account's result files are kept (see cacheDirFor()).
    ResultsFetch(ApiClient *client, const Batch &batch, const QString &cacheDir, QObject *parent = nullptr);
    ~ResultsFetch() override;

    // The directory for an account's result files, from the name of its batch cache (Account::cacheName()).
    static QString cacheDirFor(const QString &accountCacheName);
    // Where a downloaded file of that id is kept in `cacheDir` (it exists only once complete).
    static QString cachedFilePath(const QString &cacheDir, const QString &fileId);

    const Batch &batch() const { return m_batch; }
    void start();
    // Stops downloads and the read; finished() follows with ApiError::Cancelled.
    void cancel();
    bool isFinished() const { return m_finished; }

    // After finished(): the joined rows (null on failure) or why not (status, the API's message, request id).
    std::shared_ptr<const ResultSet> results() const { return m_results; }
    const ApiError &error() const { return m_error; }
    // A file the batch names is gone (404, or its expires_at has passed): the view says so plainly.
    bool filesExpired() const { return m_expired; }

Q_SIGNALS:
    // `what` names the file or step ("output file, 12.4 MB"); total < 0 when unknown.
    void progress(ResultsFetch::Phase phase, qint64 done, qint64 total, const QString &what);
    void finished();

private:
    struct Job;
    // The files to have on disk, or why there are none.
    QString plan();
    void nextFile();
    void download(const Job &job, qint64 bytes);
    void fileReady(const Job &job);
    void failFile(const Job &job, const ApiError &error);
    void expire(const Job &job, const QString &message);
    void read();
    void finish(const ApiError &error);

    struct Private;
    std::unique_ptr<Private> d;
    Batch m_batch;
    std::shared_ptr<const ResultSet> m_results;
    ApiError m_error;
    bool m_expired = false;
    bool m_finished = false;
};
