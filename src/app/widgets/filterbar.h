#pragma once

#include <QDateTime>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QTimer;
class QueryEdit;

// The search field, a query box (debounced; its mistakes underlined as they are typed), and the created-date
// range above the table.
class FilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit FilterBar(QWidget *parent = nullptr);

    QLineEdit *searchField() const;
    QueryEdit *queryEdit() const { return m_search; }
    // Shows this query and applies it at once (a restored or a saved query), not after the typing pause.
    void setQuery(const QString &text);
    QString query() const;
    void focusSearch();
    void clear();
    QDateTime createdAfter() const;
    QDateTime createdBefore() const;

Q_SIGNALS:
    void searchChanged(const QString &text);
    void rangeChanged(const QDateTime &after, const QDateTime &before);

private:
    void emitRange();

    void checkQuery();

    QueryEdit *m_search;
    QTimer *m_debounce;
    QComboBox *m_range;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
};
