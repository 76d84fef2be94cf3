#include "app/results/resultsretry.h"

#include "app/newbatch/costestimate.h"
#include "app/newbatch/metadataeditor.h"
#include "core/export/batchformat.h"
#include "core/session/accountsession.h"

#include <QDir>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QTemporaryFile>

ResultsRetry::ResultsRetry(QWidget *window, AccountSession *owner, const Batch &batch,
                           std::shared_ptr<const ResultSet> results, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_owner(owner)
    , m_batch(batch)
    , m_results(std::move(results))
{
}

ResultsRetry::~ResultsRetry()
{
    if (m_submit && !m_submit->isFinished())
        m_submit->cancel();
    delete m_confirm;
    delete m_progress;
}

SubmitSpec ResultsRetry::specFor(const Batch &batch, const QString &path)
{
    SubmitSpec spec;
    spec.path = path;
    spec.endpoint = batch.endpoint;
    if (!batch.completionWindow.isEmpty())
        spec.completionWindow = batch.completionWindow;
    spec.model = batch.model; // Gemini names the model in the create; the others ignore it
    spec.metadata = batch.metadata;
    spec.metadata.insert(QString::fromLatin1(RetryLines::kRetryOfKey), batch.id);
    return spec;
}

bool ResultsRetry::start(const RetryLines::Selection &selection)
{
    Q_ASSERT(m_results);
    m_file =
        std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/batchwatch-retry-XXXXXX.jsonl"));
    QString error;
    if (!m_file->open()) {
        Q_EMIT message(tr("Could not write the lines to retry: %1").arg(m_file->errorString()));
        return false;
    }
    const std::optional<RetryLines::Written> written =
        RetryLines::write(*m_results, selection, m_file.get(), &error);
    if (!written) {
        Q_EMIT message(tr("Could not write the lines to retry: %1").arg(error));
        return false;
    }
    m_written = *written;
    m_file->close();
    if (m_written.lines == 0) {
        Q_EMIT message(tr("Nothing to retry: no request of this kind."));
        return false;
    }
    // The API refuses more than 16 metadata pairs (and long keys or values): said here, before anything is
    // uploaded, rather than learnt from the create after the upload.
    const QString metadataProblem = MetadataEditor::problemOf(specFor(m_batch, QString()).metadata);
    if (!metadataProblem.isEmpty()) {
        m_confirm =
            new QMessageBox(QMessageBox::Warning, tr("Retry requests"),
                            tr("The retry of %1 requests of %2 cannot be sent as it is: %3")
                                .arg(BatchFormat::count(m_written.lines), m_batch.id, metadataProblem),
                            QMessageBox::Close, m_window);
        m_confirm->setInformativeText(
            tr("The new batch would carry this batch's metadata plus %1. Nothing was sent. Export the rows "
               "or "
               "use \"batchwatch retry --dry-run\", then New batch with fewer metadata pairs.")
                .arg(QString::fromLatin1(RetryLines::kRetryOfKey)));
        m_confirm->setWindowModality(Qt::WindowModal);
        m_confirm->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_confirm, &QMessageBox::finished, this, &ResultsRetry::finished);
        m_confirm->open();
        return true;
    }
    m_confirm = new QMessageBox(QMessageBox::Question, tr("Retry requests"),
                                tr("Send %1 requests of %2 again as a new batch?")
                                    .arg(BatchFormat::count(m_written.lines), m_batch.id),
                                QMessageBox::NoButton, m_window);
    const QString estimate = CostEstimate::text(m_written.estimatedInputTokens, m_batch.model,
                                                m_owner ? m_owner->provider() : Provider::OpenAI, m_prices);
    m_confirm->setInformativeText(
        tr("%1 lines (%2 bytes), about %3 input tokens (an estimate). The new "
           "batch has the same endpoint and "
           "completion window, and its metadata names this batch (%4).")
            .arg(BatchFormat::count(m_written.lines), BatchFormat::count(m_written.bytes),
                 BatchFormat::count(m_written.estimatedInputTokens),
                 QString::fromLatin1(RetryLines::kRetryOfKey)) +
        (estimate.isEmpty() ? QString() : QStringLiteral("\n\n") + estimate + u'.'));
    QPushButton *sendButton = m_confirm->addButton(tr("Send"), QMessageBox::AcceptRole);
    m_confirm->addButton(QMessageBox::Cancel);
    m_confirm->setDefaultButton(QMessageBox::Cancel);
    m_confirm->setWindowModality(Qt::WindowModal);
    m_confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirm, &QMessageBox::finished, this, [this, sendButton] {
        if (m_confirm && m_confirm->clickedButton() == sendButton)
            send();
        else
            Q_EMIT finished();
    });
    m_confirm->open();
    return true;
}

void ResultsRetry::send()
{
    if (!m_owner || !m_owner->client()) {
        Q_EMIT message(tr("Not sent: the account of %1 is gone.").arg(m_batch.id));
        Q_EMIT finished();
        return;
    }
    m_submit = new BatchSubmit(m_owner->client(), specFor(m_batch, m_file->fileName()), this);
    m_progress = new QProgressDialog(tr("Uploading %1 requests...").arg(BatchFormat::count(m_written.lines)),
                                     tr("Cancel"), 0, 100, m_window);
    m_progress->setWindowTitle(tr("Retry requests"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(0);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, m_submit, &BatchSubmit::cancel);
    connect(
        m_submit, &BatchSubmit::progress, this, [this](BatchSubmit::Phase phase, qint64 done, qint64 total) {
            if (!m_progress)
                return;
            if (phase == BatchSubmit::Phase::Creating) {
                m_progress->setLabelText(tr("Creating the batch..."));
                m_progress->setRange(0, 0);
                return;
            }
            m_progress->setRange(0, 1000);
            m_progress->setValue(total > 0 ? int(qBound(qint64(0), done * 1000 / total, qint64(1000))) : 0);
        });
    connect(m_submit, &BatchSubmit::finished, this, &ResultsRetry::onSubmitted);
    m_progress->show();
    m_submit->start();
}

void ResultsRetry::onSubmitted()
{
    if (m_progress)
        m_progress->deleteLater();
    if (const std::optional<Batch> &made = m_submit->batch()) {
        // At once in the table, through the account that owns it: no waiting for the next refresh.
        if (m_owner)
            m_owner->updateBatch(*made);
        Q_EMIT message(tr("Created %1, retrying %2 requests of %3.")
                           .arg(made->id, BatchFormat::count(m_written.lines), m_batch.id));
        Q_EMIT created(m_owner, *made);
    } else {
        const ApiError &error = m_submit->error();
        QString text;
        if (m_submit->mayHaveCreated()) // the create was sent and its answer proves nothing
            text = tr("The batch may have been created: refresh before sending again (%1).")
                       .arg(error.toString());
        else if (error.kind == ApiError::Cancelled)
            text = tr("Retry cancelled; nothing was created.");
        else
            text = tr("The retry was not created: %1").arg(error.toString());
        if (!m_submit->fileId().isEmpty() && error.kind != ApiError::Cancelled)
            text += u' ' + tr("The lines were uploaded as %1.").arg(m_submit->fileId());
        Q_EMIT message(text);
    }
    Q_EMIT finished();
}

void ResultsRetry::cancel()
{
    if (m_confirm)
        m_confirm->reject();
    if (m_submit && !m_submit->isFinished())
        m_submit->cancel();
}
