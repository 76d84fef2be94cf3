#include "core/results/errorgroups.h"

#include <QHash>

#include <algorithm>
#include <iterator>
#include <map>
#include <numeric>
#include <tuple>
#include <vector>

namespace {

const QString kMasked = QStringLiteral("…");

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'-';
}

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// The prefixes of ids the providers hand out (req_, batch_, file-, msgbatch_, chatcmpl-, ...).
bool isIdPrefix(QStringView prefix)
{
    static const char *const kPrefixes[] = {"req",  "batch", "file",  "msgbatch", "msg",     "chatcmpl",
                                            "resp", "call",  "run",   "org",      "proj",    "user",
                                            "cmpl", "modr",  "toolu", "asst",     "thread",  "step",
                                            "sk",   "ft",    "ftjob", "vs",       "srvtoolu"};
    for (const char *known : kPrefixes) {
        if (prefix == QLatin1String(known))
            return true;
    }
    return false;
}

// Whether a word is an id: a known prefix and a separator before anything, a long run with digits after any
// lower-case prefix, a hex run or UUID, or a base64-looking run.
bool isId(QStringView word)
{
    const qsizetype separator = [&] {
        for (qsizetype i = 0; i < word.size(); ++i) {
            if (word[i] == u'_' || word[i] == u'-')
                return i;
        }
        return qsizetype(-1);
    }();
    bool digit = false, letter = false, hexOnly = true, upper = false;
    for (const QChar c : word) {
        digit = digit || c.isDigit();
        letter = letter || c.isLetter();
        upper = upper || c.isUpper();
        hexOnly = hexOnly && (isHexDigit(c) || c == u'-');
    }
    if (separator > 0 && separator + 1 < word.size()) {
        const QStringView prefix = word.left(separator);
        const QStringView rest = word.mid(separator + 1);
        bool lowerPrefix = true;
        for (const QChar c : prefix)
            lowerPrefix = lowerPrefix && c >= u'a' && c <= u'z';
        bool restDigit = false;
        for (const QChar c : rest)
            restDigit = restDigit || c.isDigit();
        // "req_abc12" is an id, "user_id" a field's name.
        if (lowerPrefix && isIdPrefix(prefix) && (restDigit || rest.size() >= 10))
            return true;
        if (lowerPrefix && rest.size() >= 8 && restDigit)
            return true;
    }
    if (hexOnly && digit && letter && word.size() >= 8)
        return true;
    return word.size() >= 16 && digit && letter && (upper || separator >= 0 || hexOnly);
}

// Appends `word` with each run of digits (and decimal points between them) as one '#'.
void appendNumbersMasked(QString *out, QStringView word)
{
    for (qsizetype i = 0; i < word.size();) {
        if (!word[i].isDigit()) {
            out->append(word[i++]);
            continue;
        }
        while (i < word.size() && (word[i].isDigit() || ((word[i] == u'.' || word[i] == u',') &&
                                                         i + 1 < word.size() && word[i + 1].isDigit())))
            ++i;
        out->append(u'#');
    }
}

bool isQuote(QChar c)
{
    return c == u'"' || c == u'\'' || c == u'`' || c == QChar(0x201C) || c == QChar(0x2018);
}

QChar closingQuote(QChar c)
{
    if (c == QChar(0x201C))
        return QChar(0x201D);
    if (c == QChar(0x2018))
        return QChar(0x2019);
    return c;
}

bool closesHere(const QString &message, qsizetype j)
{
    return j + 1 == message.size() || !isWordChar(message[j + 1]);
}

