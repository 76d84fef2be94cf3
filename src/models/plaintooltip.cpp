#include "models/plaintooltip.h"

#include <QTextDocument>

namespace PlainToolTip {

QString of(const QString &text)
{
    return Qt::mightBeRichText(text) ? Qt::convertFromPlainText(text, Qt::WhiteSpacePre) : text;
}

} // namespace PlainToolTip
