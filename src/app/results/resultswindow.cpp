#include "app/results/resultswindow.h"

#include "app/results/errorgroupslist.h"
#include "app/results/requestview.h"
#include "app/results/resultsretry.h"
#include "core/export/batchformat.h"
#include "core/results/resultscheck.h"
#include "core/results/resultsfetch.h"
#include "core/session/accountsession.h"
#include "models/resultsproxy.h"
#include "models/resultstablemodel.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcResults, "batchwatch.results")

namespace {
bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace

ResultsWindow::ResultsWindow(AccountSession *owner, const Batch &batch, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_owner(owner)
    , m_batch(batch)
    , m_model(new ResultsTableModel(this))
    , m_proxy(new ResultsProxy(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(QStringLiteral("resultsWindow"));
    setWindowTitle(tr("Results of %1").arg(batch.id));
    m_proxy->setSourceModel(m_model);
    buildLayout();
    buildMenus();
    m_model->setDarkPalette(isDark(palette()));
    updateStatus();
    // Room for the table and the side-by-side view, within the screen (1024x640 is the smallest we support).
    const QSize screen = this->screen() ? this->screen()->availableGeometry().size() : QSize(1280, 800);
    resize(qMin(1280, screen.width() * 9 / 10), qMin(820, screen.height() * 9 / 10));
}

ResultsWindow::~ResultsWindow()
{
    if (m_retry)
        m_retry->cancel();
    if (m_fetch && !m_fetch->isFinished())
        m_fetch->cancel();
}

void ResultsWindow::buildLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    const QString account =
        m_owner && !m_owner->name().isEmpty() ? m_owner->name() + QStringLiteral(" · ") : QString();
    m_title->setText(account + m_batch.id + QStringLiteral(" · ") + BatchFormat::statusLabel(m_batch.status) +
                     (m_batch.model.isEmpty() ? QString() : QStringLiteral(" · ") + m_batch.model));
    layout->addWidget(m_title);

    // Expired files, a failed fetch, a batch that failed validation: said plainly, above everything.
    auto *bannerRow = new QWidget(this);
    bannerRow->setObjectName(QStringLiteral("resultsBanner"));
    bannerRow->setStyleSheet(QStringLiteral("#resultsBanner { background: rgba(213, 94, 0, 0.12); "
                                            "border: 1px solid #d55e00; border-radius: 4px; }"));
    auto *bannerLayout = new QHBoxLayout(bannerRow);
    m_banner = new QLabel(bannerRow);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_reload = new QPushButton(tr("&Load again"), bannerRow);
    m_newBatch = new QPushButton(tr("&New batch..."), bannerRow);
    connect(m_reload, &QPushButton::clicked, this, &ResultsWindow::start);
    connect(m_newBatch, &QPushButton::clicked, this, &ResultsWindow::newBatchRequested);
    bannerLayout->addWidget(m_banner, 1);
    bannerLayout->addWidget(m_reload);
    bannerLayout->addWidget(m_newBatch);
    bannerRow->hide();
    layout->addWidget(bannerRow);

    m_progressRow = new QWidget(this);
    auto *progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    m_progressText = new QLabel(m_progressRow);
    m_progress = new QProgressBar(m_progressRow);
    m_progress->setAccessibleName(tr("Loading results"));
    m_cancel = new QPushButton(tr("Cancel"), m_progressRow);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_fetch)
            m_fetch->cancel();
    });
    progressLayout->addWidget(m_progressText);
    progressLayout->addWidget(m_progress, 1);
    progressLayout->addWidget(m_cancel);
    m_progressRow->hide();
    layout->addWidget(m_progressRow);

    layout->addWidget(buildToolbar());

    m_groups = new ErrorGroupsList(this);
    m_groups->setMinimumWidth(180);
    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setAccessibleName(tr("Requests"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setTabKeyNavigation(false); // Tab leaves the table, arrows move in it
    m_table->verticalHeader()->hide();
    // Fixed row heights: 50,000 rows are laid out without measuring each.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    const int ch = m_table->fontMetrics().averageCharWidth();
    // Narrow enough that the answer shows at 1400 pixels; every column can be widened, the answer stretches.
    const std::pair<int, int> widths[] = {{ResultsColumns::Line, 6},        {ResultsColumns::CustomId, 15},
                                          {ResultsColumns::Outcome, 18},    {ResultsColumns::ErrorCode, 16},
                                          {ResultsColumns::Message, 30},    {ResultsColumns::InputTokens, 7},
                                          {ResultsColumns::OutputTokens, 7}};
    for (const auto &[column, chars] : widths)
        m_table->setColumnWidth(column, qMax(chars * ch + 16, header->sectionSizeHint(column)));
    m_table->sortByColumn(ResultsColumns::Outcome, Qt::AscendingOrder); // failures first
    m_request = new RequestView(this);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_table);
    right->addWidget(m_request);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setChildrenCollapsible(false);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_groups);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({230, 1000});
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);

    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Results summary"));
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);
    // Lines that did not read: shown, never hidden.
    m_warnings = new QPlainTextEdit(this);
    m_warnings->setReadOnly(true);
    m_warnings->setAccessibleName(tr("Warnings"));
    m_warnings->setMaximumHeight(m_warnings->fontMetrics().height() * 4 + 10);
    m_warnings->setTabChangesFocus(true);
    m_warnings->hide();
    layout->addWidget(m_warnings);

    connect(m_groups, &ErrorGroupsList::groupChosen, m_proxy, &ResultsProxy::setGroup);
    connect(m_groups, &ErrorGroupsList::groupChosen, this, &ResultsWindow::updateRetryMenu);
    connect(m_proxy, &ResultsProxy::filterChanged, this, &ResultsWindow::updateStatus);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ResultsWindow::onCurrentRowChanged);

    setTabOrder(m_search, m_outcomes);
    setTabOrder(m_outcomes, m_exportButton);
    setTabOrder(m_exportButton, m_retryButton);
    setTabOrder(m_retryButton, m_groups);
    setTabOrder(m_groups, m_table);
    setTabOrder(m_table, m_request->inputEdit());
    setTabOrder(m_request->inputEdit(), m_request->resultEdit());

    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, &QWidget::close);
    auto *closeKey = new QShortcut(QKeySequence::Close, this);
    connect(closeKey, &QShortcut::activated, this, &QWidget::close);
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
}

