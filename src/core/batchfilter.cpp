#include "batchfilter.h"

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
    return true;
}

bool BatchFilter::setCreatedAfter(const QDateTime &after)
{
    if (after == m_after || (!after.isValid() && !m_after.isValid()))
        return false;
    m_after = after;
    return true;
}

bool BatchFilter::setCreatedBefore(const QDateTime &before)
{
    if (before == m_before || (!before.isValid() && !m_before.isValid()))
        return false;
    m_before = before;
    return true;
}

void BatchFilter::clear()
{
    *this = BatchFilter();
}

bool BatchFilter::isEmpty() const
{
    return m_statuses.isEmpty() && m_search.isEmpty() && !m_after.isValid() && !m_before.isValid();
}

bool BatchFilter::matches(const Batch &batch) const
{
    if (!m_statuses.isEmpty() && !m_statuses.contains(batch.status.toString()))
        return false;
    if (m_after.isValid() && batch.createdAt < m_after.toSecsSinceEpoch())
        return false;
    if (m_before.isValid() && batch.createdAt >= m_before.toSecsSinceEpoch())
        return false;
    return m_search.isEmpty() || matchesText(batch);
}

bool BatchFilter::excludesEverythingBefore(qint64 createdAt) const
{
    return m_after.isValid() && createdAt < m_after.toSecsSinceEpoch();
}

bool BatchFilter::matchesText(const Batch &batch) const
{
    const auto has = [this](const QString &field) { return field.contains(m_search, Qt::CaseInsensitive); };
    if (has(batch.id) || has(batch.endpoint) || has(batch.model) || has(batch.inputFileId) ||
        has(batch.outputFileId) || has(batch.errorFileId))
        return true;
    for (auto it = batch.metadata.cbegin(); it != batch.metadata.cend(); ++it) {
        if (has(it.key()) || has(it.value()))
            return true;
    }
    return false;
}
