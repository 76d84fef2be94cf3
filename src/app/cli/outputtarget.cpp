#include "outputtarget.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

OutputTarget::OutputTarget() = default;
OutputTarget::~OutputTarget() = default;

namespace {
// /proc/PID/fd/N (and /dev/stdout, /dev/fd/N, which lead there) is whatever the shell opened, maybe a regular
// file: replacing it would leave the shell's descriptor on a deleted file.
bool isDescriptorPath(const QString &absolute)
{
    return absolute.startsWith(QLatin1String("/proc/")) || absolute.startsWith(QLatin1String("/dev/fd/")) ||
           absolute == QLatin1String("/dev/stdout") || absolute == QLatin1String("/dev/stderr");
}

// The path each symbolic link of `path` leads to, one hop at a time (not resolved at once: the hop through
// /proc/self/fd is what matters, and resolving it gives the file behind the descriptor).
QStringList linkChain(const QString &path)
{
    QStringList chain{QFileInfo(path).absoluteFilePath()};
    for (int hop = 0; hop < 16; ++hop) {
        const QByteArray name = QFile::encodeName(chain.constLast());
        char target[4096];
        const ssize_t length = ::readlink(name.constData(), target, sizeof target - 1);
        if (length <= 0)
            break;
        const QString next = QFile::decodeName(QByteArray(target, int(length)));
        chain << QDir::cleanPath(QFileInfo(chain.constLast()).absoluteDir().absoluteFilePath(next));
    }
    return chain;
}
} // namespace

bool OutputTarget::isStream(const QString &path)
{
    const QStringList chain = linkChain(path);
    if (std::any_of(chain.cbegin(), chain.cend(), isDescriptorPath))
        return true;
    const QFileInfo target(path); // follows symbolic links
    if (target.exists())
        return !target.isFile() && !target.isDir(); // a FIFO, a socket, a device
    // Nothing new is created among the devices (/dev/shm holds ordinary files).
    const QString absolute = chain.constLast();
    return absolute.startsWith(QLatin1String("/dev/")) && !absolute.startsWith(QLatin1String("/dev/shm/"));
}

bool OutputTarget::open(const QString &path)
{
    Q_ASSERT(!m_stream && !m_saveFile);
    m_path = path;
    if (path == QLatin1String("-")) {
        m_stream = std::make_unique<QFile>();
        if (!m_stream->open(stdout, QIODevice::WriteOnly)) {
            m_error = QStringLiteral("cannot write to standard output: ") + m_stream->errorString();
            return false;
        }
        return true;
    }
    if (isStream(path)) {
        // Never created (nothing new appears in /dev), never truncated; O_APPEND so a file reached through
        // /dev/fd keeps what the shell wrote before. Opened by hand: QFile's Append seeks, which a FIFO
        // refuses.
        const QByteArray name = QFile::encodeName(path);
        const int fd = ::open(name.constData(), O_WRONLY | O_APPEND | O_CLOEXEC);
        if (fd < 0) {
            m_error =
                QStringLiteral("cannot write %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        m_stream = std::make_unique<QFile>(path);
        if (!m_stream->open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle)) {
            ::close(fd);
            m_error = QStringLiteral("cannot write %1: %2").arg(path, m_stream->errorString());
            return false;
        }
        return true;
    }
    m_saveFile = std::make_unique<QSaveFile>(path);
    if (!m_saveFile->open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("cannot write %1: %2").arg(path, m_saveFile->errorString());
        return false;
    }
    return true;
}

QIODevice *OutputTarget::device() const
{
    return m_saveFile ? static_cast<QIODevice *>(m_saveFile.get()) : m_stream.get();
}

bool OutputTarget::commit()
{
    if (m_saveFile) {
        if (!m_saveFile->commit()) {
            m_error = QStringLiteral("cannot save %1: %2").arg(m_path, m_saveFile->errorString());
            return false;
        }
        return true;
    }
    if (m_stream && !m_stream->flush()) {
        m_error = m_path == QLatin1String("-")
                      ? QStringLiteral("cannot write to standard output")
                      : QStringLiteral("cannot write %1: %2").arg(m_path, m_stream->errorString());
        return false;
    }
    return true;
}

void OutputTarget::discard()
{
    if (m_saveFile)
        m_saveFile->cancelWriting();
}
