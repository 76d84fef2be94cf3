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

    // The connection this account describes, with `key` as its credential. For an Azure account of the
    // environment that only has AZURE_OPENAI_AD_TOKEN, `key` is that token and goes to ApiConfig::adToken.
    ApiConfig toConfig(const QString &key) const;
    // The keychain entry its key lives under: provider, server and scope. A key entered for one account is
    // never read back for another. For OpenAI exactly what versions before accounts used ("api-key SERVER
    // [organization ORG] [project PROJ]"), so keys stored then are found; other providers put their id first.
    QString keyAccount() const;
    // The cache file's name for this account used with `key` (stable across runs, distinct per account):
    // the file BatchCache::defaultPath(toConfig(key)) names, which for OpenAI is the name versions before
    // accounts gave it (server, scope and a hash of the key), so existing caches are kept.
    QString cacheName(const QString &key) const;
    // Why this account cannot be used on its own (no name, an Azure account without endpoint, a base URL
    // that is not http(s)); empty when it can.
    QString problem() const;

    bool operator==(const Account &other) const;
    bool operator!=(const Account &other) const { return !(*this == other); }
};

// The saved accounts (QSettings) and the ones the environment describes, one per provider whose key
// variable is set, named after the provider.
namespace Accounts {
// The saved accounts. On the first run after an update, the settings of the single account earlier versions
// kept (account/*, refresh/*) become one saved OpenAI account named "OpenAI" (see migrateLegacySettings()).
QList<Account> saved();
void save(const QList<Account> &accounts);
QList<Account> fromEnvironment();
// Environment accounts first, then the saved ones; a saved account whose name an environment account took is
// kept under "NAME (saved)" ("NAME (saved 2)", ... when another account has that): every name is unique.
QList<Account> all();
// The key the environment gives this account (empty for saved accounts).
QString environmentKey(const Account &account);

// The base URL an account of this provider uses when it names none; empty for Azure, which has no default.
QString defaultBaseUrl(Provider provider);
// When no accounts were ever saved and earlier versions' settings are there, saves them as the account
// "OpenAI", so its keyAccount() is where those versions stored the key: without OPENAI_API_KEY they sent the
// stored key with OPENAI_BASE_URL, OPENAI_ORG_ID and OPENAI_PROJECT_ID winning field by field, so those
// values are taken. Returns whether it did; saved() calls it.
bool migrateLegacySettings();
// Whether the one key versions before accounts kept ("openai-api-key") may become this account's: only for a
// saved OpenAI account that is the one migrateLegacySettings() made, or that is on the server those versions
// used without settings (OPENAI_BASE_URL, else OpenAI's own). Never an account on a third party's server.
bool mayAdoptLegacyKey(const Account &account);
// Why accounts[index], about to be saved with `accounts`, cannot be: its own problem(), a name taken by
// another, the same keychain entry as another (they would share one key), or a key that would travel over
// plain http to another machine (`hasKey`: it has one, typed or stored). Empty when it can be saved.
QString problem(const QList<Account> &accounts, int index, bool hasKey);
// The account with this name in `accounts` (exactly, else the only one matching without regard to case);
// -1 when none.
int indexOf(const QList<Account> &accounts, const QString &name);
} // namespace Accounts
