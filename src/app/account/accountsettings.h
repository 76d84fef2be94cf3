#pragma once

#include "core/api/apiconfig.h"

#include <QString>

// What the Settings dialog keeps in QSettings: everything but the key, which belongs in the keychain.
struct AccountSettings
{
    QString baseUrl;
    QString organization;
    QString project;
    int refreshSeconds = 30;
    bool autoRefresh = true;
    QString alerts = QStringLiteral("all"); // all, failures or off

    static AccountSettings load();
    void save() const;
    // The connection these settings describe; the environment (as the SDKs read it) wins field by field.
    ApiConfig toConfig(const QString &storedKey) const;
    // The keychain entry a key for this account lives under: the server (as the environment may override it),
    // organization and project. A key belongs to the account it was entered for and to no other.
    QString keyAccount() const;
    // Whether OPENAI_API_KEY is set, in which case it wins over the stored key.
    static bool keyFromEnvironment();
};
