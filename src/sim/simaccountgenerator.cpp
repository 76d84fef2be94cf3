#include "sim/simaccountgenerator.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator>

namespace {

const char *const kEndpoints[] = {"/v1/chat/completions", "/v1/responses", "/v1/embeddings",
                                  "/v1/completions", "/v1/moderations"};
const char *const kModels[] = {
    "gpt-4o-mini", "gpt-4.1", "gpt-5-mini", "o4-mini", "text-embedding-3-small", "omni-moderation-latest"};

// Metadata a CSV or a table must survive: quotes, commas, newlines, right-to-left text, emoji, long values.
QJsonObject hostileMetadata(int variant)
{
    switch (variant % 4) {
    case 0:
        return {{QStringLiteral("customer"), QStringLiteral("ACME, \"Widgets\" Ltd.")},
                {QStringLiteral("note"), QStringLiteral("line one\nline two; tab\there")}};
    case 1:
        return {{QStringLiteral("owner"), QStringLiteral("Zoë Ångström")},
                {QStringLiteral("label"), QStringLiteral("评估 📊 عربى")}};
    case 2:
        return {{QStringLiteral("formula"), QStringLiteral("=SUM(A1:A9)")},
                {QStringLiteral("long"), QString(512, u'x')}};
    default:
        return {{QStringLiteral("empty"), QString()}, {QStringLiteral("quote"), QStringLiteral("\"")}};
    }
}

QJsonObject plainMetadata(QRandomGenerator &rng)
{
    static const char *const kProjects[] = {"search-eval", "nightly-summaries", "support-triage",
                                            "embeddings-refresh"};
    QJsonObject m;
    m.insert(QStringLiteral("project"), QLatin1String(kProjects[rng.bounded(4)]));
    if (rng.bounded(2))
        m.insert(QStringLiteral("run"), QString::number(rng.bounded(1000, 9999)));
    return m;
}

// Statuses forced on the newest batches so that even a tiny account shows every state.
enum class Forced {
    None,
    Validating,
    InProgress,
    Finalizing,
    Cancelling,
    Completed,
    Failed,
    Cancelled,
    Expired
};

Forced forcedFor(int index)
{
    static const Forced kOrder[] = {Forced::Validating, Forced::InProgress, Forced::Finalizing,
                                    Forced::Cancelling, Forced::InProgress, Forced::Completed,
                                    Forced::Failed,     Forced::Cancelled,  Forced::Expired};
    return index < int(std::size(kOrder)) ? kOrder[index] : Forced::None;
}

void planTerminal(SimBatch &b, QRandomGenerator &rng, qint64 now)
{
    const int roll = rng.bounded(100);
    if (roll < 8) {
        b.outcome = SimBatch::Outcome::Failed;
    } else if (roll < 14) {
        b.outcome = SimBatch::Outcome::Cancelled;
    } else if (roll < 18 && b.createdAt + SimBatch::kWindowSeconds <= now) {
        b.outcome = SimBatch::Outcome::Expired;
    }
}

void fillFailure(SimBatch &b, QRandomGenerator &rng)
{
    b.total = 0;
    if (rng.bounded(2)) {
        b.failureCode = QStringLiteral("token_limit_exceeded");
        b.failureMessage =
            QStringLiteral("Enqueued token limit reached for %1 in organization org-sim. Limit: "
                           "90,000 enqueued tokens. Please try again once some in_progress batches "
                           "have been completed.")
                .arg(b.model.isEmpty() ? QStringLiteral("gpt-4o-mini") : b.model);
    } else {
        b.failureCode = QStringLiteral("invalid_json_line");
        b.failureMessage = QStringLiteral("This line is not parseable as valid JSON.");
        b.failureLine = rng.bounded(1, 500);
    }
}

} // namespace

namespace SimAccountGenerator {

QString batchId(quint64 seed, quint64 serial)
{
    const QByteArray key = QByteArray::number(seed) + ':' + QByteArray::number(serial);
    return QStringLiteral("batch_") +
           QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Md5).toHex());
}

