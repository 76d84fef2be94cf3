#include "app/widgets/batchdetailpane.h"
#include "models/plaintooltip.h"

#include "app/widgets/elidedlabel.h"
#include "app/widgets/filespanel.h"
#include "app/widgets/progresschart.h"
#include "core/batch/batch.h"
#include "core/export/batchformat.h"
#include "models/statuscolors.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {
QLabel *selectableLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

// A read-only table that never scrolls sideways: `stretch` takes what the others leave, which fit their
// contents up to `cap` characters; longer texts wrap (anywhere, for ids); every cell has its tool tip.
QTableWidget *makeTable(const QStringList &headers, int stretch, int cap, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(false);
    table->horizontalHeader()->setSectionResizeMode(stretch, QHeaderView::Stretch);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(true);
    table->setProperty("capChars", cap);
    return table;
}
} // namespace

BatchDetailPane::BatchDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_placeholder(new QLabel(tr("Select a batch to see everything the API says about it."), this))
    , m_tabs(new QTabWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_tabs);

    // Every tab in view, none behind scroll arrows: the tabs' width is the pane's least.
    m_tabs->setUsesScrollButtons(false);
    m_tabs->setElideMode(Qt::ElideNone);
    m_tabs->addTab(buildOverview(), tr("&Overview"));
    m_files = new FilesPanel(this);
    m_tabs->addTab(m_files, tr("F&iles")); // Alt+F is the File menu's
    m_errors = makeTable({tr("Code"), tr("Line"), tr("Message"), tr("Param")}, 2, 16, this);
    m_errors->setAccessibleName(tr("Batch errors"));
    m_noErrors = new QLabel(tr("No errors reported for this batch."), this);
    m_noErrors->setObjectName(QStringLiteral("errorsEmpty"));
    m_tabs->addTab(wrapWithEmptyText(m_errors, m_noErrors), tr("&Errors"));
    m_metadata = makeTable({tr("Key"), tr("Value")}, 1, 24, this);
    m_metadata->setAccessibleName(tr("Batch metadata"));
    m_metadata->setObjectName(QStringLiteral("metadataTable"));
    m_noMetadata = new QLabel(tr("No metadata on this batch."), this);
    m_noMetadata->setObjectName(QStringLiteral("metadataEmpty"));
    m_tabs->addTab(wrapWithEmptyText(m_metadata, m_noMetadata), tr("&Metadata"));
    m_tabs->addTab(buildJsonTab(), tr("&JSON"));
    m_tabs->setVisible(false);
    setMinimumWidth(300);
}

QWidget *BatchDetailPane::wrapWithEmptyText(QTableWidget *table, QLabel *empty)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    empty->setParent(page);
    empty->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    empty->setWordWrap(true);
    empty->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(empty);
    table->setParent(page);
    layout->addWidget(table, 1);
    return page;
}

