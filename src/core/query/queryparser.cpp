#include "core/query/querysplit.h"
#include "core/query/queryterm.h"

#include <algorithm>

namespace Query {
namespace {

enum class Kind { Text, Number, Time };

Kind kindOf(Field field)
{
    switch (field) {
    case Field::Total:
    case Field::Completed:
    case Field::Failed:
    case Field::Tokens:
    case Field::Cost:
        return Kind::Number;
    case Field::Created:
    case Field::Ended:
        return Kind::Time;
    default:
        return Kind::Text;
    }
}

Needle needleOf(const QString &text)
{
    const bool ascii = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 128; });
    const QString lower = ascii ? text.toLower() : text;
    return Needle{lower, ascii, ascii && !text.contains(QChar(0)) ? lower.toLatin1() : QByteArray()};
}

// Reads the pieces one term at a time, collecting errors (at most kMaxErrors).
class Parser
{
public:
    Parser(const QString &text, qint64 now, QList<QueryError> *errors)
        : m_text(text)
        , m_now(now)
        , m_errors(errors)
    {
    }

    // False once the query has all the terms or values it may have: the rest of the text is left out.
    bool readCapped(const Piece &piece, std::vector<Term> *terms)
    {
        if (++m_pieces > kMaxTerms) {
            tooMany(piece.start,
                    QStringLiteral("too many terms: a query takes at most %1 (the rest is left out)")
                        .arg(kMaxTerms));
            return false;
        }
        read(piece, terms);
        return !m_full;
    }

