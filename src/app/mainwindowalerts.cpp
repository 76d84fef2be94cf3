// MainWindow's alerts besides completions: the AlertNotifier over the window's rows, sharing the completions'
// tray, and its notices in the window's banner where there is no tray.
#include "app/alertnotifier.h"
#include "app/completionnotifier.h"
#include "app/mainwindow.h"

#include <QLabel>

void MainWindow::buildAlerts()
{
    m_alerts = new AlertNotifier(m_model, this);
    m_alerts->setSettings(AlertNotifier::loadSettings());
    m_alerts->setTray(m_notifier->tray());
    connect(m_alerts, &AlertNotifier::batchActivated, this, &MainWindow::selectBatch);
    connect(m_alerts, &AlertNotifier::noticeRequested, this, &MainWindow::showNotice);
}

void MainWindow::showNotice(const QString &text, const QString &batchId, const QString &account)
{
    m_noticeAccount = account;
    const QString link =
        batchId.isEmpty() ? QString() : QStringLiteral(" <a href='%1'>%2</a>").arg(batchId, tr("Show"));
    m_noticeBanner->setText(text.toHtmlEscaped() + link);
    m_noticeBanner->show();
}
