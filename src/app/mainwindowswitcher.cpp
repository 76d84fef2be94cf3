// The window's account switcher: which account the table shows (toolbar, View menu, Ctrl+1..9, the side
// bar), the title that names it, and the side bar's counts for the account shown.
#include "app/mainwindow.h"

#include "app/widgets/accountswitcher.h"
#include "app/widgets/errorbanner.h"
#include "app/widgets/statusfilterpanel.h"
#include "core/session/accountsession.h"
#include "core/session/sessionset.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"

#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QTimer>
#include <QToolBar>

void MainWindow::buildSwitcher(QToolBar *bar, QMenu *viewMenu)
{
    m_switcher = new AccountSwitcher(this);
    m_switcher->setToolBarAction(bar->addWidget(m_switcher->combo()));
    viewMenu->addMenu(m_switcher->menu());
    connect(m_switcher, &AccountSwitcher::chosen, this, &MainWindow::showAccount);
    connect(m_statusPanel, &StatusFilterPanel::accountActivated, this, &MainWindow::showAccount);
    connect(m_model, &BatchTableModel::statusCountsChanged, this, &MainWindow::updateSideBar);
    // Each account's last failure (a refresh or a page), for its row in the side bar.
    connect(m_sessions, &SessionSet::errorChanged, this, [this](AccountSession *s, const ApiError &error) {
        m_accountErrors.insert(s, error);
        updateSideBar();
        // After the session's own handler has shown or hidden the banner for this answer.
        QTimer::singleShot(0, this, &MainWindow::updateBanner);
    });
    connect(m_sessions, &SessionSet::sessionRemoved, this,
            [this](AccountSession *s) { m_accountErrors.remove(s); });
}

void MainWindow::watchAccounts(const QList<SessionSpec> &specs)
{
    m_demo = false;
    m_demoBanner->hide();
    setAccounts(specs);
}

void MainWindow::updateSwitcher()
{
    QStringList names;
    for (const AccountSession *s : m_sessions->sessions()) {
        if (!s->name().isEmpty())
            names << s->name();
    }
    if (names != m_switcher->accounts())
        m_switcher->setAccounts(names);
    m_switcher->setCurrent(m_shownAccount);
    // The platform adds the application's name ("Team A — Batchwatch").
    if (!m_demo && !names.isEmpty())
        setWindowTitle(!m_shownAccount.isEmpty() ? m_shownAccount
                       : names.size() > 1        ? tr("All accounts")
                                                 : names.constFirst());
    updateSideBar();
}

void MainWindow::updateSideBar()
{
    const AccountSession *shown = m_shownAccount.isEmpty() ? nullptr : m_sessions->session(m_shownAccount);
    m_statusPanel->setCounts(shown ? m_model->statusCounts(m_model->sourceOf(shown))
                                   : m_model->statusCounts());
    QList<StatusFilterPanel::AccountCount> counts;
    for (const AccountSession *s : m_sessions->sessions()) {
        if (s->name().isEmpty())
            continue;
        StatusFilterPanel::AccountCount count;
        count.name = s->name();
        for (int n : m_model->statusCounts(m_model->sourceOf(s)))
            count.batches += n;
        if (const ApiError error = m_accountErrors.value(s); error.isError())
            count.error = error.toString();
        if (count.error.isEmpty())
            count.error = s->config().insecureTransportReason();
        counts << count;
    }
    m_statusPanel->setAccounts(counts, m_shownAccount);
}

void MainWindow::updateBanner()
{
    // The banner speaks for the account shown, or in All accounts for one that is failing while any is: one
    // account going through again never hides another's failure, and one shown alone never shows another's.
    const AccountSession *shown = m_shownAccount.isEmpty() ? nullptr : m_sessions->session(m_shownAccount);
    const auto failing = [this](const AccountSession *s) { return s && m_accountErrors.value(s).isError(); };
    if (m_bannerSession && failing(m_bannerSession) && (!shown || shown == m_bannerSession) &&
        m_errorBanner->isVisible())
        return;
    AccountSession *next = nullptr;
    for (AccountSession *s : m_sessions->sessions()) {
        if (failing(s) && (!shown || s == shown)) {
            next = s;
            break;
        }
    }
    // One account shown alone, of several: an empty table says why when that account failed.
    const auto sayWhyEmpty = [this, shown, &failing] {
        if (shown && m_sessions->sessions().size() > 1)
            setLoadError(failing(shown) && m_proxy->rowCount() == 0 ? m_errorBanner->message() : QString());
    };
    if (!next) {
        sayWhyEmpty();
        if (m_bannerSession && m_errorBanner->isVisible() &&
            m_bannerSession->config().insecureTransportReason().isEmpty()) {
            m_errorBanner->hide();
            m_bannerSession = nullptr;
        }
        return;
    }
    m_bannerSession = next;
    m_retryIsPage = !next->lastRefreshFailed();
    showError(m_retryIsPage ? tr("Loading more batches failed")
                            : tr("Refresh failed; the rows shown are from the last good refresh"),
              m_accountErrors.value(next), next);
    sayWhyEmpty();
}
