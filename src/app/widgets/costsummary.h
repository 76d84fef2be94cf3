#pragma once

#include <QLabel>

class BatchTableModel;
class QAbstractProxyModel;
class QTimer;

// The status bar's sum of what the shown rows cost: "Cost of 1,234 shown: $12.34 (56 without a cost)".
// It follows the filter and the rows, summing at most once per short interval however many changes come (a
// refresh of 100,000 rows announces them in many pieces).
class CostSummary : public QLabel
{
    Q_OBJECT

public:
    CostSummary(BatchTableModel *model, QAbstractProxyModel *proxy, QWidget *parent = nullptr);

    // Sums now (tests, and the first show); otherwise it happens shortly after a change.
    void update();
    int sums() const { return m_sums; }

private:
    void schedule();

    BatchTableModel *m_model;
    QAbstractProxyModel *m_proxy;
    QTimer *m_timer;
    int m_sums = 0; // how many times it summed (a test checks the coalescing)
};
