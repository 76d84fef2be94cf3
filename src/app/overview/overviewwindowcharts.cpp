// The Overview window's three charts, drawn afresh from the series in the palette's colours.
#include "app/overview/overviewchartpanel.h"
#include "app/overview/overviewwindow.h"

#include "core/batch/batchstatus.h"
#include "core/cost/pricetable.h"
#include "core/export/batchformat.h"
#include "core/overview/overviewseries.h"
#include "models/statuscolors.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace {
// Okabe-Ito, in an order that keeps neighbours apart; the last is for "other models". Light and dark: the
// dark variants are lighter so bars stand out from a dark background.
constexpr QRgb kModelLight[] = {0x0072b2, 0xe69f00, 0x009e73, 0xcc79a7,
                                0x56b4e9, 0xd55e00, 0xb8a000, 0x8a8a8a};
constexpr QRgb kModelDark[] = {0x56b4e9, 0xe69f00, 0x3cc79f, 0xe3a6c9,
                               0x9ed3f5, 0xff8c42, 0xf0e442, 0xb4b4b4};
constexpr int kModelColours = int(std::size(kModelLight));

void clear(QChart *chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

// Day labels under the bars: every day for a week, fewer for longer ranges so they never overlap.
QCategoryAxis *dayAxis(const OverviewSeries &series)
{
    auto *axis = new QCategoryAxis;
    const int days = series.days();
    const int step = days <= 10 ? 1 : days <= 31 ? 5 : 14;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (int day = 0; day < days; day += step)
        axis->append(series.firstDay().addDays(day).toString(QStringLiteral("MMM d")), day);
    axis->setRange(-0.5, days - 0.5);
    axis->setGridLineVisible(false);
    return axis;
}

// Four ticks of a round step (1, 2 or 5 times a power of ten, at least 1 for counts), so the labels read as
// whole numbers: 0, 10, 20, 30, 40 rather than 0, 13, 25, 38, 50.
constexpr int kIntervals = 4;

double niceStep(double top, bool whole)
{
    const double least = top > 0 ? top / kIntervals : 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(least)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (step * magnitude >= least)
            return whole ? std::max(1.0, step * magnitude) : step * magnitude;
    }
    return 10 * magnitude;
}

QValueAxis *valueAxis(double top, const QString &format, bool whole = false)
{
    auto *axis = new QValueAxis;
    axis->setRange(0, niceStep(top, whole) * kIntervals);
    axis->setTickCount(kIntervals + 1);
    axis->setLabelFormat(format);
    return axis;
}

void attach(QChart *chart, QAbstractSeries *series, QAbstractAxis *x, QAbstractAxis *y)
{
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}
} // namespace

void OverviewWindow::fillSpend(const OverviewSeries &series, bool dark)
{
    OverviewChartPanel *panel = m_panels[Spend];
    QChart *chart = panel->chart();
    clear(chart);
    const QList<OverviewSeries::ModelSpend> models = series.spendByModel(kModelColours);
    if (models.isEmpty()) {
        panel->setEmptyText(series.unpriced() > 0
                                ? tr("No spend in this range: its %1 batches have no price (no usage "
                                     "reported, or a model the price table does not list).")
                                      .arg(BatchFormat::count(series.unpriced()))
                                : tr("No spend in this range."));
        return;
    }
    panel->setEmptyText(QString());
    auto *bars = new QStackedBarSeries;
    QList<double> dayTotals(series.days(), 0.0);
    for (int i = 0; i < models.size(); ++i) {
        const OverviewSeries::ModelSpend &model = models[i];
        auto *set = new QBarSet(model.model.isEmpty() ? tr("other models") : model.model);
        const bool other = model.model.isEmpty();
        set->setColor(QColor::fromRgb(dark ? kModelDark[other ? kModelColours - 1 : i]
                                           : kModelLight[other ? kModelColours - 1 : i]));
        set->setBorderColor(Qt::transparent);
        for (int day = 0; day < series.days(); ++day) {
            set->append(model.perDay[day]);
            dayTotals[day] += model.perDay[day];
        }
        bars->append(set);
    }
    bars->setBarWidth(0.8);
    chart->addSeries(bars);
    const double top = *std::max_element(dayTotals.cbegin(), dayTotals.cend());
    const QString currency = m_prices ? m_prices->currency() : QStringLiteral("USD");
    const QString format = currency == QLatin1String("USD")
                               ? (top < 10 ? QStringLiteral("$%.2f") : QStringLiteral("$%.0f"))
                               : (top < 10 ? QStringLiteral("%.2f ") : QStringLiteral("%.0f ")) + currency;
    attach(chart, bars, dayAxis(series), valueAxis(top, format));
}

