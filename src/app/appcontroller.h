#pragma once

#include "app/account/accountsettings.h"

#include <QObject>

class DemoServer;
class KeyStore;
class MainWindow;

// Decides which account the window shows (environment, keychain, or the demo) and runs the Settings dialog.
// A stored key is used only for the account it was stored for (see AccountSettings::keyAccount()).
class AppController : public QObject
{
    Q_OBJECT

public:
    AppController(MainWindow *window, bool forceDemo, QObject *parent = nullptr);

    void start();
    void showSettings();

private:
    void onKeyRead(const QString &account, const QString &key);
    void connectWithKey(const QString &storedKey);

    MainWindow *m_window;
    KeyStore *m_keys;
    DemoServer *m_demo = nullptr;
    AccountSettings m_settings;
    QString m_storedKey; // the key the keychain gave for m_settings' account (empty: none)
    bool m_forceDemo;
};
