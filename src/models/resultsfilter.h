#pragma once

#include "core/results/requestresult.h"

#include <QString>

// What the Results view shows: outcomes, one error group (or all failures) and a search, all of which must
// hold. Setters say whether anything changed, so the proxy re-filters only then.
class ResultsFilter
{
public:
    enum Outcome { Ok = 1, Failed = 2, NotRun = 4, AllOutcomes = Ok | Failed | NotRun };
    static constexpr int kAnyGroup = -1;
    static constexpr int kAllFailures = -2; // every failed request, whatever its group

    bool setOutcomes(int outcomes);
    bool setGroup(int group);
    // Trimmed; matched case-insensitively against the custom_id, the error code and message, and the answer
    // in brief (the first 200 characters of the model's text): what the rows hold, not the files' bodies.
    bool setSearch(const QString &text);

    int outcomes() const { return m_outcomes; }
    int group() const { return m_group; }
    const QString &search() const { return m_search; }
    bool isEmpty() const { return m_outcomes == AllOutcomes && m_group == kAnyGroup && m_search.isEmpty(); }
    bool match(const RequestResult &row) const;

private:
    int m_outcomes = AllOutcomes;
    int m_group = kAnyGroup;
    QString m_search;
};
