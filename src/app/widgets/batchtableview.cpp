#include "app/widgets/batchtableview.h"

#include "core/batch/batchcolumns.h"

#include <QGuiApplication>
#include <QHeaderView>
#include <QMenu>
#include <QPainter>
#include <QStyle>
#include <QStyledItemDelegate>

#include <algorithm>
#include <iterator>

namespace {
// Ids share their start ("batch_", "file-"); what tells them apart is the end, so cut the middle.
class MiddleElideDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideMiddle;
    }
};

// Each column's least and comfortable width, in widths of 'M'; the default order puts Progress third, where
// even the narrowest table shows it.
struct ColumnWidth
{
    int column;
    int least;
    int comfortable;
};
constexpr ColumnWidth kWidths[] = {
    {BatchColumns::Status, 9, 11},     {BatchColumns::Id, 6, 14},        {BatchColumns::Progress, 9, 13},
    {BatchColumns::Eta, 5, 8},         {BatchColumns::Model, 5, 9},      {BatchColumns::Created, 7, 9},
    {BatchColumns::Tokens, 7, 8},      {BatchColumns::Cost, 5, 7},       {BatchColumns::ExpiresIn, 6, 8},
    {BatchColumns::Endpoint, 6, 11},   {BatchColumns::Failed, 4, 5},     {BatchColumns::Duration, 5, 7},
    {BatchColumns::OutputFile, 7, 12}, {BatchColumns::ErrorFile, 7, 12}, {BatchColumns::Metadata, 7, 14},
    {BatchColumns::Account, 6, 10},    {BatchColumns::Provider, 6, 8}};
static_assert(std::size(kWidths) == BatchColumns::Count, "every column has its widths");
} // namespace

BatchTableView::BatchTableView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(SelectRows);
    setSelectionMode(ExtendedSelection);
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setShowGrid(false);
    setContextMenuPolicy(Qt::CustomContextMenu);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(false); // the columns share the width; see fitColumns()
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QWidget::customContextMenuRequested, this, &BatchTableView::showHeaderMenu);
    // A border dragged by hand: from then on the user's widths hold.
    connect(horizontalHeader(), &QHeaderView::sectionResized, this, [this](int, int, int newSize) {
        if (!m_fitting && newSize > 0 && horizontalHeader()->underMouse() &&
            QGuiApplication::mouseButtons() != Qt::NoButton)
            setFitsColumns(false);
    });
    setAccessibleName(tr("Batches"));
    auto *middle = new MiddleElideDelegate(this);
    for (int column : {int(BatchColumns::Id), int(BatchColumns::OutputFile), int(BatchColumns::ErrorFile)})
        setItemDelegateForColumn(column, middle);
}

