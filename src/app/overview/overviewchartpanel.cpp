#include "app/overview/overviewchartpanel.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLegend>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

OverviewChartPanel::OverviewChartPanel(const QString &title, QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(title, this))
    , m_save(new QPushButton(tr("Save as PNG..."), this))
    , m_chart(new QChart)
    , m_empty(new QLabel(this))
{
    // Given at construction: a view made without a chart makes one that setChart() would not delete.
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);
    m_view->setAccessibleName(title);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_save->setAccessibleName(tr("Save %1 as PNG").arg(title));
    m_save->setToolTip(tr("Saves this chart as a PNG image."));
    connect(m_save, &QPushButton::clicked, this, &OverviewChartPanel::saveRequested);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMinimumHeight(180);
    m_empty->setVisible(false);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundRoundness(0);

    auto *head = new QHBoxLayout;
    head->addWidget(m_title, 1);
    head->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(head);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);
}

QString OverviewChartPanel::title() const
{
    return m_title->text();
}

void OverviewChartPanel::setEmptyText(const QString &text)
{
    m_emptyText = text;
    m_empty->setText(text);
    m_empty->setVisible(!text.isEmpty());
    m_view->setVisible(text.isEmpty());
    m_save->setEnabled(text.isEmpty());
}

QString OverviewChartPanel::emptyText() const
{
    return m_emptyText;
}

void OverviewChartPanel::applyPalette(const QPalette &p)
{
    m_chart->setBackgroundBrush(p.color(QPalette::Base));
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->legend()->setLabelColor(p.color(QPalette::Text));
    for (QAbstractAxis *axis : m_chart->axes()) {
        axis->setLabelsColor(p.color(QPalette::Text));
        axis->setTitleBrush(p.color(QPalette::Text));
        axis->setLinePenColor(p.color(QPalette::Mid));
        axis->setGridLineColor(p.color(QPalette::Midlight));
        axis->setShadesVisible(false);
    }
}

bool OverviewChartPanel::savePng(const QString &path, QString *error) const
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (isEmpty())
        return fail(tr("The chart is empty: %1").arg(m_emptyText));
    // The chart as it is on screen (its size, its colours); a view not laid out yet gets a size of its own.
    QChartView *view = m_view;
    if (view->size().isEmpty())
        view->resize(view->sizeHint().expandedTo(QSize(800, 400)));
    const QImage image = view->grab().toImage();
    if (image.isNull())
        return fail(tr("The chart could not be drawn."));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    if (!image.save(&file, "PNG")) {
        file.cancelWriting();
        return fail(tr("The image could not be written."));
    }
    if (!file.commit())
        return fail(file.errorString());
    return true;
}
