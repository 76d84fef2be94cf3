#pragma once

#include "core/batch/batch.h"

#include <QByteArray>
#include <QStringList>

#include <functional>
#include <optional>

class QIODevice;

// Writes batches as CSV (RFC 4180), a JSON array, JSON Lines or a text table, streaming, in the order given.
// JSON and JSONL hold each batch exactly as the server sent it, whatever its provider's shape; CSV holds one
// column per main field, the same for every provider, plus account, provider and raw_status;
// the table (for `batchwatch list`) holds the dashboard's main columns for a person to read, with the
// server's control characters escaped.
class BatchExporter
{
public:
    enum class Format { Csv, Json, Jsonl, Table };

    static std::optional<Format> formatFromName(const QString &name);
    // From the file's extension (.csv, .json, .jsonl/.ndjson), else `fallback`.
    static Format formatFromPath(const QString &path, Format fallback = Format::Csv);
    static QString formatName(Format format);
    static const QStringList &csvColumns();

    BatchExporter(QIODevice *device, Format format);

    // Where the batches come from, for CSV's `account` and `provider` columns: the account's name (for
    // the environment, the provider's display name) and the provider's id ("openai", "anthropic", ...).
    void setSource(const QString &account, const QString &provider);

    // Writes `batches` to `path` atomically (QSaveFile): the file appears whole, or an old one stays
    // untouched.
    static bool writeFile(const QString &path, Format format, const std::vector<Batch> &batches,
                          QString *error);
    // The same, with the rows written by `writeRows` (which may set each row's source before writing it); it
    // returns false as soon as a write fails.
    static bool writeFile(const QString &path, Format format,
                          const std::function<bool(BatchExporter &)> &writeRows, QString *error);

    // Writes the CSV header or the JSON array's opening; the table's header waits for the first row or
    // finish(), so a run that fails before its first page prints nothing but its error.
    bool begin();
    bool write(const Batch &batch);
    // Writes what is buffered and closes the JSON array; the device stays open.
    bool finish();
    const QString &errorString() const { return m_error; }
    qint64 batchesWritten() const { return m_count; }

private:
    void appendCsvRow(const Batch &batch);
    void appendTableHeader();
    void appendTableRow(const QStringList &cells);
    bool flush();

    QIODevice *m_device;
    Format m_format;
    QByteArray m_buffer;
    QString m_account;
    QString m_provider;
    qint64 m_count = 0;
    bool m_tableHeaderWritten = false;
    QString m_error;
};
