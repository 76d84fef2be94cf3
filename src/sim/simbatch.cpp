#include "sim/simbatch.h"

#include <QCryptographicHash>
#include <QJsonArray>

#include <algorithm>

namespace {
QString fileIdFor(const QString &batchId, QLatin1String kind)
{
    const QByteArray hash = QCryptographicHash::hash((batchId + kind).toUtf8(), QCryptographicHash::Sha1);
    return QStringLiteral("file-") + QString::fromLatin1(hash.toHex().left(24));
}

QJsonValue timeIf(bool reached, qint64 at)
{
    return reached ? QJsonValue(at) : QJsonValue(QJsonValue::Null);
}

QJsonValue idOrNull(const QString &id)
{
    return id.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(id);
}
} // namespace

qint64 SimBatch::workStopsAt() const
{
    qint64 stop = outcome == Outcome::Expired ? endsAt : finalizingAt;
    if (cancelRequestedAt)
        stop = std::min(stop, *cancelRequestedAt);
    return stop;
}

bool SimBatch::stalls() const
{
    return stallsAt && *stallsAt < workStopsAt() && outcome != Outcome::Failed;
}

QString SimBatch::statusAt(qint64 now) const
{
    if (cancelRequestedAt && now >= *cancelRequestedAt)
        return now >= *cancelRequestedAt + kCancelSeconds ? QStringLiteral("cancelled")
                                                          : QStringLiteral("cancelling");
    if (now < inProgressAt)
        return QStringLiteral("validating");
    if (outcome == Outcome::Failed)
        return QStringLiteral("failed");
    if (stalls())
        return QStringLiteral("in_progress");
    if (outcome == Outcome::Expired)
        return now >= endsAt ? QStringLiteral("expired") : QStringLiteral("in_progress");
    if (now < finalizingAt)
        return QStringLiteral("in_progress");
    if (now < endsAt)
        return QStringLiteral("finalizing");
    return QStringLiteral("completed");
}

bool SimBatch::isCancellableAt(qint64 now) const
{
    const QString status = statusAt(now);
    return status == QLatin1String("validating") || status == QLatin1String("in_progress") ||
           status == QLatin1String("finalizing");
}

qint64 SimBatch::doneAt(qint64 now) const
{
    if (outcome == Outcome::Failed || now < inProgressAt)
        return 0;
    const qint64 stop = std::min({now, workStopsAt(), stalls() ? *stallsAt : now});
    const qint64 span = (outcome == Outcome::Expired ? endsAt : finalizingAt) - inProgressAt;
    // Expired batches run at a pace that would have needed longer than the window.
    const double pace = outcome == Outcome::Expired ? 0.6 : 1.0;
    const double share = span > 0 ? pace * double(stop - inProgressAt) / double(span) : 1.0;
    return static_cast<qint64>(double(total) * std::clamp(share, 0.0, 1.0));
}

qint64 SimBatch::failedAt(qint64 now) const
{
    return static_cast<qint64>(double(doneAt(now)) * failedShare);
}

qint64 SimBatch::completedAt(qint64 now) const
{
    return doneAt(now) - failedAt(now);
}

qint64 SimBatch::outputLinesAt(qint64 now) const
{
    const qint64 completed = completedAt(now);
    return completed + SimRequestPlan::failedInOutput(completed, failedAt(now));
}

qint64 SimBatch::errorLinesAt(qint64 now) const
{
    const qint64 failed = failedAt(now);
    return failed - SimRequestPlan::failedInOutput(completedAt(now), failed);
}

QString SimBatch::customIdOf(qint64 n) const
{
    if (requests && n >= 1 && n <= requests->customIds.size())
        return requests->customIds.at(n - 1);
    // Some generated ids hold what readers and CSV writers must survive: quotes, backslashes, spaces,
    // unicode.
    switch (n % 50) {
    case 7:
        return QStringLiteral("request-%1 \"quoted\" id").arg(n);
    case 19:
        return QStringLiteral("r\u00e9quest-%1 \u2713 \u8bc4\u4f30 \U0001F4CA").arg(n);
    case 33:
        return QStringLiteral("request\\%1 back\\slash\\").arg(n);
    default:
        return QStringLiteral("request-%1").arg(n);
    }
}

QString SimBatch::modelOf(qint64 n) const
{
    if (requests && n >= 1 && n <= requests->models.size() && !requests->models.at(n - 1).isEmpty())
        return requests->models.at(n - 1);
    return model;
}

QString SimBatch::answerOf(qint64 n) const
{
    static const char *const kOpenings[] = {"Simulated answer %1.", "The summary of item %1 follows.",
                                            "Request %1: yes, with two caveats.",
                                            "Translated text %1 below."};
    QString text = QString::fromLatin1(kOpenings[n % 4]).arg(n);
    static const QString kFiller =
        QStringLiteral(" Lorem ipsum dolor sit amet, consectetur adipiscing elit.");
    while (text.size() < answerChars)
        text += kFiller;
    return answerChars > 0 ? text.left(qMax<qsizetype>(answerChars, 1)) : text;
}

QString SimBatch::outputFileId() const
{
    return fileIdFor(id, QLatin1String("output"));
}

QString SimBatch::errorFileId() const
{
    return fileIdFor(id, QLatin1String("error"));
}

