#pragma once

#include <QHash>
#include <QSet>
#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;

// The side bar: every status with a live count; checking some shows only those (several at once). With
// several accounts, each one's number of batches and whether its last refresh failed, under the statuses.
class StatusFilterPanel : public QWidget
{
    Q_OBJECT

public:
    struct AccountCount
    {
        QString name;
        int batches = 0;
        QString error; // why its last refresh or page failed; empty: it went through
    };

    explicit StatusFilterPanel(QWidget *parent = nullptr);

    // Counts per status as the API spells it; unknown statuses get a row of their own.
    void setCounts(const QHash<QString, int> &counts);
    // The accounts shown together, in the switcher's order (fewer than two: the section is hidden); `shown`
    // is the one the table shows (empty: all).
    void setAccounts(const QList<AccountCount> &accounts, const QString &shown);
    QListWidget *accountList() const { return m_accounts; }
    void setDarkPalette(bool dark);
    QSet<QString> checkedStatuses() const;
    void clearChecks();
    // Wide enough for the longest status with a five-digit count beside its box and swatch.
    QSize sizeHint() const override;

Q_SIGNALS:
    void statusesChanged(const QSet<QString> &statuses);
    // The user picked an account in the side bar (empty: All accounts).
    void accountActivated(const QString &name);

private:
    QListWidgetItem *itemFor(const QString &status);
    void updateItem(QListWidgetItem *item, int count);
    void onItemChanged(QListWidgetItem *item);

    QListWidget *m_list;
    QLabel *m_accountsTitle;
    QListWidget *m_accounts;
    QHash<QString, int> m_counts;
    bool m_dark = false;
    bool m_updating = false;
    QListWidgetItem *m_toggledByBox = nullptr;
};
