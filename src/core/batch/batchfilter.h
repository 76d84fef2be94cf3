#pragma once

#include "core/batch/batch.h"
#include "core/query/batchquery.h"

#include <QDateTime>
#include <QSet>
#include <QString>

// What the user wants to see. Conditions combine with AND; the statuses listed combine with OR.
// Setters return whether anything changed, so a proxy re-filters only when it must.
class BatchFilter
{
public:
    // Statuses as the API spells them ("failed", "in_progress", or an unknown one); empty: any status.
    bool setStatuses(const QSet<QString> &statuses);
    // A query (BatchQuery's language): free words are matched in id, endpoint, model, file ids, and
    // metadata keys and values (any case); spans such as created>7d count back from the time of the call.
    bool setSearchText(const QString &text);
    bool setSearchText(const QString &text, qint64 now); // spans count back from `now` (Unix seconds)
    // Resolves the query's spans and today again against `now`; true when that changed what it matches
    // (false at once for a query without them).
    bool refreshTimes(qint64 now);
    // Created at or after / strictly before; an invalid QDateTime removes the bound.
    bool setCreatedAfter(const QDateTime &after);
    bool setCreatedBefore(const QDateTime &before);
    void clear();

    const QSet<QString> &statuses() const { return m_statuses; }
    const QString &searchText() const { return m_search; }
    // The search text, parsed: its errors are the search box's to show.
    const BatchQuery &query() const { return m_query; }
    const QDateTime &createdAfter() const { return m_after; }
    const QDateTime &createdBefore() const { return m_before; }
    bool isEmpty() const;

    // `row` gives the query the row's account, provider and prices; `words` the batch's free-word fields as
    // BatchQuery::appendWords wrote them (null: the fields are searched, slower).
    bool matches(const Batch &batch, const QueryRow &row = {}, QByteArrayView words = {}) const;
    // True when no batch created at `createdAt` or earlier can match (lists run newest first).
    bool excludesEverythingBefore(qint64 createdAt) const;

private:
    QSet<QString> m_statuses;
    QString m_search;
    BatchQuery m_query;
    qint64 m_afterSecs = 0;
    qint64 m_beforeSecs = 0;
    QDateTime m_after;
    QDateTime m_before;
};
