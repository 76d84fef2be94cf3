#include "app/widgets/costsummary.h"

#include "core/batch/batchcolumns.h"
#include "core/cost/batchcost.h"
#include "core/export/batchformat.h"
#include "models/batchtablemodel.h"
#include "models/plaintooltip.h"

#include <QAbstractProxyModel>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>

namespace {
// Long enough to gather the pieces of one refresh, short enough to feel immediate.
constexpr int kCoalesceMs = 150;
// The next sum waits at least this many times as long as the last one took: with a million rows a sum is
// tens of milliseconds, and summing every 150 ms while a cache comes in took a third of the event loop.
constexpr int kIdleFactor = 10;
} // namespace

CostSummary::CostSummary(BatchTableModel *model, QAbstractProxyModel *proxy, QWidget *parent)
    : QLabel(parent)
    , m_model(model)
    , m_proxy(proxy)
    , m_timer(new QTimer(this))
{
    Q_ASSERT(model && proxy);
    setObjectName(QStringLiteral("costSummary"));
    setContentsMargins(fontMetrics().height(), 0, 0, 0); // apart from the account summary beside it
    setAccessibleName(tr("Cost of the shown batches"));
    m_timer->setSingleShot(true);
    m_timer->setInterval(kCoalesceMs);
    connect(m_timer, &QTimer::timeout, this, &CostSummary::update);
    // Which rows are shown: the proxy's structure (a filter change is a layout change or a reset).
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(proxy, signal, this, &CostSummary::schedule);
    connect(proxy, &QAbstractItemModel::modelReset, this, &CostSummary::schedule);
    connect(proxy, &QAbstractItemModel::layoutChanged, this, &CostSummary::schedule);
    // What they cost: only changes that reach the Cost column (the clock's ticks name other columns).
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
                if (topLeft.column() <= BatchColumns::Cost && bottomRight.column() >= BatchColumns::Cost &&
                    (roles.isEmpty() || roles.contains(Qt::DisplayRole)))
                    schedule();
            });
    update();
}

void CostSummary::schedule()
{
    // Not restarted by each change: a stream of changes still shows a sum every interval.
    if (!m_timer->isActive())
        m_timer->start();
}

void CostSummary::update()
{
    m_timer->stop();
    ++m_sums;
    const PriceTable *prices = m_model->prices();
    if (!prices) {
        clear();
        setToolTip(QString());
        return;
    }
    QElapsedTimer clock;
    clock.start();
    double sum = 0;
    int shown = m_proxy->rowCount();
    int without = 0;
    // Every row shown (no filter): the model's rows in their own order, without a mapping per row.
    const bool all = shown == m_model->rowCount();
    for (int row = 0; row < shown; ++row) {
        const int source = all ? row : m_proxy->mapToSource(m_proxy->index(row, 0)).row();
        if (const std::optional<double> cost = m_model->costAt(source))
            sum += *cost;
        else
            ++without;
    }
    m_timer->setInterval(std::max(kCoalesceMs, int(clock.elapsed()) * kIdleFactor));
    const QString count = BatchFormat::count(shown);
    if (shown > 0 && without == shown)
        setText(tr("Cost of %1 shown: not known (none has a cost)").arg(count));
    else if (without > 0)
        setText(tr("Cost of %1 shown: %2 (%3 without a cost)")
                    .arg(count, BatchCost::format(sum, prices->currency()), BatchFormat::count(without)));
    else
        setText(tr("Cost of %1 shown: %2").arg(count, BatchCost::format(sum, prices->currency())));
    setToolTip(
        PlainToolTip::of(tr("Usage times the batch prices of %1 (prices checked %2). A batch without usage "
                            "or with an unpriced "
                            "model has no cost and is counted apart, never as zero.")
                             .arg(prices->currency(), prices->updated().isEmpty() ? tr("on an unknown date")
                                                                                  : prices->updated())));
}