void OverviewWindow::fillEnded(const OverviewSeries &series, bool dark)
{
    OverviewChartPanel *panel = m_panels[Ended];
    QChart *chart = panel->chart();
    clear(chart);
    if (series.endedTotal() == 0) {
        panel->setEmptyText(tr("No batch ended in this range."));
        return;
    }
    panel->setEmptyText(QString());
    auto *bars = new QStackedBarSeries;
    QList<double> dayTotals(series.days(), 0.0);
    for (BatchStatus::Value status : OverviewSeries::endings()) {
        const QList<int> counts = series.endedPerDay(status);
        auto *set = new QBarSet(BatchFormat::statusLabel(status));
        set->setColor(StatusColors::color(status, dark));
        set->setBorderColor(Qt::transparent);
        for (int day = 0; day < series.days(); ++day) {
            set->append(counts[day]);
            dayTotals[day] += counts[day];
        }
        bars->append(set);
    }
    bars->setBarWidth(0.8);
    chart->addSeries(bars);
    const double top = *std::max_element(dayTotals.cbegin(), dayTotals.cend());
    attach(chart, bars, dayAxis(series), valueAxis(top, QStringLiteral("%.0f"), true));
}

void OverviewWindow::fillRate(const OverviewSeries &series, bool dark)
{
    OverviewChartPanel *panel = m_panels[Rate];
    QChart *chart = panel->chart();
    clear(chart);
    const OverviewSeries::Rate rate = series.rate();
    if (rate.perMinute.isEmpty()) {
        panel->setEmptyText(tr("No running batch moved in this range. Batchwatch records the pace of running "
                               "batches while it watches them."));
        return;
    }
    panel->setEmptyText(QString());
    auto *line = new QLineSeries;
    line->setName(
        rate.bucketSeconds == 60
            ? tr("requests per minute")
            : tr("requests per minute (mean over %1)").arg(BatchFormat::duration(rate.bucketSeconds)));
    line->setColor(StatusColors::color(BatchStatus::InProgress, dark));
    // Steps, not a slope between bucket starts: each value is the mean over its whole bucket.
    QList<QPointF> points;
    points.reserve(2 * rate.perMinute.size());
    double top = 0;
    for (qsizetype i = 0; i < rate.perMinute.size(); ++i) {
        const qint64 from = rate.start + i * rate.bucketSeconds;
        const qint64 to = std::min(from + rate.bucketSeconds, series.now());
        points << QPointF(double(from) * 1000.0, rate.perMinute[i])
               << QPointF(double(to) * 1000.0, rate.perMinute[i]);
        top = std::max(top, rate.perMinute[i]);
    }
    line->replace(points);
    chart->addSeries(line);
    auto *time = new QDateTimeAxis;
    const qint64 span = series.now() - rate.start;
    time->setFormat(span <= 900      ? QStringLiteral("HH:mm:ss")
                    : span <= 86'400 ? QStringLiteral("HH:mm")
                                     : QStringLiteral("MMM d HH:mm"));
    time->setTickCount(5);
    time->setRange(QDateTime::fromSecsSinceEpoch(rate.start), QDateTime::fromSecsSinceEpoch(series.now()));
    attach(chart, line, time, valueAxis(top, top < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f")));
}
