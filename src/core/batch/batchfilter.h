#pragma once

#include "core/batch/batch.h"

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
    // Case-insensitive text matched in id, endpoint, model, file ids, and metadata keys and values.
    bool setSearchText(const QString &text);
    // Created at or after / strictly before; an invalid QDateTime removes the bound.
    bool setCreatedAfter(const QDateTime &after);
    bool setCreatedBefore(const QDateTime &before);
    void clear();

    const QSet<QString> &statuses() const { return m_statuses; }
    const QString &searchText() const { return m_search; }
    const QDateTime &createdAfter() const { return m_after; }
    const QDateTime &createdBefore() const { return m_before; }
    bool isEmpty() const;

    bool matches(const Batch &batch) const;
    // True when no batch created at `createdAt` or earlier can match (lists run newest first).
    bool excludesEverythingBefore(qint64 createdAt) const;

private:
    bool matchesText(const Batch &batch) const;

    QSet<QString> m_statuses;
    QString m_search;
    QString m_searchFolded; // lower case, when the text is ASCII (the fast path); empty otherwise
    qint64 m_afterSecs = 0;
    qint64 m_beforeSecs = 0;
    QDateTime m_after;
    QDateTime m_before;
};
