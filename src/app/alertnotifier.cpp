#include "app/alertnotifier.h"

#include "core/batch/batchcolumns.h"
#include "core/export/batchformat.h"
#include "core/results/resultsfetch.h"
#include "core/session/accountsession.h"
#include "models/batchtablemodel.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPainter>
#include <QSettings>
#include <QSystemTrayIcon>

#include <algorithm>

namespace {
// Past this, an ended batch can hold no alert: output files live at most 30 days, failures count for a day.
constexpr qint64 kNothingAfterSeconds = 31 * 24 * 3600;
// Changes to the rows are gathered this long (at least) before a check.
constexpr int kGatherMs = 300;

QString key(const Alert &alert)
{
    return AlertMonitor::kindName(alert.kind) + u'\n' + alert.account + u'\n' + alert.batchId;
}

QString settingsKey(AlertKind kind)
{
    return QStringLiteral("alerts/") + AlertMonitor::kindName(kind);
}

QString title(AlertKind kind)
{
    switch (kind) {
    case AlertKind::Stalled:
        return AlertNotifier::tr("Batch stalled");
    case AlertKind::MissWindow:
        return AlertNotifier::tr("Batch likely to miss its window");
    case AlertKind::OutputExpiring:
        return AlertNotifier::tr("Output file about to expire");
    case AlertKind::FailureRate:
        break;
    }
    return AlertNotifier::tr("Batch failing");
}
} // namespace

AlertNotifier::AlertNotifier(BatchTableModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_clock([] { return QDateTime::currentSecsSinceEpoch(); })
    , m_baseIcon(QApplication::windowIcon())
{
    m_gather.setSingleShot(true);
    m_gather.setInterval(kGatherMs);
    connect(&m_gather, &QTimer::timeout, this, &AlertNotifier::check);
    m_minute.setInterval(60'000);
    connect(&m_minute, &QTimer::timeout, this, &AlertNotifier::check);
    m_minute.start();
    // Start only when not pending: a stream of changes must not postpone the check for ever.
    const auto soon = [this] {
        if (!m_gather.isActive())
            m_gather.start();
    };
    connect(model, &QAbstractItemModel::rowsInserted, this, soon);
    connect(model, &QAbstractItemModel::rowsRemoved, this, soon);
    connect(model, &QAbstractItemModel::modelReset, this, soon);
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                // The clock's repaint of every row's time columns brings no news: the minute's check covers
                // what time alone changes.
                const bool clockOnly = topLeft.column() == BatchColumns::Created &&
                                       bottomRight.column() == BatchColumns::Duration && topLeft.row() == 0 &&
                                       bottomRight.row() == m_model->rowCount() - 1;
                if (!clockOnly && !m_gather.isActive())
                    m_gather.start();
            });
    m_summary = tr("Batchwatch");
}

void AlertNotifier::setTray(QSystemTrayIcon *tray)
{
    m_tray = tray;
    if (!m_tray)
        return;
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (!m_lastBatchId.isEmpty())
            Q_EMIT batchActivated(m_lastBatchId, m_lastAccount);
    });
    showHealth();
}

void AlertNotifier::setSettings(const AlertSettings &settings)
{
    m_monitor.setSettings(settings);
    m_gather.start();
}

void AlertNotifier::setClock(std::function<qint64()> clock)
{
    Q_ASSERT(clock);
    m_clock = std::move(clock);
}

// When the account's counts were last read, for the monitor: none when stale (its last refresh failed, or
// is older than a couple of its refresh intervals: asleep, offline); "now" for rows without a session.
std::optional<qint64> AlertNotifier::seenAt(const AccountSession *session, qint64 at)
{
    if (!session)
        return ProgressHistory::kSeenNow;
    const qint64 seen = session->lastSeenAt();
    if (seen <= 0 || session->lastRefreshFailed())
        return std::nullopt;
    const qint64 fresh = 2 * qint64(session->intervalSeconds()) + kFreshSlackSeconds;
    if (BatchFormat::secondsBetween(seen, at) > fresh)
        return std::nullopt;
    return seen;
}

