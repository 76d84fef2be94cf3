#pragma once

#include "core/overview/overviewstats.h"

#include <QList>
#include <QWidget>

#include <functional>

class BatchSortFilterProxy;
class BatchTableModel;
class PriceTable;
class QLabel;
class QTimer;
class QToolButton;

// The strip above the table: running now, requests in flight, what ended in the last 24 h, the failure rate,
// and tokens and spend today / 7 days / 30 days, each a flat button that asks for the query showing its
// batches. It counts the rows of the account the table shows (all of them in the All accounts view),
// recomputed on a coalescing timer after the rows change and each minute (the 24 h move with the clock), and
// only while it is expanded. The figures wrap onto a second line, most important first, when the window is
// narrow.
class OverviewStrip : public QWidget
{
    Q_OBJECT

public:
    enum Figure { Running, InFlight, Completed, Failed, FailureRate, Today, Week, Month, FigureCount };

    OverviewStrip(BatchTableModel *model, BatchSortFilterProxy *proxy, QWidget *parent = nullptr);

    // Not owned; null: every batch is unpriced.
    void setPrices(const PriceTable *prices);
    // Unix seconds; the system clock unless a test sets another.
    void setClock(std::function<qint64()> clock);

    bool isExpanded() const;
    // Kept in QSettings ("overview/expanded").
    void setExpanded(bool expanded);

    // Counts now (the timer calls this); returns how long it took, in microseconds.
    qint64 recompute();
    const OverviewStats &stats() const { return m_stats; }
    QString figureText(Figure figure) const;
    // Every figure, as one line: "3 running · 12,400 requests in flight · ...".
    QString text() const;
    QString queryOf(Figure figure) const;
    QToolButton *figureButton(Figure figure) const { return m_figures[figure]; }
    QToolButton *toggle() const { return m_toggle; }

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // A figure was clicked: the search box should show this query.
    void queryRequested(const QString &query);
    void expandedChanged(bool expanded);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void schedule();
    void updateTexts();
    // Places the toggle and the figures in lines `width` wide; returns the height they take.
    int arrange(int width, bool place) const;

    BatchTableModel *m_model;
    BatchSortFilterProxy *m_proxy;
    const PriceTable *m_prices = nullptr;
    std::function<qint64()> m_clock;
    qint64 m_now = 0; // of the last recompute
    bool m_expanded = false;
    OverviewStats m_stats;
    // A span reaches back past the oldest loaded batch while older pages are still on the server: its sums
    // are of the loaded batches only, and say so ("at least").
    bool m_partial[OverviewStats::kSpanCount] = {false, false, false};
    QToolButton *m_toggle;
    QList<QToolButton *> m_figures;
    QList<QLabel *> m_separators; // before each figure but the first
    QTimer *m_coalesce;
    QTimer *m_minute;
};