bool SimBatch::resultsVisibleAt(qint64 now) const
{
    const QString status = statusAt(now);
    return status == QLatin1String("completed") || status == QLatin1String("expired") ||
           status == QLatin1String("cancelled");
}

QString SimBatch::visibleOutputFileId(qint64 now) const
{
    return resultsVisibleAt(now) && outputLinesAt(now) > 0 ? outputFileId() : QString();
}

QString SimBatch::visibleErrorFileId(qint64 now) const
{
    return resultsVisibleAt(now) && errorLinesAt(now) > 0 ? errorFileId() : QString();
}

QJsonObject SimBatch::toJson(qint64 now) const
{
    const QString status = statusAt(now);
    const bool validated = now >= inProgressAt;
    const bool started = validated && outcome != Outcome::Failed;
    const bool cancelling = cancelRequestedAt && now >= *cancelRequestedAt;
    const qint64 completed = completedAt(now);
    const qint64 failed = failedAt(now);

    QJsonObject o = extraFields;
    o.insert(QLatin1String("id"), id);
    o.insert(QLatin1String("object"), QLatin1String("batch"));
    o.insert(QLatin1String("endpoint"), endpoint);
    o.insert(QLatin1String("input_file_id"), inputFileId);
    o.insert(QLatin1String("completion_window"), QLatin1String("24h"));
    o.insert(QLatin1String("status"), status);
    o.insert(QLatin1String("created_at"), createdAt);
    o.insert(QLatin1String("expires_at"), createdAt + kWindowSeconds);
    o.insert(QLatin1String("in_progress_at"),
             timeIf(started && (!cancelling || *cancelRequestedAt > inProgressAt), inProgressAt));
    o.insert(QLatin1String("finalizing_at"),
             timeIf(started && outcome != Outcome::Expired && !stalls() && now >= finalizingAt &&
                        (!cancelRequestedAt || *cancelRequestedAt > finalizingAt),
                    finalizingAt));
    o.insert(QLatin1String("completed_at"), timeIf(status == QLatin1String("completed"), endsAt));
    o.insert(QLatin1String("failed_at"), timeIf(status == QLatin1String("failed"), inProgressAt));
    o.insert(QLatin1String("expired_at"), timeIf(status == QLatin1String("expired"), endsAt));
    o.insert(QLatin1String("cancelling_at"), timeIf(cancelling, cancelRequestedAt.value_or(0)));
    o.insert(QLatin1String("cancelled_at"),
             timeIf(status == QLatin1String("cancelled"), cancelRequestedAt.value_or(0) + kCancelSeconds));
    o.insert(QLatin1String("model"), model.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(model));
    o.insert(QLatin1String("metadata"),
             metadata.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(metadata));
    o.insert(QLatin1String("output_file_id"), idOrNull(visibleOutputFileId(now)));
    const QString errorFile = visibleErrorFileId(now);
    o.insert(QLatin1String("error_file_id"),
             errorFile.isEmpty() && emptyStringErrorFile && resultsVisibleAt(now) ? QJsonValue(QString())
                                                                                  : idOrNull(errorFile));

    const qint64 shownTotal = started ? total : 0; // the API reports zeros while validating
    o.insert(QLatin1String("request_counts"), QJsonObject{{QLatin1String("total"), shownTotal},
                                                          {QLatin1String("completed"), completed},
                                                          {QLatin1String("failed"), failed}});

    if (status == QLatin1String("failed")) {
        QJsonObject error{
            {QLatin1String("code"), failureCode},
            {QLatin1String("message"), failureMessage},
            {QLatin1String("param"), QJsonValue(QJsonValue::Null)},
            {QLatin1String("line"), failureLine ? QJsonValue(*failureLine) : QJsonValue(QJsonValue::Null)}};
        QJsonArray data{error};
        for (const QJsonValue &more : moreErrors)
            data.append(more);
        o.insert(QLatin1String("errors"), QJsonObject{{QLatin1String("object"), QLatin1String("list")},
                                                      {QLatin1String("data"), data}});
    } else {
        o.insert(QLatin1String("errors"), QJsonValue(QJsonValue::Null));
    }

    if (hasUsage) {
        // Tokens per request vary by batch but stay fixed for it, so usage grows with the counts.
        const qint64 seed = static_cast<qint64>(qHash(id, 0) % 997);
        const qint64 input = fixedUsage ? fixedUsage->input : completed * (180 + seed);
        const qint64 output = fixedUsage ? fixedUsage->output : completed * (40 + seed / 3);
        const qint64 cached = fixedUsage ? fixedUsage->cached : input / 5;
        const bool reasons = model.startsWith(u'o') || model.startsWith(QLatin1String("gpt-5"));
        o.insert(QLatin1String("usage"),
                 QJsonObject{{QLatin1String("input_tokens"), input},
                             {QLatin1String("input_tokens_details"),
                              QJsonObject{{QLatin1String("cached_tokens"), cached}}},
                             {QLatin1String("output_tokens"), output},
                             {QLatin1String("output_tokens_details"),
                              QJsonObject{{QLatin1String("reasoning_tokens"), reasons ? output / 3 : 0}}},
                             {QLatin1String("total_tokens"), input + output}});
    }
    return o;
}
