#include "app/widgets/accountswitcher.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QMenu>

AccountSwitcher::AccountSwitcher(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_combo(new QComboBox(window))
    , m_menu(new QMenu(tr("&Show account"), window))
    , m_group(new QActionGroup(this))
{
    m_combo->setObjectName(QStringLiteral("accountCombo"));
    m_combo->setAccessibleName(tr("Account"));
    m_combo->setToolTip(tr("The account shown (Ctrl+1 to Ctrl+9; Ctrl+0: all accounts)"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setFocusPolicy(Qt::TabFocus);
    m_menu->setObjectName(QStringLiteral("accountMenu"));
    m_group->setExclusive(true);
    connect(m_combo, &QComboBox::activated, this, &AccountSwitcher::choose);
    setAccounts({});
}

void AccountSwitcher::setAccounts(const QStringList &names)
{
    const QString current = this->current();
    m_names = names;
    m_updating = true;
    m_combo->clear();
    for (QAction *action : m_group->actions()) {
        m_window->removeAction(action);
        delete action;
    }
    m_menu->clear();
    const auto add = [this](const QString &text, const QString &menuText, int index, int key) {
        m_combo->addItem(text);
        auto *action = new QAction(menuText, m_group);
        action->setCheckable(true);
        if (key != 0) {
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(key)));
            action->setShortcutContext(Qt::WindowShortcut);
        }
        connect(action, &QAction::triggered, this, [this, index] { choose(index); });
        m_menu->addAction(action);
        m_window->addAction(action); // the shortcut works with the menu closed
    };
    add(tr("All accounts"), tr("&All accounts"), 0, Qt::Key_0);
    if (!names.isEmpty())
        m_menu->addSeparator();
    for (int i = 0; i < names.size(); ++i) {
        // Menu text: an ampersand in a name is a letter, not a mnemonic.
        QString menuText = names.at(i);
        menuText.replace(u'&', QStringLiteral("&&"));
        if (i < 9)
            add(names.at(i), QStringLiteral("&%1 ").arg(i + 1) + menuText, i + 1, Qt::Key_1 + i);
        else
            add(names.at(i), menuText, i + 1, 0);
    }
    // One account is all there is to show: nothing to switch.
    const bool several = names.size() > 1;
    if (m_barAction)
        m_barAction->setVisible(several);
    else
        m_combo->setVisible(several);
    m_menu->menuAction()->setVisible(several);
    m_updating = false;
    setCurrent(names.contains(current) ? current : QString());
}

void AccountSwitcher::setToolBarAction(QAction *action)
{
    m_barAction = action;
    m_barAction->setVisible(m_names.size() > 1);
}

void AccountSwitcher::setCurrent(const QString &name)
{
    const int index = name.isEmpty() ? 0 : int(m_names.indexOf(name)) + 1;
    if (index < 0 || index >= m_combo->count())
        return;
    m_updating = true;
    m_combo->setCurrentIndex(index);
    m_group->actions().at(index)->setChecked(true);
    m_updating = false;
}

QString AccountSwitcher::current() const
{
    const int index = m_combo->currentIndex();
    return index >= 1 && index <= m_names.size() ? m_names.at(index - 1) : QString();
}

void AccountSwitcher::choose(int index)
{
    if (m_updating || index < 0 || index > m_names.size())
        return;
    const QString name = index == 0 ? QString() : m_names.at(index - 1);
    setCurrent(name);
    Q_EMIT chosen(name);
}
