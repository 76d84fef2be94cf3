#pragma once

#include <QString>

// A tool tip shows rich text whenever its string merely looks like HTML (Qt::mightBeRichText). Text from the
// server must never be taken for markup: an <img src="/dev/zero"> in a metadata value would have Qt read that
// file when the pointer rests on the cell.
namespace PlainToolTip {
// `text` as a tool tip that shows exactly these characters.
QString of(const QString &text);
} // namespace PlainToolTip
