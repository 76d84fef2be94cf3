#include "core/api/filedownload.h"

#include "core/api/downloadsidecar.h"
#include "core/api/retrypolicy.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

#include <limits>

namespace {
constexpr QFileDevice::Permissions kPrivateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr int kLockPollMs = 100;
using DownloadSidecar::partMetaPath;
using DownloadSidecar::readMeta;
using DownloadSidecar::renameOver;
} // namespace

FileDownload::FileDownload(QNetworkAccessManager *manager, const QNetworkRequest &request,
                           const QString &path, qint64 declaredBytes, const Options &options, QObject *parent,
                           Mode mode)
    : ApiCall(manager, request, QByteArrayLiteral("GET"), QByteArray(), options, parent)
    , m_path(path)
    , m_declared(declaredBytes)
    , m_limit(limitFor(declaredBytes))
    , m_mode(mode)
{
    // Connected before any caller's slot: the part and the lock are settled when they hear of the end.
    if (m_mode == Mode::Resumable)
        connect(this, &ApiCall::finished, this, &FileDownload::onEnded);
}

qint64 FileDownload::limitFor(qint64 declaredBytes)
{
    if (declaredBytes < 0)
        return 0;
    // Only where a streaming answer is stopped: a little over the declared size, saturated, as a hostile size
    // may be near the top. What is committed must be exactly the declared size.
    const qint64 margin = qMax<qint64>(qint64(1) << 20, declaredBytes / 100);
    return declaredBytes > std::numeric_limits<qint64>::max() - margin ? std::numeric_limits<qint64>::max()
                                                                       : declaredBytes + margin;
}

qint64 FileDownload::capForUnknownSize(qint64 requests)
{
    // Anthropic's results come with no size. One result line is bounded by the largest answer a request may
    // ask for (128 K tokens: about 0.5 MB of text, a few MB at worst once JSON-escaped), so 4 MiB a request
    // (at least 16 MiB, at most 16 GiB, the most when the count is unknown) never cuts real results short and
    // still stops an endless body at a size the user can see.
    constexpr qint64 kPerRequest = qint64(4) << 20;
    constexpr qint64 kFloor = qint64(16) << 20;
    constexpr qint64 kCeiling = qint64(16) << 30;
    if (requests < 0 || requests > kCeiling / kPerRequest)
        return kCeiling;
    return qMax(kFloor, requests * kPerRequest);
}

void FileDownload::setSizeLimit(qint64 bytes)
{
    Q_ASSERT(attempts() == 0);
    if (m_declared < 0)
        m_limit = bytes;
}

ApiCall::Gate FileDownload::gate(int *waitMs, ApiError *error)
{
    if (m_mode != Mode::Resumable || (m_lock && m_lock->isLocked()))
        return Gate::Go;
    if (!m_lock) {
        m_lock = std::make_unique<QLockFile>(m_path + QStringLiteral(".lock"));
        m_lock->setStaleLockTime(0); // a download may take hours; only a holder that died is stale
        m_lockWait.start();
    }
    if (!m_lock->tryLock(0)) {
        if (m_lock->error() != QLockFile::LockFailedError) {
            *error = ApiError::make(ApiError::LocalIo,
                                    QStringLiteral("cannot lock %1.lock (permissions?)").arg(m_path));
            return Gate::Fail;
        }
        const int limit = options().transferTimeoutMs > 0 ? options().transferTimeoutMs : 600'000;
        if (m_lockWait.elapsed() > limit) {
            *error = ApiError::make(ApiError::Timeout,
                                    QStringLiteral("another download of %1 has gone on for over %2 s; try "
                                                   "again when it has finished")
                                        .arg(m_path)
                                        .arg(limit / 1000));
            return Gate::Fail;
        }
        *waitMs = kLockPollMs;
        return Gate::Wait;
    }
    // Another download may have finished the file while this one waited: use it as it is.
    return isWhole(m_path, m_declared) ? Gate::Done : Gate::Go;
}

bool FileDownload::beginAttempt(QString *error)
{
    m_bodyStarted = false;
    m_resumedFrom = 0;
    if (m_mode == Mode::Resumable) {
        discard();
        const QString part = partPath(m_path);
        const QJsonObject meta = readMeta(partMetaPath(m_path));
        m_etag = meta.value(QLatin1String("etag")).toString().toLatin1();
        m_lastModified = meta.value(QLatin1String("lastModified")).toString().toLatin1();
        const qint64 have = QFileInfo(part).size();
        const bool hasMeta = !meta.isEmpty();
        // A part is resumed only when it can be told to be a prefix of this file: a size it is shorter than
        // (the same as when it began), or a validator the server checks (If-Range).
        const bool vouched =
            m_declared >= 0
                ? have < m_declared &&
                      (!hasMeta || meta.value(QLatin1String("declared")).toInteger(-1) == m_declared)
                : !(m_etag.isEmpty() && m_lastModified.isEmpty());
        if (have > 0 && !vouched)
            dropPart();
        m_resumeFrom = QFileInfo::exists(part) ? QFileInfo(part).size() : 0;
        return true;
    }
    // A retry starts the file again from nothing.
    discard();
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_path, m_file->errorString());
        m_file.reset();
        return false;
    }
    return true;
}

