#pragma once

#include "app/account/accountsettings.h"

#include <QDialog>

#include <memory>

namespace Ui {
class SettingsDialog;
}

class QCheckBox;

// Account and refresh settings. The key field is empty when the key comes from the environment (which wins).
// A stored key belongs to its account: moving to another server, organization or project asks for that
// account's key, or for an explicit tick to send the current one there too.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // `hasStoredKey`: a key from the keychain (or this session) is in use for `settings`' account.
    SettingsDialog(const AccountSettings &settings, bool keychainAvailable, bool hasStoredKey,
                   QWidget *parent = nullptr);
    ~SettingsDialog() override;

    AccountSettings settings() const;
    // The key typed in, or empty when unchanged.
    QString enteredKey() const;
    // Whether the account (server, organization or project) differs from the one the dialog opened with.
    bool accountChanged() const;
    // The user ticked "use the same key" for a changed account (and typed no new key).
    bool reuseKey() const;

Q_SIGNALS:
    void clearCacheRequested();

private:
    void updateKeyChoice();

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    QCheckBox *m_reuseKey = nullptr;
    QString m_originalAccount;
    QString m_originalHost;
    QString m_keyStatus; // what keyStatusLabel says while the account is unchanged
    bool m_hasStoredKey;
};
