#include "app/newbatch/newbatchdialog.h"
#include "app/newbatch/costestimate.h"

#include "app/newbatch/metadataeditor.h"
#include "app/newbatch/preflightjob.h"
#include "core/api/apiclient.h"
#include "core/export/batchformat.h"
#include "core/results/batchsubmit.h"
#include "core/session/accountsession.h"
#include "models/plaintooltip.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

NewBatchDialog::NewBatchDialog(const QList<AccountSession *> &sessions, AccountSession *preferred,
                               QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("New batch"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_account = new QComboBox(this);
    for (AccountSession *s : sessions) {
        m_sessions << s;
        const QString name = s->name().isEmpty() ? s->config().baseUrl.host() : s->name();
        m_account->addItem(tr("%1 (%2)").arg(name, Providers::displayName(s->provider())));
        if (s == preferred)
            m_account->setCurrentIndex(m_account->count() - 1);
    }
    connect(m_account, &QComboBox::currentIndexChanged, this, &NewBatchDialog::check);
    form->addRow(tr("&Account:"), m_account);
    auto *fileRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setPlaceholderText(tr("A JSONL file of requests"));
    m_path->setAccessibleName(tr("Input file"));
    connect(m_path, &QLineEdit::editingFinished, this, [this] {
        if (!m_job || m_job->path() != m_path->text())
            check();
    });
    auto *choose = new QPushButton(tr("&Choose..."), this);
    connect(choose, &QPushButton::clicked, this, &NewBatchDialog::chooseFile);
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(choose);
    // A row holding a layout gets no buddy of its own: the label names the path field for Alt+F.
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, fileRow);
    m_window = new QComboBox(this);
    m_window->addItem(QStringLiteral("24h"));
    m_window->setAccessibleName(tr("Completion window"));
    form->addRow(tr("Completion &window:"), m_window);
    layout->addLayout(form);

    auto *progressRow = new QHBoxLayout;
    m_progressText = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Progress"));
    m_cancel = new QPushButton(tr("Ca&ncel"), this);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job && !m_job->isFinished())
            m_job->cancel();
        if (m_submit && !m_submit->isFinished())
            m_submit->cancel();
    });
    progressRow->addWidget(m_progressText);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    layout->addLayout(progressRow);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_summary);
    m_reportTitle = new QLabel(this);
    layout->addWidget(m_reportTitle);
    m_report = new QTableWidget(0, 3, this);
    m_report->setHorizontalHeaderLabels({tr("Line"), tr("Problem"), tr("Details")});
    m_report->horizontalHeader()->setStretchLastSection(true);
    m_report->verticalHeader()->hide();
    m_report->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_report->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_report->setTabKeyNavigation(false);
    m_report->setAccessibleName(tr("Problems"));
    m_report->setColumnWidth(0, 70);
    m_report->setColumnWidth(1, 170);
    layout->addWidget(m_report, 2);
    layout->addWidget(new QLabel(tr("Metadata:"), this));
    m_metadata = new MetadataEditor(this);
    connect(m_metadata, &MetadataEditor::changed, this, &NewBatchDialog::updateSend);
    layout->addWidget(m_metadata, 1);
    m_outcome = new QLabel(this);
    m_outcome->setWordWrap(true);
    m_outcome->setTextFormat(Qt::PlainText);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_outcome);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_send = buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("sendButton"));
    // Not connected to accept(): Send starts the upload and the dialog stays to say how it went.
    connect(m_send, &QPushButton::clicked, this, &NewBatchDialog::send);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_progressText->setText(tr("Choose a file to check."));
    m_progress->hide();
    m_cancel->hide();
    m_report->hide();
    m_reportTitle->hide();
    resize(820, 640);
    updateSend();
}

NewBatchDialog::~NewBatchDialog()
{
    if (m_submit && !m_submit->isFinished())
        m_submit->cancel();
}

AccountSession *NewBatchDialog::account() const
{
    const int index = m_account->currentIndex();
    return index >= 0 && index < m_sessions.size() ? m_sessions[index].data() : nullptr;
}

bool NewBatchDialog::isChecking() const
{
    return m_job && !m_job->isFinished();
}

