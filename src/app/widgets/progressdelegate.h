#pragma once

#include <QStyledItemDelegate>

struct BatchProgress;

// Paints a batch's requests as a bar: the completed share and the failed share as two segments, the count as
// text. Validating and finalizing get their own look instead of a misleading 0% or 100%.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The pixels of a bar `width` wide that the completed and the failed share fill: each within [0, width]
    // and together at most `width`, whatever counts a server sends (negative, above the total, near
    // INT64_MAX).
    struct Shares
    {
        int completed = 0;
        int failed = 0;
    };
    static Shares shares(const BatchProgress &progress, int width);
};
