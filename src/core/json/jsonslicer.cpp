#include "core/json/jsonslicer.h"

#include <array>
#include <cstring>

namespace {

enum Class : unsigned char { Plain, Quote, Open, Close, Space, Comma, Colon };

constexpr std::array<Class, 256> classes = [] {
    std::array<Class, 256> table{};
    table['"'] = Quote;
    table['{'] = table['['] = Open;
    table['}'] = table[']'] = Close;
    table[' '] = table['\t'] = table['\n'] = table['\r'] = Space;
    table[','] = Comma;
    table[':'] = Colon;
    return table;
}();

// A cursor over validated JSON: every step assumes the text is well formed and only guards the end.
class Scanner
{
public:
    explicit Scanner(std::string_view text)
        : m_text(text)
    {
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    void advance() { ++m_pos; }
    size_t pos() const { return m_pos; }

    void skipSpace()
    {
        while (!atEnd() && classOf(m_pos) == Space)
            ++m_pos;
    }

    // Past the closing quote of the string starting at the cursor: the next quote not escaped by an odd run
    // of backslashes (memchr is vectorised; strings are most of a page).
    void skipString()
    {
        const char *begin = m_text.data();
        const char *end = begin + m_text.size();
        const char *p = begin + m_pos + 1;
        for (;;) {
            const char *quote =
                p < end ? static_cast<const char *>(std::memchr(p, '"', size_t(end - p))) : nullptr;
            if (!quote) {
                m_pos = m_text.size();
                return;
            }
            const char *q = quote;
            while (q > p && q[-1] == '\\')
                --q;
            p = quote + 1;
            if ((quote - q) % 2 == 0) {
                m_pos = size_t(p - begin);
                return;
            }
        }
    }

    std::string_view readString()
    {
        const size_t start = m_pos + 1;
        skipString();
        return m_text.substr(start, m_pos - start - 1);
    }

    // Past one value; `compact` turns false on whitespace inside it.
    void skipValue(bool *compact)
    {
        if (peek() == '"') {
            skipString();
            return;
        }
        if (classOf(m_pos) != Open) {
            while (!atEnd() && classOf(m_pos) == Plain)
                ++m_pos;
            return;
        }
        int depth = 0;
        while (m_pos < m_text.size()) {
            switch (classOf(m_pos)) {
            case Quote:
                skipString();
                continue;
            case Open:
                ++depth;
                break;
            case Close:
                if (--depth == 0) {
                    ++m_pos;
                    return;
                }
                break;
            case Space:
                *compact = false;
                break;
            default:
                break;
            }
            ++m_pos;
        }
    }

private:
    Class classOf(size_t pos) const { return classes[static_cast<unsigned char>(m_text[pos])]; }

    std::string_view m_text;
    size_t m_pos = 0;
};

} // namespace

namespace JsonSlicer {

bool arrayItems(std::string_view json, std::string_view key, std::vector<Slice> *items)
{
    Scanner s(json);
    s.skipSpace();
    if (s.peek() != '{')
        return false;
    s.advance();
    for (;;) {
        s.skipSpace();
        if (s.peek() != '"')
            return false;
        const std::string_view name = s.readString();
        // An escaped key ("d\u0061ta") may decode to `key`: the parser, which decodes, would then take
        // another member than a byte comparison here. Refuse, and let the caller print the parser's choice.
        if (name.find('\\') != std::string_view::npos)
            return false;
        s.skipSpace();
        if (s.peek() != ':')
            return false;
        s.advance();
        s.skipSpace();
        if (name == key) {
            if (s.peek() != '[')
                return false;
            s.advance();
            for (;;) {
                s.skipSpace();
                if (s.peek() == ']')
                    return true;
                Slice item;
                const size_t start = s.pos();
                s.skipValue(&item.compact);
                item.text = json.substr(start, s.pos() - start);
                items->push_back(item);
                s.skipSpace();
                if (s.peek() == ',')
                    s.advance();
                else if (s.peek() != ']')
                    return false;
            }
        }
        bool ignored = true;
        s.skipValue(&ignored);
        s.skipSpace();
        if (s.peek() != ',')
            return false;
        s.advance();
    }
}

Slice whole(std::string_view json)
{
    Scanner s(json);
    s.skipSpace();
    Slice slice;
    const size_t start = s.pos();
    s.skipValue(&slice.compact);
    slice.text = json.substr(start, s.pos() - start);
    return slice;
}

} // namespace JsonSlicer