bool NewBatchDialog::isSending() const
{
    return m_submit && !m_submit->isFinished();
}

void NewBatchDialog::chooseFile()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Choose a JSONL file of requests"), m_path->text(),
                                     tr("JSON Lines (*.jsonl *.json);;All files (*)"));
    if (!path.isEmpty())
        setFile(path);
}

void NewBatchDialog::setFile(const QString &path)
{
    m_path->setText(path);
    check();
}

void NewBatchDialog::check()
{
    delete m_job; // cancels and waits for a check under way
    m_job = nullptr;
    m_checkedOk = false;
    m_createdId.clear();
    m_mayHaveCreated = false;
    m_report->setRowCount(0);
    m_report->hide();
    m_reportTitle->hide();
    m_summary->clear();
    AccountSession *owner = account();
    if (m_path->text().isEmpty() || !owner) {
        m_progressText->setText(owner ? tr("Choose a file to check.") : tr("No account to send to."));
        updateSend();
        return;
    }
    m_window->setEnabled(owner->provider() != Provider::Anthropic); // Anthropic's window is fixed
    m_job = new PreflightJob(m_path->text(), owner->provider(), this);
    connect(m_job, &PreflightJob::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(qBound(qint64(0), done * 1000 / total, qint64(1000))) : 0);
    });
    connect(m_job, &PreflightJob::finished, this, &NewBatchDialog::onChecked);
    m_progressText->setText(tr("Checking..."));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    m_outcome->clear();
    updateSend();
    m_job->start();
}

void NewBatchDialog::onChecked()
{
    const PreflightReport &report = m_job->report();
    m_progress->hide();
    m_cancel->hide();
    if (report.cancelled) {
        m_progressText->setText(tr("Check cancelled: nothing can be sent before the file is checked."));
        updateSend();
        return;
    }
    m_checkedOk = report.ok();
    m_checkedEndpoint = report.endpoint;
    m_checkedModel = report.model;
    m_progressText->setText(report.ok()                ? tr("The file passed the check.")
                            : report.problemCount == 1 ? tr("1 problem: fix the file, then check it again.")
                                                       : tr("%1 problems: fix the file, then check it again.")
                                                             .arg(BatchFormat::count(report.problemCount)));
    QStringList summary{report.lines == 1 ? tr("1 request")
                                          : tr("%1 requests").arg(BatchFormat::count(report.lines)),
                        tr("%1 bytes").arg(BatchFormat::count(report.bytes))};
    if (!report.model.isEmpty())
        summary << tr("model %1").arg(report.model);
    if (!report.endpoint.isEmpty())
        summary << tr("endpoint %1").arg(report.endpoint);
    summary << tr("about %1 input tokens (an estimate)").arg(BatchFormat::count(report.estimatedInputTokens));
    const QString estimate =
        CostEstimate::text(report.estimatedInputTokens, report.model,
                           account() ? account()->provider() : Provider::OpenAI, m_prices);
    m_summary->setText(summary.join(QStringLiteral(" · ")) +
                       (estimate.isEmpty() ? QString() : QStringLiteral("\n") + estimate));
    m_report->setRowCount(int(report.problems.size()));
    for (int row = 0; row < report.problems.size(); ++row) {
        const PreflightProblem &p = report.problems[row];
        const QString cells[] = {p.line > 0 ? QString::number(p.line) : tr("file"),
                                 Preflight::describe(p.kind), p.message};
        for (int column = 0; column < 3; ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            item->setToolTip(PlainToolTip::of(cells[column]));
            m_report->setItem(row, column, item);
        }
    }
    const bool problems = report.problemCount > 0;
    m_reportTitle->setText(report.problemCount > report.problems.size()
                               ? tr("Problems (the first %1 of %2):")
                                     .arg(report.problems.size())
                                     .arg(BatchFormat::count(report.problemCount))
                               : tr("Problems:"));
    m_report->setVisible(problems);
    m_reportTitle->setVisible(problems);
    updateSend();
}

QString NewBatchDialog::summaryText() const
{
    return m_progressText->text() + u'\n' + m_summary->text();
}

QString NewBatchDialog::outcomeText() const
{
    return m_outcome->text();
}

