#include "core/api/filedownload.h"

#include <QFileInfo>
#include <QNetworkReply>

#include <limits>

FileDownload::FileDownload(QNetworkAccessManager *manager, const QNetworkRequest &request,
                           const QString &path, qint64 declaredBytes, const Options &options, QObject *parent,
                           Mode mode)
    : ApiCall(manager, request, QByteArrayLiteral("GET"), QByteArray(), options, parent)
    , m_path(path)
    , m_declared(declaredBytes)
    , m_limit(limitFor(declaredBytes))
    , m_mode(mode)
{
}

qint64 FileDownload::limitFor(qint64 declaredBytes)
{
    if (declaredBytes < 0)
        return 0;
    // A margin for a server that counts a little differently; saturated, as a hostile size may be near the
    // top.
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

bool FileDownload::beginAttempt(QString *error)
{
    m_bodyStarted = false;
    m_resumedFrom = 0;
    if (m_mode == Mode::Resumable) {
        discard();
        const qint64 have = QFileInfo(partPath(m_path)).size();
        // A part as long as the file or longer is not a prefix of it (the file changed): start over.
        if (have > 0 && m_declared >= 0 && have >= m_declared)
            dropPart();
        m_resumeFrom = QFileInfo::exists(partPath(m_path)) ? QFileInfo(partPath(m_path)).size() : 0;
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
    if (status == 206 && m_resumeFrom > 0) {
        // "bytes FIRST-LAST/TOTAL": it must go on where the part ends, in the file we expect, unencoded.
        const QByteArray range = reply->rawHeader("Content-Range").trimmed();
        const QByteArray encoding = reply->rawHeader("Content-Encoding").trimmed().toLower();
        const qsizetype dash = range.indexOf('-');
        const qsizetype slash = range.indexOf('/');
        bool firstOk = false;
        const qint64 first =
            range.startsWith("bytes ") && dash > 6 ? range.mid(6, dash - 6).toLongLong(&firstOk) : -1;
        bool totalOk = false;
        const qint64 total = slash > 0 ? range.mid(slash + 1).toLongLong(&totalOk) : -1;
        append = firstOk && first == m_resumeFrom && (encoding.isEmpty() || encoding == "identity") &&
                 (m_declared < 0 || (totalOk && total == m_declared) || range.endsWith("/*"));
        if (!append) {
            dropPart();
            *error =
                invalidResponse(QStringLiteral("the server answered the rest of the file with a range that "
                                               "does not continue it (%1); the partial file was dropped")
                                    .arg(QString::fromLatin1(range.left(100))));
            return false;
        }
    } else if (status == 206) {
        *error = invalidResponse(QStringLiteral("the server sent part of the file unasked"));
        return false;
    }
    m_part = std::make_unique<QFile>(partPath(m_path));
    // A 200 is the whole file: whatever the part held goes.
    if (!m_part->open(append ? QIODevice::Append : QIODevice::WriteOnly | QIODevice::Truncate)) {
        error->message = QStringLiteral("cannot write %1: %2").arg(m_part->fileName(), m_part->errorString());
        m_part.reset();
        return false;
    }
    m_resumedFrom = append ? m_resumeFrom : 0;
    m_written = m_resumedFrom;
    return true;
}

void FileDownload::dropPart()
{
    if (m_part)
        m_part->close();
    m_part.reset();
    QFile::remove(partPath(m_path));
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
    if (m_mode != Mode::Resumable || m_declared < 0 || m_written >= m_declared)
        return false;
    // Closed early without a length to betray it: the part stays, and the retry asks for the rest.
    *why = QStringLiteral("the download broke off after %1 of the %2 bytes the file holds")
               .arg(m_written)
               .arg(m_declared);
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
        // Cut short without a length to betray it: the part stays, and the next try asks for the rest.
        if (m_declared >= 0 && m_written < m_declared) {
            *error = QStringLiteral("the download ended after %1 of the %2 bytes the file holds; the rest is "
                                    "asked for next time")
                         .arg(m_written)
                         .arg(m_declared);
            return false;
        }
        QFile::remove(m_path);
        if (!flushed || !QFile::rename(partPath(m_path), m_path)) {
            *error = QStringLiteral("cannot save %1").arg(m_path);
            return false;
        }
        return true;
    }
    if (!m_file)
        return true;
    // A connection closed early without a length to betray it still leaves fewer bytes than the file holds.
    if (m_declared >= 0 && m_written < m_declared) {
        *error = QStringLiteral("the download ended after %1 of the %2 bytes the file holds; kept nothing")
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
    // A resumable download keeps what came: the next attempt asks for the rest.
    if (m_part)
        m_part->close();
    m_part.reset();
    m_written = 0;
}
