#include "cli/outputtarget.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

OutputTarget::OutputTarget() = default;
OutputTarget::~OutputTarget() = default;

namespace {
// Whether the regular file `st` is one this process already holds open (standard output on a file: reached as
// /dev/stdout, /dev/fd/N, /proc/self/fd/N or a link to them): the shell's descriptor would be left on a
// deleted file if it were replaced, so it is written through. Judged by inode, not by path, so that
// /proc/self/cwd/x (a plain file) is replaced as any file is, and a link into /proc/self/fd is still
// recognised.
bool isOneOfOurDescriptors(const struct stat &st)
{
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString &entry : fds.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        bool ok = false;
        const int fd = entry.toInt(&ok);
        struct stat open = {};
        if (ok && ::fstat(fd, &open) == 0 && open.st_dev == st.st_dev && open.st_ino == st.st_ino)
            return true;
    }
    return false;
}
} // namespace

bool OutputTarget::isStream(const QString &path)
{
    const QByteArray name = QFile::encodeName(QFileInfo(path).absoluteFilePath());
    struct stat st = {};
    if (::stat(name.constData(), &st) != 0) {
        // Nothing new is created among the devices (/dev/shm holds ordinary files).
        const QString absolute = QFileInfo(path).absoluteFilePath();
        return absolute.startsWith(QLatin1String("/dev/")) &&
               !absolute.startsWith(QLatin1String("/dev/shm/"));
    }
    if (S_ISDIR(st.st_mode))
        return false; // refused when it is opened
    if (!S_ISREG(st.st_mode))
        return true; // a FIFO, a socket, a device
    return isOneOfOurDescriptors(st);
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
        const int fd = ::open(name.constData(), O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY);
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
