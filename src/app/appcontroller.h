#pragma once

#include "account/accountsettings.h"

#include <QObject>

class DemoServer;
class KeyStore;
class MainWindow;

// Decides which account the window shows (environment, keychain, or the demo) and runs the Settings dialog.
class AppController : public QObject
{
    Q_OBJECT

public:
    AppController(MainWindow *window, bool forceDemo, QObject *parent = nullptr);

    void start();
    void showSettings();

private:
    void connectWithKey(const QString &storedKey);

    MainWindow *m_window;
    KeyStore *m_keys;
    DemoServer *m_demo = nullptr;
    AccountSettings m_settings;
    bool m_forceDemo;
};
