#pragma once

#include <QString>

#include <functional>
#include <vector>

// The first step of parsing a query (queryparser.cpp): the text cut into whitespace-separated pieces.
namespace Query {

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

bool isOpChar(QChar c);
bool isNameChar(QChar c);
// Splits at unquoted whitespace, handing each piece on as it is read until onPiece returns false. Inside
// quotes, \" and \\ stand for " and \. Linear in the text.
void split(const QString &text, const std::function<bool(const Piece &)> &onPiece);

} // namespace Query