QWidget *ResultsWindow::buildToolbar()
{
    auto *bar = new QWidget(this);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(bar);
    m_search->setPlaceholderText(tr("Search custom IDs, errors and answers (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search requests"));
    m_searchDebounce = new QTimer(this);
    m_searchDebounce->setSingleShot(true);
    m_searchDebounce->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchDebounce, qOverload<>(&QTimer::start));
    connect(m_searchDebounce, &QTimer::timeout, this, [this] { m_proxy->setSearchText(m_search->text()); });
    m_outcomes = new QComboBox(bar);
    m_outcomes->setAccessibleName(tr("Outcome"));
    m_outcomes->addItem(tr("All outcomes"));
    m_outcomes->addItem(tr("Failed"));
    m_outcomes->addItem(tr("Not run"));
    m_outcomes->addItem(tr("Failed or not run"));
    m_outcomes->addItem(tr("Ok"));
    connect(m_outcomes, &QComboBox::currentIndexChanged, this, &ResultsWindow::applyOutcomeChoice);
    m_exportButton = new QToolButton(bar);
    m_exportButton->setText(tr("&Export"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    m_retryButton = new QToolButton(bar);
    m_retryButton->setText(tr("&Retry"));
    m_retryButton->setPopupMode(QToolButton::InstantPopup);
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    layout->addWidget(m_search, 1);
    layout->addWidget(m_outcomes);
    layout->addWidget(m_exportButton);
    layout->addWidget(m_retryButton);
    return bar;
}

void ResultsWindow::applyOutcomeChoice(int index)
{
    static const int masks[] = {ResultsFilter::AllOutcomes, ResultsFilter::Failed, ResultsFilter::NotRun,
                                ResultsFilter::Failed | ResultsFilter::NotRun, ResultsFilter::Ok};
    m_proxy->setOutcomes(masks[qBound(0, index, 4)]);
}

AccountSession *ResultsWindow::owner() const
{
    return m_owner;
}

ResultsRetry *ResultsWindow::retryFlow() const
{
    return m_retry;
}

bool ResultsWindow::isLoading() const
{
    return m_fetch && !m_fetch->isFinished();
}

void ResultsWindow::showResults(std::shared_ptr<const ResultSet> results)
{
    m_proxy->setGroup(ResultsFilter::kAnyGroup); // the groups of another read are other groups
    m_model->setResults(results);
    m_groups->setResults(results.get());
    const ResultSet *set = m_model->results();
    // What makes the read doubtful: lines that did not read, rows that disagree with the batch's counts.
    m_doubts = set ? set->warnings + ResultsCheck::disagreements(*set, m_batch) : QStringList();
    m_warnings->setPlainText(m_doubts.join(u'\n'));
    m_warnings->setVisible(!m_doubts.isEmpty());
    if (failedValidation()) {
        QStringList lines;
        for (const BatchError &e : m_batch.errors) {
            lines << (e.line ? tr("line %1: %2").arg(*e.line).arg(e.message) : e.message);
            if (lines.size() == 20)
                break;
        }
        showBanner(
            tr("This batch failed validation: nothing ran, so there is nothing to retry. Fix the input "
               "and start a new batch.") +
                (lines.isEmpty() ? QString() : u'\n' + lines.join(u'\n')),
            false);
    }
    if (m_proxy->rowCount() > 0) {
        m_table->setCurrentIndex(m_proxy->index(0, 0));
        m_table->selectRow(0);
    }
    updateStatus();
    updateRetryMenu();
    if (m_clock.isValid()) {
        // Shown: once the table has painted its first screen.
        QTimer::singleShot(0, this, [this] {
            if (m_openMs < 0)
                m_openMs = m_clock.elapsed();
            qCDebug(lcResults, "%s: %lld requests; downloaded in %lld ms, shown %lld ms after the start",
                    qPrintable(m_batch.id), qint64(m_model->rowCount()), m_downloadMs, m_openMs);
            updateStatus();
        });
    }
}

void ResultsWindow::onCurrentRowChanged()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    if (!current.isValid() || !m_model->results()) {
        m_request->clear();
        return;
    }
    m_request->setRow(*m_model->results(), m_model->rowAt(current.row()));
}

