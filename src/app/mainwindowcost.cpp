// The window's prices: one table loaded at start (the shipped prices with the user's file over them), handed
// to everything that shows a cost, and the status bar's sum of what the shown rows cost.
#include "app/mainwindow.h"

#include "app/overview/overviewwindow.h"
#include "app/widgets/batchdetailpane.h"
#include "app/widgets/costsummary.h"
#include "app/widgets/overviewstrip.h"
#include "core/cost/pricetable.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"

#include <QStatusBar>

void MainWindow::buildCost()
{
    QString warning;
    m_prices = std::make_unique<PriceTable>(PriceTable::load(&warning));
    m_costSummary = new CostSummary(m_model, m_proxy, this);
    statusBar()->addPermanentWidget(m_costSummary);
    setPrices(*m_prices);
    // Like a cache that could not be read: said in the status bar, and the shipped prices serve meanwhile.
    if (!warning.isEmpty()) {
        m_lastMessage = tr("Prices: %1 is not used (%2); the shipped prices are.")
                            .arg(PriceTable::userFilePath(), warning);
        statusBar()->showMessage(m_lastMessage, 15'000);
    }
}

const PriceTable &MainWindow::prices() const
{
    Q_ASSERT(m_prices);
    return *m_prices;
}

void MainWindow::setPrices(const PriceTable &prices)
{
    if (&prices != m_prices.get()) {
        *m_prices = prices;
        // Same table, new prices: a query on cost is matched again.
        m_proxy->setPrices(nullptr);
    }
    m_model->setPrices(m_prices.get());
    m_proxy->setPrices(m_prices.get());
    m_detail->setPrices(m_prices.get());
    m_overviewStrip->setPrices(m_prices.get());
    if (m_overviewWindow)
        m_overviewWindow->setPrices(m_prices.get());
    m_costSummary->update();
    // The pane's cost is filled with the batch: show the shown one again.
    if (!m_detail->batchId().isEmpty() && m_detailSource >= 0) {
        const int row = m_model->rowOf(m_detail->batchId(), m_detailSource);
        if (row >= 0)
            showInDetail(row);
    }
}