    void read(const Piece &piece, std::vector<Term> *terms)
    {
        Term term;
        int first = 0;
        if (!piece.chars.isEmpty() && piece.chars[0] == u'-' && !piece.quoted[0]) {
            term.negated = true;
            first = 1;
        }
        if (piece.openQuote >= 0) {
            error(piece.openQuote, piece.end - piece.openQuote,
                  QStringLiteral("unclosed quote: end the value with \""));
            return;
        }
        const int size = int(piece.chars.size());
        if (first >= size) {
            if (term.negated)
                error(piece.start, 1, QStringLiteral("nothing after -: write -WORD or -field:value"));
            return; // "" alone: nothing to match
        }
        int opAt = first;
        while (opAt < size && !(isOpChar(piece.chars[opAt]) && !piece.quoted[size_t(opAt)]))
            ++opAt;
        if (opAt == first && opAt < size) {
            error(piece.pos[size_t(opAt)], 1,
                  QStringLiteral("missing field before %1 (e.g. total%1 or meta.KEY%1)")
                      .arg(piece.chars[opAt]));
            return;
        }
        bool named = opAt < size;
        // meta."my key": after an unquoted meta. the key may be quoted, spaces, colons and all.
        const bool metaPrefix =
            named && opAt - first >= 5 &&
            QStringView(piece.chars).mid(first, 5).compare(QLatin1String("meta."), Qt::CaseInsensitive) == 0;
        for (int i = first; named && i < opAt; ++i) {
            const bool quoted = piece.quoted[size_t(i)];
            named = quoted ? metaPrefix && i >= first + 5 : isNameChar(piece.chars[i]);
        }
        if (!named && equalsSignAfterField(piece, first))
            return;
        if (!named) {
            // A free word, syntax characters and all ("/v1/chat", "a:b" in quotes).
            if (m_values == kMaxValues) {
                tooManyValues(piece.start);
                return;
            }
            ++m_values;
            term.field = Field::Text;
            term.needles.push_back(needleOf(piece.chars.mid(first)));
            terms->push_back(std::move(term));
            return;
        }
        const QString name = piece.chars.mid(first, opAt - first);
        const int nameStart = piece.pos[size_t(first)];
        if (!lookUp(name, nameStart, piece.pos[size_t(opAt)] - nameStart, &term))
            return;
        int valueAt = opAt + 1;
        const QChar opChar = piece.chars[opAt];
        if (opChar == u':')
            term.op = Op::Equals;
        else if (opChar == u'~')
            term.op = Op::Contains;
        else {
            const bool orEqual =
                valueAt < size && piece.chars[valueAt] == u'=' && !piece.quoted[size_t(valueAt)];
            if (orEqual)
                ++valueAt;
            term.op = opChar == u'>' ? (orEqual ? Op::GreaterOrEqual : Op::Greater)
                                     : (orEqual ? Op::LessOrEqual : Op::Less);
        }
        const int opStart = piece.pos[size_t(opAt)];
        const int opEnd = piece.pos[size_t(valueAt - 1)] + 1;
        if (!takesOp(term, name, opStart, opEnd - opStart))
            return;

        // The values: split at unquoted commas; empty items are skipped.
        struct Item
        {
            QString text;
            int start;
            int length;
        };
        std::vector<Item> items;
        int i = valueAt;
        while (i < size) {
            const int from = i;
            while (i < size && !(piece.chars[i] == u',' && !piece.quoted[size_t(i)]))
                ++i;
            if (i > from) {
                const int start = piece.pos[size_t(from)];
                items.push_back(
                    {piece.chars.mid(from, i - from), start, piece.pos[size_t(i - 1)] + 1 - start});
            }
            ++i;
        }
        if (items.empty()) {
            error(nameStart, opEnd - nameStart,
                  QStringLiteral("%1%2 needs a value").arg(name, opText(term.op)));
            return;
        }
        if (kindOf(term.field) == Kind::Number && looksLikeThousands(items)) {
            const int start = items.front().start;
            const int length = items.back().start + items.back().length - start;
            error(start, length,
                  QStringLiteral("%1 looks like one number: commas separate values, so write 1000 or 1_000")
                      .arg(quotedForMessage(m_text.mid(start, length))));
            return;
        }
        const size_t room = size_t(kMaxValues - m_values);
        if (items.size() > room) {
            tooManyValues(items[room].start);
            return;
        }
        m_values += int(items.size());
        const Kind kind = kindOf(term.field);
        const bool comparison = term.op != Op::Equals && term.op != Op::Contains;
        bool termRelative = false;
        if (comparison && items.size() > 1) {
            error(items[1].start, items.back().start + items.back().length - items[1].start,
                  QStringLiteral("%1 compares with one value").arg(opText(term.op)));
            return;
        }
        for (const Item &item : items) {
            if (kind == Kind::Text) {
                QString value = item.text;
                if (term.field == Field::Status && term.op == Op::Equals) {
                    value = value.toLower().replace(u' ', u'_').replace(u'-', u'_');
                    if (value == QLatin1String("canceled") || value == QLatin1String("canceling"))
                        value.insert(6, u'l'); // the American spelling of the API's words
                    const BatchStatus status = BatchStatus::fromString(value);
                    if (status.value() != BatchStatus::Unknown)
                        term.statusMask |= 1u << status.value();
                }
                if (const QString mistake =
                        term.op == Op::Equals ? valueMistake(term.field, value) : QString();
                    !mistake.isEmpty()) {
                    error(item.start, item.length, mistake);
                    return;
                }
                term.needles.push_back(needleOf(value));
            } else if (kind == Kind::Number) {
                const std::optional<double> number = parseNumber(item.text);
                if (!number) {
                    error(item.start, item.length,
                          QStringLiteral("%1 is not a number").arg(quotedForMessage(item.text)));
                    return;
                }
                term.numbers.push_back(*number);
            } else {
                bool isDay = false;
                bool relative = false;
                const std::optional<TimeRange> time = parseTime(item.text, m_now, &isDay, &relative);
                if (!time) {
                    error(item.start, item.length,
                          QStringLiteral("cannot read %1 as a time (try 2025-11-21, 2025-11-21T16:00Z, "
                                         "today, or back from now: 90m, 36h, 7d, 2w)")
                              .arg(quotedForMessage(item.text)));
                    return;
                }
                if (term.op == Op::Equals && !isDay) {
                    error(item.start, item.length,
                          QStringLiteral("%1: takes a date (2025-11-21 or today); for a span use %1>%2 or "
                                         "%1<%2")
                              .arg(name, item.text.left(40)));
                    return;
                }
                term.times.push_back(*time);
                termRelative |= relative;
            }
        }
        terms->push_back(std::move(term));
        m_relative |= termRelative;
    }

    bool relative() const { return m_relative; }

private:
    // "1,000", "$1,500,000", "1,000.50": read as several values they would be 1 or 0; nobody lists 1 and 000.
    template <typename Items> static bool looksLikeThousands(const Items &items)
    {
        const auto digits = [](QStringView text, int from) {
            return std::all_of(text.cbegin() + from, text.cend(), [](QChar c) { return c.isDigit(); });
        };
        if (items.size() < 2)
            return false;
        const QString &first = items.front().text;
        const int from = first.startsWith(u'$') ? 1 : 0;
        if (first.size() - from < 1 || first.size() - from > 3 || !digits(first, from))
            return false;
        const auto group = [&](const QString &text, bool last) {
            // The last group may carry the decimals: "000.50".
            const QStringView whole =
                last && text.indexOf(u'.') == 3 && text.size() > 4 && digits(text.mid(4), 0)
                    ? QStringView(text).left(3)
                    : QStringView(text);
            return whole.size() == 3 && digits(whole, 0);
        };
        for (size_t i = 1; i < items.size(); ++i) {
            if (!group(items[i].text, i + 1 == items.size()))
                return false;
        }
        return true;
    }

