#pragma once

#include <QWidget>

#include <functional>

class BatchTableModel;
class OverviewChartPanel;
class OverviewSeries;
class PriceTable;
class QComboBox;
class QLabel;
class QTimer;

// View > Overview: spend per day by model, batches per day by how they ended, and requests per minute across
// running batches, over the last 7, 30 or 90 days, across every account the window holds (the model's rows
// and each account's progress history). Charts follow the palette and can be saved as PNG. Redrawn on a
// coalescing timer after the rows change, while it is visible.
class OverviewWindow : public QWidget
{
    Q_OBJECT

public:
    enum Chart { Spend, Ended, Rate, ChartCount };

    explicit OverviewWindow(BatchTableModel *model, QWidget *parent = nullptr);
    ~OverviewWindow() override;

    // Not owned; null: nothing has a cost.
    void setPrices(const PriceTable *prices);
    // Unix seconds; the system clock unless a test sets another.
    void setClock(std::function<qint64()> clock);

    // 7, 30 or 90 (kept in QSettings, "overview/rangeDays").
    int rangeDays() const;
    void setRangeDays(int days);
    QComboBox *rangeChooser() const { return m_range; }

    // Recounts every row and redraws the charts now.
    void refresh();
    OverviewChartPanel *panel(Chart chart) const { return m_panels[chart]; }
    QString summaryText() const;
    // The chart as a PNG, atomically; false with `error` when it could not be written.
    [[nodiscard]] bool savePng(Chart chart, const QString &path, QString *error = nullptr) const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void schedule();
    void chooseFileAndSave(Chart chart);
    // overviewwindowcharts.cpp: each chart drawn afresh from the series, in the palette's colours.
    void fillSpend(const OverviewSeries &series, bool dark);
    void fillEnded(const OverviewSeries &series, bool dark);
    void fillRate(const OverviewSeries &series, bool dark);

    BatchTableModel *m_model;
    const PriceTable *m_prices = nullptr;
    std::function<qint64()> m_clock;
    QComboBox *m_range;
    QLabel *m_summary;
    OverviewChartPanel *m_panels[ChartCount];
    QTimer *m_coalesce;
};
