#pragma once

#include <QFile>
#include <QIODevice>

// A request body read from disk as it goes out: bytes before, a file's content, bytes after. Random access
// with a known size, so Qt sends it with a Content-Length straight from the file instead of holding 200 MB in
// memory (a sequential device would be buffered whole). Made anew for each attempt of a call.
class UploadBody : public QIODevice
{
    Q_OBJECT

public:
    enum class Lines {
        AsIs,
        // The file's JSONL lines become the elements of a JSON array: the line end after each line that holds
        // something, except the last such line, is sent as ','; blank lines and every other byte go as they
        // are (CR, spaces and tabs are JSON whitespace), so the body is exactly as long as the file.
        AsJsonArray,
    };

    UploadBody(const QByteArray &before, const QString &path, const QByteArray &after, Lines lines,
               QObject *parent = nullptr);

    // Opens the file for reading; false with errorString() naming the path.
    [[nodiscard]] bool openBody();
    // A multipart boundary no file line will hold by chance.
    static QByteArray newBoundary();
    // The base name of `path` for a multipart header: quotes escaped, line ends dropped (as browsers write
    // it), so it cannot end the header.
    static QByteArray headerFileName(const QString &path);

    bool isSequential() const override { return false; }
    qint64 size() const override;
    bool seek(qint64 pos) override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 readFile(qint64 offset, char *data, qint64 maxSize);
    // Whether the line that holds `offset` has anything but whitespace before it.
    bool lineHasContentBefore(qint64 offset);

    QByteArray m_before;
    QByteArray m_after;
    QFile m_file;
    qint64 m_fileSize = 0;
    Lines m_lines;
    qint64 m_at = 0;           // where the next readData() reads
    qint64 m_lastContent = -1; // offset in the file of its last non-whitespace byte (AsJsonArray)
    qint64 m_stateAt = -1;     // the file offset m_lineHasContent describes (-1: none)
    bool m_lineHasContent = false;
};