void AlertNotifier::check()
{
    QElapsedTimer clock;
    clock.start();
    const qint64 at = now();
    // Batches that ended before this can hold no alert: one integer compare keeps them out.
    const qint64 cutoff = at - kNothingAfterSeconds;
    QList<Alert> standing;
    int running = 0, failedRecently = 0;
    // Per source, not per row: sources are few.
    QHash<int, std::pair<Provider, std::optional<qint64>>> sources;
    QHash<int, QString> accounts;
    QHash<int, QString> resultsDirs;
    for (int row = 0, rows = m_model->rowCount(); row < rows; ++row) {
        const Batch &batch = m_model->batchAt(row);
        if (batch.status.isRunning())
            ++running;
        else if (const std::optional<qint64> ended = batch.endedAt(); ended && *ended < cutoff)
            continue;
        if (AlertMonitor::endedBadly(batch, at))
            ++failedRecently;
        const int source = m_model->sourceAt(row);
        auto it = sources.find(source);
        if (it == sources.end()) {
            const AccountSession *session = m_model->sessionOf(source);
            it = sources.insert(source,
                                {session ? session->provider() : Provider::OpenAI, seenAt(session, at)});
            accounts.insert(source, m_model->accountOf(source));
            const QString cache = session ? session->spec().cachePath : QString();
            resultsDirs.insert(
                source, cache.isEmpty() ? QString() : ResultsFetch::cacheDirFor(QFileInfo(cache).fileName()));
        }
        QList<Alert> alerts = m_monitor.check(batch, accounts.value(source), m_model->historyAt(row), at,
                                              it->first, it->second);
        // An output file already in the account's results cache (read in the results window or by the
        // CLI) loses nothing when it expires on the server: not said.
        if (const QString dir = resultsDirs.value(source); !dir.isEmpty()) {
            alerts.removeIf([&](const Alert &alert) {
                return alert.kind == AlertKind::OutputExpiring &&
                       QFileInfo::exists(ResultsFetch::cachedFilePath(dir, batch.outputFileId));
            });
        }
        standing += alerts;
    }
    QList<Alert> fresh;
    QHash<AlertKind, int> byKind;
    for (const Alert &alert : std::as_const(standing)) {
        byKind[alert.kind]++;
        const QString k = key(alert);
        auto said = m_said.find(k);
        if (said == m_said.end()) {
            m_said.insert(k, at);
            fresh << alert;
        } else {
            *said = at;
        }
    }
    // Forget what stopped standing a while ago (ended batches included): bounded, and said again if it
    // comes back later; what flickers within kRearmSeconds is not said again.
    for (auto it = m_said.begin(); it != m_said.end();) {
        if (BatchFormat::secondsBetween(*it, at) > kRearmSeconds)
            it = m_said.erase(it);
        else
            ++it;
    }
    m_standing = standing;
    // Changes gathered for at least ten times as long as the check took (a million rows: ~50 ms).
    m_gather.setInterval(std::max(kGatherMs, int(clock.elapsed()) * 10));

    QStringList parts{tr("%n running", nullptr, running),
                      tr("%n stalled", nullptr, byKind.value(AlertKind::Stalled)),
                      tr("%n failed in 24 h", nullptr, failedRecently)};
    if (const int late = byKind.value(AlertKind::MissWindow))
        parts << tr("%n late for the window", nullptr, late);
    if (const int failing = byKind.value(AlertKind::FailureRate))
        parts << tr("%n failing", nullptr, failing);
    if (const int expiring = byKind.value(AlertKind::OutputExpiring))
        parts << tr("%n output expiring", nullptr, expiring);
    m_summary = parts.join(QStringLiteral(" · "));

    const Health health = AlertMonitor::worst(standing, failedRecently > 0);
    const bool changed = health != m_health;
    m_health = health;
    showHealth();
    if (changed)
        Q_EMIT healthChanged(m_health);
    if (!fresh.isEmpty())
        say(fresh);
}

