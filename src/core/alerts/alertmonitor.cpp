#include "core/alerts/alertmonitor.h"

#include "core/export/batchformat.h"

#include <QJsonObject>

#include <cmath>

namespace {
// "batch_abc" or "batch_abc in Production": the batch named as the user knows it.
QString named(const Batch &batch, const QString &account)
{
    return account.isEmpty() ? batch.id : AlertMonitor::tr("%1 in %2").arg(batch.id, account);
}

QString percent(double share)
{
    return QString::number(std::round(share * 1000.0) / 10.0) + u'%';
}

bool running(const Batch &batch)
{
    return batch.status.value() == BatchStatus::InProgress;
}

// When the counts last moved, as far as Batchwatch knows: the history's last change, else the start of a
// batch that has done nothing yet. None when neither tells.
std::optional<qint64> lastMove(const Batch &batch, const ProgressHistory *history)
{
    const qint64 done = BatchFormat::requestsDone(batch.requestCounts);
    if (history) {
        const QList<ProgressSample> samples = history->samples(batch.id);
        if (!samples.isEmpty()) {
            const ProgressSample &last = samples.constLast();
            // Counts newer than the history moved after its last sample.
            if (last.done() != done || last.total != batch.requestCounts.total)
                return std::nullopt;
            return last.at;
        }
    }
    if (done == 0 && batch.inProgressAt)
        return batch.inProgressAt;
    return std::nullopt;
}
} // namespace

QString AlertMonitor::kindName(AlertKind kind)
{
    switch (kind) {
    case AlertKind::Stalled:
        return QStringLiteral("stalled");
    case AlertKind::MissWindow:
        return QStringLiteral("miss-window");
    case AlertKind::OutputExpiring:
        return QStringLiteral("output-expiring");
    case AlertKind::FailureRate:
        break;
    }
    return QStringLiteral("failure-rate");
}

