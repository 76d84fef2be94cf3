#include "core/api/filedownload.h"

#include <limits>

FileDownload::FileDownload(QNetworkAccessManager *manager, const QNetworkRequest &request,
                           const QString &path, qint64 declaredBytes, const Options &options, QObject *parent)
    : ApiCall(manager, request, QByteArrayLiteral("GET"), QByteArray(), options, parent)
    , m_path(path)
    , m_declared(declaredBytes)
    , m_limit(limitFor(declaredBytes))
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

bool FileDownload::consume(const QByteArray &chunk, ApiError *error)
{
    if (!m_file)
        return true;
    if (m_limit > 0 && m_written + chunk.size() > m_limit) {
        // A compressed answer can unpack to any size; the file's own `bytes` says how much to expect.
        *error = invalidResponse(
            (m_declared >= 0 ? QStringLiteral("the download grew past %1 bytes, more than the file is said "
                                              "to hold; stopped and kept nothing")
                             : QStringLiteral("the download grew past %1 bytes, more than results of this "
                                              "batch can hold; stopped and kept nothing"))
                .arg(m_limit));
        return false;
    }
    if (m_file->write(chunk) != chunk.size()) {
        error->message = QStringLiteral("cannot write %1: %2").arg(m_path, m_file->errorString());
        return false;
    }
    m_written += chunk.size();
    return true;
}

bool FileDownload::commit(QString *error)
{
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
    m_written = 0;
}