void FileDownload::prepare(QNetworkRequest *request)
{
    if (m_mode != Mode::Resumable || m_resumeFrom <= 0)
        return;
    request->setRawHeader("Range", "bytes=" + QByteArray::number(m_resumeFrom) + '-');
    // A server whose file changed since the part began answers 200 with the whole new file.
    if (!m_etag.isEmpty())
        request->setRawHeader("If-Range", m_etag);
    else if (!m_lastModified.isEmpty())
        request->setRawHeader("If-Range", m_lastModified);
    // Offsets count the bytes of the file, not of a compressed answer (the part holds decoded bytes).
    request->setRawHeader("Accept-Encoding", "identity");
}

bool FileDownload::startOverOn(int status)
{
    if (m_mode != Mode::Resumable || status != 416 || m_resumeFrom <= 0)
        return false;
    dropPart(); // the part is not a prefix of what the server holds now
    return true;
}

bool FileDownload::beginPart(ApiError *error)
{
    m_bodyStarted = true;
    const QNetworkReply *reply = currentReply();
    const int status = reply ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 200;
    bool append = false;
    m_expected = m_declared;
    if (status == 206 && m_resumeFrom > 0) {
        // "bytes FIRST-LAST/TOTAL": it must go on where the part ends, to the end of the file we expect
        // (a numeric total: with no declared size it is the only size there is), unencoded.
        const QByteArray range = reply->rawHeader("Content-Range").trimmed();
        const QByteArray encoding = reply->rawHeader("Content-Encoding").trimmed().toLower();
        const qsizetype dash = range.indexOf('-');
        const qsizetype slash = range.indexOf('/');
        bool firstOk = false;
        bool lastOk = false;
        bool totalOk = false;
        const qint64 first =
            range.startsWith("bytes ") && dash > 6 ? range.mid(6, dash - 6).toLongLong(&firstOk) : -1;
        const qint64 last =
            dash > 0 && slash > dash ? range.mid(dash + 1, slash - dash - 1).toLongLong(&lastOk) : -1;
        const qint64 total = slash > 0 ? range.mid(slash + 1).toLongLong(&totalOk) : -1;
        append = firstOk && lastOk && totalOk && first == m_resumeFrom && last + 1 == total &&
                 (encoding.isEmpty() || encoding == "identity") && (m_declared < 0 || total == m_declared);
        if (!append) {
            dropPart();
            *error =
                invalidResponse(QStringLiteral("the server answered the rest of the file with a range that "
                                               "does not continue it (%1); the partial file was dropped")
                                    .arg(QString::fromLatin1(range.left(100))));
            return false;
        }
        m_expected = total;
    } else if (status == 206) {
        *error = invalidResponse(QStringLiteral("the server sent part of the file unasked"));
        return false;
    } else {
        // The whole file: its validator is what a later resume must send back.
        const QByteArray etag = reply ? reply->rawHeader("ETag").trimmed() : QByteArray();
        m_etag = etag.startsWith("W/") ? QByteArray() : etag.left(200);
        m_lastModified = reply ? reply->rawHeader("Last-Modified").trimmed().left(100) : QByteArray();
        // No declared size: an unencoded answer's length is the file's (Qt may end a broken-off answer
        // without an error).
        const QVariant length = reply ? reply->header(QNetworkRequest::ContentLengthHeader) : QVariant();
        const QByteArray encoding = reply ? reply->rawHeader("Content-Encoding").trimmed().toLower() : "";
        if (m_declared < 0 && length.isValid() && (encoding.isEmpty() || encoding == "identity"))
            m_expected = length.toLongLong();
        if (!writeMeta(partMetaPath(m_path), -1)) {
            error->message = QStringLiteral("cannot write %1").arg(partMetaPath(m_path));
            return false;
        }
    }
    m_part = std::make_unique<QFile>(partPath(m_path));
    // A 200 is the whole file: whatever the part held goes.
    if (!m_part->open(append ? QIODevice::Append : QIODevice::WriteOnly | QIODevice::Truncate,
                      kPrivateFile)) {
        error->message = QStringLiteral("cannot write %1: %2").arg(m_part->fileName(), m_part->errorString());
        m_part.reset();
        return false;
    }
    m_part->setPermissions(kPrivateFile); // a part left by an older version may be readable by all
    m_resumedFrom = append ? m_resumeFrom : 0;
    m_written = m_resumedFrom;
    return true;
}

bool FileDownload::writeMeta(const QString &path, qint64 written) const
{
    QJsonObject meta{{QStringLiteral("declared"), m_declared}};
    if (written >= 0)
        meta.insert(QStringLiteral("written"), written);
    if (!m_etag.isEmpty())
        meta.insert(QStringLiteral("etag"), QString::fromLatin1(m_etag));
    if (!m_lastModified.isEmpty())
        meta.insert(QStringLiteral("lastModified"), QString::fromLatin1(m_lastModified));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.setPermissions(kPrivateFile);
    file.write(QJsonDocument(meta).toJson(QJsonDocument::Compact));
    return file.commit();
}

