#pragma once

#include <QTableView>

// The batch table: hide or show columns from the header's context menu; the header's state can be saved.
class BatchTableView : public QTableView
{
    Q_OBJECT

public:
    explicit BatchTableView(QWidget *parent = nullptr);

    QByteArray saveHeaderState() const;
    bool restoreHeaderState(const QByteArray &state);
    // Sensible widths for a first start, before the user has made their own.
    void applyDefaultWidths();
    QString emptyText() const { return {}; }

private:
    void showHeaderMenu(const QPoint &pos);
};