QWidget *BatchDetailPane::buildOverview()
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // long values wrap or elide instead
    scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget(scroll);
    auto *layout = new QVBoxLayout(page);
    m_title = new ElidedLabel(page);
    // Bold, not bigger: a 38-character id then fits a pane of the default width whole.
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_status = new QLabel(page);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_endpoint = new ElidedLabel(page);
    m_model = new ElidedLabel(page);
    m_window = selectableLabel(page);
    m_inputFile = new ElidedLabel(page);
    m_requests = selectableLabel(page);
    m_providerDetails = selectableLabel(page);
    m_providerDetails->setTextFormat(Qt::PlainText); // the server's words, never markup
    m_providerDetails->setObjectName(QStringLiteral("providerDetails"));
    m_eta = selectableLabel(page);
    m_chart = new ProgressChart(page);
    m_usage = selectableLabel(page);
    for (QLabel *label : {m_requests, m_usage})
        label->setTextFormat(Qt::RichText);
    m_timeline = makeTable({tr("Event"), tr("When"), tr("Elapsed")}, 1, 20, page);
    m_timeline->horizontalHeaderItem(2)->setToolTip(tr("Time since the batch was created"));
    m_timeline->setAccessibleName(tr("Timeline"));
    m_timeline->setWordWrap(false);
    m_timeline->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_title);
    // What to do next with the batch: its results (and Retry there), or, when it failed validation, a new
    // one.
    auto *actions = new QHBoxLayout;
    m_resultsButton = new QPushButton(tr("Res&ults..."), page);
    m_resultsButton->setObjectName(QStringLiteral("resultsButton"));
    m_newBatchButton = new QPushButton(tr("&New batch..."), page);
    m_newBatchButton->setObjectName(QStringLiteral("newBatchButton"));
    connect(m_resultsButton, &QPushButton::clicked, this, &BatchDetailPane::resultsRequested);
    connect(m_newBatchButton, &QPushButton::clicked, this, &BatchDetailPane::newBatchRequested);
    actions->addWidget(m_resultsButton);
    actions->addWidget(m_newBatchButton);
    actions->addStretch(1);
    layout->addLayout(actions);
    m_validation = selectableLabel(page);
    m_validation->setTextFormat(Qt::PlainText);
    m_validation->setObjectName(QStringLiteral("validationNote"));
    layout->addWidget(m_validation);
    m_links = new QLabel(page);
    m_links->setObjectName(QStringLiteral("retryLinks"));
    m_links->setWordWrap(true);
    m_links->setTextFormat(Qt::RichText);
    m_links->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_links, &QLabel::linkActivated, this, &BatchDetailPane::batchLinkActivated);
    layout->addWidget(m_links);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Status:"), m_status);
    form->addRow(tr("Endpoint:"), m_endpoint);
    form->addRow(tr("Model:"), m_model);
    form->addRow(tr("Window:"), m_window);
    form->addRow(tr("Input file:"), m_inputFile);
    layout->addLayout(form);
    auto *timelineTitle = new QLabel(tr("<b>Timeline</b>"), page);
    layout->addWidget(timelineTitle);
    layout->addWidget(m_timeline);
    layout->addWidget(new QLabel(tr("<b>Requests</b>"), page));
    layout->addWidget(m_requests);
    m_providerDetailsTitle = new QLabel(tr("<b>Reported by the provider</b>"), page);
    layout->addWidget(m_providerDetailsTitle);
    layout->addWidget(m_providerDetails);
    layout->addWidget(m_eta);
    layout->addWidget(m_chart);
    layout->addWidget(new QLabel(tr("<b>Usage</b>"), page));
    layout->addWidget(m_usage);
    layout->addWidget(m_costTitle = new QLabel(tr("<b>Cost</b>"), page));
    m_cost = selectableLabel(page);
    m_cost->setObjectName(QStringLiteral("costLabel"));
    m_cost->setTextFormat(Qt::RichText);
    layout->addWidget(m_cost);
    layout->addStretch(1);
    scroll->setWidget(page);
    return scroll;
}

QWidget *BatchDetailPane::buildJsonTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_json = new QPlainTextEdit(page);
    m_json->setReadOnly(true);
    m_json->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setLineWrapMode(QPlainTextEdit::WidgetWidth); // the pane never scrolls sideways
    m_json->setAccessibleName(tr("Raw JSON"));
    auto *copy = new QPushButton(tr("Copy JSON"), page);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_json->toPlainText()); });
    layout->addWidget(m_json, 1);
    layout->addWidget(copy, 0, Qt::AlignRight);
    return page;
}

void BatchDetailPane::setClient(ApiClient *client)
{
    m_files->setClient(client);
}

void BatchDetailPane::clear()
{
    m_batchId.clear();
    m_tabs->setVisible(false);
    m_placeholder->setVisible(true);
}

void BatchDetailPane::setDarkPalette(bool dark)
{
    m_dark = dark;
}

