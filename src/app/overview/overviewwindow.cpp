#include "app/overview/overviewwindow.h"

#include "app/overview/overviewchartpanel.h"
#include "core/cost/batchcost.h"
#include "core/cost/pricetable.h"
#include "core/export/batchformat.h"
#include "core/overview/overviewseries.h"
#include "models/batchtablemodel.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QShortcut>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

#include <limits>

namespace {
constexpr int kRanges[] = {7, 30, 90};
constexpr int kCoalesceMs = 1000;
const QString kRangeKey = QStringLiteral("overview/rangeDays");

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}
} // namespace

OverviewWindow::OverviewWindow(BatchTableModel *model, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_model(model)
    , m_clock([] { return QDateTime::currentSecsSinceEpoch(); })
    , m_range(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_coalesce(new QTimer(this))
{
    setWindowTitle(tr("Overview"));
    setObjectName(QStringLiteral("overviewWindow"));
    for (int days : kRanges)
        m_range->addItem(tr("Last %1 days").arg(days), days);
    m_range->setAccessibleName(tr("Range"));
    auto *rangeLabel = new QLabel(tr("&Range:"), this);
    rangeLabel->setBuddy(m_range);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_panels[Spend] = new OverviewChartPanel(tr("Spend per day by model (UTC days)"), this);
    m_panels[Ended] = new OverviewChartPanel(tr("Batches ended per day, by status (UTC days)"), this);
    m_panels[Rate] = new OverviewChartPanel(tr("Requests per minute across running batches"), this);
    for (int chart = 0; chart < ChartCount; ++chart)
        connect(m_panels[chart], &OverviewChartPanel::saveRequested, this,
                [this, chart] { chooseFileAndSave(Chart(chart)); });

    auto *head = new QHBoxLayout;
    head->addWidget(rangeLabel);
    head->addWidget(m_range);
    head->addSpacing(12);
    head->addWidget(m_summary, 1);
    auto *grid = new QGridLayout;
    grid->addWidget(m_panels[Spend], 0, 0, 1, 2);
    grid->addWidget(m_panels[Ended], 1, 0);
    grid->addWidget(m_panels[Rate], 1, 1);
    grid->setHorizontalSpacing(24);
    grid->setVerticalSpacing(16);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addLayout(grid, 1);

    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(kCoalesceMs);
    connect(m_coalesce, &QTimer::timeout, this, &OverviewWindow::refresh);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &OverviewWindow::schedule);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &OverviewWindow::schedule);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OverviewWindow::schedule);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &OverviewWindow::schedule);

    const int saved = QSettings().value(kRangeKey, 30).toInt();
    m_range->setCurrentIndex(qMax(0, m_range->findData(saved)));
    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kRangeKey, rangeDays());
        refresh();
    });
    auto *close = new QShortcut(QKeySequence::Close, this);
    connect(close, &QShortcut::activated, this, &QWidget::close);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, &QWidget::close);
    resize(1100, 760);
    refresh();
}

OverviewWindow::~OverviewWindow() = default;

void OverviewWindow::setPrices(const PriceTable *prices)
{
    m_prices = prices;
    refresh();
}

void OverviewWindow::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
    refresh();
}

int OverviewWindow::rangeDays() const
{
    return m_range->currentData().toInt();
}

void OverviewWindow::setRangeDays(int days)
{
    const int index = m_range->findData(days);
    if (index >= 0)
        m_range->setCurrentIndex(index);
}

void OverviewWindow::schedule()
{
    // Hidden, it waits: showing it refreshes.
    if (isVisible() && !m_coalesce->isActive())
        m_coalesce->start();
}

void OverviewWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void OverviewWindow::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        refresh();
}

void OverviewWindow::refresh()
{
    m_coalesce->stop();
    OverviewSeries series(m_clock(), rangeDays(), m_prices);
    const std::vector<Batch> &rows = m_model->batches();
    QList<Provider> providers;
    for (int source = 0; source < m_model->sourceCount(); ++source)
        providers << m_model->providerOf(source);
    qint64 oldest = std::numeric_limits<qint64>::max();
    for (size_t row = 0; row < rows.size(); ++row) {
        const Batch &batch = rows[row];
        oldest = qMin(oldest, batch.createdAt);
        series.add(batch, providers.value(m_model->sourceOfBatch(row), Provider::OpenAI));
        if (const ProgressHistory *history = m_model->historyOf(m_model->sourceOfBatch(row)))
            series.addSamples(history->samples(batch.id));
    }
    const bool dark = isDark(palette());
    fillSpend(series, dark);
    fillEnded(series, dark);
    fillRate(series, dark);
    for (OverviewChartPanel *panel : m_panels)
        panel->applyPalette(palette());
    const QString currency = m_prices ? m_prices->currency() : QStringLiteral("USD");
    QString summary = tr("%1 spent in the last %2 days")
                          .arg(BatchCost::format(series.totalSpend(), currency))
                          .arg(series.days());
    if (series.unpriced() > 0)
        summary += tr(", not counting %1 batches without a price").arg(BatchFormat::count(series.unpriced()));
    summary += tr(" \u00b7 %1 batches ended").arg(BatchFormat::count(series.endedTotal()));
    // Older pages still on the server while the range reaches past the loaded batches: said, not summed.
    if (m_model->hasMore() && oldest > m_clock() - qint64(series.days()) * 86'400)
        summary +=
            tr(" \u00b7 of the loaded batches only: older ones are still on the server (Load all, Ctrl+L)");
    m_summary->setText(summary);
}

QString OverviewWindow::summaryText() const
{
    return m_summary->text();
}

bool OverviewWindow::savePng(Chart chart, const QString &path, QString *error) const
{
    return m_panels[chart]->savePng(path, error);
}

void OverviewWindow::chooseFileAndSave(Chart chart)
{
    static const char *const names[ChartCount] = {"spend", "ended", "requests-per-minute"};
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString suggested =
        QStringLiteral("%1/batchwatch-%2-%3d.png").arg(dir, QLatin1String(names[chart])).arg(rangeDays());
    QString path =
        QFileDialog::getSaveFileName(this, tr("Save chart as PNG"), suggested, tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        path += QLatin1String(".png");
    QString error;
    if (!savePng(chart, path, &error))
        QMessageBox::warning(this, tr("Save chart"), tr("Could not save %1: %2").arg(path, error));
}
