#pragma once

#include "core/batch/batch.h"
#include "core/providers/provider.h"

#include <QString>

class PriceTable;

// The one-glance answer to "is everything fine?", over every row the window holds. Each figure has the query
// that shows its batches in the table (a click on the overview strip sets it).
struct OverviewStats
{
    int running = 0;              // validating, in progress, finalizing, cancelling
    qint64 requestsInFlight = 0;  // of running batches: total - completed - failed
    int completed24h = 0;         // ended completed within the last 24 h
    int failed24h = 0;            // ended failed (or expired) within the last 24 h
    qint64 requestsDone24h = 0;   // completed + failed requests of batches ended in the last 24 h
    qint64 requestsFailed24h = 0; // their failed requests
    double failureRate24h() const
    {
        return requestsDone24h > 0 ? double(requestsFailed24h) / double(requestsDone24h) : 0.0;
    }
    // Tokens and spend of batches created today (UTC) / in the last 7 / 30 days; unpriced batches counted.
    qint64 tokens[3] = {0, 0, 0};
    double spend[3] = {0, 0, 0};
    qint64 unpriced[3] = {0, 0, 0};

    enum Span { Today, Week, Month };
    static constexpr int kSpanCount = 3;
    // The query that filters the table to what a figure counts ("status:validating,...", "ended>24h ...").
    static QString runningQuery();
    static QString completed24hQuery();
    static QString failed24hQuery();
    // The batches whose requests make the failure rate: every batch that ended in the last 24 h.
    static QString ended24hQuery();
    // Today is a date ("created>=2026-12-02", the UTC day of `now`); the others are spans ("created>7d").
    static QString spanQuery(Span span, qint64 now);
    // Where a span starts: UTC midnight of `now`'s day, or 7 / 30 days back.
    static qint64 spanStart(Span span, qint64 now);
};

// Adds rows one at a time (the model's rows, each with its provider).
class OverviewAccumulator
{
public:
    OverviewAccumulator(qint64 now, const PriceTable *prices);
    void add(const Batch &batch, Provider provider);
    const OverviewStats &stats() const { return m_stats; }

private:
    qint64 m_now;
    qint64 m_spanStart[OverviewStats::kSpanCount]; // Today: UTC midnight
    const PriceTable *m_prices;
    OverviewStats m_stats;
};