std::vector<SimBatch> generate(int count, quint64 seed, qint64 now)
{
    QRandomGenerator rng(static_cast<quint32>(seed ^ (seed >> 32)));
    std::vector<SimBatch> batches;
    batches.reserve(static_cast<size_t>(qMax(0, count)));
    qint64 createdAt = now - rng.bounded(30, 120);

    for (int i = 0; i < count; ++i) {
        SimBatch b;
        b.id = batchId(seed, static_cast<quint64>(count - i));
        const int endpoint = rng.bounded(100) < 70 ? 0 : rng.bounded(1, 5);
        b.endpoint = QLatin1String(kEndpoints[endpoint]);
        b.model = QLatin1String(endpoint == 2   ? kModels[4]
                                : endpoint == 4 ? kModels[5]
                                                : kModels[rng.bounded(4)]);
        b.inputFileId = QStringLiteral("file-in") + b.id.mid(6, 20);
        b.metadata =
            i % 7 == 3 ? hostileMetadata(i / 7) : (rng.bounded(5) ? plainMetadata(rng) : QJsonObject());
        // Traps: no model and no usage (older servers), unknown fields, deep unknown structure.
        b.hasUsage = i % 11 != 5;
        if (i % 13 == 6)
            b.model.clear();
        if (i % 5 == 2)
            b.extraFields.insert(QStringLiteral("x_priority"), rng.bounded(1, 4));
        if (i % 17 == 9) {
            QJsonObject deep;
            deep.insert(QStringLiteral("deep"), QJsonArray{1, 2, 3});
            QJsonObject trace;
            trace.insert(QStringLiteral("spans"), QJsonArray{deep});
            b.extraFields.insert(QStringLiteral("x_trace"), trace);
        }

        const Forced forced = forcedFor(i);
        if (forced == Forced::Expired)
            createdAt = qMin(createdAt, now - SimBatch::kWindowSeconds - 3600);
        b.createdAt = createdAt;
        b.total = i % 23 == 12 ? 0 : (rng.bounded(10) == 0 ? rng.bounded(5000, 50000) : rng.bounded(1, 2500));
        b.failedShare = rng.bounded(3) == 0 ? rng.bounded(1, 30) / 100.0 : 0.0;
        if (i % 19 == 10) // completed with every request failed: no output file, only an error file
            b.failedShare = 1.0;
        b.emptyStringErrorFile = i % 3 == 0;
        b.inProgressAt = b.createdAt + rng.bounded(20, 300);
        const qint64 runSeconds = 120 + b.total * rng.bounded(1, 6) / 4 + rng.bounded(0, 7200);
        b.finalizingAt = b.inProgressAt + runSeconds;
        b.endsAt = b.finalizingAt + rng.bounded(30, 600);

        switch (forced) {
        case Forced::Validating:
            b.inProgressAt = now + 120;
            break;
        case Forced::InProgress:
            b.inProgressAt = qMin(b.inProgressAt, now - 60);
            b.finalizingAt = qMax(b.finalizingAt, now + 1800);
            b.endsAt = b.finalizingAt + 300;
            b.total = qMax<qint64>(b.total, 400);
            break;
        case Forced::Finalizing:
            b.inProgressAt = qMin(b.inProgressAt, now - 1200);
            b.finalizingAt = qMin(b.finalizingAt, now - 30);
            b.endsAt = now + 900;
            break;
        case Forced::Cancelling:
            b.inProgressAt = qMin(b.inProgressAt, now - 600);
            b.finalizingAt = qMax(b.finalizingAt, now + 3600);
            b.cancelRequestedAt = now - 20;
            break;
        case Forced::Completed:
            b.endsAt = qMin(b.endsAt, now - 60);
            b.finalizingAt = qMin(b.finalizingAt, b.endsAt - 30);
            b.inProgressAt = qMin(b.inProgressAt, b.finalizingAt - 60);
            break;
        case Forced::Failed:
            b.outcome = SimBatch::Outcome::Failed;
            b.inProgressAt = qMin(b.inProgressAt, now - 60);
            break;
        case Forced::Cancelled:
            b.inProgressAt = qMin(b.inProgressAt, now - 3600);
            b.finalizingAt = qMax(b.finalizingAt, now + 3600);
            b.cancelRequestedAt = now - 1800;
            break;
        case Forced::Expired:
            b.outcome = SimBatch::Outcome::Expired;
            break;
        case Forced::None:
            planTerminal(b, rng, now);
            break;
        }
        if (b.outcome == SimBatch::Outcome::Completed && b.endsAt > b.createdAt + SimBatch::kWindowSeconds)
            b.outcome = SimBatch::Outcome::Expired;
        b.submitted = b.total;
        if (b.outcome == SimBatch::Outcome::Failed)
            fillFailure(b, rng);
        if (b.outcome == SimBatch::Outcome::Expired)
            b.endsAt = b.createdAt + SimBatch::kWindowSeconds;
        if (b.outcome == SimBatch::Outcome::Cancelled && !b.cancelRequestedAt)
            b.cancelRequestedAt = b.inProgressAt + (b.finalizingAt - b.inProgressAt) / 2;
        batches.push_back(std::move(b));

        // Older batches come further apart, so a large account spans months.
        createdAt -= rng.bounded(60, i < 40 ? 1800 : 7200);
    }
    return batches;
}

} // namespace SimAccountGenerator
