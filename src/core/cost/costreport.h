#pragma once

#include "core/batch/batch.h"
#include "core/cost/pricetable.h"

#include <QHash>
#include <QList>
#include <QString>

#include <limits>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

// One group of `batchwatch cost` (and the overview): batches, tokens and what they cost; `unpriced` counts
// the group's batches that have no cost (no usage, no model, or an unpriced model), which `cost` leaves out.
struct CostGroup
{
    QString key; // the model, the UTC day ("2026-11-30"), the batch id or the account
    qint64 batches = 0;
    qint64 inputTokens = 0;
    qint64 cachedTokens = 0;
    qint64 outputTokens = 0;
    double cost = 0;
    qint64 unpriced = 0;
};

// Sums batches into groups; days in UTC, from created_at.
// A group's cost is priced from its exact token sums per model (cost is linear in tokens), not summed batch
// by batch in floating point: the same batches give the same bytes in any order, so `batchwatch cost` may
// sum the cache's columns in table order instead of building every Batch in the server's order.
class CostReport
{
public:
    enum class By { Model, Day, Batch, Account };

    CostReport(By by, const PriceTable *prices);
    void add(const Batch &batch, const QString &account, Provider provider);
    // The same from the fields alone (the cache's columns); `usage` null: the batch has none.
    void add(const QString &id, qint64 createdAt, const QString &model, const BatchUsage *usage,
             const QString &account, Provider provider);
    // In key order (days and models ascending; batches newest first).
    QList<CostGroup> groups() const;
    CostGroup total() const;
    By by() const { return m_by; }

    static bool parseBy(const QString &text, By *by);

private:
    // Tokens of a group's priced batches of one price (index into m_priceList); saturating sums. Keyed by the
    // price, not the model's name: cost is linear in tokens, so batches of every model at one price add up
    // before they are priced, and a group's list is never longer than the price table has prices (a server
    // that sends thousands of snapshot names of one model makes one entry, not thousands).
    struct PricedTokens
    {
        int price = -1;
        qint64 uncached = 0;
        qint64 cached = 0;
        qint64 output = 0;
    };
    struct Model
    {
        Provider provider;
        QString name;
        int price = -1; // into m_priceList; -1: unpriced
    };
    int modelIndex(Provider provider, const QString &model);
    int priceIndex(const ModelPrice &price);
    // The cost of priced tokens, prices in ascending order so that the sum does not depend on arrival order.
    double costOf(std::vector<PricedTokens> priced) const;
    static void addPriced(std::vector<PricedTokens> *list, const PricedTokens &tokens);

    By m_by;
    const PriceTable *m_prices;
    QList<CostGroup> m_groups;
    QList<qint64> m_newest;                          // per group, its newest created_at: batches sort by it
    std::vector<std::vector<PricedTokens>> m_priced; // per group
    QHash<QString, int> m_index;
    std::vector<Model> m_models;         // each (provider, model) seen, with its price
    std::vector<ModelPrice> m_priceList; // each distinct price of the models seen
    std::map<std::tuple<double, double, double>, int> m_priceIndex; // into m_priceList
    QHash<QPair<int, QString>, int> m_modelIndex;                   // by provider and name
    // The last model looked up: rows of one model come in runs, so most rows skip the hash.
    int m_lastModel = -1;
    // The last UTC day seen and its key: batches arrive newest first, mostly many a day.
    qint64 m_lastDay = std::numeric_limits<qint64>::min();
    QString m_lastDayKey;
    int m_lastDayRow = -1; // the group of m_lastDay: rows of a day come in runs, so most skip the hash
};