void BatchTableView::showHeaderMenu(const QPoint &pos)
{
    QMenu menu(this);
    QHeaderView *header = horizontalHeader();
    const int visible = header->count() - header->hiddenSectionCount();
    for (int column = 0; column < model()->columnCount(); ++column) {
        QAction *action = menu.addAction(model()->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The last visible column stays: a table with none cannot be got back from its own header.
        action->setEnabled(header->isSectionHidden(column) || visible > 1);
        connect(action, &QAction::toggled, this, [this, header, column](bool on) {
            header->setSectionHidden(column, !on);
            fitColumns();
        });
    }
    menu.addSeparator();
    menu.addAction(tr("Reset columns"), this, [this] {
        QHeaderView *h = horizontalHeader();
        for (int column = 0; column < h->count(); ++column) {
            h->setSectionHidden(column, false);
            h->moveSection(h->visualIndex(column), column);
        }
        applyDefaultWidths();
        setFitsColumns(true);
        sortByColumn(BatchColumns::Created, Qt::DescendingOrder);
    });
    menu.exec(header->mapToGlobal(pos));
}

QByteArray BatchTableView::saveHeaderState() const
{
    return horizontalHeader()->saveState();
}

bool BatchTableView::restoreHeaderState(const QByteArray &state, int savedColumns)
{
    QHeaderView *header = horizontalHeader();
    if (state.isEmpty() || !header->restoreState(state))
        return false;
    // Columns newer than the state: Qt appends them, shown; each goes where a first start puts it, after the
    // column before it in the default order (Cost after Tokens), wherever the user moved that one.
    for (int column = qMax(0, savedColumns); column < header->count(); ++column) {
        const auto at = std::find_if(std::begin(kWidths), std::end(kWidths),
                                     [column](const ColumnWidth &w) { return w.column == column; });
        if (at == std::begin(kWidths) || at == std::end(kWidths))
            continue;
        const int after = header->visualIndex(std::prev(at)->column);
        const int from = header->visualIndex(column);
        header->moveSection(from, from > after ? after + 1 : after);
    }
    horizontalHeader()->setStretchLastSection(!m_fit);
    fitColumns();
    return true;
}

void BatchTableView::setFitsColumns(bool fit)
{
    m_fit = fit;
    // Widths of the user's own leave the rest of a wide window to the last column.
    horizontalHeader()->setStretchLastSection(!fit);
    fitColumns();
}

void BatchTableView::setEmptyText(const QString &text)
{
    if (text == m_emptyText)
        return;
    m_emptyText = text;
    viewport()->update();
}

bool BatchTableView::viewportEvent(QEvent *event)
{
    const bool handled = QTableView::viewportEvent(event);
    if (event->type() == QEvent::Resize)
        fitColumns();
    return handled;
}

void BatchTableView::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);
    if (!model() || model()->rowCount(rootIndex()) > 0 || m_emptyText.isEmpty())
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const int margin = fontMetrics().height();
    painter.drawText(viewport()->rect().adjusted(margin, margin, -margin, -margin),
                     Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_emptyText);
}

int BatchTableView::leastWidth() const
{
    const int em = fontMetrics().horizontalAdvance(u'M');
    int least = 0;
    for (const ColumnWidth &w : kWidths) {
        if (w.column < horizontalHeader()->count() && !horizontalHeader()->isSectionHidden(w.column))
            least += w.least * em;
    }
    return least + 2 * frameWidth() + style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
}

void BatchTableView::fitColumns()
{
    if (!m_fit || m_fitting || !model())
        return;
    QHeaderView *header = horizontalHeader();
    const int em = fontMetrics().horizontalAdvance(u'M');
    int least = 0;
    int comfortable = 0;
    for (const ColumnWidth &w : kWidths) {
        if (w.column < header->count() && !header->isSectionHidden(w.column)) {
            least += w.least * em;
            comfortable += w.comfortable * em;
        }
    }
    if (comfortable == 0)
        return;
    const int available = viewport()->width();
    // Narrow: from least towards comfortable; wide: every column grows in proportion, none takes it all.
    const auto width = [&](const ColumnWidth &w) {
        if (available >= comfortable)
            return w.comfortable * em * available / comfortable;
        if (available <= least)
            return w.least * em;
        return w.least * em + (w.comfortable - w.least) * em * (available - least) / (comfortable - least);
    };
    m_fitting = true;
    for (const ColumnWidth &w : kWidths) {
        if (w.column < header->count() && !header->isSectionHidden(w.column))
            header->resizeSection(w.column, width(w));
    }
    m_fitting = false;
}

void BatchTableView::applyDefaultWidths()
{
    const int em = fontMetrics().horizontalAdvance(u'M');
    QHeaderView *header = horizontalHeader();
    for (int visual = 0; visual < int(std::size(kWidths)); ++visual) {
        const ColumnWidth &w = kWidths[visual];
        if (w.column >= header->count())
            continue;
        header->moveSection(header->visualIndex(w.column), visual);
        setColumnWidth(w.column, w.comfortable * em);
    }
    // What fits beside the detail pane at 1400 px; the rest is a right-click on the header away. The progress
    // bar shows the failed share, the endpoint is the same for most batches, and the pane's timeline says
    // when the window ends.
    for (int column : {int(BatchColumns::Endpoint), int(BatchColumns::Failed), int(BatchColumns::ExpiresIn),
                       int(BatchColumns::Duration), int(BatchColumns::OutputFile),
                       int(BatchColumns::ErrorFile), int(BatchColumns::Metadata)})
        horizontalHeader()->setSectionHidden(column, true);
    fitColumns();
}
