#include "core/results/resultsreader.h"

#include "core/providers/provideradapter.h"
#include "core/results/errorgroups.h"
#include "core/results/linereader.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <optional>

namespace {
// A hostile file of garbage is one screen of warnings and a count, not a million lines of them.
constexpr int kMaxWarnings = 1000;
// A row keeps an error's message for the table and the groups; the whole answer stays in the file.
constexpr int kMaxMessageChars = 2000;
constexpr qint64 kProgressStep = 4 * 1024 * 1024;

bool isBlank(const QByteArray &bytes)
{
    for (const char c : bytes) {
        if (c != ' ' && c != '\t' && c != '\r') // JSON's whitespace; a line of \f or \v is not JSON
            return false;
    }
    return true;
}

QString shownId(const QString &id)
{
    return id.size() > 80 ? id.left(80) + QStringLiteral("…") : id;
}

class Join
{
public:
    Join(Provider provider, const ResultFiles &files, const ResultsReader::Progress &progress)
        : m_adapter(ProviderAdapter::of(provider))
        , m_progress(progress)
    {
        m_set.provider = provider;
        m_set.files = files;
        for (const QString &path : {files.input, files.output, files.errors}) {
            if (!path.isEmpty())
                m_total += QFileInfo(path).size();
        }
    }

    // Empty on success, else why the read stopped.
    QString readInput(const QString &path);
    QString readResults(const QString &path, RequestResult::Source source);
    // The set, or nullopt when cancelled while grouping.
    std::optional<ResultSet> finish();

private:
    // Reads the file at `path` line by line; `read` gets each line that is neither blank nor overlong.
    template <typename Read> QString eachLine(const QString &path, const QString &label, Read read);
    void warn(const QString &label, qint64 line, const QString &what);

