#pragma once

#include <QDateTime>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QTimer;

// The search field (debounced) and the created-date range above the table.
class FilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit FilterBar(QWidget *parent = nullptr);

    QLineEdit *searchField() const { return m_search; }
    void focusSearch();
    void clear();
    QDateTime createdAfter() const;
    QDateTime createdBefore() const;

Q_SIGNALS:
    void searchChanged(const QString &text);
    void rangeChanged(const QDateTime &after, const QDateTime &before);

private:
    void emitRange();

    QLineEdit *m_search;
    QTimer *m_debounce;
    QComboBox *m_range;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
};
