#include "core/results/retrylines.h"

#include "core/providers/provideradapter.h"
#include "core/results/preflight.h"

#include <QFile>
#include <QIODevice>

namespace RetryLines {

bool includes(const Selection &selection, const RequestResult &row)
{
    if (selection.group >= 0)
        return row.outcome == RequestOutcome::Failed && row.group == selection.group;
    // A result line that did not read may have been a success: sent again only when its group is chosen.
    const bool unreadable = row.errorCode == QLatin1String(RequestResult::kUnreadableCode);
    return (selection.failed && row.outcome == RequestOutcome::Failed && !unreadable) ||
           (selection.notRun && row.outcome == RequestOutcome::NotRun);
}

std::optional<Written> write(const ResultSet &set, const Selection &selection, QIODevice *out, QString *error)
{
    Q_ASSERT(out && error);
    Written written;
    bool any = false;
    for (const RequestResult &row : set.rows)
        any = any || includes(selection, row);
    if (!any)
        return written;
    // Anthropic keeps no input file: its requests cannot be sent again from here.
    if (set.files.input.isEmpty()) {
        *error = QStringLiteral("the batch has no input file to take its requests from");
        return std::nullopt;
    }
    QFile input(set.files.input);
    if (!input.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral("cannot read the input file %1: %2").arg(set.files.input, input.errorString());
        return std::nullopt;
    }
    const ProviderAdapter &adapter = ProviderAdapter::of(set.provider);
    qint64 lastOffset = -1;
    for (const RequestResult &row : set.rows) {
        // A result whose custom_id the input lacks (a warning of the read) has no line to send again.
        if (!row.input.isValid() || !includes(selection, row))
            continue;
        Q_ASSERT(row.input.offset > lastOffset); // rows with an input line are in input order
        lastOffset = row.input.offset;
        QByteArray line;
        if (input.seek(row.input.offset))
            line = input.read(row.input.length);
        // The bytes must still be this request: a file edited since it was read is not sent by guess.
        const Parsed<InputLine> read = line.size() == row.input.length
                                           ? adapter.readInputLine(line)
                                           : Parsed<InputLine>{{}, QStringLiteral("short"), {}};
        if (!read.ok() || read.value.customId != row.customId) {
            *error = QStringLiteral("the input file %1 changed since it was read: line %2 no longer holds "
                                    "the request \"%3\"")
                         .arg(set.files.input)
                         .arg(row.inputLineNumber)
                         .arg(row.customId.left(80));
            return std::nullopt;
        }
        written.estimatedInputTokens += Preflight::estimateTokens(line);
        line += '\n';
        if (out->write(line) != line.size()) {
            *error = out->errorString();
            return std::nullopt;
        }
        ++written.lines;
        written.bytes += line.size();
    }
    return written;
}

} // namespace RetryLines
