#pragma once

#include "core/alerts/alertmonitor.h"

#include <QHash>
#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class AccountSession;
class BatchTableModel;
class QSystemTrayIcon;

// Watches the window's rows for the alerts besides completions (stalled, late for its window, output about
// to expire, failing): checks after each merge (gathered) and once a minute, says each alert once per
// (kind, account, batch) through the tray or the window's notice, and colours the tray icon by the worst
// current state with a summary in its tooltip.
class AlertNotifier : public QObject
{
    Q_OBJECT

public:
    explicit AlertNotifier(BatchTableModel *model, QObject *parent = nullptr);

    // An alert that stopped standing is forgotten (and may be said again) only after this long, so one
    // that flickers is not said at each flicker.
    static constexpr qint64 kRearmSeconds = 15 * 60;

    // The tray to speak through and colour (CompletionNotifier's); null: notices go to the window.
    void setTray(QSystemTrayIcon *tray);
    void setSettings(const AlertSettings &settings);
    const AlertSettings &settings() const { return m_monitor.settings(); }
    // What "now" is, in Unix seconds (tests follow the simulator's clock); the real clock by default.
    void setClock(std::function<qint64()> clock);
    qint64 now() const { return m_clock(); }

    // Checks every row at once (what the timers call).
    void check();
    Health health() const { return m_health; }
    // "3 running · 1 stalled · 2 failed in 24 h": the tray's tooltip.
    QString summary() const { return m_summary; }
    QList<Alert> standing() const { return m_standing; }
    // How many alerts are remembered as said (bounded: those standing or stopped only lately).
    int remembered() const { return int(m_said.size()); }
    // The icon with a dot in the health's colour (green, amber, red), readable on light and dark panels.
    static QIcon healthIcon(const QIcon &base, Health health);

    // Kept in QSettings under alerts/.
    static AlertSettings loadSettings();
    static void saveSettings(const AlertSettings &settings);

Q_SIGNALS:
    // A new alert, said once.
    void alertSaid(const Alert &alert);
    // Where there is no tray, the window shows this (as CompletionNotifier's).
    void noticeRequested(const QString &text, const QString &batchId, const QString &account);
    void healthChanged(Health health);
    void batchActivated(const QString &batchId, const QString &account);

private:
    static constexpr qint64 kFreshSlackSeconds = 60;
    static std::optional<qint64> seenAt(const AccountSession *session, qint64 at);
    void say(const QList<Alert> &fresh);
    void showHealth();

    BatchTableModel *m_model;
    AlertMonitor m_monitor;
    std::function<qint64()> m_clock;
    QPointer<QSystemTrayIcon> m_tray;
    QIcon m_baseIcon;
    QTimer m_gather;               // merges close together make one check
    QTimer m_minute;               // time alone makes a batch stalled or a file expiring
    QHash<QString, qint64> m_said; // what was said -> when it last stood
    QList<Alert> m_standing;
    Health m_health = Health::Fine;
    QString m_summary;
    QString m_lastBatchId;
    QString m_lastAccount;
};
