#include "appcontroller.h"

#include "account/demoserver.h"
#include "account/keystore.h"
#include "account/settingsdialog.h"
#include "completionnotifier.h"
#include "mainwindow.h"

#include <QMessageBox>

AppController::AppController(MainWindow *window, bool forceDemo, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_keys(new KeyStore(this))
    , m_settings(AccountSettings::load())
    , m_forceDemo(forceDemo)
{
    connect(m_keys, &KeyStore::keyRead, this, &AppController::connectWithKey);
    connect(m_window, &MainWindow::settingsRequested, this, &AppController::showSettings);
    m_window->setRefreshInterval(m_settings.refreshSeconds, m_settings.autoRefresh);
    m_window->notifier()->setMode(CompletionNotifier::modeFromString(m_settings.alerts));
}

void AppController::start()
{
    // The environment's key wins and needs no keychain; otherwise ask the keychain (asynchronously).
    if (m_forceDemo || AccountSettings::keyFromEnvironment())
        connectWithKey(QString());
    else
        m_keys->read();
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
    SettingsDialog dialog(m_settings, m_keys->keychainAvailable(), m_window);
    connect(&dialog, &SettingsDialog::clearCacheRequested, m_window, &MainWindow::clearCache);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings = dialog.settings();
    m_settings.save();
    m_window->setRefreshInterval(m_settings.refreshSeconds, m_settings.autoRefresh);
    m_window->notifier()->setMode(CompletionNotifier::modeFromString(m_settings.alerts));
    const QString key = dialog.enteredKey();
    m_forceDemo = false;
    if (!key.isEmpty()) {
        m_keys->write(key); // kept for the session even when no keychain takes it
        connectWithKey(key);
    } else {
        m_keys->read();
    }
}
