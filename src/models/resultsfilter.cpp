#include "models/resultsfilter.h"

namespace {
int bitOf(RequestOutcome outcome)
{
    switch (outcome) {
    case RequestOutcome::Ok:
        return ResultsFilter::Ok;
    case RequestOutcome::Failed:
        return ResultsFilter::Failed;
    case RequestOutcome::NotRun:
        break;
    }
    return ResultsFilter::NotRun;
}
} // namespace

bool ResultsFilter::setOutcomes(int outcomes)
{
    outcomes &= AllOutcomes;
    if (outcomes == m_outcomes)
        return false;
    m_outcomes = outcomes;
    return true;
}

bool ResultsFilter::setGroup(int group)
{
    if (group < kAllFailures)
        group = kAnyGroup;
    if (group == m_group)
        return false;
    m_group = group;
    return true;
}

bool ResultsFilter::setSearch(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return false;
    m_search = trimmed;
    return true;
}

bool ResultsFilter::match(const RequestResult &row) const
{
    if (!(m_outcomes & bitOf(row.outcome)))
        return false;
    if (m_group == kAllFailures && row.outcome != RequestOutcome::Failed)
        return false;
    if (m_group >= 0 && row.group != m_group)
        return false;
    if (m_search.isEmpty())
        return true;
    const auto has = [this](const QString &text) { return text.contains(m_search, Qt::CaseInsensitive); };
    return has(row.customId) || has(row.errorCode) || has(row.errorMessage) || has(row.answer);
}
