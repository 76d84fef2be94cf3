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
    return setSearchText(text, QDateTime::currentSecsSinceEpoch());
}

bool BatchFilter::setSearchText(const QString &text, qint64 now)
{
    // The query is of the text as given, so its errors' positions are those of the search box; spaces around
    // it change no row.
    const QString trimmed = text.trimmed();
    const bool changed = trimmed != m_search;
    if (changed || text != m_query.text())
        m_query = BatchQuery::parse(text, now);
    m_search = trimmed;
    return changed;
}

bool BatchFilter::refreshTimes(qint64 now)
{
    if (!m_query.isRelative())
        return false;
    BatchQuery again = BatchQuery::parse(m_query.text(), now);
    const bool changed = !again.sameTimes(m_query);
    m_query = std::move(again);
    return changed;
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

bool BatchFilter::matches(const Batch &batch, const QueryRow &row, QByteArrayView words) const
{
    if (!m_statuses.isEmpty() && !m_statuses.contains(batch.status.toString()))
        return false;
    if (m_after.isValid() && batch.createdAt < m_afterSecs)
        return false;
    if (m_before.isValid() && batch.createdAt >= m_beforeSecs)
        return false;
    return m_query.matches(batch, row, words);
}

bool BatchFilter::excludesEverythingBefore(qint64 createdAt) const
{
    return (m_after.isValid() && createdAt < m_afterSecs) || m_query.excludesEverythingBefore(createdAt);
}
