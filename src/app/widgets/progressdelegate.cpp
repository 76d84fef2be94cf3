#include "app/widgets/progressdelegate.h"

#include "core/batch/batchcolumns.h"
#include "core/batch/batchstatus.h"
#include "models/batchtablemodel.h"
#include "models/statuscolors.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace {
bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}
} // namespace

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const QVariant value = index.data(BatchTableModel::ProgressRole);
    if (!value.canConvert<BatchProgress>()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const BatchProgress progress = value.value<BatchProgress>();

    // The cell background and selection, as any other cell.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);

    painter->save();
    const bool dark = isDark(option.palette);
    const QRect bar = option.rect.adjusted(4, 4, -4, -4);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    QColor groove = option.palette.color(QPalette::Mid);
    groove.setAlpha(70);
    painter->setBrush(groove);
    painter->drawRoundedRect(bar, 3, 3);

    const auto status = BatchStatus::Value(progress.status);
    if (status == BatchStatus::Validating) {
        // Nothing has run yet: a hatched bar, not 0%.
        painter->setBrush(QBrush(StatusColors::color(BatchStatus::Validating, dark), Qt::BDiagPattern));
        painter->drawRoundedRect(bar, 3, 3);
    }
    QRect filled;
    if (status != BatchStatus::Validating && progress.total > 0) {
        const auto [done, failed] = shares(progress, bar.width());
        painter->setClipRect(bar);
        QColor completedColor = StatusColors::completedShare(dark);
        if (status == BatchStatus::Finalizing) // all ran, results not yet downloadable: its own colour
            completedColor = StatusColors::color(BatchStatus::Finalizing, dark);
        painter->setBrush(completedColor);
        painter->drawRoundedRect(QRect(bar.left(), bar.top(), done, bar.height()), 3, 3);
        painter->setBrush(StatusColors::failedShare(dark));
        painter->drawRect(QRect(bar.left() + done, bar.top(), failed, bar.height()));
        painter->setClipping(false);
        filled = QRect(bar.left(), bar.top(), done + failed, bar.height());
    }

    QString text = progress.text;
    if (status == BatchStatus::Finalizing)
        text = tr("finalizing · %1").arg(text);
    text = option.fontMetrics.elidedText(text, Qt::ElideRight, bar.width() - 4);
    // The text crosses the filled and the empty part: each part gets the colour that reads on it.
    const QColor onGroove = option.palette.color(QPalette::Text);
    const QColor onFill = dark ? QColor(0x10, 0x10, 0x10) : QColor(0x0b, 0x0b, 0x0b);
    painter->setClipRegion(QRegion(bar).subtracted(filled));
    painter->setPen(onGroove);
    painter->drawText(bar, Qt::AlignCenter, text);
    if (!filled.isEmpty()) {
        painter->setClipRect(filled);
        painter->setPen(onFill);
        painter->drawText(bar, Qt::AlignCenter, text);
    }
    painter->restore();
}

ProgressDelegate::Shares ProgressDelegate::shares(const BatchProgress &progress, int width)
{
    if (progress.total <= 0 || width <= 0)
        return {};
    // Fractions clamped before they become pixels: a double beyond int's range converted to int is undefined.
    const auto fraction = [&](qint64 count) {
        return std::clamp(double(count) / double(progress.total), 0.0, 1.0);
    };
    Shares result;
    result.completed = int(width * fraction(progress.completed));
    result.failed = std::min(int(width * fraction(progress.failed)), width - result.completed);
    Q_ASSERT(result.completed >= 0 && result.failed >= 0 && result.completed + result.failed <= width);
    return result;
}

QSize ProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(
        qMax(size.width(),
             option.fontMetrics.horizontalAdvance(QStringLiteral("finalizing · 88,888 / 88,888")) + 12));
    return size;
}
