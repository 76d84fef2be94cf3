#include "app/widgets/statusfilterpanel.h"
#include "models/plaintooltip.h"

#include "core/export/batchformat.h"
#include "models/statuscolors.h"

#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace {
constexpr int StatusRole = Qt::UserRole + 1;

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(color);
    painter.setPen(color.darker(130));
    painter.drawEllipse(QRectF(1, 1, 10, 10));
    return QIcon(pixmap);
}
} // namespace

StatusFilterPanel::StatusFilterPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_accountsTitle(new QLabel(tr("Accounts"), this))
    , m_accounts(new QListWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("Status"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);
    layout->addWidget(m_list);
    m_list->setAccessibleName(tr("Status filter"));
    m_list->setAccessibleDescription(
        tr("Check statuses to show only batches in them; each row shows how many "
           "batches are in that status"));
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    title->setBuddy(m_list);
    for (const BatchStatus &status : BatchStatus::all())
        itemFor(status.toString());
    connect(m_list, &QListWidget::itemChanged, this, &StatusFilterPanel::onItemChanged);
    // A click anywhere on the row toggles it, not only on the small box (which toggles by itself first).
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        if (m_toggledByBox == item) {
            m_toggledByBox = nullptr;
            return;
        }
        item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
        m_toggledByBox = nullptr;
    });
    m_accountsTitle->setFont(bold);
    m_accountsTitle->setBuddy(m_accounts);
    m_accounts->setObjectName(QStringLiteral("accountCounts"));
    m_accounts->setAccessibleName(tr("Accounts"));
    m_accounts->setAccessibleDescription(tr("Each account's number of batches; choose one to show only it"));
    layout->addWidget(m_accountsTitle);
    layout->addWidget(m_accounts);
    m_accountsTitle->hide();
    m_accounts->hide();
    connect(m_accounts, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT accountActivated(item->data(Qt::UserRole).toString()); });
    connect(m_accounts, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { Q_EMIT accountActivated(item->data(Qt::UserRole).toString()); });
    setMinimumWidth(150);
}

void StatusFilterPanel::setAccounts(const QList<AccountCount> &accounts, const QString &shown)
{
    const bool several = accounts.size() > 1;
    m_accountsTitle->setVisible(several);
    m_accounts->setVisible(several);
    // Rows are rewritten in place: a rebuild on every count would lose the keyboard's place in the list.
    while (m_accounts->count() > accounts.size() + 1)
        delete m_accounts->takeItem(m_accounts->count() - 1);
    while (m_accounts->count() < accounts.size() + 1)
        new QListWidgetItem(m_accounts);
    int total = 0;
    for (const AccountCount &account : accounts)
        total += account.batches;
    const auto fill = [&](int row, const QString &name, const QString &text, int batches,
                          const QString &error) {
        QListWidgetItem *item = m_accounts->item(row);
        item->setData(Qt::UserRole, name);
        item->setText(QStringLiteral("%1  (%2)").arg(text, BatchFormat::count(batches)));
        item->setIcon(error.isEmpty() ? QIcon() : style()->standardIcon(QStyle::SP_MessageBoxWarning));
        item->setToolTip(PlainToolTip::of(error.isEmpty() ? tr("%1 batches").arg(BatchFormat::count(batches))
                                                          : tr("Last refresh failed: %1").arg(error)));
        QFont font = item->font();
        font.setBold(name == shown);
        item->setFont(font);
    };
    fill(0, QString(), tr("All accounts"), total, QString());
    for (int i = 0; i < accounts.size(); ++i)
        fill(i + 1, accounts.at(i).name, accounts.at(i).name, accounts.at(i).batches, accounts.at(i).error);
}

QListWidgetItem *StatusFilterPanel::itemFor(const QString &status)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(StatusRole).toString() == status)
            return m_list->item(i);
    }
    const bool wasUpdating = m_updating;
    m_updating = true;
    auto *item = new QListWidgetItem(m_list);
    item->setData(StatusRole, status);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Unchecked);
    updateItem(item, 0);
    m_updating = wasUpdating;
    return item;
}

void StatusFilterPanel::updateItem(QListWidgetItem *item, int count)
{
    const BatchStatus status = BatchStatus::fromString(item->data(StatusRole).toString());
    item->setText(
        QStringLiteral("%1  (%2)").arg(BatchFormat::statusLabel(status), BatchFormat::count(count)));
    item->setIcon(swatch(StatusColors::color(status, m_dark)));
    item->setToolTip(PlainToolTip::of(tr("%1 batches %2").arg(BatchFormat::count(count), status.toString())));
}

void StatusFilterPanel::setCounts(const QHash<QString, int> &counts)
{
    m_counts = counts;
    m_updating = true;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        itemFor(it.key());
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        updateItem(item, counts.value(item->data(StatusRole).toString()));
    }
    m_updating = false;
}

void StatusFilterPanel::setDarkPalette(bool dark)
{
    m_dark = dark;
    setCounts(m_counts);
}

QSize StatusFilterPanel::sizeHint() const
{
    // Box, swatch and spacing beside the text; no more, so the table and the pane keep the width.
    const int text = fontMetrics().horizontalAdvance(QStringLiteral("in progress (88,888)"));
    return {text + 56, QWidget::sizeHint().height()};
}

QSet<QString> StatusFilterPanel::checkedStatuses() const
{
    QSet<QString> statuses;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            statuses.insert(m_list->item(i)->data(StatusRole).toString());
    }
    return statuses;
}

void StatusFilterPanel::clearChecks()
{
    m_updating = true;
    for (int i = 0; i < m_list->count(); ++i)
        m_list->item(i)->setCheckState(Qt::Unchecked);
    m_updating = false;
    Q_EMIT statusesChanged({});
}

void StatusFilterPanel::onItemChanged(QListWidgetItem *item)
{
    if (m_updating)
        return;
    m_toggledByBox = item; // the click that did this, if any, is handled in this same turn of the loop
    QTimer::singleShot(0, this, [this] { m_toggledByBox = nullptr; });
    Q_EMIT statusesChanged(checkedStatuses());
}
