#pragma once

#include "core/batch/batch.h"
#include "core/batch/progresshistory.h"
#include "core/providers/provider.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

// The kinds of alert besides completions (CompletionNotifier says those).
enum class AlertKind {
    Stalled,        // a running batch whose counts have not moved for stallSeconds
    MissWindow,     // at its current pace, a running batch will likely not finish in its completion window
    OutputExpiring, // an ended batch's output file expires within expiringSeconds
    FailureRate,    // a batch's failed share is above failureRate (once enough requests are done)
};
constexpr int kAlertKindCount = 4;

struct AlertSettings
{
    bool enabled[kAlertKindCount] = {true, true, true, true};
    qint64 stallSeconds = 30 * 60;
    qint64 expiringSeconds = 24 * 3600;
    double failureRate = 0.10;
    qint64 failureRateMinimumDone = 20; // fewer requests done than this say nothing yet
};

struct Alert
{
    AlertKind kind = AlertKind::Stalled;
    QString account; // empty: the unnamed single account
    QString batchId;
    QString text; // one sentence for the notification and the tray's tooltip
};

// What the tray icon's colour says: the worst current state.
enum class Health { Fine, Stalled, Failed };

// Decides, from the rows, each batch's progress history and the time, which alerts stand now. Pure: the
// window's CompletionNotifier-like watcher calls it after each refresh and on a timer and says each alert
// once.
class AlertMonitor
{
    Q_DECLARE_TR_FUNCTIONS(AlertMonitor)

public:
    explicit AlertMonitor(const AlertSettings &settings = {})
        : m_settings(settings)
    {
    }
    void setSettings(const AlertSettings &settings) { m_settings = settings; }
    const AlertSettings &settings() const { return m_settings; }

    // The alerts that stand for this batch at `now` (history may be null). `provider` decides what a
    // window and a file's retention mean there (Azure does not expire a job past its window). `seenAt`:
    // when the account's counts were last read successfully (kSeenNow: at `now`); none when they are stale
    // (the last refresh failed or is too old): then nothing time-based (Stalled, MissWindow) is said, as a
    // night asleep or an outage is no stall.
    QList<Alert> check(const Batch &batch, const QString &account, const ProgressHistory *history, qint64 now,
                       Provider provider = Provider::OpenAI,
                       std::optional<qint64> seenAt = ProgressHistory::kSeenNow) const;
    // Worst state of a set of rows: Failed when a batch ended failed/expired (or a FailureRate alert stands)
    // within the last 24 h, else Stalled when a Stalled or MissWindow alert stands, else Fine.
    static Health worst(const QList<Alert> &alerts, bool recentFailure);
    static QString kindName(AlertKind kind); // "stalled", "miss-window", "output-expiring", "failure-rate"
    // Whether the batch ended failed or expired within the last `seconds` before `now` (worst()'s input).
    static bool endedBadly(const Batch &batch, qint64 now, qint64 seconds = 24 * 3600);
    // "24h" -> 86400 (also "90m", "2d", "3600s"); none for what does not parse.
    static std::optional<qint64> windowSeconds(const QString &completionWindow);
    // When the batch's window closes: created_at + completion_window, else the batch's expires_at.
    static std::optional<qint64> windowEnd(const Batch &batch);
    // When its output file likely expires: output_expires_after.seconds from its end (the file is made
    // then; the anchor is the file's created_at), else OpenAI's documented 30 days for batch files.
    static std::optional<qint64> outputExpiry(const Batch &batch, Provider provider);
    static constexpr qint64 kDefaultFileLifetimeSeconds = 30 * 24 * 3600;
    // A batch must have run this long (since in_progress_at, else as long as its history spans) before its
    // pace may say it will miss its window: the first minutes' counts come in bursts.
    static constexpr qint64 kMissWindowMinimumSeconds = 30 * 60;
    // How long a batch may sit in validating (since created_at) or finalizing (since finalizing_at)
    // before it counts as stalled: the stall threshold, but at least an hour (both phases are slow).
    static qint64 stuckSeconds(const AlertSettings &settings)
    {
        return qMax<qint64>(settings.stallSeconds, 3600);
    }

private:
    AlertSettings m_settings;
};
