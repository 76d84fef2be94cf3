#include "core/batch/batchfilter.h"

bool BatchFilter::setStatuses(const QSet<QString> &statuses)
{
    if (statuses == m_statuses)
        return false;
    m_statuses = statuses;
    return true;
}

bool BatchFilter::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return false;
    m_search = trimmed;
    m_query = BatchQuery::parse(trimmed, QDateTime::currentSecsSinceEpoch());
    return true;
}

bool BatchFilter::setCreatedAfter(const QDateTime &after)
{
    if (after == m_after || (!after.isValid() && !m_after.isValid()))
        return false;
    m_after = after;
    m_afterSecs = after.isValid() ? after.toSecsSinceEpoch() : 0;
    return true;
}

bool BatchFilter::setCreatedBefore(const QDateTime &before)
{
    if (before == m_before || (!before.isValid() && !m_before.isValid()))
        return false;
    m_before = before;
    m_beforeSecs = before.isValid() ? before.toSecsSinceEpoch() : 0;
    return true;
}

void BatchFilter::clear()
{
    *this = BatchFilter();
}

bool BatchFilter::isEmpty() const
{
    return m_statuses.isEmpty() && m_query.isEmpty() && !m_after.isValid() && !m_before.isValid();
}

bool BatchFilter::matches(const Batch &batch, const QueryRow &row) const
{
    if (!m_statuses.isEmpty() && !m_statuses.contains(batch.status.toString()))
        return false;
    if (m_after.isValid() && batch.createdAt < m_afterSecs)
        return false;
    if (m_before.isValid() && batch.createdAt >= m_beforeSecs)
        return false;
    return m_query.matches(batch, row);
}

bool BatchFilter::excludesEverythingBefore(qint64 createdAt) const
{
    return (m_after.isValid() && createdAt < m_afterSecs) || m_query.excludesEverythingBefore(createdAt);
}
