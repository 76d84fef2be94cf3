#include "core/query/querysplit.h"

namespace Query {

bool isOpChar(QChar c)
{
    return c == u':' || c == u'~' || c == u'<' || c == u'>';
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'-';
}

void split(const QString &text, const std::function<bool(const Piece &)> &onPiece)
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
        if (!onPiece(piece))
            return;
    }
}

} // namespace Query
