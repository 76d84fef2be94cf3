#include "core/results/resultsformat.h"

#include <QIODevice>

namespace {
constexpr qsizetype kFlushBytes = 256 * 1024;

// RFC 4180, and a cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) starts with an
// apostrophe, as OWASP advises for CSV exports.
void appendCsvCell(QByteArray &out, const QString &value)
{
    QByteArray utf8 = value.toUtf8();
    if (!utf8.isEmpty() && QByteArrayLiteral("=+-@\t\r").contains(utf8.front()))
        utf8.prepend('\'');
    const bool quote = utf8.contains(',') || utf8.contains('"') || utf8.contains('\n') ||
                       utf8.contains('\r') ||
                       (!utf8.isEmpty() && (utf8.front() == ' ' || utf8.back() == ' '));
    if (!quote) {
        out += utf8;
        return;
    }
    out += '"';
    for (const char c : std::as_const(utf8)) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

// A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8.
void appendJsonString(QByteArray &out, const QString &value)
{
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    for (const char c : value.toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20 || u == 0x7f) {
                out += "\\u00";
                out += kHex[u >> 4];
                out += kHex[u & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void appendJsonCount(QByteArray &out, std::optional<qint64> value)
{
    out += value ? QByteArray::number(*value) : QByteArrayLiteral("null");
}

QString optionalNumber(std::optional<qint64> value)
{
    return value ? QString::number(*value) : QString();
}

bool hasError(const RequestResult &row)
{
    return row.outcome != RequestOutcome::Ok && !(row.errorCode.isEmpty() && row.errorMessage.isEmpty());
}

bool flush(QIODevice *out, QByteArray *buffer, QString *error)
{
    if (buffer->isEmpty())
        return true;
    if (out->write(*buffer) != buffer->size()) {
        if (error)
            *error = out->errorString();
        return false;
    }
    buffer->clear();
    return true;
}
} // namespace

namespace ResultsFormat {

QString outcomeWord(RequestOutcome outcome)
{
    switch (outcome) {
    case RequestOutcome::Ok:
        return QStringLiteral("ok");
    case RequestOutcome::Failed:
        return QStringLiteral("failed");
    case RequestOutcome::NotRun:
        return QStringLiteral("not_run");
    }
    Q_UNREACHABLE();
    return {};
}

QByteArray csvHeader()
{
    return QByteArrayLiteral(
        "custom_id,outcome,status_code,error_code,error_message,input_tokens,output_tokens\r\n");
}

QByteArray csvRecord(const RequestResult &row)
{
    const QString cells[] = {row.customId,
                             outcomeWord(row.outcome),
                             row.statusCode ? QString::number(row.statusCode) : QString(),
                             row.errorCode,
                             row.errorMessage,
                             optionalNumber(row.inputTokens),
                             optionalNumber(row.outputTokens)};
    QByteArray out;
    for (size_t i = 0; i < std::size(cells); ++i) {
        if (i)
            out += ',';
        appendCsvCell(out, cells[i]);
    }
    out += "\r\n";
    return out;
}

QByteArray jsonlRecord(const RequestResult &row)
{
    QByteArray out = "{\"custom_id\":";
    appendJsonString(out, row.customId);
    out += ",\"outcome\":\"" + outcomeWord(row.outcome).toLatin1() + "\",\"status_code\":";
    out += row.statusCode ? QByteArray::number(row.statusCode) : QByteArrayLiteral("null");
    out += ",\"error\":";
    if (hasError(row)) {
        out += "{\"code\":";
        if (row.errorCode.isEmpty())
            out += "null";
        else
            appendJsonString(out, row.errorCode);
        out += ",\"message\":";
        appendJsonString(out, row.errorMessage);
        out += '}';
    } else {
        out += "null";
    }
    out += ",\"usage\":";
    if (row.inputTokens || row.outputTokens) {
        out += "{\"input_tokens\":";
        appendJsonCount(out, row.inputTokens);
        out += ",\"output_tokens\":";
        appendJsonCount(out, row.outputTokens);
        out += '}';
    } else {
        out += "null";
    }
    out += "}\n";
    return out;
}

bool write(QIODevice *out, Format format, const ResultSet &set,
           const std::function<bool(const RequestResult &)> &include, QString *error)
{
    Q_ASSERT(out);
    QByteArray buffer;
    if (format == Format::Csv)
        buffer = csvHeader();
    for (const RequestResult &row : set.rows) {
        if (include && !include(row))
            continue;
        buffer += format == Format::Csv ? csvRecord(row) : jsonlRecord(row);
        if (buffer.size() >= kFlushBytes && !flush(out, &buffer, error))
            return false;
    }
    return flush(out, &buffer, error);
}

} // namespace ResultsFormat
