#include "core/query/queryterm.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace Query {
namespace {

constexpr qint64 kDay = 86'400;
// The longest span back from now: ten thousand years, as --created-after takes.
constexpr qint64 kMaxSpanSeconds = qint64(10'000) * 366 * kDay;

// One whitespace-separated piece of the text, quotes resolved: each character keeps its position in the text
// and whether it was quoted (a quoted ':' or ',' is text, not syntax).
struct Piece
{
    QString chars;
    std::vector<int> pos;
    std::vector<bool> quoted;
    int start = 0;
    int end = 0;
    int openQuote = -1; // position of a quote never closed
};

bool isOpChar(QChar c)
{
    return c == u':' || c == u'~' || c == u'<' || c == u'>';
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'-';
}

// Splits at unquoted whitespace, handing each piece on as it is read. Inside quotes, \" and \\ stand for "
// and
// \. Linear in the text.
template <typename OnPiece> void split(const QString &text, OnPiece onPiece)
{
    const int n = int(text.size());
    int i = 0;
    while (i < n) {
        while (i < n && text[i].isSpace())
            ++i;
        if (i >= n)
            break;
        Piece piece;
        piece.start = i;
        bool inQuote = false;
        while (i < n && (inQuote || !text[i].isSpace())) {
            const QChar c = text[i];
            if (c == u'"') {
                inQuote = !inQuote;
                piece.openQuote = inQuote ? i : -1;
                ++i;
                continue;
            }
            if (inQuote && c == u'\\' && i + 1 < n && (text[i + 1] == u'"' || text[i + 1] == u'\\'))
                ++i;
            piece.chars.append(text[i]);
            piece.pos.push_back(i);
            piece.quoted.push_back(inQuote);
            ++i;
        }
        piece.end = i;
        onPiece(piece);
    }
}

struct FieldName
{
    QLatin1String name;
    Field field;
};

constexpr FieldName kFields[] = {
    {QLatin1String("status"), Field::Status},     {QLatin1String("id"), Field::Id},
    {QLatin1String("endpoint"), Field::Endpoint}, {QLatin1String("model"), Field::Model},
    {QLatin1String("account"), Field::Account},   {QLatin1String("provider"), Field::Provider},
    {QLatin1String("total"), Field::Total},       {QLatin1String("completed"), Field::Completed},
    {QLatin1String("failed"), Field::Failed},     {QLatin1String("tokens"), Field::Tokens},
    {QLatin1String("cost"), Field::Cost},         {QLatin1String("created"), Field::Created},
    {QLatin1String("ended"), Field::Ended},
};

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

int editDistance(QStringView a, QStringView b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            row[size_t(j)] =
                std::min({above + 1, row[size_t(j) - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row.back();
}

QString quotedForMessage(const QString &text)
{
    constexpr int kMax = 40;
    return u'"' + (text.size() > kMax ? text.left(kMax) + QChar(0x2026) : text) + u'"';
}

QString unknownFieldMessage(const QString &name)
{
    QString message = QStringLiteral("unknown field %1").arg(quotedForMessage(name));
    if (name.size() > 32) // a long name is nobody's typo; and the distance is quadratic
        return message;
    QString best;
    int bestDistance = 3; // suggest only at a distance of 2 or less
    for (const QString &candidate : BatchQuery::fieldNames()) {
        const QString bare = candidate.endsWith(u'.') ? candidate.chopped(1) : candidate;
        const int d = editDistance(name.toLower(), bare);
        if (d < bestDistance && d < name.size()) {
            bestDistance = d;
            best = candidate;
        }
    }
    if (!best.isEmpty())
        message += QStringLiteral(" (did you mean \"%1\"?)").arg(best);
    else
        message += QStringLiteral(" (fields: %1)").arg(BatchQuery::fieldNames().join(QStringLiteral(", ")));
    return message;
}

QString opText(Op op)
{
    switch (op) {
    case Op::Equals:
        return QStringLiteral(":");
    case Op::Contains:
        return QStringLiteral("~");
    case Op::Greater:
        return QStringLiteral(">");
    case Op::GreaterOrEqual:
        return QStringLiteral(">=");
    case Op::Less:
        return QStringLiteral("<");
    case Op::LessOrEqual:
        return QStringLiteral("<=");
    }
    return {};
}

Needle needleOf(const QString &text)
{
    const bool ascii = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 128; });
    return Needle{ascii ? text.toLower() : text, ascii};
}

std::optional<double> parseNumber(QString text)
{
    if (text.startsWith(u'$'))
        text.remove(0, 1);
    text.remove(u'_');
    if (text.isEmpty() || text.size() > 40)
        return std::nullopt;
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// Reads the pieces one term at a time, collecting errors (at most kMaxErrors).
class Parser
{
public:
    Parser(qint64 now, QList<QueryError> *errors)
        : m_now(now)
        , m_errors(errors)
    {
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
        for (int i = first; named && i < opAt; ++i)
            named = !piece.quoted[size_t(i)] && isNameChar(piece.chars[i]);
        if (!named) {
            // A free word, syntax characters and all ("/v1/chat", "a:b" in quotes).
            term.field = Field::Text;
            term.needles.push_back(needleOf(piece.chars.mid(first)));
            terms->push_back(std::move(term));
            return;
        }
        const QString name = piece.chars.mid(first, opAt - first);
        const int nameStart = piece.pos[size_t(first)];
        if (!lookUp(name, nameStart, &term))
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
        const Kind kind = kindOf(term.field);
        const bool comparison = term.op != Op::Equals && term.op != Op::Contains;
        if (comparison && items.size() > 1) {
            error(items[1].start, items.back().start + items.back().length - items[1].start,
                  QStringLiteral("%1 compares with one value").arg(opText(term.op)));
            return;
        }
        for (const Item &item : items) {
            if (kind == Kind::Text) {
                QString value = item.text;
                if (term.field == Field::Status && term.op == Op::Equals)
                    value = value.toLower().replace(u' ', u'_').replace(u'-', u'_');
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
                const std::optional<TimeRange> time = parseTime(item.text, m_now, &isDay);
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
            }
        }
        terms->push_back(std::move(term));
    }

private:
    bool lookUp(const QString &name, int start, Term *term)
    {
        if (name.startsWith(QLatin1String("meta."), Qt::CaseInsensitive)) {
            term->field = Field::Meta;
            term->metaKey = name.mid(5);
            if (term->metaKey.isEmpty()) {
                error(start, int(name.size()), QStringLiteral("meta. needs a key: meta.customer~acme"));
                return false;
            }
            return true;
        }
        for (const FieldName &field : kFields) {
            if (name.compare(field.name, Qt::CaseInsensitive) == 0) {
                term->field = field.field;
                return true;
            }
        }
        error(start, int(name.size()), unknownFieldMessage(name));
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

    void error(int start, int length, const QString &message)
    {
        if (m_errors->size() < kMaxErrors)
            m_errors->append(QueryError{start, std::max(length, 1), message});
    }

    qint64 m_now;
    QList<QueryError> *m_errors;
};

} // namespace

std::optional<TimeRange> parseTime(QStringView text, qint64 now, bool *isDay)
{
    *isDay = false;
    if (text.isEmpty() || text.size() > 40)
        return std::nullopt;
    if (text.compare(QLatin1String("today"), Qt::CaseInsensitive) == 0) {
        *isDay = true;
        const qint64 midnight = now - ((now % kDay) + kDay) % kDay;
        return TimeRange{midnight, midnight + kDay};
    }
    const QChar unit = text.back();
    const QStringView digits = text.chopped(1);
    if (!digits.isEmpty() && std::all_of(digits.begin(), digits.end(), [](QChar c) { return c.isDigit(); })) {
        const qint64 seconds = unit == u'm'   ? 60
                               : unit == u'h' ? 3600
                               : unit == u'd' ? kDay
                               : unit == u'w' ? 7 * kDay
                                              : 0;
        bool ok = false;
        const qint64 n = digits.toLongLong(&ok); // beyond qint64: refused, never read as 0 ("now")
        if (seconds == 0 || !ok || n > kMaxSpanSeconds / seconds)
            return std::nullopt;
        return TimeRange{now - n * seconds, now - n * seconds + 1};
    }
    const QString string = text.toString();
    if (string.size() == 10) {
        const QDate date = QDate::fromString(string, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        *isDay = true;
        const qint64 from = date.startOfDay(Qt::UTC).toSecsSinceEpoch();
        return TimeRange{from, from + kDay};
    }
    QDateTime time = QDateTime::fromString(string, Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime) // no zone given: UTC, as the API's times and the cost report's days
        time.setTimeSpec(Qt::UTC);
    const qint64 at = time.toSecsSinceEpoch();
    return TimeRange{at, at + 1};
}

std::vector<Term> parse(const QString &text, qint64 now, QList<QueryError> *errors)
{
    std::vector<Term> terms;
    Parser parser(now, errors);
    split(text, [&](const Piece &piece) { parser.read(piece, &terms); });
    return terms;
}

} // namespace Query
