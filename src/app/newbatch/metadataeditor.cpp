#include "app/newbatch/metadataeditor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

MetadataEditor::MetadataEditor(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 2, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setAccessibleName(tr("Metadata"));
    m_table->setTabKeyNavigation(false);
    m_table->setColumnWidth(0, 180);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("&Add pair"), this);
    auto *remove = new QPushButton(tr("Re&move pair"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        addRow();
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0)
            m_table->removeRow(row);
    });
    connect(m_table, &QTableWidget::itemChanged, this, &MetadataEditor::changed);
    connect(m_table->model(), &QAbstractItemModel::rowsRemoved, this, &MetadataEditor::changed);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
}

void MetadataEditor::addRow(const QString &key, const QString &value)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(key));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
    Q_EMIT changed();
}

QMap<QString, QString> MetadataEditor::metadata() const
{
    QMap<QString, QString> pairs;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString key = m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const QString value = m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString();
        if (!key.isEmpty() || !value.isEmpty())
            pairs.insert(key, value);
    }
    return pairs;
}

QString MetadataEditor::problem() const
{
    QSet<QString> keys;
    int pairs = 0;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString key = m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const QString value = m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString();
        if (key.isEmpty() && value.isEmpty())
            continue;
        ++pairs;
        if (key.isEmpty())
            return tr("Metadata row %1 has a value but no key.").arg(row + 1);
        if (key.size() > kMaxKey)
            return tr("Metadata key \"%1\" is longer than %2 characters.").arg(key.left(20)).arg(kMaxKey);
        if (value.size() > kMaxValue)
            return tr("The value of \"%1\" is longer than %2 characters.").arg(key.left(20)).arg(kMaxValue);
        if (keys.contains(key))
            return tr("Metadata key \"%1\" is there twice.").arg(key.left(20));
        keys.insert(key);
    }
    if (pairs > kMaxPairs)
        return tr("At most %1 metadata pairs; there are %2.").arg(kMaxPairs).arg(pairs);
    return QString();
}

QString MetadataEditor::problemOf(const QMap<QString, QString> &pairs)
{
    if (pairs.size() > kMaxPairs)
        return tr("At most %1 metadata pairs; there would be %2.").arg(kMaxPairs).arg(pairs.size());
    for (auto it = pairs.cbegin(); it != pairs.cend(); ++it) {
        if (it.key().isEmpty())
            return tr("A metadata pair has no key.");
        if (it.key().size() > kMaxKey)
            return tr("Metadata key \"%1\" is longer than %2 characters.")
                .arg(it.key().left(20))
                .arg(kMaxKey);
        if (it.value().size() > kMaxValue)
            return tr("The value of \"%1\" is longer than %2 characters.")
                .arg(it.key().left(20))
                .arg(kMaxValue);
    }
    return QString();
}
