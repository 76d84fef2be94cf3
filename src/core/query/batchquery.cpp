#include "core/query/batchquery.h"

#include "core/query/queryterm.h"

BatchQuery::BatchQuery()
    : m_terms(std::make_shared<const Terms>())
{
}

BatchQuery::~BatchQuery() = default;
BatchQuery::BatchQuery(const BatchQuery &) = default;
BatchQuery &BatchQuery::operator=(const BatchQuery &) = default;

BatchQuery BatchQuery::parse(const QString &text, qint64 now)
{
    BatchQuery query;
    query.m_text = text;
    auto terms = std::make_shared<Terms>();
    terms->terms = Query::parse(text, now, &query.m_errors, &terms->relative);
    query.m_terms = std::move(terms);
    return query;
}

bool BatchQuery::isEmpty() const
{
    return m_terms->terms.empty() && m_errors.isEmpty();
}

bool BatchQuery::isRelative() const
{
    return m_terms->relative;
}

bool BatchQuery::sameTimes(const BatchQuery &other) const
{
    const std::vector<Query::Term> &a = m_terms->terms;
    const std::vector<Query::Term> &b = other.m_terms->terms;
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].times.size() != b[i].times.size())
            return false;
        for (size_t j = 0; j < a[i].times.size(); ++j) {
            if (a[i].times[j].from != b[i].times[j].from || a[i].times[j].to != b[i].times[j].to)
                return false;
        }
    }
    return true;
}

bool BatchQuery::matches(const Batch &batch, const QueryRow &row, QByteArrayView words) const
{
    for (const Query::Term &term : m_terms->terms) {
        if (!Query::matches(term, batch, row, words))
            return false;
    }
    return true;
}

bool BatchQuery::excludesEverythingBefore(qint64 createdAt) const
{
    for (const Query::Term &term : m_terms->terms) {
        if (term.field != Query::Field::Created || term.negated)
            continue;
        // The earliest time the term lets through; a batch created before it cannot match.
        qint64 earliest = 0;
        if (term.op == Query::Op::Greater)
            earliest = term.times.front().to;
        else if (term.op == Query::Op::GreaterOrEqual)
            earliest = term.times.front().from;
        else if (term.op == Query::Op::Equals)
            earliest =
                std::min_element(term.times.cbegin(), term.times.cend(), [](const auto &a, const auto &b) {
                    return a.from < b.from;
                })->from;
        else
            continue;
        if (createdAt < earliest)
            return true;
    }
    return false;
}

QStringList BatchQuery::fieldNames()
{
    return {QStringLiteral("status"), QStringLiteral("id"),        QStringLiteral("endpoint"),
            QStringLiteral("model"),  QStringLiteral("account"),   QStringLiteral("provider"),
            QStringLiteral("total"),  QStringLiteral("completed"), QStringLiteral("failed"),
            QStringLiteral("tokens"), QStringLiteral("cost"),      QStringLiteral("created"),
            QStringLiteral("ended"),  QStringLiteral("meta.")};
}

QStringList BatchQuery::valuesOf(const QString &field)
{
    QStringList values;
    if (field.compare(QLatin1String("status"), Qt::CaseInsensitive) == 0) {
        for (const BatchStatus &status : BatchStatus::all())
            values << status.toString();
    } else if (field.compare(QLatin1String("provider"), Qt::CaseInsensitive) == 0) {
        for (Provider provider : Providers::all())
            values << Providers::id(provider);
    }
    return values;
}