QString NewBatchDialog::blockedReason() const
{
    if (!account())
        return tr("No account to send to.");
    if (isSending())
        return tr("Sending...");
    if (m_path->text().isEmpty())
        return tr("Choose a file first.");
    if (isChecking())
        return tr("The file is being checked.");
    if (!m_createdId.isEmpty())
        return tr("Sent as %1; choose another file for another batch.").arg(m_createdId);
    if (m_mayHaveCreated)
        return tr("The batch may have been created: refresh the main window and check before sending again.");
    if (!m_job || !m_checkedOk)
        return tr("The file has problems, or was not checked: nothing is sent while a problem stands.");
    if (m_checkedModel.isEmpty() && account() && account()->provider() == Provider::Gemini)
        return tr("A Gemini batch needs the model that runs it: name it in the lines (request.model).");
    return m_metadata->problem();
}

void NewBatchDialog::updateSend()
{
    const QString why = blockedReason();
    m_send->setEnabled(why.isEmpty());
    // A metadata problem is the user's to fix here: said in the dialog, not only in the tool tip.
    const QString metadataProblem = m_metadata->problem();
    if (!metadataProblem.isEmpty())
        m_outcome->setText(metadataProblem);
    else if (!m_metadataShown.isEmpty() && m_outcome->text() == m_metadataShown)
        m_outcome->clear(); // fixed; a send's outcome stays
    m_metadataShown = metadataProblem;
    m_send->setToolTip(why.isEmpty() ? tr("Uploads the file and creates the batch.") : why);
}

void NewBatchDialog::send()
{
    updateSend();
    if (!m_send->isEnabled())
        return;
    AccountSession *owner = account();
    SubmitSpec spec;
    spec.path = m_job->path();
    spec.endpoint = m_checkedEndpoint;
    spec.model = m_checkedModel; // Gemini names the model in the create
    spec.completionWindow = m_window->currentText();
    spec.metadata = m_metadata->metadata();
    m_submit = new BatchSubmit(owner->client(), spec, this);
    connect(
        m_submit, &BatchSubmit::progress, this, [this](BatchSubmit::Phase phase, qint64 done, qint64 total) {
            if (phase == BatchSubmit::Phase::Creating) {
                m_progressText->setText(tr("Creating the batch..."));
                m_progress->setRange(0, 0);
                return;
            }
            m_progressText->setText(tr("Uploading..."));
            m_progress->setRange(0, 1000);
            m_progress->setValue(total > 0 ? int(qBound(qint64(0), done * 1000 / total, qint64(1000))) : 0);
        });
    connect(m_submit, &BatchSubmit::finished, this, &NewBatchDialog::onSubmitted);
    m_progressText->setText(tr("Uploading..."));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    m_account->setEnabled(false);
    m_submit->start();
    updateSend();
}

void NewBatchDialog::onSubmitted()
{
    m_progress->hide();
    m_cancel->hide();
    m_account->setEnabled(true);
    AccountSession *owner = account();
    if (const std::optional<Batch> &batch = m_submit->batch()) {
        m_createdId = batch->id;
        if (owner)
            owner->updateBatch(*batch); // in the table at once
        m_progressText->setText(tr("Created %1.").arg(batch->id));
        m_outcome->setText(tr("Created %1. It is selected in the main window.").arg(batch->id));
        Q_EMIT created(owner, *batch);
    } else {
        const ApiError &error = m_submit->error();
        QString text;
        if (m_submit->mayHaveCreated()) {
            // The create was sent and its answer proves nothing: a second Send could make it twice.
            m_mayHaveCreated = true;
            m_progressText->setText(tr("May have been created."));
            text = tr("The batch may have been created: refresh before sending again (%1).")
                       .arg(error.toString());
        } else {
            m_progressText->setText(error.kind == ApiError::Cancelled ? tr("Cancelled; nothing was created.")
                                                                      : tr("Not created."));
            text = error.kind == ApiError::Cancelled ? QString() : error.toString();
        }
        if (!m_submit->fileId().isEmpty() && error.kind != ApiError::Cancelled)
            text += u' ' + tr("The file was uploaded as %1.").arg(m_submit->fileId());
        m_outcome->setText(text);
    }
    m_submit->deleteLater();
    updateSend();
}
