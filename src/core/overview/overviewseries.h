#pragma once

#include "core/batch/batch.h"
#include "core/batch/progresshistory.h"
#include "core/providers/provider.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>

#include <vector>

class PriceTable;

// The Overview window's charts as numbers, over the last `days` UTC days up to `now` (today included): spend
// per day by model (by created_at, as `batchwatch cost --by day`), batches per day by how they ended (by the
// time they ended), and requests per minute across running batches (from the progress samples Batchwatch
// took). Rows are added one at a time, across accounts.
class OverviewSeries
{
public:
    OverviewSeries(qint64 now, int days, const PriceTable *prices);

    void add(const Batch &batch, Provider provider);
    // One batch's samples (ProgressHistory::samples): its rate between each two is spread over that time.
    void addSamples(const QList<ProgressSample> &samples);

    int days() const { return m_days; }
    QDate firstDay() const;                       // UTC
    qint64 rangeStart() const { return m_start; } // UTC midnight of the first day
    qint64 now() const { return m_now; }

    struct ModelSpend
    {
        QString model; // empty: the models beyond the most spent, summed
        QList<double> perDay;
        double total = 0;
    };
    // Models by what they cost in the range, most first; past `maxModels - 1` models the rest are summed in
    // one entry with an empty name. Models without spend in the range are left out.
    QList<ModelSpend> spendByModel(int maxModels = 8) const;
    double totalSpend() const;
    // Batches created in the range that have no cost (no usage, no model, an unpriced model).
    qint64 unpriced() const { return m_unpriced; }

    // Completed, failed, expired, cancelled: the statuses a batch ends in.
    static const QList<BatchStatus::Value> &endings();
    QList<int> endedPerDay(BatchStatus::Value status) const;
    int endedTotal() const;

    // Requests per minute across every batch, one value per bucket from `start`: the buckets are a minute
    // long when the samples span two days at most, 10 minutes up to 30 days, an hour beyond. Each value is
    // the mean over the part of its bucket between the first sample and now.
    struct Rate
    {
        qint64 start = 0; // of the first bucket: the first sample in the range, floored
        qint64 bucketSeconds = 60;
        QList<double> perMinute; // empty: no batch moved in the range
    };
    Rate rate() const;

private:
    int dayOf(qint64 at) const; // -1: outside the range

    struct Interval
    {
        qint64 from = 0;
        qint64 to = 0;
        double requests = 0;
    };

    qint64 m_now;
    int m_days;
    qint64 m_start;
    const PriceTable *m_prices;
    QHash<QString, QList<double>> m_spend;
    qint64 m_unpriced = 0;
    QHash<int, QList<int>> m_ended;
    std::vector<Interval> m_intervals;
};
