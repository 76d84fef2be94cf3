#include "app/completionnotifier.h"

#include "core/export/batchformat.h"
#include "models/batchtablemodel.h"

#include <QApplication>
#include <QSystemTrayIcon>

CompletionNotifier::CompletionNotifier(BatchTableModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    m_gather.setSingleShot(true);
    m_gather.setInterval(500);
    connect(&m_gather, &QTimer::timeout, this, &CompletionNotifier::flush);
    connect(model, &BatchTableModel::statusChanged, this, &CompletionNotifier::onStatusChanged);
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(tr("Batchwatch"));
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!m_lastBatchId.isEmpty())
                Q_EMIT batchActivated(m_lastBatchId, m_lastAccount);
        });
    }
}

QSystemTrayIcon *CompletionNotifier::tray() const
{
    return m_tray;
}

CompletionNotifier::Mode CompletionNotifier::modeFromString(const QString &text)
{
    if (text == QLatin1String("failures"))
        return Mode::FailuresOnly;
    if (text == QLatin1String("off"))
        return Mode::Off;
    return Mode::All;
}

QString CompletionNotifier::modeToString(Mode mode)
{
    switch (mode) {
    case Mode::FailuresOnly:
        return QStringLiteral("failures");
    case Mode::Off:
        return QStringLiteral("off");
    case Mode::All:
        break;
    }
    return QStringLiteral("all");
}

QString CompletionNotifier::outcome(const Batch &b)
{
    const RequestCounts &c = b.requestCounts;
    const QString counts =
        BatchFormat::count(c.completed) + QStringLiteral(" / ") + BatchFormat::count(c.total);
    switch (b.status.value()) {
    case BatchStatus::Completed:
        return c.failed > 0 ? tr("completed %1, %2 failed").arg(counts, BatchFormat::count(c.failed))
                            : tr("completed %1").arg(counts);
    case BatchStatus::Failed:
        return b.errors.isEmpty() ? tr("failed") : tr("failed: %1").arg(b.errors.first().message);
    case BatchStatus::Expired:
        return tr("expired with %1 done").arg(counts);
    case BatchStatus::Cancelled:
        return tr("cancelled with %1 done").arg(counts);
    default:
        return BatchFormat::statusLabel(b.status);
    }
}

void CompletionNotifier::onStatusChanged(const Batch &before, const Batch &after, const QString &account)
{
    if (m_mode == Mode::Off || before.status.isTerminal() || !after.status.isTerminal())
        return;
    // A completed batch with failed requests is worth a word too in failures-only mode.
    const bool bad = after.status.value() != BatchStatus::Completed || after.requestCounts.failed > 0;
    if (m_mode == Mode::FailuresOnly && !bad)
        return;
    m_pending.append(after);
    m_pendingAccounts.append(account);
    m_gather.start();
}

void CompletionNotifier::flush()
{
    if (m_pending.isEmpty())
        return;
    QString title, text;
    QStringList accounts = m_pendingAccounts;
    accounts.removeAll(QString());
    accounts.removeDuplicates();
    if (m_pending.size() == 1) {
        const Batch &b = m_pending.first();
        m_lastBatchId = b.id;
        m_lastAccount = m_pendingAccounts.first();
        title = accounts.isEmpty()
                    ? tr("Batch %1").arg(BatchFormat::statusLabel(b.status))
                    : tr("Batch %1 in %2").arg(BatchFormat::statusLabel(b.status), accounts.first());
        text = b.id + QStringLiteral(": ") + outcome(b);
    } else {
        m_lastBatchId.clear();
        m_lastAccount.clear();
        QHash<QString, int> counts;
        for (const Batch &b : std::as_const(m_pending))
            counts[BatchFormat::statusLabel(b.status)]++;
        QStringList parts;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
        parts.sort();
        title = accounts.size() == 1
                    ? tr("%n batches ended in %1", nullptr, int(m_pending.size())).arg(accounts.first())
                    : tr("%n batches ended", nullptr, int(m_pending.size()));
        text = parts.join(QStringLiteral(", "));
        if (accounts.size() > 1)
            text += QStringLiteral(" (") + accounts.join(QStringLiteral(", ")) + u')';
    }
    m_pending.clear();
    m_pendingAccounts.clear();
    if (m_tray)
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, 10'000);
    else
        Q_EMIT noticeRequested(title + QStringLiteral(" — ") + text, m_lastBatchId, m_lastAccount);
}