std::optional<qint64> AlertMonitor::windowSeconds(const QString &completionWindow)
{
    const QString text = completionWindow.trimmed().toLower();
    if (text.size() < 2 || text.size() > 12)
        return std::nullopt;
    bool ok = false;
    const qint64 n = text.left(text.size() - 1).toLongLong(&ok);
    if (!ok || n <= 0 || n > 1'000'000'000)
        return std::nullopt;
    switch (text.back().unicode()) {
    case 's':
        return n;
    case 'm':
        return n * 60;
    case 'h':
        return n * 3600;
    case 'd':
        return n * 86400;
    default:
        return std::nullopt;
    }
}

std::optional<qint64> AlertMonitor::windowEnd(const Batch &batch)
{
    if (const std::optional<qint64> window = windowSeconds(batch.completionWindow);
        window && batch.createdAt > 0)
        return batch.createdAt + *window;
    return batch.expiresAt;
}

std::optional<qint64> AlertMonitor::outputExpiry(const Batch &batch, Provider provider)
{
    const std::optional<qint64> ended = batch.endedAt();
    if (!ended || batch.outputFileId.isEmpty())
        return std::nullopt;
    if (batch.json.contains("output_expires_after")) {
        const QJsonObject policy = batch.rawObject().value(QLatin1String("output_expires_after")).toObject();
        const qint64 seconds = policy.value(QLatin1String("seconds")).toInteger(-1);
        if (seconds > 0 && seconds <= kDefaultFileLifetimeSeconds)
            return *ended + seconds;
    }
    // Only OpenAI documents a lifetime for batch files; elsewhere an unknown expiry says nothing.
    if (provider == Provider::OpenAI)
        return *ended + kDefaultFileLifetimeSeconds;
    return std::nullopt;
}

bool AlertMonitor::endedBadly(const Batch &batch, qint64 now, qint64 seconds)
{
    const BatchStatus::Value status = batch.status.value();
    if (status != BatchStatus::Failed && status != BatchStatus::Expired)
        return false;
    const std::optional<qint64> ended = batch.endedAt();
    return ended && BatchFormat::secondsBetween(*ended, now) <= seconds;
}

QList<Alert> AlertMonitor::check(const Batch &batch, const QString &account, const ProgressHistory *history,
                                 qint64 now, Provider provider, std::optional<qint64> seenAt) const
{
    QList<Alert> alerts;
    const auto on = [this](AlertKind kind) { return m_settings.enabled[int(kind)]; };
    const auto raise = [&](AlertKind kind, const QString &text) {
        alerts.append(Alert{kind, account, batch.id, text});
    };
    const RequestCounts &c = batch.requestCounts;
    const qint64 done = BatchFormat::requestsDone(c);
    // Built only for an alert: most rows raise none.
    const auto progress = [&] {
        return tr("%1 / %2 done").arg(BatchFormat::count(done), BatchFormat::count(c.total));
    };
    // Stale counts (none) say nothing about time; counts read "later" than now are read now.
    const std::optional<qint64> seen = seenAt ? std::optional<qint64>(qMin(*seenAt, now)) : std::nullopt;

    // Stalled: seen unchanged for stallSeconds, i.e. from the last move to the last read.
    if (on(AlertKind::Stalled) && seen && running(batch)) {
        const std::optional<qint64> since = lastMove(batch, history);
        const qint64 still = since ? BatchFormat::secondsBetween(*since, *seen) : 0;
        if (since && still >= m_settings.stallSeconds)
            raise(AlertKind::Stalled,
                  tr("%1 has not moved for %2 (%3)")
                      .arg(named(batch, account), BatchFormat::duration(still), progress()));
    }
    // Stuck in validating (since created_at) or finalizing (since finalizing_at): a stall too.
    const BatchStatus::Value status = batch.status.value();
    if (on(AlertKind::Stalled) && seen &&
        (status == BatchStatus::Validating || status == BatchStatus::Finalizing)) {
        const std::optional<qint64> since =
            status == BatchStatus::Validating
                ? (batch.createdAt > 0 ? std::optional<qint64>(batch.createdAt) : std::nullopt)
                : batch.finalizingAt;
        const qint64 still = since ? BatchFormat::secondsBetween(*since, *seen) : 0;
        if (since && still >= stuckSeconds(m_settings))
            raise(AlertKind::Stalled,
                  tr("%1 has been %2 for %3")
                      .arg(named(batch, account), batch.status.toString(), BatchFormat::duration(still)));
    }

    // Azure keeps running a job past its 24 h window (documented), so missing it loses nothing there.
    if (on(AlertKind::MissWindow) && seen && running(batch) && provider != Provider::Azure) {
        const std::optional<qint64> end = windowEnd(batch);
        const ProgressHistory none;
        const ProgressHistory &samples = history ? *history : none;
        // The first minutes' counts come in bursts: a pace needs half an hour behind it.
        qint64 observed = batch.inProgressAt ? BatchFormat::secondsBetween(*batch.inProgressAt, *seen) : 0;
        if (const QList<ProgressSample> list = samples.samples(batch.id); !list.isEmpty())
            observed = qMax(observed, BatchFormat::secondsBetween(list.constFirst().at, *seen));
        const std::optional<qint64> eta = end && observed >= kMissWindowMinimumSeconds
                                              ? samples.etaSeconds(batch, now, *seen)
                                              : std::nullopt;
        if (end && eta && *eta > BatchFormat::secondsBetween(now, *end))
            raise(AlertKind::MissWindow,
                  tr("%1 will likely miss its %2 window: %3, about %4 to go, %5 left")
                      .arg(named(batch, account),
                           batch.completionWindow.isEmpty() ? tr("completion") : batch.completionWindow,
                           progress(), BatchFormat::duration(*eta),
                           BatchFormat::duration(qMax<qint64>(0, BatchFormat::secondsBetween(now, *end)))));
    }

    if (on(AlertKind::OutputExpiring) && batch.status.isTerminal()) {
        const std::optional<qint64> expiry = outputExpiry(batch, provider);
        const qint64 left = expiry ? BatchFormat::secondsBetween(now, *expiry) : -1;
        if (expiry && left > 0 && left <= m_settings.expiringSeconds)
            raise(AlertKind::OutputExpiring,
                  tr("%1: its output file %2 expires in %3 (%4 UTC)")
                      .arg(named(batch, account), batch.outputFileId, BatchFormat::duration(left),
                           Batch::toDateTime(*expiry).toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    }

    // Ended batches count for a day, so an old batch does not alert on every start.
    const bool recent = batch.status.isRunning() ||
                        (batch.endedAt() && BatchFormat::secondsBetween(*batch.endedAt(), now) <= 24 * 3600);
    if (on(AlertKind::FailureRate) && recent && done > 0 && done >= m_settings.failureRateMinimumDone) {
        const double share = double(c.failed) / double(done);
        if (share > m_settings.failureRate)
            raise(AlertKind::FailureRate,
                  tr("%1: %2 of %3 requests failed (%4, above %5)")
                      .arg(named(batch, account), BatchFormat::count(c.failed), BatchFormat::count(done),
                           percent(share), percent(m_settings.failureRate)));
    }
    return alerts;
}

Health AlertMonitor::worst(const QList<Alert> &alerts, bool recentFailure)
{
    if (recentFailure)
        return Health::Failed;
    Health health = Health::Fine;
    for (const Alert &alert : alerts) {
        if (alert.kind == AlertKind::FailureRate)
            return Health::Failed;
        if (alert.kind == AlertKind::Stalled || alert.kind == AlertKind::MissWindow)
            health = Health::Stalled;
    }
    return health;
}
