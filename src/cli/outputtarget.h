#pragma once

#include <QString>

#include <memory>

class QFile;
class QIODevice;
class QSaveFile;

// Where `batchwatch export` writes: standard output, a regular file replaced atomically (QSaveFile: the file
// appears whole or an old one stays untouched), or something that is not a regular file (a FIFO, /dev/null,
// /dev/stdout, a terminal, any device), written straight through: a temporary file renamed over it would
// replace the FIFO or device itself, and nobody reading it would get the data.
class OutputTarget
{
public:
    OutputTarget();
    ~OutputTarget();

    // "-" is standard output. False with errorString() set when it cannot be opened.
    [[nodiscard]] bool open(const QString &path);
    QIODevice *device() const;
    // Whether a failed run can leave the target as it was (only a regular file or a new path can).
    bool isAtomic() const { return m_saveFile != nullptr; }
    // Makes what was written final: renames a regular file into place, or flushes a stream.
    [[nodiscard]] bool commit();
    // After a failure: a regular file stays as it was; what went to a stream is already gone.
    void discard();
    const QString &errorString() const { return m_error; }

    // Whether `path` must be written straight through rather than replaced.
    static bool isStream(const QString &path);

private:
    std::unique_ptr<QFile> m_stream;
    std::unique_ptr<QSaveFile> m_saveFile;
    QString m_path;
    QString m_error;
};