void BatchDetailPane::setBatch(const Batch &batch)
{
    m_batchId = batch.id;
    m_placeholder->setVisible(false);
    m_tabs->setVisible(true);
    fillOverview(batch);
    fillTimeline(batch);
    fillNextSteps(batch);
    fillCost(batch);
    m_chart->setFinished(batch.status.isTerminal());
    m_files->setBatch(batch);

    QList<QStringList> errors;
    for (const BatchError &e : batch.errors)
        errors << QStringList{e.code, e.line ? QString::number(*e.line) : QString(), e.message, e.param};
    fillTable(m_errors, errors);
    m_tabs->setTabText(2,
                       batch.errors.isEmpty() ? tr("&Errors") : tr("&Errors (%1)").arg(batch.errors.size()));
    m_errors->setVisible(!batch.errors.isEmpty());
    m_noErrors->setVisible(batch.errors.isEmpty());

    QList<QStringList> metadata;
    for (auto it = batch.metadata.cbegin(); it != batch.metadata.cend(); ++it)
        metadata << QStringList{it.key(), it.value()};
    fillTable(m_metadata, metadata);
    m_tabs->setTabText(3, batch.metadata.isEmpty() ? tr("&Metadata")
                                                   : tr("&Metadata (%1)").arg(batch.metadata.size()));
    m_metadata->setVisible(!batch.metadata.isEmpty());
    m_noMetadata->setVisible(batch.metadata.isEmpty());

    const QString pretty =
        QString::fromUtf8(QJsonDocument(batch.rawObject()).toJson(QJsonDocument::Indented));
    if (pretty != m_json->toPlainText()) {
        // Replace the text but keep where the user was reading.
        const int vertical = m_json->verticalScrollBar()->value();
        const int horizontal = m_json->horizontalScrollBar()->value();
        m_json->setPlainText(pretty);
        m_json->verticalScrollBar()->setValue(vertical);
        m_json->horizontalScrollBar()->setValue(horizontal);
    }
}

void BatchDetailPane::fillOverview(const Batch &b)
{
    m_title->setFullText(b.id);
    const QColor color = StatusColors::color(b.status, m_dark);
    // The provider's own word beside ours where they differ ("ended", "BATCH_STATE_RUNNING", "COMPLETED").
    const bool ownWord = !b.rawStatus.isEmpty() && b.rawStatus != b.status.toString();
    const QString raw = ownWord ? tr(" (the provider says \"%1\")").arg(b.rawStatus.left(80)) : QString();
    m_status->setText(
        QStringLiteral("<span style='color:%1'>&#9679;</span> <b>%2</b>%3")
            .arg(color.name(), BatchFormat::statusLabel(b.status).toHtmlEscaped(), raw.toHtmlEscaped()));
    m_status->setAccessibleName(tr("Status: %1").arg(BatchFormat::statusLabel(b.status)) + raw);
    QStringList details;
    for (const auto &detail : b.providerDetails)
        details << detail.first + QStringLiteral(": ") + detail.second;
    m_providerDetails->setText(details.join(u'\n'));
    m_providerDetails->setVisible(!details.isEmpty());
    m_providerDetailsTitle->setVisible(!details.isEmpty());
    const QString none = tr("(none)");
    m_endpoint->setFullText(b.endpoint.isEmpty() ? none : b.endpoint);
    m_model->setFullText(b.model.isEmpty() ? tr("(not reported)") : b.model);
    m_window->setText(b.completionWindow.isEmpty() ? none : b.completionWindow);
    m_inputFile->setFullText(b.inputFileId.isEmpty() ? none : b.inputFileId);

    const RequestCounts &c = b.requestCounts;
    if (!c.present) {
        m_requests->setText(tr("No request counts reported."));
    } else if (c.total == 0) {
        m_requests->setText(b.status.value() == BatchStatus::Validating ? tr("Counted once validation ends.")
                                                                        : tr("No requests ran."));
    } else {
        const double share = 100.0 * double(BatchFormat::requestsDone(c)) / double(c.total);
        m_requests->setText(
            tr("%1 of %2 done (%3%)<br>%4 completed, %5 failed")
                .arg(BatchFormat::count(BatchFormat::requestsDone(c)), BatchFormat::count(c.total))
                .arg(share, 0, 'f', 1)
                .arg(BatchFormat::count(c.completed), BatchFormat::count(c.failed)));
    }
    if (!b.usage) {
        m_usage->setText(tr("Not reported (batches created before September 2025 carry no usage)."));
    } else {
        const BatchUsage &u = *b.usage;
        m_usage->setText(
            tr("Input: %1 tokens (cached %2)<br>Output: %3 tokens (reasoning %4)<br>Total: %5 tokens")
                .arg(BatchFormat::count(u.inputTokens), BatchFormat::count(u.cachedTokens),
                     BatchFormat::count(u.outputTokens), BatchFormat::count(u.reasoningTokens),
                     BatchFormat::count(u.totalTokens)));
    }
}

