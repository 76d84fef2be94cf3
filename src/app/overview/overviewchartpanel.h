#pragma once

#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QPushButton;

// One chart of the Overview window: its title, a "Save as PNG..." button, the chart, and what it says in its
// place when it has nothing to show. Follows the palette: background, text, axes and grid from the widget's
// colours (the chart's own theme knows only light).
class OverviewChartPanel : public QWidget
{
    Q_OBJECT

public:
    OverviewChartPanel(const QString &title, QWidget *parent = nullptr);

    QChart *chart() const { return m_chart; }
    QChartView *view() const { return m_view; }
    QPushButton *saveButton() const { return m_save; }
    QString title() const;

    // A text instead of the chart (empty: the chart shows).
    void setEmptyText(const QString &text);
    QString emptyText() const;
    bool isEmpty() const { return !m_emptyText.isEmpty(); }

    // Colours the chart's frame, legend and every axis after the palette (the window's: a child hears of a
    // change after its window); series colours are the window's.
    void applyPalette(const QPalette &palette);
    // Writes the chart as a PNG image, atomically (QSaveFile): false, with `error` saying why, when it could
    // not.
    [[nodiscard]] bool savePng(const QString &path, QString *error = nullptr) const;

Q_SIGNALS:
    void saveRequested();

private:
    QLabel *m_title;
    QPushButton *m_save;
    QChart *m_chart;
    QChartView *m_view;
    QLabel *m_empty;
    QString m_emptyText;
};
