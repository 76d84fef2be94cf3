#include "core/export/batchexporter.h"

#include "core/export/batchformat.h"

#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSaveFile>

namespace {
constexpr qsizetype kFlushBytes = 256 * 1024;

// RFC 4180: quote a field holding a comma, quote, CR or LF (and leading or trailing spaces, which some
// readers trim).
void appendCsvField(QByteArray &out, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    const bool quote = utf8.contains(',') || utf8.contains('"') || utf8.contains('\n') ||
                       utf8.contains('\r') ||
                       (!utf8.isEmpty() && (utf8.front() == ' ' || utf8.back() == ' '));
    if (!quote) {
        out += utf8;
        return;
    }
    out += '"';
    for (char c : utf8) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

QString optionalCount(bool present, qint64 value)
{
    return present ? QString::number(value) : QString();
}

QString metadataJson(const Batch &batch)
{
    if (batch.metadata.isEmpty())
        return {};
    QJsonObject object;
    for (auto it = batch.metadata.cbegin(); it != batch.metadata.cend(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString errorsJson(const Batch &batch)
{
    if (batch.errors.isEmpty())
        return {};
    QJsonArray list;
    for (const BatchError &e : batch.errors) {
        QJsonObject o{{QStringLiteral("code"), e.code}, {QStringLiteral("message"), e.message}};
        if (!e.param.isEmpty())
            o.insert(QStringLiteral("param"), e.param);
        if (e.line)
            o.insert(QStringLiteral("line"), *e.line);
        list.append(o);
    }
    return QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
}
} // namespace

std::optional<BatchExporter::Format> BatchExporter::formatFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("csv"))
        return Format::Csv;
    if (n == QLatin1String("json"))
        return Format::Json;
    if (n == QLatin1String("jsonl") || n == QLatin1String("ndjson"))
        return Format::Jsonl;
    return std::nullopt;
}

BatchExporter::Format BatchExporter::formatFromPath(const QString &path, Format fallback)
{
    return formatFromName(QFileInfo(path).suffix()).value_or(fallback);
}

QString BatchExporter::formatName(Format format)
{
    switch (format) {
    case Format::Json:
        return QStringLiteral("json");
    case Format::Jsonl:
        return QStringLiteral("jsonl");
    case Format::Table:
        return QStringLiteral("table");
    case Format::Csv:
        break;
    }
    return QStringLiteral("csv");
}

const QStringList &BatchExporter::csvColumns()
{
    static const QStringList columns = {QStringLiteral("id"),
                                        QStringLiteral("status"),
                                        QStringLiteral("endpoint"),
                                        QStringLiteral("model"),
                                        QStringLiteral("created_at"),
                                        QStringLiteral("in_progress_at"),
                                        QStringLiteral("finalizing_at"),
                                        QStringLiteral("completed_at"),
                                        QStringLiteral("failed_at"),
                                        QStringLiteral("expired_at"),
                                        QStringLiteral("cancelling_at"),
                                        QStringLiteral("cancelled_at"),
                                        QStringLiteral("expires_at"),
                                        QStringLiteral("total"),
                                        QStringLiteral("completed"),
                                        QStringLiteral("failed"),
                                        QStringLiteral("input_tokens"),
                                        QStringLiteral("cached_tokens"),
                                        QStringLiteral("output_tokens"),
                                        QStringLiteral("reasoning_tokens"),
                                        QStringLiteral("total_tokens"),
                                        QStringLiteral("input_file_id"),
                                        QStringLiteral("output_file_id"),
                                        QStringLiteral("error_file_id"),
                                        QStringLiteral("completion_window"),
                                        QStringLiteral("errors"),
                                        QStringLiteral("metadata"),
                                        QStringLiteral("account"),
                                        QStringLiteral("provider"),
                                        QStringLiteral("raw_status")};
    return columns;
}

bool BatchExporter::writeFile(const QString &path, Format format, const std::vector<Batch> &batches,
                              QString *error)
{
    const auto writeRows = [&batches](BatchExporter &exporter) {
        for (const Batch &batch : batches) {
            if (!exporter.write(batch))
                return false;
        }
        return true;
    };
    return writeFile(path, format, writeRows, error);
}

bool BatchExporter::writeFile(const QString &path, Format format,
                              const std::function<bool(BatchExporter &)> &writeRows, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QObject::tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    BatchExporter exporter(&file, format);
    const bool ok = exporter.begin() && writeRows(exporter) && exporter.finish();
    if (!ok) {
        *error = QObject::tr("cannot write %1: %2").arg(path, exporter.errorString());
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = QObject::tr("cannot save %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

BatchExporter::BatchExporter(QIODevice *device, Format format)
    : m_device(device)
    , m_format(format)
{
}

bool BatchExporter::begin()
{
    m_count = 0;
    m_buffer.clear();
    if (m_format == Format::Csv) {
        const QStringList &columns = csvColumns();
        for (qsizetype i = 0; i < columns.size(); ++i) {
            if (i)
                m_buffer += ',';
            m_buffer += columns[i].toLatin1();
        }
        m_buffer += "\r\n";
    } else if (m_format == Format::Json) {
        m_buffer += '[';
    }
    // The table's header waits for the first row or finish(): a run that fails before any page arrived (a
    // wrong key) prints only its error.
    m_tableHeaderWritten = false;
    return flush();
}

bool BatchExporter::write(const Batch &batch)
{
    switch (m_format) {
    case Format::Json:
        m_buffer += m_count ? ",\n" : "\n";
        m_buffer += batch.json;
        break;
    case Format::Jsonl:
        m_buffer += batch.json;
        m_buffer += '\n';
        break;
    case Format::Csv:
        appendCsvRow(batch);
        break;
    case Format::Table:
        appendTableHeader();
        appendTableRow({BatchFormat::statusLabel(batch.status), batch.id, batch.endpoint,
                        batch.model.isEmpty() ? QStringLiteral("-") : batch.model,
                        BatchFormat::shortTime(batch.createdAt), BatchFormat::progress(batch),
                        batch.requestCounts.present ? BatchFormat::count(batch.requestCounts.failed)
                                                    : QStringLiteral("-"),
                        batch.usage ? BatchFormat::count(batch.usage->totalTokens) : QStringLiteral("-")});
        break;
    }
    ++m_count;
    return m_buffer.size() < kFlushBytes || flush();
}

bool BatchExporter::finish()
{
    if (m_format == Format::Json)
        m_buffer += m_count ? "\n]\n" : "]\n";
    else if (m_format == Format::Table)
        appendTableHeader();
    return flush();
}

bool BatchExporter::flush()
{
    if (m_buffer.isEmpty())
        return true;
    if (m_device->write(m_buffer) != m_buffer.size()) {
        m_error = m_device->errorString();
        return false;
    }
    m_buffer.clear();
    return true;
}

void BatchExporter::appendTableHeader()
{
    if (m_tableHeaderWritten)
        return;
    m_tableHeaderWritten = true;
    appendTableRow({QStringLiteral("STATUS"), QStringLiteral("ID"), QStringLiteral("ENDPOINT"),
                    QStringLiteral("MODEL"), QStringLiteral("CREATED"), QStringLiteral("PROGRESS"),
                    QStringLiteral("FAILED"), QStringLiteral("TOKENS")});
}

void BatchExporter::appendTableRow(const QStringList &cells)
{
    // Widths fit the API's usual values (ids are 38 characters); longer text is cut with an ellipsis.
    static const int widths[] = {11, 38, 20, 22, 16, 20, 8, 0};
    QString line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        const int width = widths[i];
        // For a terminal: the server's control characters shown escaped, never obeyed.
        QString cell = cells[i];
        cell.replace(u'\n', u' ');
        cell = BatchFormat::terminalText(cell);
        if (width > 0 && cell.size() > width)
            cell = cell.left(width - 1) + QChar(0x2026);
        const bool numeric = i >= 5 && i <= 7;
        line += width > 0 ? (numeric ? cell.rightJustified(width) : cell.leftJustified(width))
                          : cell.rightJustified(12);
        if (i + 1 < cells.size())
            line += QStringLiteral("  ");
    }
    m_buffer += line.toUtf8();
    m_buffer += '\n';
}

void BatchExporter::setSource(const QString &account, const QString &provider)
{
    m_account = account;
    m_provider = provider;
}

void BatchExporter::appendCsvRow(const Batch &b)
{
    const RequestCounts &c = b.requestCounts;
    const bool usage = b.usage.has_value();
    const BatchUsage u = b.usage.value_or(BatchUsage());
    const QString fields[] = {b.id,
                              b.status.toString(),
                              b.endpoint,
                              b.model,
                              BatchFormat::isoTime(b.createdAt),
                              BatchFormat::isoTime(b.inProgressAt),
                              BatchFormat::isoTime(b.finalizingAt),
                              BatchFormat::isoTime(b.completedAt),
                              BatchFormat::isoTime(b.failedAt),
                              BatchFormat::isoTime(b.expiredAt),
                              BatchFormat::isoTime(b.cancellingAt),
                              BatchFormat::isoTime(b.cancelledAt),
                              BatchFormat::isoTime(b.expiresAt),
                              optionalCount(c.present, c.total),
                              optionalCount(c.present, c.completed),
                              optionalCount(c.present, c.failed),
                              optionalCount(usage, u.inputTokens),
                              optionalCount(usage, u.cachedTokens),
                              optionalCount(usage, u.outputTokens),
                              optionalCount(usage, u.reasoningTokens),
                              optionalCount(usage, u.totalTokens),
                              b.inputFileId,
                              b.outputFileId,
                              b.errorFileId,
                              b.completionWindow,
                              errorsJson(b),
                              metadataJson(b),
                              m_account,
                              m_provider,
                              b.rawStatus};
    static_assert(std::size(fields) == 30);
    for (size_t i = 0; i < std::size(fields); ++i) {
        if (i)
            m_buffer += ',';
        appendCsvField(m_buffer, fields[i]);
    }
    m_buffer += "\r\n";
}
