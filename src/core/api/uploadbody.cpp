#include "core/api/uploadbody.h"

#include <QFileInfo>
#include <QRandomGenerator>

#include <cstring>

namespace {
constexpr qint64 kScanChunk = 64 * 1024;

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
} // namespace

UploadBody::UploadBody(const QByteArray &before, const QString &path, const QByteArray &after, Lines lines,
                       QObject *parent)
    : QIODevice(parent)
    , m_before(before)
    , m_after(after)
    , m_file(path)
    , m_lines(lines)
{
}

QByteArray UploadBody::newBoundary()
{
    quint32 words[4];
    QRandomGenerator::global()->fillRange(words);
    return QByteArrayLiteral("batchwatch-") +
           QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex();
}

QByteArray UploadBody::headerFileName(const QString &path)
{
    QByteArray name = QFileInfo(path).fileName().toUtf8();
    name.replace('"', "%22").replace('\r', "").replace('\n', "");
    return name;
}

bool UploadBody::openBody()
{
    if (!m_file.open(QIODevice::ReadOnly)) {
        setErrorString(QStringLiteral("cannot read %1: %2").arg(m_file.fileName(), m_file.errorString()));
        return false;
    }
    m_fileSize = m_file.size();
    if (m_lines == Lines::AsJsonArray) {
        // The last byte that is not whitespace: the line that holds it is the array's last element.
        char buffer[kScanChunk];
        for (qint64 end = m_fileSize; end > 0 && m_lastContent < 0;) {
            const qint64 start = qMax<qint64>(0, end - kScanChunk);
            if (!m_file.seek(start) || m_file.read(buffer, end - start) != end - start) {
                setErrorString(
                    QStringLiteral("cannot read %1: %2").arg(m_file.fileName(), m_file.errorString()));
                return false;
            }
            for (qint64 i = end - start - 1; i >= 0; --i) {
                if (!isJsonSpace(buffer[i])) {
                    m_lastContent = start + i;
                    break;
                }
            }
            end = start;
        }
    }
    // Unbuffered: QIODevice keeps no read-ahead of its own, so every read comes through readData() at m_at.
    return QIODevice::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

qint64 UploadBody::size() const
{
    return m_before.size() + m_fileSize + m_after.size();
}

bool UploadBody::seek(qint64 pos)
{
    if (pos < 0 || pos > size() || !QIODevice::seek(pos))
        return false;
    m_at = pos;
    return true;
}

qint64 UploadBody::readData(char *data, qint64 maxSize)
{
    qint64 done = 0;
    const qint64 fileEnd = m_before.size() + m_fileSize;
    while (done < maxSize && m_at < size()) {
        qint64 n = 0;
        if (m_at < m_before.size()) {
            n = qMin(maxSize - done, m_before.size() - m_at);
            std::memcpy(data + done, m_before.constData() + m_at, size_t(n));
        } else if (m_at < fileEnd) {
            n = readFile(m_at - m_before.size(), data + done, qMin(maxSize - done, fileEnd - m_at));
            if (n <= 0) // the file shrank or failed under us: the upload must not go out short
                return done > 0 ? done : -1;
        } else {
            n = qMin(maxSize - done, size() - m_at);
            std::memcpy(data + done, m_after.constData() + (m_at - fileEnd), size_t(n));
        }
        done += n;
        m_at += n;
    }
    return done;
}

qint64 UploadBody::readFile(qint64 offset, char *data, qint64 maxSize)
{
    if (m_file.pos() != offset && !m_file.seek(offset)) {
        setErrorString(m_file.errorString());
        return -1;
    }
    const qint64 n = m_file.read(data, maxSize);
    if (n <= 0 || m_lines == Lines::AsIs) {
        if (n <= 0)
            setErrorString(QStringLiteral("cannot read %1: %2").arg(m_file.fileName(), m_file.errorString()));
        return n;
    }
    bool hasContent = m_stateAt == offset ? m_lineHasContent : lineHasContentBefore(offset);
    for (qint64 i = 0; i < n; ++i) {
        const char c = data[i];
        if (c == '\n') {
            if (hasContent && offset + i < m_lastContent)
                data[i] = ',';
            hasContent = false;
        } else if (!isJsonSpace(c)) {
            hasContent = true;
        }
    }
    m_lineHasContent = hasContent;
    m_stateAt = offset + n;
    return n;
}

bool UploadBody::lineHasContentBefore(qint64 offset)
{
    // A seek (a resend after a redirect or a dropped connection starts again at 0): walk back to the line's
    // start. Lines are read forward in practice, so this runs once per seek.
    char buffer[kScanChunk];
    for (qint64 end = offset; end > 0;) {
        const qint64 start = qMax<qint64>(0, end - kScanChunk);
        if (!m_file.seek(start) || m_file.read(buffer, end - start) != end - start)
            break;
        for (qint64 i = end - start - 1; i >= 0; --i) {
            if (buffer[i] == '\n')
                return false;
            if (!isJsonSpace(buffer[i]))
                return true;
        }
        end = start;
    }
    return false; // readFile() seeks back before its next read
}
