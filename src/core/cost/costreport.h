#pragma once

#include "core/batch/batch.h"
#include "core/cost/pricetable.h"

#include <QHash>
#include <QList>
#include <QString>

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
class CostReport
{
public:
    enum class By { Model, Day, Batch, Account };

    CostReport(By by, const PriceTable *prices);
    void add(const Batch &batch, const QString &account, Provider provider);
    // In key order (days and models ascending; batches newest first).
    QList<CostGroup> groups() const;
    CostGroup total() const;

    static bool parseBy(const QString &text, By *by);

private:
    By m_by;
    const PriceTable *m_prices;
    QList<CostGroup> m_groups;
    QList<qint64> m_newest; // per group, its newest created_at: batches sort by it
    QHash<QString, int> m_index;
};
