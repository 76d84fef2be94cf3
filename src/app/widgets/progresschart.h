#pragma once

#include "core/batch/progresshistory.h"

#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

// Completed and failed requests of one batch over the time Batchwatch watched it.
class ProgressChart : public QWidget
{
    Q_OBJECT

public:
    explicit ProgressChart(QWidget *parent = nullptr);

    void setSamples(const QList<ProgressSample> &samples);
    // A batch that has ended will not move again: an empty chart then says why instead of promising one.
    void setFinished(bool finished);
    int pointCount() const;
    QString emptyText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    // The chart draws with its own theme: give it the widget's colours, light or dark.
    void applyPalette();

    QChart *m_chart;
    QChartView *m_view = nullptr;
    QLineSeries *m_completed;
    QLineSeries *m_failed;
    QDateTimeAxis *m_time;
    QValueAxis *m_requests;
    QLabel *m_empty;
    bool m_finished = false;
};
