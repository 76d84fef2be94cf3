#include "app/widgets/progresschart.h"

#include "models/statuscolors.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

ProgressChart::ProgressChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_completed(new QLineSeries)
    , m_failed(new QLineSeries)
    , m_time(new QDateTimeAxis)
    , m_requests(new QValueAxis)
    , m_empty(new QLabel(this))
{
    // Given at construction: a view made without one creates a default chart that setChart() would not
    // delete.
    m_view = new QChartView(m_chart, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_empty->setWordWrap(true);
    setFinished(false);
    layout->addWidget(m_empty);
    layout->addWidget(m_view);
    m_completed->setName(tr("completed"));
    m_failed->setName(tr("failed"));
    m_chart->addSeries(m_completed);
    m_chart->addSeries(m_failed);
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_requests->setLabelFormat(QStringLiteral("%.0f")); // the values are doubles: %d would print garbage
    m_requests->setTickCount(3);
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_chart->addAxis(m_requests, Qt::AlignLeft);
    for (QLineSeries *series : {m_completed, m_failed}) {
        series->attachAxis(m_time);
        series->attachAxis(m_requests);
    }
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundRoundness(0);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(200);
    m_view->setAccessibleName(tr("Progress over time"));
    applyPalette();
    setSamples({});
}

void ProgressChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void ProgressChart::applyPalette()
{
    const QPalette &p = palette();
    const bool dark = p.color(QPalette::Window).lightness() < 128;
    m_chart->setBackgroundBrush(p.color(QPalette::Base));
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->legend()->setLabelColor(p.color(QPalette::Text));
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_time), static_cast<QAbstractAxis *>(m_requests)}) {
        axis->setLabelsColor(p.color(QPalette::Text));
        axis->setLinePenColor(p.color(QPalette::Mid));
        axis->setGridLineColor(p.color(QPalette::Midlight));
    }
    m_completed->setColor(StatusColors::completedShare(dark));
    m_failed->setColor(StatusColors::failedShare(dark));
}

void ProgressChart::setSamples(const QList<ProgressSample> &samples)
{
    QList<QPointF> completed, failed;
    qint64 top = 1;
    for (const ProgressSample &s : samples) {
        const double x = double(QDateTime::fromSecsSinceEpoch(s.at).toMSecsSinceEpoch());
        completed << QPointF(x, double(s.completed));
        failed << QPointF(x, double(s.failed));
        top = qMax(top, s.total);
    }
    m_completed->replace(completed);
    m_failed->replace(failed);
    // One point is no line: say why the chart is empty instead.
    const bool enough = samples.size() >= 2;
    m_view->setVisible(enough);
    m_empty->setVisible(!enough);
    if (!enough)
        return;
    const qint64 span = samples.last().at - samples.first().at;
    m_time->setFormat(span < 600      ? QStringLiteral("HH:mm:ss")
                      : span < 86'400 ? QStringLiteral("HH:mm")
                                      : QStringLiteral("MMM d HH:mm"));
    m_time->setTickCount(span < 600 ? 3 : 5);
    m_time->setRange(QDateTime::fromSecsSinceEpoch(samples.first().at),
                     QDateTime::fromSecsSinceEpoch(samples.last().at));
    m_requests->setRange(0, double(top));
}

void ProgressChart::setFinished(bool finished)
{
    m_finished = finished;
    m_empty->setText(finished
                         ? tr("No progress over time: this batch had ended before Batchwatch saw it run.")
                         : tr("Progress over time appears once Batchwatch has seen this batch move."));
}

int ProgressChart::pointCount() const
{
    return int(m_completed->count());
}

QString ProgressChart::emptyText() const
{
    return m_empty->text();
}
