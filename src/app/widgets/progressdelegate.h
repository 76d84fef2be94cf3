#pragma once

#include <QStyledItemDelegate>

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
};