void AlertNotifier::say(const QList<Alert> &fresh)
{
    for (const Alert &alert : fresh)
        Q_EMIT alertSaid(alert);
    QString heading, text;
    if (fresh.size() == 1) {
        const Alert &alert = fresh.first();
        heading = title(alert.kind);
        text = alert.text;
        m_lastBatchId = alert.batchId;
        m_lastAccount = alert.account;
    } else {
        // Many at once (a start after a night away) make one message, not a flood.
        constexpr int kShown = 3;
        heading = tr("%n alerts", nullptr, int(fresh.size()));
        QStringList lines;
        for (int i = 0; i < qMin(kShown, int(fresh.size())); ++i)
            lines << fresh.at(i).text;
        if (fresh.size() > kShown)
            lines << tr("and %n more", nullptr, int(fresh.size()) - kShown);
        text = lines.join(u'\n');
        m_lastBatchId.clear();
        m_lastAccount.clear();
    }
    if (m_tray)
        m_tray->showMessage(heading, text,
                            m_health == Health::Failed ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning,
                            10'000);
    else // The window's notice is one line above the table: the first alert, and how many more.
        Q_EMIT noticeRequested(
            heading + QStringLiteral(" — ") + fresh.first().text +
                (fresh.size() > 1 ? QStringLiteral("; ") + tr("and %n more", nullptr, int(fresh.size()) - 1)
                                  : QString()),
            m_lastBatchId, m_lastAccount);
}

void AlertNotifier::showHealth()
{
    if (!m_tray)
        return;
    m_tray->setIcon(healthIcon(m_baseIcon, m_health));
    m_tray->setToolTip(tr("Batchwatch") + u'\n' + m_summary);
}

QIcon AlertNotifier::healthIcon(const QIcon &base, Health health)
{
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        base.paint(&painter, pixmap.rect());
        // Colour-blind safe enough with the tooltip's words: green, amber, red; a white ring inside a dark
        // one keeps the dot apart from any panel.
        const QColor fill = health == Health::Failed    ? QColor(0xd9, 0x30, 0x25)
                            : health == Health::Stalled ? QColor(0xf2, 0xa9, 0x00)
                                                        : QColor(0x2e, 0x9e, 0x44);
        const qreal d = size * 0.5;
        const QRectF dot(size - d, size - d, d, d);
        painter.setPen(QPen(QColor(0x20, 0x20, 0x20), qMax(1.0, size / 24.0)));
        painter.setBrush(Qt::white);
        painter.drawEllipse(dot.adjusted(0.5, 0.5, -0.5, -0.5));
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        const qreal ring = qMax(1.5, size / 12.0);
        painter.drawEllipse(dot.adjusted(ring, ring, -ring, -ring));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

AlertSettings AlertNotifier::loadSettings()
{
    const QSettings settings;
    AlertSettings s;
    for (int kind = 0; kind < kAlertKindCount; ++kind)
        s.enabled[kind] = settings.value(settingsKey(AlertKind(kind)), true).toBool();
    s.stallSeconds =
        std::clamp<qint64>(settings.value(QStringLiteral("alerts/stallMinutes"), 30).toLongLong(), 1,
                           7 * 24 * 60) *
        60;
    s.failureRate =
        qBound(1, settings.value(QStringLiteral("alerts/failurePercent"), 10).toInt(), 100) / 100.0;
    // 1 h .. 30 days (a file lives at most 30 days).
    s.expiringSeconds =
        std::clamp<qint64>(settings.value(QStringLiteral("alerts/expiringHours"), 24).toLongLong(), 1,
                           30 * 24) *
        3600;
    return s;
}

void AlertNotifier::saveSettings(const AlertSettings &s)
{
    QSettings settings;
    for (int kind = 0; kind < kAlertKindCount; ++kind)
        settings.setValue(settingsKey(AlertKind(kind)), s.enabled[kind]);
    settings.setValue(QStringLiteral("alerts/stallMinutes"), s.stallSeconds / 60);
    settings.setValue(QStringLiteral("alerts/failurePercent"), qRound(s.failureRate * 100.0));
    settings.setValue(QStringLiteral("alerts/expiringHours"), s.expiringSeconds / 3600);
}
