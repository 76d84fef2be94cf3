#pragma once

#include "core/batch/batch.h"
#include "core/providers/provider.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class PriceTable;

// What a query knows of a row beyond the batch: its account and provider, and the prices its `cost` needs.
struct QueryRow
{
    QString account;
    Provider provider = Provider::OpenAI;
    const PriceTable *prices = nullptr; // null: `cost` matches nothing
};

// A mistake in the query text, for the search box to underline.
struct QueryError
{
    int start = 0;  // in characters of the text
    int length = 0; // at least 1 unless the text is empty
    QString message;
};

// The query language of the search box and of `--query` (one grammar, documented in the README):
//   free words            all must match (ids, endpoint, model, file ids, metadata; case-insensitive)
//   field:v1,v2           equals any value (case-insensitive)     field~text   contains
//   field>N >= < <=       numbers and times (created>7d: the last 7 days; created<2026-11-01)
//   -term                 negates; terms AND together; "values with spaces" in double quotes
// Fields: status id endpoint model account provider total completed failed tokens cost created ended
// meta.KEY. A query with errors matches as if its wrong terms were absent, so
// typing never blanks the table; isValid() says whether it is whole.
class BatchQuery
{
public:
    BatchQuery();
    ~BatchQuery();
    BatchQuery(const BatchQuery &);
    BatchQuery &operator=(const BatchQuery &);

    // `now` (Unix seconds) resolves spans such as 7d.
    static BatchQuery parse(const QString &text, qint64 now);

    const QString &text() const { return m_text; }
    bool isEmpty() const; // no term at all
    bool isValid() const { return m_errors.isEmpty(); }
    const QList<QueryError> &errors() const { return m_errors; }

    // A term's time depends on `now` (a span such as 7d, or today): parsed again later, the query can match
    // other batches.
    bool isRelative() const;
    // Same terms resolved to the same times (for a query parsed again from its own text at another `now`).
    bool sameTimes(const BatchQuery &other) const;

    bool matches(const Batch &batch, const QueryRow &row) const { return matches(batch, row, {}); }
    // `words`: the batch's free-word fields as appendWords() wrote them, kept by the table for a fast search;
    // null: free words are searched in the batch's fields (the same result, slower).
    bool matches(const Batch &batch, const QueryRow &row, QByteArrayView words) const;
    // True when no batch created at `createdAt` or earlier can match (lists run newest first): a
    // created>X or created>=X term that is not negated.
    bool excludesEverythingBefore(qint64 createdAt) const;

    // For completion: the field names ("status", "meta."), and the values a field takes when they are few
    // (status: the API's words; provider: the providers' names).
    static QStringList fieldNames();
    static QStringList valuesOf(const QString &field);

    // The fields a free word searches (id, endpoint, model, file ids, metadata keys and values) as one
    // byte string for matches(): ASCII lower-cased, any other UTF-16 unit as the byte 0x80 (which no
    // ASCII word contains, so an ASCII word matches exactly as in the fields; other words search the fields),
    // each field ended by a NUL, so no word matches across two fields.
    static void appendWords(const Batch &batch, std::vector<char> &out);

private:
    struct Terms;
    QString m_text;
    QList<QueryError> m_errors;
    std::shared_ptr<const Terms> m_terms;
};
