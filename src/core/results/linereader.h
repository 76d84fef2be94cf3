#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <functional>

// Reads a file line by line with a bounded line length: a line longer than the bound is reported as
// overlong and skipped without being held, so a file without a single newline costs at most the bound in
// memory. Lines end at '\n'; a '\r' before it belongs to the line end (CRLF files); the last line may lack
// its '\n'.
class LineReader
{
public:
    static constexpr qint64 kMaxLineLength = qint64(64) * 1024 * 1024;

    struct Line
    {
        QByteArray bytes; // without its line end; raw data over the reader's buffer, valid until next()
        qint64 offset = 0;
        qint64 number = 0;     // 1-based
        bool overlong = false; // skipped: `bytes` is empty, `offset` is where it started
        qint64 length() const { return bytes.size(); }
    };

    explicit LineReader(const QString &path, qint64 maxLineLength = kMaxLineLength);
    [[nodiscard]] bool open(QString *error);
    qint64 size() const { return m_size; }
    // Bytes consumed so far.
    qint64 position() const { return m_bufferOffset + m_start; }
    // The next line, or false at the end of the file or on a read error (then error() says why).
    [[nodiscard]] bool next(Line *line);
    const QString &error() const { return m_error; }
    // Asked with the position now and then while an overlong line is skipped (it may run to the end of a huge
    // file); false stops the read: next() returns false and cancelled() is true.
    using KeepGoing = std::function<bool(qint64 position)>;
    void setKeepGoing(KeepGoing keepGoing) { m_keepGoing = std::move(keepGoing); }
    bool cancelled() const { return m_cancelled; }
    // Whether the file starts with a UTF-8 byte order mark (EF BB BF). Line 1 is read without it.
    bool startsWithBom() const { return m_bom; }

private:
    bool fill();

    QFile m_file;
    qint64 m_maxLength;
    qint64 m_size = 0;
    QByteArray m_buffer;
    qint64 m_bufferOffset = 0; // the file offset of m_buffer[0]
    qsizetype m_start = 0;     // where the next line starts in m_buffer
    qsizetype m_scanned = 0;   // m_buffer[m_start, m_scanned) holds no '\n'
    qint64 m_number = 0;
    bool m_atEnd = false;
    bool m_bom = false;
    bool m_cancelled = false;
    KeepGoing m_keepGoing;
    QString m_error;
};
