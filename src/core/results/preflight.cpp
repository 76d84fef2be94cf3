#include "core/results/preflight.h"

#include "core/export/batchformat.h"
#include "core/providers/provideradapter.h"
#include "core/results/linereader.h"

#include <QHash>

#include <algorithm>

namespace {
using Kind = PreflightProblem::Kind;
constexpr qint64 kProgressStep = 4 * 1024 * 1024;

// The endpoints OpenAI's Batch API takes (BatchCreateParams.endpoint in the `openai` npm package). Azure
// writes them without the /v1 as well ("/chat/completions").
bool isBatchEndpoint(const QString &url, Provider provider)
{
    static const QStringList kEndpoints = {
        QStringLiteral("/v1/responses"),    QStringLiteral("/v1/chat/completions"),
        QStringLiteral("/v1/embeddings"),   QStringLiteral("/v1/completions"),
        QStringLiteral("/v1/moderations"),  QStringLiteral("/v1/images/generations"),
        QStringLiteral("/v1/images/edits"), QStringLiteral("/v1/videos")};
    if (kEndpoints.contains(url))
        return true;
    return provider == Provider::Azure && kEndpoints.contains(QStringLiteral("/v1") + url);
}

// JSON's whitespace (and a CR of a CRLF line end): a line of \f or \v is content, which is not JSON.
bool isBlank(const QByteArray &bytes)
{
    return std::all_of(bytes.cbegin(), bytes.cend(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

bool isShortToken(const QString &id, int maxLength)
{
    return id.size() <= maxLength && std::all_of(id.cbegin(), id.cend(), [](QChar c) {
               return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
                      c == u'_' || c == u'-';
           });
}

QString quoted(const QString &text)
{
    return u'"' + (text.size() > 80 ? text.left(80) + QStringLiteral("…") : text) + u'"';
}

class Report
{
public:
    PreflightReport report;

    void add(qint64 line, Kind kind, const QString &detail)
    {
        ++report.problemCount;
        QVector<PreflightProblem> &list = report.problems;
        if (line == 0) {
            // The whole file's problems come first and are never the ones cut off.
            const auto at = std::find_if(list.begin(), list.end(), [](const auto &p) { return p.line > 0; });
            list.insert(at, PreflightProblem{line, kind, detail});
            if (list.size() > Preflight::kMaxListed)
                list.removeLast();
        } else if (list.size() < Preflight::kMaxListed) {
            list.append(PreflightProblem{line, kind, detail});
        }
    }
};
} // namespace

namespace Preflight {

qint64 estimateTokens(const QByteArray &line)
{
    return (line.size() + 3) / 4;
}

QString describe(PreflightProblem::Kind kind)
{
    switch (kind) {
    case Kind::Unreadable:
        return QStringLiteral("cannot be read");
    case Kind::Empty:
        return QStringLiteral("no requests");
    case Kind::NotJson:
        return QStringLiteral("not JSON");
    case Kind::MissingCustomId:
        return QStringLiteral("missing custom_id");
    case Kind::DuplicateCustomId:
        return QStringLiteral("duplicate custom_id");
    case Kind::MethodNotPost:
        return QStringLiteral("method not POST");
    case Kind::MixedUrl:
        return QStringLiteral("mixed url");
    case Kind::UnsupportedUrl:
        return QStringLiteral("unsupported url");
    case Kind::MissingModel:
        return QStringLiteral("missing model");
    case Kind::MixedModel:
        return QStringLiteral("mixed model");
    case Kind::TooManyLines:
        return QStringLiteral("too many requests");
    case Kind::TooLarge:
        return QStringLiteral("file too large");
    }
    Q_UNREACHABLE();
    return {};
}

PreflightReport check(const QString &path, Provider provider, const Progress &progress)
{
    Report out;
    PreflightReport &report = out.report;
    LineReader reader(path);
    QString why;
    if (!reader.open(&why)) {
        out.add(0, Kind::Unreadable, QStringLiteral("cannot read %1: %2").arg(path, why));
        return report;
    }
    report.bytes = reader.size();
    // The size says enough: a 30 GB file picked by mistake answers at once, holding no ids.
    if (report.bytes > kMaxBytes) {
        out.add(
            0, Kind::TooLarge,
            QStringLiteral("the file holds %1 bytes; a batch takes at most %2 MB; its lines were not checked")
                .arg(BatchFormat::count(report.bytes))
                .arg(kMaxBytes >> 20));
        if (progress && !progress(report.bytes, report.bytes))
            report.cancelled = true;
        return report;
    }
    const ProviderAdapter &adapter = ProviderAdapter::of(provider);
    const InputShape shape = adapter.inputShape();
    const QLatin1String idKey(shape.idKey);
    const QLatin1String modelPath(shape.modelPath);
    if (progress)
        reader.setKeepGoing([&](qint64 position) { return progress(position, report.bytes); });
    QHash<QString, qint64> firstLineOf;
    qint64 urlLine = 0, modelLine = 0, reported = 0;
    LineReader::Line line;
    while (reader.next(&line)) {
        if (progress && reader.position() - reported >= kProgressStep) {
            reported = reader.position();
            if (!progress(reported, report.bytes)) {
                report.cancelled = true;
                return report;
            }
        }
        if (line.number == 1 && reader.startsWithBom())
            out.add(
                1, Kind::NotJson,
                QStringLiteral("the file starts with a UTF-8 byte order mark, which the Batch API does not "
                               "take; save it as UTF-8 without one"));
        if (!line.overlong && isBlank(line.bytes))
            continue;
        // Past the limit the file must be split anyway: stop here, so memory stays that of kMaxLines ids.
        if (++report.lines == kMaxLines + 1) {
            out.add(line.number, Kind::TooManyLines,
                    QStringLiteral("request %1: a batch takes at most %2 requests; the rest of the file was "
                                   "not checked")
                        .arg(report.lines)
                        .arg(BatchFormat::count(kMaxLines)));
            break;
        }
        if (line.overlong) {
            out.add(line.number, Kind::NotJson,
                    QStringLiteral("the line is longer than %1 MB").arg(LineReader::kMaxLineLength >> 20));
            continue;
        }
        report.estimatedInputTokens += estimateTokens(line.bytes);
        const Parsed<InputLine> read = adapter.readInputLine(line.bytes);
        if (!read.ok()) {
            out.add(line.number, Kind::NotJson, read.error);
            continue;
        }
        const InputLine &input = read.value;
        if (input.customId.isEmpty()) {
            out.add(line.number, Kind::MissingCustomId,
                    QStringLiteral("no %1 (a non-empty string)").arg(idKey));
        } else if (shape.idMaxLength > 0 && !isShortToken(input.customId, shape.idMaxLength)) {
            out.add(line.number, Kind::MissingCustomId,
                    QStringLiteral("%1 %2 is not 1 to %3 letters, digits, _ or -")
                        .arg(idKey, quoted(input.customId))
                        .arg(shape.idMaxLength));
        } else if (const auto first = firstLineOf.constFind(input.customId); first != firstLineOf.cend()) {
            out.add(
                line.number, Kind::DuplicateCustomId,
                QStringLiteral("%1 %2 is already on line %3").arg(idKey, quoted(input.customId)).arg(*first));
        } else {
            firstLineOf.insert(input.customId, line.number);
        }
        if (shape.methodAndUrl) {
            if (input.method != QLatin1String("POST"))
                out.add(line.number, Kind::MethodNotPost,
                        input.method.isEmpty()
                            ? QStringLiteral("no method; it must be POST")
                            : QStringLiteral("method %1; it must be POST").arg(quoted(input.method)));
            if (input.url.isEmpty()) {
                out.add(line.number, Kind::UnsupportedUrl, QStringLiteral("no url"));
            } else if (urlLine == 0) {
                urlLine = line.number;
                report.endpoint = input.url;
                if (!isBatchEndpoint(input.url, provider))
                    out.add(line.number, Kind::UnsupportedUrl,
                            QStringLiteral("url %1 is not an endpoint the Batch API takes")
                                .arg(quoted(input.url)));
            } else if (input.url != report.endpoint) {
                out.add(line.number, Kind::MixedUrl,
                        QStringLiteral("url %1 differs from %2 on line %3; a batch has one endpoint")
                            .arg(quoted(input.url), quoted(report.endpoint))
                            .arg(urlLine));
            }
        }
        if (input.model.isEmpty()) {
            if (shape.modelRequired)
                out.add(line.number, Kind::MissingModel, QStringLiteral("no %1").arg(modelPath));
        } else if (modelLine == 0) {
            modelLine = line.number;
            report.model = input.model;
        } else if (input.model != report.model) {
            out.add(line.number, Kind::MixedModel,
                    QStringLiteral("model %1 differs from %2 on line %3; a batch has one model")
                        .arg(quoted(input.model), quoted(report.model))
                        .arg(modelLine));
        }
    }
    if (reader.cancelled()) {
        report.cancelled = true;
        return report;
    }
    if (!reader.error().isEmpty())
        out.add(0, Kind::Unreadable, QStringLiteral("cannot read %1: %2").arg(path, reader.error()));
    else if (report.lines == 0)
        out.add(0, Kind::Empty, QStringLiteral("the file holds no request"));
    if (progress && !progress(report.bytes, report.bytes))
        report.cancelled = true;
    return report;
}

} // namespace Preflight
