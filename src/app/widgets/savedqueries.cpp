#include "app/widgets/savedqueries.h"

#include "models/plaintooltip.h"

#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace {
const QString kKey = QStringLiteral("queries/saved");
} // namespace

SavedQueriesPanel::SavedQueriesPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_save(new QPushButton(tr("&Save query..."), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("Saved queries"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    title->setBuddy(m_list);
    layout->addWidget(title);
    layout->addWidget(m_list);
    layout->addWidget(m_save);
    m_list->setObjectName(QStringLiteral("savedQueries"));
    m_list->setAccessibleName(tr("Saved queries"));
    m_list->setAccessibleDescription(tr("Choose one to search with it; Delete removes it"));
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->installEventFilter(this);
    // Long names are elided (the tooltip has the query), never scrolled: a scroll bar would cover a row.
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideRight);
    m_save->setToolTip(tr("Keep the search box's query under a name, to apply it again with one click"));
    m_save->setEnabled(false);
    // As tall as its rows: the statuses above take the side bar's height.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    connect(m_save, &QPushButton::clicked, this, &SavedQueriesPanel::askAndSave);
    const auto apply = [this](QListWidgetItem *item) {
        const int row = m_list->row(item);
        if (row >= 0 && row < m_saved.size())
            Q_EMIT queryChosen(m_saved.at(row).query);
    };
    connect(m_list, &QListWidget::itemClicked, this, apply);
    connect(m_list, &QListWidget::itemActivated, this, apply);
    connect(m_list, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const int row = m_list->row(m_list->itemAt(pos));
        if (row < 0)
            return;
        QMenu menu(this);
        menu.addAction(tr("Apply"), this, [this, row] { Q_EMIT queryChosen(m_saved.value(row).query); });
        menu.addAction(tr("Remove"), this, [this, row] { remove(row); });
        menu.exec(m_list->viewport()->mapToGlobal(pos));
    });

    QSettings settings;
    const QVariantList stored = settings.value(kKey).toList();
    for (const QVariant &entry : stored) {
        const QVariantMap map = entry.toMap();
        const Saved saved{map.value(QStringLiteral("name")).toString().left(200),
                          map.value(QStringLiteral("query")).toString()};
        if (!saved.name.isEmpty() && !saved.query.isEmpty() && m_saved.size() < kMaxSaved)
            m_saved << saved;
    }
    fill();
}

void SavedQueriesPanel::setCurrentQuery(const QString &query)
{
    m_current = query.trimmed();
    m_save->setEnabled(!m_current.isEmpty());
}

void SavedQueriesPanel::askAndSave()
{
    if (m_current.isEmpty())
        return;
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Save query"), tr("Name of the query \"%1\":").arg(m_current),
                              QLineEdit::Normal, m_current.left(40), &ok);
    if (ok && !name.trimmed().isEmpty())
        save(name.trimmed(), m_current);
}

void SavedQueriesPanel::save(const QString &name, const QString &query)
{
    if (name.isEmpty() || query.trimmed().isEmpty())
        return;
    const auto same =
        std::find_if(m_saved.begin(), m_saved.end(), [&](const Saved &s) { return s.name == name; });
    if (same != m_saved.end())
        same->query = query;
    else if (m_saved.size() < kMaxSaved)
        m_saved << Saved{name, query};
    else
        return;
    store();
    fill();
}

void SavedQueriesPanel::remove(int row)
{
    if (row < 0 || row >= m_saved.size())
        return;
    m_saved.removeAt(row);
    store();
    fill();
    m_list->setCurrentRow(qMin(row, int(m_saved.size()) - 1));
}

bool SavedQueriesPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Delete || key == Qt::Key_Backspace) && m_list->currentRow() >= 0) {
            remove(m_list->currentRow());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SavedQueriesPanel::fill()
{
    m_list->clear();
    for (const Saved &saved : std::as_const(m_saved)) {
        auto *item = new QListWidgetItem(saved.name, m_list);
        item->setToolTip(PlainToolTip::of(saved.name + QStringLiteral(": ") + saved.query));
    }
    // An empty list takes no room from the statuses above it.
    // Exactly as tall as its rows (up to six), so the statuses above cannot squeeze it to one.
    m_list->setFixedHeight(m_saved.isEmpty()
                               ? m_list->fontMetrics().height() * 2
                               : m_list->sizeHintForRow(0) * int(qMin<qsizetype>(m_saved.size(), 6)) +
                                     2 * m_list->frameWidth() + 4);
}

void SavedQueriesPanel::store() const
{
    QVariantList stored;
    for (const Saved &saved : m_saved)
        stored << QVariantMap{{QStringLiteral("name"), saved.name}, {QStringLiteral("query"), saved.query}};
    QSettings().setValue(kKey, stored);
}