    static bool isField(const QString &name)
    {
        if (name.startsWith(QLatin1String("meta."), Qt::CaseInsensitive))
            return name.size() > 5;
        return fieldNamed(name).has_value();
    }

    // `status=completed`, `total=>5`: what users of SQL and Kibana type. After a field name it is an error
    // that shows the term as written here, not a free word no batch contains. Quoted, it stays text.
    bool equalsSignAfterField(const Piece &piece, int first)
    {
        const int size = int(piece.chars.size());
        int at = first;
        while (at < size && !piece.quoted[size_t(at)] && isNameChar(piece.chars[at]))
            ++at;
        if (at == first || at >= size || piece.chars[at] != u'=' || piece.quoted[size_t(at)] ||
            !isField(piece.chars.mid(first, at - first)))
            return false;
        int end = at + 1;
        QString op = QStringLiteral(":");
        if (end < size && !piece.quoted[size_t(end)] &&
            (piece.chars[end] == u'=' || piece.chars[end] == u'>' || piece.chars[end] == u'<')) {
            if (piece.chars[end] != u'=')
                op = piece.chars[end] + QStringLiteral("=");
            ++end;
        }
        const int opStart = piece.pos[size_t(at)];
        const int opEnd = piece.pos[size_t(end - 1)] + 1;
        const QString written = m_text.mid(opStart, opEnd - opStart);
        const QString rest = m_text.mid(opEnd, piece.end - opEnd);
        const QString suggestion = m_text.mid(piece.start, opStart - piece.start) + op +
                                   (rest.size() > 40 ? rest.left(40) + QChar(0x2026) : rest);
        error(opStart, opEnd - opStart,
              QStringLiteral("\"%1\" is not an operator: did you mean %2? (\":\" is equals; numbers and "
                             "times also take >, >=, <, <=)")
                  .arg(written, suggestion));
        return true;
    }

    // `length`: of the name in the text, quotes included.
    bool lookUp(const QString &name, int start, int length, Term *term)
    {
        if (name.startsWith(QLatin1String("meta."), Qt::CaseInsensitive)) {
            term->field = Field::Meta;
            term->metaKey = name.mid(5);
            if (term->metaKey.isEmpty()) {
                error(start, length, QStringLiteral("meta. needs a key: meta.customer~acme"));
                return false;
            }
            return true;
        }
        if (const std::optional<Field> field = fieldNamed(name)) {
            term->field = *field;
            return true;
        }
        if (!full()) // the message looks for the nearest field: not for errors that are dropped
            error(start, length, unknownFieldMessage(name));
        return false;
    }

    bool takesOp(const Term &term, const QString &name, int start, int length)
    {
        const Kind kind = kindOf(term.field);
        const bool comparison = term.op != Op::Equals && term.op != Op::Contains;
        QString takes;
        if (kind == Kind::Text && comparison)
            takes = QStringLiteral(": (equals) or ~ (contains)");
        else if (kind != Kind::Text && term.op == Op::Contains)
            takes = kind == Kind::Number ? QStringLiteral(":, >, >=, < or <=")
                                         : QStringLiteral(": (a day), >, >=, < or <=");
        if (takes.isEmpty())
            return true;
        const QString shown = term.field == Field::Meta ? QStringLiteral("meta.KEY") : name.toLower();
        error(start, length, QStringLiteral("%1 takes %2, not %3").arg(shown, takes, opText(term.op)));
        return false;
    }

    void tooManyValues(int start)
    {
        tooMany(start, QStringLiteral("too many values: a query takes at most 1,000 in all (the rest is left "
                                      "out)"));
    }

    // The last error: from `start` to the end of the text (trailing spaces aside), whatever the error count.
    void tooMany(int start, const QString &message)
    {
        int end = int(m_text.size());
        while (end > start + 1 && m_text[end - 1].isSpace())
            --end;
        m_errors->append(QueryError{start, std::max(end - start, 1), message});
        m_full = true;
    }

    bool full() const { return m_errors->size() >= kMaxErrors; }

    void error(int start, int length, const QString &message)
    {
        if (m_errors->size() < kMaxErrors)
            m_errors->append(QueryError{start, std::max(length, 1), message});
    }

    const QString &m_text;
    qint64 m_now;
    QList<QueryError> *m_errors;
    bool m_relative = false;
    bool m_full = false; // a cap was reached
    int m_pieces = 0;
    int m_values = 0;
};

} // namespace

std::vector<Term> parse(const QString &text, qint64 now, QList<QueryError> *errors, bool *relative)
{
    std::vector<Term> terms;
    Parser parser(text, now, errors);
    split(text, [&](const Piece &piece) { return parser.readCapped(piece, &terms); });
    *relative = parser.relative();
    return terms;
}

} // namespace Query
