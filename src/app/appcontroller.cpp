#include "app/appcontroller.h"

#include "app/account/demoserver.h"
#include "app/account/keystore.h"
#include "app/account/settingsdialog.h"
#include "app/completionnotifier.h"
#include "app/mainwindow.h"

#include <QMessageBox>

AppController::AppController(MainWindow *window, bool forceDemo, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_keys(new KeyStore(this))
    , m_settings(AccountSettings::load())
    , m_forceDemo(forceDemo)
{
    connect(m_keys, &KeyStore::keyRead, this, &AppController::onKeyRead);
    connect(m_window, &MainWindow::settingsRequested, this, &AppController::showSettings);
    m_window->setRefreshInterval(m_settings.refreshSeconds, m_settings.autoRefresh);
    m_window->notifier()->setMode(CompletionNotifier::modeFromString(m_settings.alerts));
}

void AppController::start()
{
    // The environment's key wins and needs no keychain; otherwise ask the keychain (asynchronously).
    if (m_forceDemo || AccountSettings::keyFromEnvironment())
        connectWithKey(QString());
    else // a key stored before keys were per account was entered for the settings saved then: these
        m_keys->read(m_settings.keyAccount(), true);
}

void AppController::onKeyRead(const QString &account, const QString &key)
{
    // A read for an account the user has since left is no key for the current one.
    if (account != m_settings.keyAccount())
        return;
    m_storedKey = key;
    connectWithKey(key);
}

void AppController::connectWithKey(const QString &storedKey)
{
    const ApiConfig config = m_settings.toConfig(storedKey);
    if (!m_forceDemo && !config.apiKey.isEmpty()) {
        m_window->connectTo(config, false);
        return;
    }
    if (!m_demo) {
        m_demo = new DemoServer(this);
        if (!m_demo->start()) {
            QMessageBox::critical(
                m_window, tr("Demo unavailable"),
                tr("The demo could not open a port on this machine. Add an API key in Settings."));
            return;
        }
    }
    m_window->connectTo(m_demo->config(), true);
}

void AppController::showSettings()
{
    SettingsDialog dialog(m_settings, m_keys->keychainAvailable(), !m_storedKey.isEmpty(), m_window);
    connect(&dialog, &SettingsDialog::clearCacheRequested, m_window, &MainWindow::clearCache);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings = dialog.settings();
    m_settings.save();
    m_window->setRefreshInterval(m_settings.refreshSeconds, m_settings.autoRefresh);
    m_window->notifier()->setMode(CompletionNotifier::modeFromString(m_settings.alerts));
    m_forceDemo = false;
    QString key = dialog.enteredKey();
    if (key.isEmpty() && dialog.reuseKey())
        key = m_storedKey; // the user said so, for this account
    if (!key.isEmpty()) {
        m_storedKey = key;
        m_keys->write(m_settings.keyAccount(), key); // kept for the session even when no keychain takes it
        connectWithKey(key);
        return;
    }
    // Another account's key never goes along: only what is stored for this one.
    if (dialog.accountChanged())
        m_storedKey.clear();
    m_keys->read(m_settings.keyAccount());
}
