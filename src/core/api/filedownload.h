#pragma once

#include "core/api/apicall.h"
#include "core/api/apiclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLockFile>
#include <QSaveFile>

#include <memory>

// Streams a file's content to disk. Atomic (the default): through QSaveFile, the target appears whole, or not
// at all. Resumable: into "<target>.part", kept when the transfer breaks off; the next attempt (a retry, or
// a later download of the same target) asks for the rest with `Range: bytes=N-` and appends when the server
// answers 206, starts over on a 200, a 416 or a size that changed; the finished part is renamed onto the
// target, so the target itself still appears whole or not at all. A resumable download holds
// "<target>.lock" from its first attempt to its end (a second download of the target waits, then finds it
// whole), resumes only a part it can vouch for (the file's declared size, or the first answer's strong ETag
// or Last-Modified sent back as If-Range), commits only at exactly the file's size, writes the sidecar
// "<target>.meta" that isWhole() checks, and keeps a part only when a later call can resume it.
class FileDownload : public ApiCall
{
    Q_OBJECT

public:
    using Mode = FileDownloadMode;

    const QString &targetPath() const { return m_path; }
    // The bytes of the file on disk (with a resumed download, those kept from before included).
    qint64 bytesWritten() const { return m_written; }
    // Where this attempt started in the file: > 0 when it resumed a partial download.
    qint64 resumedFrom() const { return m_resumedFrom; }
    static QString partPath(const QString &target) { return target + QStringLiteral(".part"); }
    // The sidecar of a finished file: its declared size, the bytes written and the validator it came with.
    static QString metaPath(const QString &target) { return target + QStringLiteral(".meta"); }
    // Whether the file at `target` is a whole download: its sidecar exists and its size agrees with the
    // sidecar's and, when >= 0, with `declaredBytes` (the file object's `bytes`).
    [[nodiscard]] static bool isWhole(const QString &target, qint64 declaredBytes = -1);
    // The most bytes taken when no size is declared (call before the first attempt starts).
    void setSizeLimit(qint64 bytes);

protected:
    bool streams() const override { return true; }
    Gate gate(int *waitMs, ApiError *error) override;
    bool beginAttempt(QString *error) override;
    void prepare(QNetworkRequest *request) override;
    bool startOverOn(int status) override;
    bool consume(const QByteArray &chunk, ApiError *error) override;
    bool cameShort(QString *why) const override;
    bool commit(QString *error) override;
    void discard() override;

private:
    friend class ApiClient;
    FileDownload(QNetworkAccessManager *manager, const QNetworkRequest &request, const QString &path,
                 qint64 declaredBytes, const Options &options, QObject *parent, Mode mode = Mode::Atomic);

public:
    // Past this many bytes a download of a file declaring `declaredBytes` counts as hostile (< 0: unknown,
    // 0).
    static qint64 limitFor(qint64 declaredBytes);
    // The most bytes taken when the size is not known (results with no file object): the limit for a
    // batch of `requests` requests (< 0: unknown). See filedownload.cpp for the numbers.
    static qint64 capForUnknownSize(qint64 requests);

private:
    // The first bytes of a resumable attempt's answer: append to the part (206 from where it ends) or start
    // it over (200). False when the answer cannot continue the part.
    bool beginPart(ApiError *error);
    void dropPart();
    // Resumable: the call ended; a part no later call can resume goes, and the lock is let go.
    void onEnded();
    bool canResumeAfter(const ApiError &error) const;
    bool writeMeta(const QString &path, qint64 written) const;

    QString m_path;
    qint64 m_declared; // the file object's `bytes` (< 0: unknown)
    qint64 m_limit;    // the most bytes written before the download counts as hostile (<= 0: none)
    Mode m_mode;
    std::unique_ptr<QSaveFile> m_file; // Atomic
    std::unique_ptr<QFile> m_part;     // Resumable
    qint64 m_written = 0;
    qint64 m_resumeFrom = 0;  // Resumable: the part's size when this attempt asked for the rest
    qint64 m_resumedFrom = 0; // where this attempt's bytes went
    bool m_bodyStarted = false;
    // Resumable: what the answer that started the part said about its file (If-Range on resuming).
    QByteArray m_etag; // strong only
    QByteArray m_lastModified;
    qint64 m_expected = -1; // the file's size as declared, or as a 206's Content-Range total
    // Resumable: two downloads of one target (two windows, two processes) take turns.
    std::unique_ptr<QLockFile> m_lock;
    QElapsedTimer m_lockWait;
};
