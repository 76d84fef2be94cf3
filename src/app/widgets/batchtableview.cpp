#include "batchtableview.h"

#include "batchcolumns.h"

#include <QHeaderView>
#include <QMenu>
#include <QStyledItemDelegate>

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
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QWidget::customContextMenuRequested, this, &BatchTableView::showHeaderMenu);
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
        connect(action, &QAction::toggled, this,
                [header, column](bool on) { header->setSectionHidden(column, !on); });
    }
    menu.addSeparator();
    menu.addAction(tr("Reset columns"), this, [this] {
        QHeaderView *h = horizontalHeader();
        for (int column = 0; column < h->count(); ++column) {
            h->setSectionHidden(column, false);
            h->moveSection(h->visualIndex(column), column);
        }
        applyDefaultWidths();
        sortByColumn(BatchColumns::Created, Qt::DescendingOrder);
    });
    menu.exec(header->mapToGlobal(pos));
}

QByteArray BatchTableView::saveHeaderState() const
{
    return horizontalHeader()->saveState();
}

bool BatchTableView::restoreHeaderState(const QByteArray &state)
{
    return !state.isEmpty() && horizontalHeader()->restoreState(state);
}

void BatchTableView::applyDefaultWidths()
{
    const int em = fontMetrics().horizontalAdvance(u'M');
    const std::pair<int, int> widths[] = {
        {BatchColumns::Status, 11},   {BatchColumns::Id, 14},     {BatchColumns::Endpoint, 12},
        {BatchColumns::Model, 9},     {BatchColumns::Created, 8}, {BatchColumns::Progress, 13},
        {BatchColumns::Eta, 9},       {BatchColumns::Failed, 5},  {BatchColumns::ExpiresIn, 8},
        {BatchColumns::Duration, 7},  {BatchColumns::Tokens, 7},  {BatchColumns::OutputFile, 12},
        {BatchColumns::ErrorFile, 12}};
    for (const auto &[column, ems] : widths)
        setColumnWidth(column, ems * em);
    // What fits beside the detail pane at 1400 px; the rest is a right-click on the header away.
    for (int column : {int(BatchColumns::Duration), int(BatchColumns::OutputFile),
                       int(BatchColumns::ErrorFile), int(BatchColumns::Metadata)})
        horizontalHeader()->setSectionHidden(column, true);
}
