#include "core/batch/batchfilter.h"

#include <algorithm>

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
    const bool ascii =
        std::all_of(trimmed.cbegin(), trimmed.cend(), [](QChar c) { return c.unicode() < 128; });
    m_searchFolded = ascii ? trimmed.toLower() : QString();
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
    return m_statuses.isEmpty() && m_search.isEmpty() && !m_after.isValid() && !m_before.isValid();
}

bool BatchFilter::matches(const Batch &batch) const
{
    if (!m_statuses.isEmpty() && !m_statuses.contains(batch.status.toString()))
        return false;
    if (m_after.isValid() && batch.createdAt < m_afterSecs)
        return false;
    if (m_before.isValid() && batch.createdAt >= m_beforeSecs)
        return false;
    return m_search.isEmpty() || matchesText(batch);
}

bool BatchFilter::excludesEverythingBefore(qint64 createdAt) const
{
    return m_after.isValid() && createdAt < m_afterSecs;
}

namespace {
// Case-insensitive search of an ASCII needle already in lower case: the common case, and several times faster
// than the general Unicode folding (a keystroke filters 100,000 rows).
bool containsFolded(QStringView haystack, QStringView needle)
{
    const qsizetype last = haystack.size() - needle.size();
    const char16_t first = needle.front().unicode();
    const auto fold = [](char16_t c) { return char16_t(c >= u'A' && c <= u'Z' ? c + 32 : c); };
    for (qsizetype i = 0; i <= last; ++i) {
        if (fold(haystack[i].unicode()) != first)
            continue;
        qsizetype j = 1;
        while (j < needle.size() && fold(haystack[i + j].unicode()) == needle[j].unicode())
            ++j;
        if (j == needle.size())
            return true;
    }
    return false;
}
} // namespace

bool BatchFilter::matchesText(const Batch &batch) const
{
    const auto has = [this](const QString &field) {
        return m_searchFolded.isEmpty() ? field.contains(m_search, Qt::CaseInsensitive)
                                        : containsFolded(field, m_searchFolded);
    };
    if (has(batch.id) || has(batch.endpoint) || has(batch.model) || has(batch.inputFileId) ||
        has(batch.outputFileId) || has(batch.errorFileId))
        return true;
    for (auto it = batch.metadata.cbegin(); it != batch.metadata.cend(); ++it) {
        if (has(it.key()) || has(it.value()))
            return true;
    }
    return false;
}