// For each quote at i, where its quoted value could close: the first closing quote of its kind after i that
// is followed by a non-word character, else the message's size. One pass from the end, so a message full of
// quotes that never close costs its length, not its length squared. Empty when the message holds no quote.
std::vector<qsizetype> closesAfter(const QString &message)
{
    const qsizetype n = message.size();
    std::vector<qsizetype> closeOf;
    constexpr size_t kKinds = 5;
    const QChar closes[kKinds] = {u'"', u'\'', u'`', QChar(0x201D), QChar(0x2019)};
    qsizetype next[kKinds];
    std::fill(std::begin(next), std::end(next), n);
    for (qsizetype i = n - 1; i >= 0; --i) {
        const QChar c = message[i];
        if (isQuote(c)) {
            if (closeOf.empty())
                closeOf.assign(size_t(n), n);
            const QChar close = closingQuote(c);
            for (size_t k = 0; k < kKinds; ++k) {
                if (closes[k] == close)
                    closeOf[size_t(i)] = next[k];
            }
        }
        for (size_t k = 0; k < kKinds; ++k) {
            if (closes[k] == c && closesHere(message, i))
                next[k] = i;
        }
    }
    return closeOf;
}

} // namespace

namespace ErrorGroups {

QString mask(const QString &message)
{
    QString out;
    out.reserve(message.size());
    const qsizetype n = message.size();
    const std::vector<qsizetype> closeOf = closesAfter(message);
    for (qsizetype i = 0; i < n;) {
        const QChar c = message[i];
        // A quoted value: the quote opens after a non-word character (an apostrophe inside a word is none)
        // and closes before one.
        if (isQuote(c) && (i == 0 || !isWordChar(message[i - 1]))) {
            const QChar close = closingQuote(c);
            const qsizetype j = closeOf[size_t(i)];
            if (j < n && j > i + 1) {
                out += c + kMasked + close;
                i = j + 1;
                continue;
            }
        }
        if (isWordChar(c)) {
            qsizetype j = i;
            // Decimal points inside a number belong to the word, so "1.5" is one number.
            while (j < n && (isWordChar(message[j]) ||
                             ((message[j] == u'.' || message[j] == u',') && j > i &&
                              message[j - 1].isDigit() && j + 1 < n && message[j + 1].isDigit())))
                ++j;
            const QStringView word = QStringView(message).mid(i, j - i);
            if (isId(word))
                out += kMasked;
            else
                appendNumbersMasked(&out, word);
            i = j;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

bool build(ResultSet *set, const std::function<bool()> &keepGoing)
{
    Q_ASSERT(set);
    set->groups.clear();
    using Key = std::tuple<int, QString, QString>;
    QHash<QString, QString> masked; // the same message often comes thousands of times
    std::map<Key, int> index;
    qsizetype seen = 0;
    for (RequestResult &row : set->rows) {
        if (keepGoing && seen++ % 1024 == 0 && !keepGoing()) {
            set->groups.clear();
            for (RequestResult &each : set->rows)
                each.group = -1;
            return false;
        }
        row.group = -1;
        if (row.outcome != RequestOutcome::Failed)
            continue;
        auto known = masked.constFind(row.errorMessage);
        if (known == masked.cend())
            known = masked.insert(row.errorMessage, mask(row.errorMessage));
        Key key{row.statusCode, row.errorCode, *known};
        auto [at, added] = index.try_emplace(std::move(key), int(set->groups.size()));
        if (added) {
            ErrorGroup group;
            group.statusCode = row.statusCode;
            group.code = row.errorCode;
            group.pattern = *known;
            group.example = row.errorMessage;
            set->groups.append(std::move(group));
        }
        ++set->groups[at->second].count;
        row.group = at->second;
    }
    // Largest first; ties by status, code, pattern, so the order is the same on every read.
    QVector<int> order(set->groups.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [set](int a, int b) {
        const ErrorGroup &x = set->groups.at(a);
        const ErrorGroup &y = set->groups.at(b);
        return std::make_tuple(-x.count, x.statusCode, std::cref(x.code), std::cref(x.pattern)) <
               std::make_tuple(-y.count, y.statusCode, std::cref(y.code), std::cref(y.pattern));
    });
    QVector<int> newIndex(order.size());
    QVector<ErrorGroup> sorted;
    sorted.reserve(order.size());
    for (int i = 0; i < order.size(); ++i) {
        newIndex[order[i]] = i;
        sorted.append(std::move(set->groups[order[i]]));
    }
    set->groups = std::move(sorted);
    for (RequestResult &row : set->rows) {
        if (row.group >= 0)
            row.group = newIndex.at(row.group);
    }
    return true;
}

} // namespace ErrorGroups
