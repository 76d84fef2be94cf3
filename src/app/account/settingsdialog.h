#pragma once

#include "accountsettings.h"

#include <QDialog>

#include <memory>

namespace Ui {
class SettingsDialog;
}

// Account and refresh settings. The key field is empty when the key comes from the environment (which wins).
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(const AccountSettings &settings, bool keychainAvailable, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    AccountSettings settings() const;
    // The key typed in, or empty when unchanged.
    QString enteredKey() const;

Q_SIGNALS:
    void clearCacheRequested();

private:
    std::unique_ptr<Ui::SettingsDialog> m_ui;
};
