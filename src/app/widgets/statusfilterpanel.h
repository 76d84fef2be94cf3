#pragma once

#include <QHash>
#include <QSet>
#include <QWidget>

class QListWidget;
class QListWidgetItem;

// The side bar: every status with a live count; checking some shows only those (several at once).
class StatusFilterPanel : public QWidget
{
    Q_OBJECT

public:
    explicit StatusFilterPanel(QWidget *parent = nullptr);

    // Counts per status as the API spells it; unknown statuses get a row of their own.
    void setCounts(const QHash<QString, int> &counts);
    void setDarkPalette(bool dark);
    QSet<QString> checkedStatuses() const;
    void clearChecks();
    // Wide enough for the longest status with a five-digit count beside its box and swatch.
    QSize sizeHint() const override;

Q_SIGNALS:
    void statusesChanged(const QSet<QString> &statuses);

private:
    QListWidgetItem *itemFor(const QString &status);
    void updateItem(QListWidgetItem *item, int count);
    void onItemChanged(QListWidgetItem *item);

    QListWidget *m_list;
    QHash<QString, int> m_counts;
    bool m_dark = false;
    bool m_updating = false;
    QListWidgetItem *m_toggledByBox = nullptr;
};