void BatchDetailPane::fillTimeline(const Batch &b)
{
    const std::pair<QString, std::optional<qint64>> events[] = {
        {tr("Created"), b.createdAt},       {tr("In progress"), b.inProgressAt},
        {tr("Finalizing"), b.finalizingAt}, {tr("Completed"), b.completedAt},
        {tr("Failed"), b.failedAt},         {tr("Expired"), b.expiredAt},
        {tr("Cancelling"), b.cancellingAt}, {tr("Cancelled"), b.cancelledAt},
        {tr("Window ends"), b.expiresAt}};
    QList<QStringList> rows;
    for (const auto &[name, when] : events) {
        if (!when)
            continue;
        const QString at =
            QDateTime::fromSecsSinceEpoch(*when).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        rows << QStringList{name, at,
                            name == tr("Created")
                                ? QString()
                                : QStringLiteral("+") + BatchFormat::duration(*when - b.createdAt)};
    }
    fillTable(m_timeline, rows);
    // As tall as its rows: the overview scrolls as one page, not a table inside a page.
    int height = m_timeline->horizontalHeader()->height() + 2 * m_timeline->frameWidth();
    for (int row = 0; row < m_timeline->rowCount(); ++row)
        height += m_timeline->rowHeight(row);
    m_timeline->setFixedHeight(height);
}

void BatchDetailPane::fillTable(QTableWidget *table, const QList<QStringList> &rows)
{
    // Same shape: change the texts in place so selection and scroll stay where they were.
    if (table->rowCount() != rows.size())
        table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        for (int column = 0; column < table->columnCount(); ++column) {
            const QString text = rows[row].value(column);
            QTableWidgetItem *item = table->item(row, column);
            if (!item) {
                item = new QTableWidgetItem(text);
                table->setItem(row, column, item);
            } else if (item->text() != text) {
                item->setText(text);
            }
            item->setToolTip(PlainToolTip::of(text));
        }
    }
    // As wide as their contents up to the cap; the stretching column takes the rest (see makeTable).
    QHeaderView *header = table->horizontalHeader();
    const int cap = table->property("capChars").toInt() * table->fontMetrics().averageCharWidth();
    for (int column = 0; column < table->columnCount(); ++column) {
        if (header->sectionResizeMode(column) == QHeaderView::Stretch)
            continue;
        header->setSectionResizeMode(column, QHeaderView::Interactive);
        table->setColumnWidth(column,
                              qMin(qMax(static_cast<QAbstractItemView *>(table)->sizeHintForColumn(column),
                                        header->sectionSizeHint(column)),
                                   cap));
    }
    table->resizeRowsToContents();
}

void BatchDetailPane::setProgress(const QList<ProgressSample> &samples, const QString &eta)
{
    m_eta->setText(eta.isEmpty() ? QString() : tr("Estimated time left: %1").arg(eta));
    m_eta->setVisible(!eta.isEmpty());
    m_chart->setSamples(samples);
}

QString BatchDetailPane::etaText() const
{
    return m_eta->text();
}

QString BatchDetailPane::rawJson() const
{
    return m_json->toPlainText();
}

QString BatchDetailPane::overviewText() const
{
    return QStringList{m_title->fullText(), m_endpoint->fullText(),  m_model->fullText(),
                       m_window->text(),    m_inputFile->fullText(), m_requests->text(),
                       m_usage->text(),     m_status->text(),        m_providerDetails->text()}
        .join(u'\n');
}
