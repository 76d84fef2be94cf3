#include "app/results/errorgroupslist.h"

#include "core/export/batchformat.h"
#include "core/results/requestresult.h"
#include "models/plaintooltip.h"
#include "models/resultsfilter.h"

namespace {
constexpr int kGroupRole = Qt::UserRole + 1;
// Beyond this the list would be a second table; the rest are counted in one entry.
constexpr int kMaxListed = 2000;
} // namespace

ErrorGroupsList::ErrorGroupsList(QWidget *parent)
    : QListWidget(parent)
{
    setAccessibleName(tr("Error groups"));
    setSelectionMode(QAbstractItemView::SingleSelection);
    // Each cause on two lines (count and code, then the masked message), wrapped, a little apart.
    setWordWrap(true);
    setSpacing(3);
    setUniformItemSizes(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(this, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            Q_EMIT groupChosen(item->data(kGroupRole).toInt());
    });
}

void ErrorGroupsList::setResults(const ResultSet *results)
{
    const QSignalBlocker blocker(this);
    clear();
    if (!results)
        return;
    auto *all =
        new QListWidgetItem(tr("All requests (%1)").arg(BatchFormat::count(results->rows.size())), this);
    all->setData(kGroupRole, ResultsFilter::kAnyGroup);
    auto *failures =
        new QListWidgetItem(tr("All failures (%1)").arg(BatchFormat::count(results->failed)), this);
    failures->setData(kGroupRole, ResultsFilter::kAllFailures);
    if (results->failed == 0)
        failures->setFlags(failures->flags() & ~Qt::ItemIsEnabled);
    const int listed = int(qMin<qsizetype>(results->groups.size(), kMaxListed));
    for (int i = 0; i < listed; ++i) {
        const ErrorGroup &g = results->groups[i];
        QStringList cause;
        if (g.statusCode != 0)
            cause << QString::number(g.statusCode);
        if (!g.code.isEmpty())
            cause << g.code;
        const QString head = tr("%1 × %2").arg(BatchFormat::count(g.count),
                                               cause.isEmpty() ? tr("no code") : cause.join(u' '));
        // The pattern in brief; the tool tip has an example whole.
        const QString pattern = g.pattern.size() > 140 ? g.pattern.left(139) + QChar(0x2026) : g.pattern;
        auto *item = new QListWidgetItem(head + u'\n' + pattern, this);
        item->setData(kGroupRole, i);
        item->setToolTip(PlainToolTip::of(tr("%1 requests failed like this, e.g.:\n%2")
                                              .arg(BatchFormat::count(g.count), g.example.left(2000))));
    }
    if (results->groups.size() > listed) {
        auto *more = new QListWidgetItem(tr("%1 more groups (search to find them)")
                                             .arg(BatchFormat::count(results->groups.size() - listed)),
                                         this);
        more->setFlags(Qt::NoItemFlags);
        more->setData(kGroupRole, ResultsFilter::kAnyGroup);
    }
    setCurrentRow(0);
}

int ErrorGroupsList::currentGroup() const
{
    const QListWidgetItem *item = currentItem();
    return item ? item->data(kGroupRole).toInt() : ResultsFilter::kAnyGroup;
}

int ErrorGroupsList::rowOfGroup(int group) const
{
    for (int row = 0; row < count(); ++row) {
        if (item(row)->data(kGroupRole).toInt() == group && (item(row)->flags() & Qt::ItemIsEnabled))
            return row;
    }
    return -1;
}

void ErrorGroupsList::selectGroup(int group)
{
    const QSignalBlocker blocker(this);
    setCurrentRow(qMax(0, rowOfGroup(group)));
}
