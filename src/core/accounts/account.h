#pragma once

#include "core/api/apiconfig.h"
#include "core/providers/provider.h"

#include <QList>
#include <QString>

// One account Batchwatch watches: a provider, where to reach it and what scopes it (organization and project,
// or an API version). The key is not here: it lives in the keychain under keyAccount(), or comes from the
// environment for the accounts the environment describes.
struct Account
{
    QString name; // unique, what the switcher, notifications and CSV's `account` column show
    Provider provider = Provider::OpenAI;
    QString baseUrl;      // base URL (OpenAI, Anthropic, Gemini) or endpoint (Azure); empty: the default
    QString organization; // OpenAI
    QString project;      // OpenAI
    QString apiVersion;   // Azure: empty uses the v1 paths
    int refreshSeconds = 30;
    bool autoRefresh = true;
    bool fromEnvironment = false; // described by the provider's variables; not saved, not editable

    // The connection this account describes, with `key` as its credential.
    ApiConfig toConfig(const QString &key) const;
    // The keychain entry its key lives under: provider, server and scope. A key entered for one account is
    // never read back for another.
    QString keyAccount() const;
    // The cache file's name for this account (stable across runs, distinct per account).
    QString cacheName() const;
};

// The saved accounts (QSettings) and the ones the environment describes, one per provider whose key
// variable is set, named after the provider.
namespace Accounts {
QList<Account> saved();
void save(const QList<Account> &accounts);
QList<Account> fromEnvironment();
// Environment accounts first, then the saved ones; a saved account whose name an environment account took is
// kept under "NAME (saved)".
QList<Account> all();
// The key the environment gives this account (empty for saved accounts).
QString environmentKey(const Account &account);
} // namespace Accounts
