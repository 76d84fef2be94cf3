#pragma once

#include <QTableView>

// The batch table: hide or show columns from the header's context menu; the header's state can be saved.
// Until the user drags a column's border, the columns share the width the table has (each between a least and
// a comfortable width, growing together on a wide window), so Progress stays in view at every window size.
class BatchTableView : public QTableView
{
    Q_OBJECT

public:
    explicit BatchTableView(QWidget *parent = nullptr);

    QByteArray saveHeaderState() const;
    // `savedColumns`: how many columns the table had when the state was saved; the newer ones are placed as
    // a first start places them.
    bool restoreHeaderState(const QByteArray &state, int savedColumns);
    // Sensible widths and order for a first start, before the user has made their own.
    void applyDefaultWidths();
    // Whether the widths follow the table's width (true until the user sizes a column by hand).
    bool fitsColumns() const { return m_fit; }
    void setFitsColumns(bool fit);
    // The width at which every visible column is at its least (frame and scroll bar included).
    int leastWidth() const;
    // What the empty table says ("No batches match the filters").
    QString emptyText() const { return m_emptyText; }
    void setEmptyText(const QString &text);

protected:
    bool viewportEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void showHeaderMenu(const QPoint &pos);
    void fitColumns();

    QString m_emptyText;
    bool m_fit = true;
    bool m_fitting = false;
};
