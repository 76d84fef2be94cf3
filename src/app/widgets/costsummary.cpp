#include "app/widgets/costsummary.h"

#include "core/batch/batchcolumns.h"
#include "core/cost/batchcost.h"
#include "core/export/batchformat.h"
#include "models/batchtablemodel.h"
#include "models/plaintooltip.h"

#include <QAbstractProxyModel>
#include <QTimer>

namespace {
// Long enough to gather the pieces of one refresh, short enough to feel immediate.
constexpr int kCoalesceMs = 150;
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
    double sum = 0;
    int shown = m_proxy->rowCount();
    int without = 0;
    for (int row = 0; row < shown; ++row) {
        const int source = m_proxy->mapToSource(m_proxy->index(row, 0)).row();
        if (const std::optional<double> cost = m_model->costAt(source))
            sum += *cost;
        else
            ++without;
    }
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