bool ResultsWindow::failedValidation() const
{
    return m_batch.status.value() == BatchStatus::Failed;
}

QString ResultsWindow::warningsText() const
{
    return m_warnings->toPlainText();
}

QString ResultsWindow::statusText() const
{
    return m_status->text();
}

void ResultsWindow::updateStatus()
{
    if (!m_model->results()) {
        m_status->setText(isLoading() ? tr("Loading results...") : tr("No results loaded."));
        return;
    }
    const ResultSet &set = *m_model->results();
    QString text =
        tr("%1 ok, %2 failed, %3 not run")
            .arg(BatchFormat::count(set.ok), BatchFormat::count(set.failed), BatchFormat::count(set.notRun));
    if (m_proxy->rowCount() != m_model->rowCount())
        text += tr(" · showing %1 of %2")
                    .arg(BatchFormat::count(m_proxy->rowCount()), BatchFormat::count(m_model->rowCount()));
    if (!m_doubts.isEmpty())
        text += m_doubts.size() == 1
                    ? tr(" · 1 warning, listed below")
                    : tr(" · %1 warnings, listed below").arg(BatchFormat::count(m_doubts.size()));
    if (m_openMs >= 0)
        text += tr(" · opened in %1 s").arg(double(m_openMs) / 1000.0, 0, 'f', 1);
    m_status->setText(text);
}

void ResultsWindow::closeEvent(QCloseEvent *event)
{
    // Closing cancels: nothing downloads for a window no one sees.
    if (m_fetch && !m_fetch->isFinished())
        m_fetch->cancel();
    if (m_retry)
        m_retry->cancel();
    QWidget::closeEvent(event);
}

void ResultsWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_model->setDarkPalette(isDark(palette()));
    QWidget::changeEvent(event);
}

void ResultsWindow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // After the layout has given the table its new width.
    QTimer::singleShot(0, this, &ResultsWindow::fitTextColumns);
}

void ResultsWindow::fitTextColumns()
{
    const int ch = m_table->fontMetrics().averageCharWidth();
    int others = 0;
    for (int column = 0; column < ResultsColumns::Count; ++column) {
        if (column != ResultsColumns::Message && column != ResultsColumns::Answer &&
            !m_table->isColumnHidden(column))
            others += m_table->columnWidth(column);
    }
    const int spare = m_table->viewport()->width() - others;
    m_table->setColumnWidth(ResultsColumns::Message, qMax(30 * ch + 16, spare / 2));
}
