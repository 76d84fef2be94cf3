#pragma once

#include "core/providers/provider.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

// Prices of one model per million tokens, at batch rates, in the table's currency.
struct ModelPrice
{
    double input = 0;
    double cachedInput = 0; // the input price when the table gives none
    double output = 0;
};

// The price table: shipped in resources/prices.json, overridable by the user's file of the same format
// ($XDG_CONFIG_HOME/batchwatch/prices.json), whose entries are merged over the shipped ones.
//   {"updated": "YYYY-MM-DD", "currency": "USD",
//    "models": {"gpt-4o-mini": {"input": 0.075, "cached_input": 0.0375, "output": 0.3}},
//    "providers": {"anthropic": {"models": {...}}}}
// Top-level "models" serve every provider; a provider's own "models" win for that provider (names collide).
class PriceTable
{
public:
    // The shipped table (compiled in as a resource).
    static PriceTable shipped();
    // The shipped table with the user's file merged over it; a user file that cannot be read or parsed is
    // skipped and said in `warning` (the shipped prices stay).
    static PriceTable load(QString *warning = nullptr);
    static QString userFilePath();

    // Merges a table in this format over this one; false (and this table unchanged) when it does not parse,
    // with `error` saying where.
    [[nodiscard]] bool merge(const QByteArray &json, QString *error = nullptr);

    // Exact name (any case) first, else the longest listed prefix that the name continues with a snapshot's
    // date or version ("gpt-4o-mini-2024-07-18" -> "gpt-4o-mini"; "gpt-4o-mini" is not priced as "gpt-4o").
    std::optional<ModelPrice> price(Provider provider, const QString &model) const;
    QString currency() const { return m_currency; }
    QString updated() const { return m_updated; }
    bool isEmpty() const;

private:
    QString m_currency = QStringLiteral("USD");
    QString m_updated;
    QHash<QString, ModelPrice> m_common;
    QHash<Provider, QHash<QString, ModelPrice>> m_byProvider;
};
