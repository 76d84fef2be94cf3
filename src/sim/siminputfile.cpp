#include "sim/siminputfile.h"

#include "sim/simbatch.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace {
bool fail(SimInputFile &file, const char *code, const QString &message, qint64 line);

// Calls `read(object, lineNumber)` for every non-empty line until it returns false; a line that is not a JSON
// object fails the file.
template <typename Read> void eachLine(const QByteArray &content, SimInputFile &file, Read read)
{
    qint64 lineNumber = 0;
    qsizetype from = 0;
    while (from < content.size()) {
        qsizetype end = content.indexOf('\n', from);
        if (end < 0)
            end = content.size();
        const QByteArray line = content.mid(from, end - from);
        from = end + 1;
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(line);
        const bool goOn = document.isObject()
                              ? read(document.object(), lineNumber)
                              : fail(file, "invalid_json_line",
                                     QStringLiteral("This line is not parseable as valid JSON."), lineNumber);
        if (!goOn)
            return;
    }
}

// Notes a problem; true while more are wanted (validation reports the first few, not only one).
bool fail(SimInputFile &file, const char *code, const QString &message, qint64 line)
{
    if (file.problems.isEmpty()) {
        file.failureCode = QLatin1String(code);
        file.failureMessage = message;
        file.failureLine = line;
    }
    file.problems.append({QLatin1String(code), message, line});
    return file.problems.size() < SimInputFile::kMaxProblems;
}
} // namespace

SimInputFile SimInputFile::readOpenAi(const QByteArray &content, const QString &endpoint)
{
    SimInputFile file;
    QSet<QString> seen;
    eachLine(content, file, [&](const QJsonObject &object, qint64 line) {
        const QString customId = object.value(QLatin1String("custom_id")).toString();
        if (customId.isEmpty())
            return fail(file, "missing_custom_id",
                        QStringLiteral("Missing required parameter: 'custom_id'. Each request needs a "
                                       "custom_id unique in the batch."),
                        line);
        if (seen.contains(customId))
            return fail(
                file, "duplicate_custom_id",
                QStringLiteral("The custom_id for this request is a duplicate of another request. The "
                               "custom_id parameter must be unique for each request in a batch."),
                line);
        const QString url = object.value(QLatin1String("url")).toString();
        if (url != endpoint)
            return fail(file, "mismatched_endpoint",
                        QStringLiteral("The url '%1' of this request does not match the batch's endpoint "
                                       "'%2'.")
                            .arg(url.left(200), endpoint),
                        line);
        seen.insert(customId);
        const QString model =
            object.value(QLatin1String("body")).toObject().value(QLatin1String("model")).toString();
        if (file.model.isEmpty())
            file.model = model;
        file.requests->customIds.append(customId);
        file.requests->models.append(model);
        return true;
    });
    return file;
}

SimInputFile SimInputFile::readGemini(const QByteArray &content, const QString &model)
{
    SimInputFile file;
    file.model = model;
    QSet<QString> seen;
    eachLine(content, file, [&](const QJsonObject &object, qint64 line) {
        if (!object.value(QLatin1String("request")).isObject())
            return fail(file, "invalid_request",
                        QStringLiteral("* InlinedRequest.request: a request is needed"), line);
        // Gemini does not insist on keys; a line without one is answered under its line number.
        QString key = object.value(QLatin1String("key")).toString();
        if (key.isEmpty())
            key = QString::number(line);
        if (seen.contains(key))
            return fail(file, "duplicate_key", QStringLiteral("Duplicate key '%1'.").arg(key.left(200)),
                        line);
        seen.insert(key);
        file.requests->customIds.append(key);
        file.requests->models.append(QString());
        return true;
    });
    return file;
}

void SimInputFile::applyTo(SimBatch &batch) const
{
    batch.model = model;
    batch.submitted = count();
    if (!failed()) {
        batch.total = count();
        batch.requests = requests;
        return;
    }
    batch.outcome = SimBatch::Outcome::Failed;
    batch.total = 0;
    batch.failureCode = failureCode;
    batch.failureMessage = failureMessage;
    batch.failureLine = failureLine;
    for (qsizetype i = 1; i < problems.size(); ++i) {
        batch.moreErrors.append(QJsonObject{{QStringLiteral("code"), problems.at(i).code},
                                            {QStringLiteral("message"), problems.at(i).message},
                                            {QStringLiteral("param"), QJsonValue(QJsonValue::Null)},
                                            {QStringLiteral("line"), problems.at(i).line}});
    }
}
