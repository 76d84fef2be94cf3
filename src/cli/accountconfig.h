#pragma once

#include "core/accounts/account.h"
#include "core/api/apiconfig.h"

#include <QString>

#include <optional>

// `--account NAME` for the headless commands: the saved account of that name with its key from the system
// keychain, or the account the environment describes for a provider ("OpenAI", "Anthropic", ...).
namespace AccountConfig {
struct Resolved
{
    Account account;
    ApiConfig config;
};

// The account's connection; nullopt with `error` set when no account has that name (the error lists the
// known ones), the account cannot be used, or its key cannot be read from the keychain. Waits for the
// keychain in a local event loop.
[[nodiscard]] std::optional<Resolved> resolve(const QString &name, QString *error);
// "OpenAI (environment), Team A, Team B", or "none" when there are none: for the error that lists them.
QString knownNames(const QList<Account> &accounts);
} // namespace AccountConfig
