#include "app/widgets/filterbar.h"

#include "app/widgets/queryedit.h"
#include "core/query/batchquery.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>

namespace {
enum Range { AnyTime, LastHour, Last24Hours, Last7Days, Last30Days, Custom };
constexpr int kDebounceMs = 300;
} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_search(new QueryEdit(this))
    , m_debounce(new QTimer(this))
    , m_range(new QComboBox(this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_search->setPlaceholderText(tr("Search or query: status:failed model:gpt-4o created>7d (Ctrl+F)"));
    m_search->setToolTip(tr("Words match ids, endpoint, model, files and metadata. Terms: field:a,b (equals "
                            "any), field~text (contains), field>N, >=, <, <= (numbers, dates, spans such as "
                            "7d), -term (not), \"quoted values\". Fields: %1")
                             .arg(BatchQuery::fieldNames().join(QStringLiteral(", "))));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search batches"));
    layout->addWidget(m_search, 1);

    auto *createdLabel = new QLabel(tr("&Created:"), this);
    createdLabel->setBuddy(m_range);
    layout->addWidget(createdLabel);
    m_range->addItems({tr("Any time"), tr("Last hour"), tr("Last 24 hours"), tr("Last 7 days"),
                       tr("Last 30 days"), tr("Between...")});
    m_range->setAccessibleName(tr("Created date range"));
    layout->addWidget(m_range);
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setVisible(false);
        layout->addWidget(edit);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &FilterBar::emitRange);
    }
    m_from->setAccessibleName(tr("Created on or after"));
    m_to->setAccessibleName(tr("Created before"));
    m_from->setDateTime(QDateTime::currentDateTime().addDays(-1));
    m_to->setDateTime(QDateTime::currentDateTime().addSecs(3600));

    // Typing filters once the user pauses, not on every keystroke of 100,000 rows.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    // Mistakes show as they are typed (a parse is cheap); the rows follow after the pause.
    connect(m_search, &QLineEdit::textChanged, this, &FilterBar::checkQuery);
    connect(m_debounce, &QTimer::timeout, this, [this] { Q_EMIT searchChanged(m_search->text()); });
    connect(m_range, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_from->setVisible(index == Custom);
        m_to->setVisible(index == Custom);
        emitRange();
    });
}

QLineEdit *FilterBar::searchField() const
{
    return m_search;
}

void FilterBar::setQuery(const QString &text)
{
    m_search->setText(text);
    m_debounce->stop();
    Q_EMIT searchChanged(text);
}

QString FilterBar::query() const
{
    return m_search->text();
}

void FilterBar::checkQuery()
{
    const QString text = m_search->text();
    m_search->setErrors(text.trimmed().isEmpty()
                            ? QList<QueryError>()
                            : BatchQuery::parse(text, QDateTime::currentSecsSinceEpoch()).errors());
}

void FilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void FilterBar::clear()
{
    // The field's own signals stay on: its clear button hides on textChanged. The debounce it starts is
    // stopped, since the empty search is announced below at once.
    const QSignalBlocker blockRange(m_range);
    m_search->clear();
    m_debounce->stop();
    m_range->setCurrentIndex(AnyTime);
    m_from->setVisible(false);
    m_to->setVisible(false);
    Q_EMIT searchChanged(QString());
    Q_EMIT rangeChanged(QDateTime(), QDateTime());
}

QDateTime FilterBar::createdAfter() const
{
    const QDateTime now = QDateTime::currentDateTime();
    switch (m_range->currentIndex()) {
    case LastHour:
        return now.addSecs(-3600);
    case Last24Hours:
        return now.addDays(-1);
    case Last7Days:
        return now.addDays(-7);
    case Last30Days:
        return now.addDays(-30);
    case Custom:
        return m_from->dateTime();
    default:
        return {};
    }
}

QDateTime FilterBar::createdBefore() const
{
    return m_range->currentIndex() == Custom ? m_to->dateTime() : QDateTime();
}

void FilterBar::emitRange()
{
    Q_EMIT rangeChanged(createdAfter(), createdBefore());
}