    const ProviderAdapter &m_adapter;
    ResultsReader::Progress m_progress;
    ResultSet m_set;
    QHash<QString, int> m_rowOf;
    qint64 m_total = 0;
    qint64 m_done = 0; // bytes of the files already read
    qint64 m_dropped = 0;
    qint64 m_extraRows = 0;    // rows for results whose custom_id the input lacks
    qint64 m_droppedRows = 0;  // results past the cap on those rows
    qint64 m_firstDropped = 0; // where the first of them was, for the warning
    QString m_droppedLabel;
};

void Join::warn(const QString &label, qint64 line, const QString &what)
{
    if (m_set.warnings.size() >= kMaxWarnings) {
        ++m_dropped;
        return;
    }
    m_set.warnings.append(QStringLiteral("%1, line %2: %3").arg(label).arg(line).arg(what));
}

template <typename Read> QString Join::eachLine(const QString &path, const QString &label, Read read)
{
    LineReader reader(path);
    QString why;
    if (!reader.open(&why))
        return QStringLiteral("cannot read the %1: %2").arg(label, why);
    if (m_progress)
        reader.setKeepGoing([this](qint64 position) { return m_progress(m_done + position, m_total); });
    qint64 reported = 0;
    LineReader::Line line;
    while (reader.next(&line)) {
        if (m_progress && reader.position() - reported >= kProgressStep) {
            reported = reader.position();
            if (!m_progress(m_done + reported, m_total))
                return QStringLiteral("cancelled");
        }
        if (line.overlong) {
            warn(label, line.number,
                 QStringLiteral("longer than %1 MB; skipped").arg(LineReader::kMaxLineLength >> 20));
            continue;
        }
        if (isBlank(line.bytes))
            continue;
        read(line);
    }
    if (reader.cancelled())
        return QStringLiteral("cancelled");
    if (!reader.error().isEmpty())
        return QStringLiteral("cannot read the %1: %2").arg(label, reader.error());
    m_done += reader.size();
    if (m_progress && !m_progress(m_done, m_total))
        return QStringLiteral("cancelled");
    return {};
}

QString Join::readInput(const QString &path)
{
    const QString label = QStringLiteral("input file %1").arg(QFileInfo(path).fileName());
    const char *idKey = m_adapter.inputShape().idKey;
    return eachLine(path, label, [&](const LineReader::Line &line) {
        const Parsed<InputLine> input = m_adapter.readInputLine(line.bytes);
        if (!input.ok())
            return warn(label, line.number, input.error + QStringLiteral("; skipped"));
        const QString &id = input.value.customId;
        if (id.isEmpty())
            return warn(label, line.number,
                        QStringLiteral("no %1 (a non-empty string); skipped").arg(QLatin1String(idKey)));
        if (const auto known = m_rowOf.constFind(id); known != m_rowOf.cend())
            return warn(label, line.number,
                        QStringLiteral("%1 \"%2\" again (first on line %3); the first is kept")
                            .arg(QLatin1String(idKey), shownId(id))
                            .arg(m_set.rows.at(*known).inputLineNumber));
        RequestResult row;
        row.customId = id;
        row.inputLineNumber = line.number;
        row.input = {line.offset, line.length()};
        m_rowOf.insert(id, int(m_set.rows.size()));
        m_set.rows.append(std::move(row));
    });
}

QString Join::readResults(const QString &path, RequestResult::Source source)
{
    const QString label =
        QStringLiteral("%1 file %2")
            .arg(source == RequestResult::Source::Output ? QStringLiteral("output") : QStringLiteral("error"),
                 QFileInfo(path).fileName());
    const bool inputNamed = !m_set.files.input.isEmpty();
    return eachLine(path, label, [&](const LineReader::Line &line) {
        Parsed<ResultLine> read = m_adapter.readResultLine(line.bytes);
        if (!read.ok()) {
            if (read.value.customId.isEmpty())
                return warn(label, line.number, read.error + QStringLiteral("; skipped"));
            // The provider wrote a line for this request, so it ran (perhaps with success): failed with a
            // code of its own, never "not run", which a retry would send again.
            warn(label, line.number,
                 read.error +
                     QStringLiteral("; \"%1\" is marked failed (%2)")
                         .arg(shownId(read.value.customId), QLatin1String(RequestResult::kUnreadableCode)));
            ResultLine unreadable;
            unreadable.customId = std::move(read.value.customId);
            unreadable.outcome = RequestOutcome::Failed;
            unreadable.errorCode = QLatin1String(RequestResult::kUnreadableCode);
            unreadable.errorMessage = QStringLiteral("the result line did not read: ") + read.error;
            read.value = std::move(unreadable);
            read.error.clear();
            read.warnings.clear();
        }
        for (const QString &warning : std::as_const(read.warnings))
            warn(label, line.number, warning);
        ResultLine &result = read.value;
        auto known = m_rowOf.constFind(result.customId);
        if (known == m_rowOf.cend()) {
            const qint64 cap = inputNamed
                                   ? qMin(m_set.rows.size() - m_extraRows + ResultsReader::kExtraRowsMargin,
                                          ResultsReader::kMaxExtraRows)
                                   : ResultsReader::kMaxExtraRows;
            if (m_extraRows >= cap) {
                if (m_droppedRows++ == 0) {
                    m_firstDropped = line.number;
                    m_droppedLabel = label;
                }
                return;
            }
            ++m_extraRows;
            // Kept, after the input's requests: a result is never dropped silently.
            if (inputNamed)
                warn(label, line.number,
                     QStringLiteral("\"%1\" is not in the input; listed after its requests")
                         .arg(shownId(result.customId)));
            RequestResult row;
            row.customId = result.customId;
            known = m_rowOf.insert(result.customId, int(m_set.rows.size()));
            m_set.rows.append(std::move(row));
        }
        RequestResult &row = m_set.rows[*known];
        if (row.resultSource != RequestResult::Source::None)
            return warn(
                label, line.number,
                QStringLiteral("a second result for \"%1\"; the first is kept").arg(shownId(row.customId)));
        row.outcome = result.outcome;
        row.statusCode = result.statusCode;
        row.errorCode = std::move(result.errorCode);
        row.errorMessage = result.errorMessage.size() > kMaxMessageChars
                               ? result.errorMessage.left(kMaxMessageChars) + QStringLiteral("…")
                               : std::move(result.errorMessage);
        row.inputTokens = result.inputTokens;
        row.outputTokens = result.outputTokens;
        row.answer = std::move(result.answer);
        row.result = {line.offset, line.length()};
        row.resultSource = source;
    });
}

std::optional<ResultSet> Join::finish()
{
    if (m_dropped > 0)
        m_set.warnings.append(QStringLiteral("… and %1 more warnings").arg(m_dropped));
    if (m_droppedRows > 0)
        m_set.warnings.append(
            (m_set.files.input.isEmpty()
                 ? QStringLiteral(
                       "%1, line %2 and after: %3 results were dropped; at most %4 rows are listed")
                 : QStringLiteral(
                       "%1, line %2 and after: %3 results for requests the input does not hold were "
                       "dropped; at most %4 such rows are listed"))
                .arg(m_droppedLabel)
                .arg(m_firstDropped)
                .arg(m_droppedRows)
                .arg(m_extraRows));
    for (const RequestResult &row : std::as_const(m_set.rows)) {
        switch (row.outcome) {
        case RequestOutcome::Ok:
            ++m_set.ok;
            break;
        case RequestOutcome::Failed:
            ++m_set.failed;
            break;
        case RequestOutcome::NotRun:
            ++m_set.notRun;
            break;
        }
    }
    // Grouping comes after the files' last progress call: it asks the same question, so a cancel still stops
    // it.
    std::function<bool()> keepGoing;
    if (m_progress)
        keepGoing = [this] { return m_progress(m_total, m_total); };
    if (!ErrorGroups::build(&m_set, keepGoing))
        return std::nullopt;
    return std::move(m_set);
}

} // namespace

namespace ResultsReader {

Parsed<ResultSet> read(Provider provider, const ResultFiles &files, const Progress &progress)
{
    Parsed<ResultSet> result;
    Join join(provider, files, progress);
    if (!files.input.isEmpty())
        result.error = join.readInput(files.input);
    if (result.ok() && !files.output.isEmpty())
        result.error = join.readResults(files.output, RequestResult::Source::Output);
    if (result.ok() && !files.errors.isEmpty())
        result.error = join.readResults(files.errors, RequestResult::Source::Errors);
    if (result.ok()) {
        std::optional<ResultSet> set = join.finish();
        if (set)
            result.value = std::move(*set);
        else
            result.error = QStringLiteral("cancelled");
    }
    return result;
}

QByteArray readLine(const QString &path, const LineRef &line)
{
    if (!line.isValid() || line.length < 0 || line.length > LineReader::kMaxLineLength)
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(line.offset))
        return {};
    QByteArray bytes = file.read(line.length);
    return bytes.size() == line.length ? bytes : QByteArray();
}

} // namespace ResultsReader
