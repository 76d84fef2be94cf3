#include "app/widgets/overviewstrip.h"

#include "core/cost/batchcost.h"
#include "core/cost/pricetable.h"
#include "core/export/batchformat.h"
#include "core/session/accountsession.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEvent>
#include <QLabel>
#include <QSettings>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <limits>

namespace {
// Rows arrive in bursts (a cache read, a page): one count after the burst, at most this often.
constexpr int kCoalesceMs = 500;
// The next recount waits at least this many times as long as the last one took (a million rows: ~100 ms).
constexpr int kIdleFactor = 10;
constexpr int kMinuteMs = 60'000;
constexpr int kButtonPadding = 12; // the style's frame and margins around the text
constexpr int kDotPadding = 6;
const QString kExpandedKey = QStringLiteral("overview/expanded");

// "812", "12 k", "1.2 M", "3.4 B": a strip has no room for every digit.
QString compact(qint64 value)
{
    if (value < 1000)
        return BatchFormat::count(value);
    const std::pair<double, const char *> units[] = {{1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
    for (const auto &[size, unit] : units) {
        if (double(value) >= size) {
            const double v = double(value) / size;
            return QString::number(v, 'f', v < 10 ? 1 : 0) + QLatin1Char(' ') + QLatin1String(unit);
        }
    }
    return BatchFormat::count(value);
}
} // namespace

OverviewStrip::OverviewStrip(BatchTableModel *model, BatchSortFilterProxy *proxy, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(proxy)
    , m_clock([] { return QDateTime::currentSecsSinceEpoch(); })
    , m_toggle(new QToolButton(this))
    , m_coalesce(new QTimer(this))
    , m_minute(new QTimer(this))
{
    setObjectName(QStringLiteral("overviewStrip"));
    m_toggle->setObjectName(QStringLiteral("overviewToggle"));
    // An arrow (and, collapsed, the strip's name): the figures need the room more than a title does.
    m_toggle->setText(tr("Overview"));
    m_toggle->setAutoRaise(true);
    QFont bold = m_toggle->font();
    bold.setBold(true);
    m_toggle->setFont(bold);
    for (int figure = 0; figure < FigureCount; ++figure) {
        auto *button = new QToolButton(this);
        button->setAutoRaise(true);
        button->setCursor(Qt::PointingHandCursor);
        button->setObjectName(QStringLiteral("overviewFigure%1").arg(figure));
        connect(button, &QToolButton::clicked, this,
                [this, figure] { Q_EMIT queryRequested(queryOf(Figure(figure))); });
        m_figures << button;
        if (figure > 0) {
            // "41 completed / 2 failed in 24 h", as one reads it; dots between the others.
            auto *dot = new QLabel(figure == Failed ? QStringLiteral("/") : QStringLiteral("\u00b7"), this);
            dot->setAccessibleName(QString());
            dot->setAlignment(Qt::AlignCenter);
            dot->setAttribute(Qt::WA_TransparentForMouseEvents); // a click beside a figure is no dead spot
            m_separators << dot;
        }
    }
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(kCoalesceMs);
    connect(m_coalesce, &QTimer::timeout, this, &OverviewStrip::recompute);
    m_minute->setInterval(kMinuteMs);
    connect(m_minute, &QTimer::timeout, this, &OverviewStrip::schedule);
    // Any change of the rows arms the timer; a burst of them (one dataChanged per batch of a page) counts
    // once. dataChanged included: a batch that ends changes its status in place.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &OverviewStrip::schedule);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &OverviewStrip::schedule);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OverviewStrip::schedule);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &OverviewStrip::schedule);
    if (m_proxy)
        connect(m_proxy, &BatchSortFilterProxy::filterChanged, this, &OverviewStrip::schedule);
    connect(m_toggle, &QToolButton::clicked, this, [this] { setExpanded(!isExpanded()); });
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setExpanded(QSettings().value(kExpandedKey, true).toBool());
    updateTexts();
}

void OverviewStrip::setPrices(const PriceTable *prices)
{
    m_prices = prices;
    schedule();
}

void OverviewStrip::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

bool OverviewStrip::isExpanded() const
{
    return m_expanded;
}

void OverviewStrip::setExpanded(bool expanded)
{
    const bool changed = expanded != m_expanded;
    m_expanded = expanded;
    m_toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_toggle->setToolButtonStyle(expanded ? Qt::ToolButtonIconOnly : Qt::ToolButtonTextBesideIcon);
    m_toggle->setToolTip(expanded ? tr("Hide the overview") : tr("Show the overview"));
    m_toggle->setAccessibleName(m_toggle->toolTip());
    for (QToolButton *button : qAsConst(m_figures))
        button->setVisible(expanded);
    for (QLabel *dot : qAsConst(m_separators))
        dot->setVisible(expanded);
    if (QSettings().value(kExpandedKey, true).toBool() != expanded)
        QSettings().setValue(kExpandedKey, expanded);
    // Collapsed, it counts nothing; opened, it counts at once.
    if (expanded) {
        m_minute->start();
        recompute();
    } else {
        m_minute->stop();
        m_coalesce->stop();
    }
    updateGeometry();
    arrange(width(), true);
    if (changed)
        Q_EMIT expandedChanged(expanded);
}

void OverviewStrip::schedule()
{
    if (isExpanded() && !m_coalesce->isActive())
        m_coalesce->start();
}

qint64 OverviewStrip::recompute()
{
    QElapsedTimer timer;
    timer.start();
    m_coalesce->stop();
    m_now = m_clock();
    OverviewAccumulator accumulator(m_now, m_prices);
    const int shown = m_proxy ? m_proxy->sourceFilter() : -1;
    const std::vector<Batch> &rows = m_model->batches();
    // Providers looked up once per source, not per row.
    QList<Provider> providers;
    for (int source = 0; source < m_model->sourceCount(); ++source)
        providers << m_model->providerOf(source);
    qint64 oldest = std::numeric_limits<qint64>::max();
    for (size_t row = 0; row < rows.size(); ++row) {
        const int source = m_model->sourceOfBatch(row);
        if (shown >= 0 && source != shown)
            continue;
        accumulator.add(rows[row], providers.value(source, Provider::OpenAI));
        oldest = qMin(oldest, rows[row].createdAt);
    }
    m_stats = accumulator.stats();
    const AccountSession *session = shown >= 0 ? m_model->sessionOf(shown) : nullptr;
    const bool more = shown >= 0 ? session && session->hasMore() : m_model->hasMore();
    for (int span = 0; span < OverviewStats::kSpanCount; ++span)
        m_partial[span] = more && oldest > OverviewStats::spanStart(OverviewStats::Span(span), m_now);
    updateTexts();
    m_coalesce->setInterval(std::max(kCoalesceMs, int(timer.elapsed()) * kIdleFactor));
    return timer.nsecsElapsed() / 1000;
}

QString OverviewStrip::queryOf(Figure figure) const
{
    switch (figure) {
    case Running:
    case InFlight:
        return OverviewStats::runningQuery();
    case Completed:
        return OverviewStats::completed24hQuery();
    case Failed:
        return OverviewStats::failed24hQuery();
    case FailureRate:
        return OverviewStats::ended24hQuery();
    case Today:
        return OverviewStats::spanQuery(OverviewStats::Today, m_now ? m_now : m_clock());
    case Week:
        return OverviewStats::spanQuery(OverviewStats::Week, m_now);
    case Month:
        return OverviewStats::spanQuery(OverviewStats::Month, m_now);
    case FigureCount:
        break;
    }
    return {};
}

QString OverviewStrip::figureText(Figure figure) const
{
    const OverviewStats &s = m_stats;
    const auto span = [&](int which, const QString &label) {
        const QString atLeast = m_partial[which] ? QStringLiteral("\u2265 ") : QString();
        QString text = tr("%1 %2 tokens").arg(label, atLeast + compact(s.tokens[which]));
        const QString currency = m_prices ? m_prices->currency() : QStringLiteral("USD");
        // An unknown cost is never shown as zero.
        if (s.spend[which] > 0 || s.unpriced[which] == 0)
            text += QLatin1Char(' ') + atLeast + BatchCost::format(s.spend[which], currency);
        if (s.unpriced[which] > 0)
            text += QLatin1Char(' ') + tr("(%1 unpriced)").arg(BatchFormat::count(s.unpriced[which]));
        return text;
    };
    switch (figure) {
    case Running:
        return tr("%1 running").arg(BatchFormat::count(s.running));
    case InFlight:
        return s.requestsInFlight == 1
                   ? tr("1 request in flight")
                   : tr("%1 requests in flight").arg(BatchFormat::count(s.requestsInFlight));
    case Completed:
        return tr("%1 completed").arg(BatchFormat::count(s.completed24h)); // "... / 2 failed in 24 h"
    case Failed:
        return tr("%1 failed in 24 h").arg(BatchFormat::count(s.failed24h));
    case FailureRate:
        return s.requestsDone24h == 0
                   ? tr("failure rate \u2013")
                   : tr("failure rate %1 %").arg(QString::number(s.failureRate24h() * 100.0, 'f', 1));
    case Today:
        return span(OverviewStats::Today, tr("today"));
    case Week:
        return span(OverviewStats::Week, tr("7 days"));
    case Month:
        return span(OverviewStats::Month, tr("30 days"));
    case FigureCount:
        break;
    }
    return {};
}

QString OverviewStrip::text() const
{
    QString line = figureText(Running);
    for (int figure = 1; figure < FigureCount; ++figure)
        line += (figure == Failed ? QStringLiteral(" / ") : QStringLiteral(" \u00b7 ")) +
                figureText(Figure(figure));
    return line;
}

void OverviewStrip::updateTexts()
{
    const QString show = tr("Click to show these batches.");
    const QString tips[FigureCount] = {
        tr("Batches validating, in progress, finalizing or cancelling."),
        tr("Requests of the running batches that have neither completed nor failed yet."),
        tr("Batches that completed in the last 24 hours."),
        tr("Batches that failed or expired in the last 24 hours."),
        tr("Failed requests of all requests that ran in the batches that ended in the last 24 hours (%1 of "
           "%2).")
            .arg(BatchFormat::count(m_stats.requestsFailed24h), BatchFormat::count(m_stats.requestsDone24h)),
        tr("Tokens and cost of the batches created today (UTC)."),
        tr("Tokens and cost of the batches created in the last 7 days."),
        tr("Tokens and cost of the batches created in the last 30 days."),
    };
    const QString unpriced = tr("Batches without usage or with a model the price table does not list have no "
                                "cost; they are counted as unpriced, not as zero.");
    for (int figure = 0; figure < FigureCount; ++figure) {
        QToolButton *button = m_figures[figure];
        const QString text = figureText(Figure(figure));
        button->setText(text);
        button->setAccessibleName(text);
        QString tip = tips[figure];
        if (figure >= Today)
            tip += QLatin1Char(' ') + unpriced;
        if (figure >= Today && m_partial[figure - Today])
            tip +=
                QLatin1Char(' ') + tr("Older batches are still on the server: \u2265 counts the loaded ones "
                                      "only (Load all, Ctrl+L, counts every one).");
        button->setToolTip(tip + QLatin1Char(' ') + show);
    }
    arrange(width(), true);
    updateGeometry();
}

int OverviewStrip::arrange(int width, bool place) const
{
    const QSize toggle = m_toggle->sizeHint();
    int lineHeight = toggle.height();
    for (QToolButton *button : m_figures)
        lineHeight = qMax(lineHeight, button->sizeHint().height());
    if (place)
        m_toggle->setGeometry(0, 0, toggle.width(), lineHeight);
    if (!isExpanded())
        return lineHeight;
    // Wrapped lines start under the first figure, so the toggle stands alone at the left.
    const int indent = toggle.width() + 4;
    int x = indent;
    int y = 0;
    for (int figure = 0; figure < FigureCount; ++figure) {
        QToolButton *button = m_figures[figure];
        // Narrower than the style's hint, which pads a tool button for an icon: two more figures on a line.
        const int w = button->fontMetrics().horizontalAdvance(button->text()) + kButtonPadding;
        QLabel *dot = figure > 0 ? m_separators[figure - 1] : nullptr;
        const int dotWidth = dot ? dot->fontMetrics().horizontalAdvance(dot->text()) + kDotPadding : 0;
        if (figure > 0 && x + dotWidth + w > width) {
            x = indent;
            y += lineHeight;
            if (place && dot)
                dot->setGeometry(0, 0, 0, 0);
        } else if (dot) {
            if (place)
                dot->setGeometry(x, y, dotWidth, lineHeight);
            x += dotWidth;
        }
        if (place)
            button->setGeometry(x, y, w, lineHeight);
        x += w;
    }
    return y + lineHeight;
}

int OverviewStrip::heightForWidth(int width) const
{
    return arrange(width, false);
}

QSize OverviewStrip::sizeHint() const
{
    const int w = m_toggle->sizeHint().width() + (isExpanded() ? 1000 : 0);
    return {w, heightForWidth(qMax(width(), 400))};
}

QSize OverviewStrip::minimumSizeHint() const
{
    return {m_toggle->sizeHint().width(), heightForWidth(qMax(width(), 400))};
}

void OverviewStrip::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange(width(), true);
    // The height follows the width: more lines when narrow.
    if (heightForWidth(width()) != height())
        updateGeometry();
}

void OverviewStrip::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateTexts();
}
