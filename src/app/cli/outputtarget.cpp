#include "outputtarget.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

OutputTarget::OutputTarget() = default;
OutputTarget::~OutputTarget() = default;

bool OutputTarget::isStream(const QString &path)
{
    // /dev/stdout and /dev/fd/N lead through /proc/self/fd to whatever the shell opened, which may be a
    // regular file: replacing it would cut the link to the shell's descriptor, so these are streams too.
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (absolute.startsWith(QLatin1String("/dev/")) || absolute.startsWith(QLatin1String("/proc/")))
        return true;
    const QFileInfo target(path); // follows symbolic links
    return target.exists() && !target.isFile() && !target.isDir();
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
