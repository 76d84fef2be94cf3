#pragma once

#include "core/accounts/account.h"
#include "core/alerts/alertmonitor.h"

#include <QDialog>
#include <QSet>

#include <memory>
#include <vector>

class AlertSettingsBox;

namespace Ui {
class SettingsDialog;
}

// The accounts (a list with Add, Duplicate and Remove, and the selected one's fields beside it), when to
// tell about ended batches, and the cache. The environment's accounts are listed read-only. A key typed for
// an account goes to the keychain under that account's keyAccount(); a stored key stays with the server and
// scope it was entered for unless the user ticks the box that sends it to the changed account too.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    struct Input
    {
        QList<Account> environment;
        QList<Account> saved;
        QSet<QString> storedKeys; // the keyAccount() entries that hold a key (keychain or this session)
        bool keychainAvailable = true;
        QString alerts = QStringLiteral("all"); // all, failures or off
        AlertSettings alertSettings;            // stalled, late, expiring, failing
        QString current;                        // the account to select first (by name)
    };
    // What to do in the keychain once the dialog is accepted.
    struct KeyChange
    {
        QString keyAccount;
        QString key;      // typed in; empty: copy the key stored under `copyFrom`
        QString copyFrom; // the entry the user agreed to take the key from
    };

    explicit SettingsDialog(const Input &input, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    QList<Account> accounts() const; // the saved accounts, in the list's order
    QList<KeyChange> keyChanges() const;
    // Entries of removed accounts that no remaining account uses: their keys can go.
    QStringList removedKeys() const;
    QString alerts() const;
    AlertSettings alertSettings() const;
    // Why the accounts cannot be saved ("NAME: why"), or empty; OK is disabled meanwhile.
    QString problem() const;

    void accept() override;

Q_SIGNALS:
    void clearCacheRequested();

private:
    struct Entry
    {
        Account account;
        QString originalKeyAccount; // where its key was stored when the dialog opened (empty: new)
        bool hadKey = false;
        QString typedKey;
        bool reuseKey = false;
    };

    Entry *currentEntry();
    bool hasKey(const Entry &entry) const;
    void addEntry(const Entry &entry);
    void addAccount();
    void duplicateAccount();
    void removeAccount();
    void showCurrent();
    void readForm();
    void updateProviderFields(Provider provider);
    void updateKeyStatus();
    void updateListItem(int entryIndex);
    void validate();
    QString uniqueName(const QString &base) const;

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    AlertSettingsBox *m_alertBox;
    QList<Account> m_environment;
    std::vector<Entry> m_entries;
    QStringList m_removedKeys;
    QSet<QString> m_storedKeys;
    bool m_keychainAvailable;
    bool m_loading = false; // the form is being filled from an entry: its signals are no edits
};
