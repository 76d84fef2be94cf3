#pragma once

#include "core/query/batchquery.h"

#include <vector>

// The parsed form of a query, shared by the parser (queryparser.cpp) and the matcher (querymatch.cpp).
namespace Query {

enum class Field {
    Text, // a free word
    Status,
    Id,
    Endpoint,
    Model,
    Account,
    Provider,
    Total,
    Completed,
    Failed,
    Tokens,
    Cost,
    Created,
    Ended,
    Meta,
};

enum class Op { Equals, Contains, Greater, GreaterOrEqual, Less, LessOrEqual };

// One text a term compares with: folded to lower case when ASCII (the fast path), else kept for Qt's
// case-insensitive comparison.
struct Needle
{
    QString text;
    bool ascii = false; // `text` is then in lower case
    QByteArray
        bytes; // ascii and no NUL: `text` as bytes, searched in a row's words (BatchQuery::appendWords)
};

// A closed-open range of Unix seconds: what `created:2025-11-21` means (the whole day).
struct TimeRange
{
    qint64 from = 0;
    qint64 to = 0;
};

struct Term
{
    Field field = Field::Text;
    Op op = Op::Contains;
    bool negated = false;
    QString metaKey;              // Field::Meta
    quint32 statusMask = 0;       // status:...: a bit per BatchStatus::Value named (no string per row)
    std::vector<Needle> needles;  // text fields: any of them
    std::vector<double> numbers;  // number fields: Equals any; a comparison uses the first
    std::vector<TimeRange> times; // time fields: Equals any day; a comparison uses `from` of the first
};

// querynames.cpp: a field by its name (any case; not meta.), and the words of error messages.
std::optional<Field> fieldNamed(const QString &name);
QString quotedForMessage(const QString &text); // elided at 40 characters
QString unknownFieldMessage(const QString &name);
// The candidate within an edit distance of 2 of `word` (any case), if one is; empty otherwise.
QString nearestOf(const QString &word, const QStringList &candidates);
// Why `value` (as matched: a status lower case with underscores) cannot be meant for `field:`, or empty. A
// new status word may come from a server, so only a near miss of a known one is a mistake: an empty report of
// "status:faild" would read as "nothing failed". Providers are a closed set.
QString valueMistake(Field field, const QString &value);
QString opText(Op op);

// Parses one query; `errors` gets at most kMaxErrors entries; `relative` is set when a term's time depends on
// `now`.
std::vector<Term> parse(const QString &text, qint64 now, QList<QueryError> *errors, bool *relative);
constexpr int kMaxErrors = 100; // and one more when a cap below is reached
// A query's terms and values (all terms together): a pasted megabyte must not make 100,000 needles per row.
constexpr int kMaxTerms = 256;
constexpr int kMaxValues = 1000;

bool matches(const Term &term, const Batch &batch, const QueryRow &row, QByteArrayView words);

// "12", "0.5", "$1.20", "1_000_000"; none when unreadable or not finite.
std::optional<double> parseNumber(QString text);
// "7d", "36h", "90m", "2w", "today", "2025-11-21", "2025-11-21T16:00:00Z" (a time without a zone is UTC).
// Dates and "today" are whole days (UTC); a span or a date-time is a single second (to == from + 1).
// `relative` (optional): the time depends on `now` (a span or today).
std::optional<TimeRange> parseTime(QStringView text, qint64 now, bool *isDay, bool *relative = nullptr);

} // namespace Query

struct BatchQuery::Terms
{
    std::vector<Query::Term> terms;
    bool relative = false; // a span or today: the times move with `now`
};
