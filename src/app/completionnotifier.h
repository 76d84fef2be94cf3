#pragma once

#include "core/batch/batch.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class BatchTableModel;
class QSystemTrayIcon;

// Tells the user when a batch they have seen ends: a desktop notification through the tray, or, where there
// is no tray, a notice in the window. Several endings close together make one message. With several
// accounts, the message names them.
class CompletionNotifier : public QObject
{
    Q_OBJECT

public:
    enum class Mode { All, FailuresOnly, Off };

    CompletionNotifier(BatchTableModel *model, QObject *parent = nullptr);

    void setMode(Mode mode) { m_mode = mode; }
    Mode mode() const { return m_mode; }
    static Mode modeFromString(const QString &text);
    static QString modeToString(Mode mode);
    // "completed 812 / 1,000, 188 failed", "failed: Enqueued token limit reached ...", "expired 40 / 100".
    static QString outcome(const Batch &batch);
    // Endings gathered for the next message: false means no message is on its way.
    bool hasPending() const { return !m_pending.isEmpty(); }
    // The tray it speaks through (null where there is none): AlertNotifier shares it and colours its icon.
    QSystemTrayIcon *tray() const;

Q_SIGNALS:
    // When there is no tray, the window shows this; `batchId` is the one to select on a click (empty:
    // several).
    // `account` is the batch's (empty: the unnamed single account).
    void noticeRequested(const QString &text, const QString &batchId, const QString &account);
    // The user clicked a notification.
    void batchActivated(const QString &batchId, const QString &account);

private:
    void onStatusChanged(const Batch &before, const Batch &after, const QString &account);
    void flush();

    BatchTableModel *m_model;
    Mode m_mode = Mode::All;
    QPointer<QSystemTrayIcon> m_tray;
    QList<Batch> m_pending;
    QStringList m_pendingAccounts; // each pending ending's account (empty: the unnamed single account)
    QTimer m_gather;               // endings within a moment of each other become one message
    QString m_lastBatchId;
    QString m_lastAccount; // m_lastBatchId's account: two accounts may list one id
};
