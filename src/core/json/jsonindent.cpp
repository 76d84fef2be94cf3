#include "core/json/jsonindent.h"

#include "core/json/jsondocument.h"

namespace {
bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
} // namespace

namespace JsonIndent {

QByteArray indented(const QByteArray &json, int width)
{
    // Validated first, so the layout below may trust the structure (balanced brackets, closed strings).
    if (json.isEmpty() || !JsonDocument(json).ok())
        return {};
    QByteArray out;
    out.reserve(json.size() + json.size() / 2);
    int depth = 0;
    const auto newline = [&] {
        out += '\n';
        out.append(qsizetype(depth) * width, ' ');
    };
    const qsizetype size = json.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = json.at(i);
        if (c == '"') {
            // A string as sent, escapes included.
            const qsizetype start = i++;
            while (i < size && json.at(i) != '"')
                i += json.at(i) == '\\' ? 2 : 1;
            out.append(json.constData() + start, i - start + 1);
            continue;
        }
        if (isSpace(c))
            continue;
        if (c == '{' || c == '[') {
            qsizetype next = i + 1;
            while (next < size && isSpace(json.at(next)))
                ++next;
            if (next < size && (json.at(next) == '}' || json.at(next) == ']')) {
                out += c;
                out += json.at(next); // an empty object or array stays on its line
                i = next;
                continue;
            }
            out += c;
            ++depth;
            newline();
        } else if (c == '}' || c == ']') {
            --depth;
            newline();
            out += c;
        } else if (c == ',') {
            out += c;
            newline();
        } else if (c == ':') {
            out += ": ";
        } else {
            out += c;
        }
    }
    Q_ASSERT(depth == 0);
    return out;
}

} // namespace JsonIndent
