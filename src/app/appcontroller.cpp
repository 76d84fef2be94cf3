#include "app/appcontroller.h"

#include "app/account/demoserver.h"
#include "app/account/keystore.h"
#include "app/account/settingsdialog.h"
#include "app/alertnotifier.h"
#include "app/completionnotifier.h"
#include "app/mainwindow.h"
#include "core/cache/batchcache.h"
#include "core/session/accountsession.h"

#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace {
const QString kAlertsKey = QStringLiteral("alerts/mode");
// The account the window showed when it closed (empty: all of them).
const QString kShownKey = QStringLiteral("window/account");
} // namespace

AppController::AppController(MainWindow *window, bool forceDemo, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_keys(new KeyStore(this))
    , m_forceDemo(forceDemo)
{
    connect(m_keys, &KeyStore::keyRead, this, &AppController::onKeyRead);
    connect(m_window, &MainWindow::settingsRequested, this, &AppController::showSettings);
    connect(m_window, &MainWindow::accountShown, this, [this](const QString &name) {
        // Only the user's choice among their accounts is worth remembering, not the demo's.
        if (!m_watched.isEmpty())
            QSettings().setValue(kShownKey, name);
    });
    m_window->notifier()->setMode(
        CompletionNotifier::modeFromString(QSettings().value(kAlertsKey, QStringLiteral("all")).toString()));
}

void AppController::start()
{
    reload();
}

QString AppController::keyOf(const Account &account) const
{
    return account.fromEnvironment ? Accounts::environmentKey(account)
                                   : m_storedKeys.value(account.keyAccount());
}

void AppController::reload()
{
    m_accounts = Accounts::all();
    if (m_forceDemo) {
        showDemo(QString());
        return;
    }
    // The single key very early versions stored for "the" account goes to the account migrated from them, or
    // to the first saved OpenAI account on the server they sent it to: never to a third party's server.
    bool legacyOffered = false;
    for (const Account &account : std::as_const(m_accounts)) {
        if (account.fromEnvironment)
            continue;
        const QString keyAccount = account.keyAccount();
        const bool adoptLegacy = !legacyOffered && Accounts::mayAdoptLegacyKey(account);
        legacyOffered = legacyOffered || adoptLegacy;
        if (m_storedKeys.contains(keyAccount) || m_asked.contains(keyAccount))
            continue;
        m_asked.insert(keyAccount);
        m_keys->read(keyAccount, adoptLegacy);
    }
    decide();
}

void AppController::onKeyRead(const QString &keyAccount, const QString &key)
{
    m_asked.remove(keyAccount);
    m_storedKeys.insert(keyAccount, key);
    decide();
}

void AppController::decide()
{
    if (m_forceDemo)
        return;
    QList<Account> ready;
    QStringList keys;
    QString skipped;
    bool waiting = false;
    for (const Account &account : std::as_const(m_accounts)) {
        if (!account.fromEnvironment && m_asked.contains(account.keyAccount())) {
            waiting = true; // added when its key arrives
            continue;
        }
        const QString key = keyOf(account);
        if (key.isEmpty())
            continue;
        const QString problem = account.problem();
        if (!problem.isEmpty()) {
            if (skipped.isEmpty())
                skipped = problem;
            continue;
        }
        ready << account;
        keys << key;
    }
    if (!ready.isEmpty()) {
        watch(ready, keys);
        if (!skipped.isEmpty())
            m_window->statusBar()->showMessage(skipped);
    } else if (!waiting) {
        showDemo(skipped);
    }
    if (!waiting)
        m_restored = true; // the remembered account is gone: all of them stay shown
}

void AppController::watch(const QList<Account> &accounts, const QStringList &keys)
{
    Q_ASSERT(accounts.size() == keys.size());
    QList<SessionSpec> specs;
    QStringList names;
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        const Account &account = accounts.at(i);
        SessionSpec spec;
        spec.name = account.name;
        spec.config = account.toConfig(keys.at(i));
        // The file Account::cacheName() names: for OpenAI, the one kept before there were accounts.
        spec.cachePath = BatchCache::defaultPath(spec.config);
        spec.refreshSeconds = account.refreshSeconds;
        spec.autoRefresh = account.autoRefresh;
        specs << spec;
        names << account.name;
    }
    m_window->watchAccounts(specs);
    const QString remembered = QSettings().value(kShownKey).toString();
    if (!m_restored && names.contains(remembered)) {
        m_window->showAccount(remembered);
        m_restored = true;
    }
    if (names != m_watched) {
        m_watched = names;
        Q_EMIT watchedAccountsChanged(m_watched);
    }
}

void AppController::showDemo(const QString &why)
{
    if (!m_demo) {
        m_demo = new DemoServer(this);
        if (!m_demo->start()) {
            QMessageBox::critical(m_window, tr("Demo unavailable"),
                                  tr("The demo could not open a port on this machine. Add an account with "
                                     "its key in Settings."));
            return;
        }
    }
    m_window->setRefreshInterval(30, true);
    m_window->connectTo(m_demo->config(), true);
    if (!why.isEmpty())
        m_window->statusBar()->showMessage(why);
    if (!m_watched.isEmpty()) {
        m_watched.clear();
        Q_EMIT watchedAccountsChanged(m_watched);
    }
}

void AppController::showSettings()
{
    SettingsDialog::Input input;
    input.environment = Accounts::fromEnvironment();
    input.saved = Accounts::saved();
    for (auto it = m_storedKeys.cbegin(); it != m_storedKeys.cend(); ++it) {
        if (!it.value().isEmpty())
            input.storedKeys.insert(it.key());
    }
    input.keychainAvailable = m_keys->keychainAvailable();
    input.alerts = QSettings().value(kAlertsKey, QStringLiteral("all")).toString();
    input.alertSettings = m_window->alertNotifier()->settings();
    input.current = m_window->shownAccount();
    SettingsDialog dialog(input, m_window);
    connect(&dialog, &SettingsDialog::clearCacheRequested, m_window, &MainWindow::clearCache);
    if (dialog.exec() != QDialog::Accepted)
        return;
    Accounts::save(dialog.accounts());
    QSettings().setValue(kAlertsKey, dialog.alerts());
    m_window->notifier()->setMode(CompletionNotifier::modeFromString(dialog.alerts()));
    AlertNotifier::saveSettings(dialog.alertSettings());
    m_window->alertNotifier()->setSettings(dialog.alertSettings());
    for (const SettingsDialog::KeyChange &change : dialog.keyChanges()) {
        // A copy goes only where the user said, and only from the entry they saw named.
        const QString key = change.key.isEmpty() ? m_storedKeys.value(change.copyFrom) : change.key;
        if (key.isEmpty())
            continue;
        m_storedKeys.insert(change.keyAccount, key);
        m_keys->write(change.keyAccount, key); // kept for the session even when no keychain takes it
    }
    for (const QString &keyAccount : dialog.removedKeys()) {
        m_storedKeys.remove(keyAccount);
        m_keys->remove(keyAccount);
    }
    m_forceDemo = false;
    reload();
}
