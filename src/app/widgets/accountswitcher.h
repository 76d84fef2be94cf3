#pragma once

#include <QObject>
#include <QStringList>

class QAction;
class QActionGroup;
class QComboBox;
class QMenu;
class QWidget;

// Which account the window shows: a combo box for the toolbar and a menu for View, kept in step, with
// Ctrl+1..Ctrl+9 for the first nine accounts and Ctrl+0 for All accounts. Hidden while there is only one.
class AccountSwitcher : public QObject
{
    Q_OBJECT

public:
    // `window` receives the shortcuts (they work with the menu closed).
    explicit AccountSwitcher(QWidget *window);

    QComboBox *combo() const { return m_combo; }
    QMenu *menu() const { return m_menu; }
    // What QToolBar::addWidget() gave for the combo: its visibility goes through it.
    void setToolBarAction(QAction *action);
    // The accounts in the window's order; keeps the current one if it is still there, else All accounts.
    void setAccounts(const QStringList &names);
    const QStringList &accounts() const { return m_names; }
    // Empty: All accounts.
    void setCurrent(const QString &name);
    QString current() const;

Q_SIGNALS:
    // The user chose an account (empty: All accounts).
    void chosen(const QString &name);

private:
    void choose(int index);

    QWidget *m_window;
    QComboBox *m_combo;
    QMenu *m_menu;
    QActionGroup *m_group;
    QAction *m_barAction = nullptr;
    QStringList m_names;
    bool m_updating = false;
};