void FileDownload::dropPart()
{
    if (m_part)
        m_part->close();
    m_part.reset();
    QFile::remove(partPath(m_path));
    QFile::remove(partMetaPath(m_path));
    m_resumeFrom = 0;
}

bool FileDownload::consume(const QByteArray &chunk, ApiError *error)
{
    if (m_mode == Mode::Resumable && !m_bodyStarted && !beginPart(error))
        return false;
    QIODevice *out = m_mode == Mode::Resumable ? static_cast<QIODevice *>(m_part.get()) : m_file.get();
    if (!out)
        return true;
    if (m_limit > 0 && m_written + chunk.size() > m_limit) {
        // A compressed answer can unpack to any size; the file's own `bytes` says how much to expect.
        if (m_mode == Mode::Resumable)
            dropPart();
        *error = invalidResponse(
            (m_declared >= 0 ? QStringLiteral("the download grew past %1 bytes, more than the file is said "
                                              "to hold; stopped and kept nothing")
                             : QStringLiteral("the download grew past %1 bytes, more than results of this "
                                              "batch can hold; stopped and kept nothing"))
                .arg(m_limit));
        return false;
    }
    if (out->write(chunk) != chunk.size()) {
        error->message = QStringLiteral("cannot write %1: %2").arg(m_path, out->errorString());
        return false;
    }
    m_written += chunk.size();
    return true;
}

bool FileDownload::cameShort(QString *why) const
{
    if (m_mode != Mode::Resumable || m_expected < 0 || m_written >= m_expected)
        return false;
    // Closed early without a length to betray it: the part stays, and the retry asks for the rest.
    *why = QStringLiteral("the download broke off after %1 of the %2 bytes the file holds")
               .arg(m_written)
               .arg(m_expected);
    return true;
}

bool FileDownload::commit(QString *error)
{
    if (m_mode == Mode::Resumable) {
        ApiError started;
        if (!m_bodyStarted && !beginPart(&started)) { // an empty answer
            *error = started.message;
            return false;
        }
        if (!m_part)
            return true;
        const bool flushed = m_part->flush();
        m_part->close();
        m_part.reset();
        // Exactly the file: what this download wrote, and the size the file object (or the range) declared.
        const qint64 onDisk = QFileInfo(partPath(m_path)).size();
        if (!flushed || onDisk != m_written || (m_expected >= 0 && m_written != m_expected)) {
            *error =
                QStringLiteral("the download of %1 holds %2 bytes (%3 written), not the %4 the file holds; "
                               "kept nothing")
                    .arg(m_path)
                    .arg(onDisk)
                    .arg(m_written)
                    .arg(m_expected);
            dropPart();
            return false;
        }
        // The sidecar first: a crash between the two renames leaves a target that disagrees with it (fetched
        // again), never one that is trusted wrongly. The target is replaced in one step, never removed first.
        if (!writeMeta(partMetaPath(m_path), m_written) ||
            !renameOver(partMetaPath(m_path), metaPath(m_path)) || !renameOver(partPath(m_path), m_path)) {
            *error = QStringLiteral("cannot save %1").arg(m_path);
            return false;
        }
        return true;
    }
    if (!m_file)
        return true;
    // Exactly the declared size: a connection closed early without a length to betray it leaves fewer bytes,
    // a forged tail more.
    if (m_declared >= 0 && m_written != m_declared) {
        *error =
            (m_written < m_declared
                 ? QStringLiteral("the download ended after %1 of the %2 bytes the file holds; kept nothing")
                 : QStringLiteral("the download brought %1 bytes, more than the %2 the file holds; kept "
                                  "nothing"))
                .arg(m_written)
                .arg(m_declared);
        discard();
        return false;
    }
    const bool ok = m_file->commit();
    if (!ok)
        *error = QStringLiteral("cannot save %1: %2").arg(m_path, m_file->errorString());
    m_file.reset();
    return ok;
}

void FileDownload::discard()
{
    if (m_file)
        m_file->cancelWriting();
    m_file.reset();
    // A resumable download keeps what came: the next attempt asks for the rest (onEnded() decides at the
    // end).
    if (m_part)
        m_part->close();
    m_part.reset();
    m_written = 0;
}

bool FileDownload::canResumeAfter(const ApiError &error) const
{
    // Resumable only when the part can be vouched for, and only after an end a later call may not meet.
    if (m_declared < 0 && m_etag.isEmpty() && m_lastModified.isEmpty())
        return false;
    switch (error.kind) {
    case ApiError::Network:
    case ApiError::Timeout:
    case ApiError::Cancelled:
        return true;
    case ApiError::Http:
        return RetryPolicy::isRetryableStatus(error.httpStatus);
    default:
        return false;
    }
}

void FileDownload::onEnded()
{
    if (!m_lock || !m_lock->isLocked())
        return; // never got its turn: the part (if any) is another download's
    if (m_part)
        m_part->close();
    m_part.reset();
    if (error().isError() && !canResumeAfter(error()))
        dropPart();
    if (m_lock)
        m_lock->unlock();
}
