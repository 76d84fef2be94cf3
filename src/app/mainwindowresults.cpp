// The window's ways to what became of a batch's requests: the Results windows (non-modal, one per open),
// File > New batch, and the links between a batch and its retries.
#include "app/mainwindow.h"

#include "app/newbatch/newbatchdialog.h"
#include "app/results/resultswindow.h"
#include "app/widgets/batchdetailpane.h"
#include "core/cost/pricetable.h"
#include "core/results/retrylines.h"
#include "core/session/accountsession.h"
#include "core/session/sessionset.h"
#include "models/batchtablemodel.h"

#include <QStatusBar>

ResultsWindow *MainWindow::openResults()
{
    const Batch *batch = batchForFiles();
    AccountSession *owner = m_detailSource >= 0 ? m_model->sessionOf(m_detailSource) : nullptr;
    if (!batch || !owner)
        return nullptr;
    // One window per (account, batch): a second would fetch the same files into the same cache dir.
    for (ResultsWindow *open : resultsWindows()) {
        if (open->owner() == owner && open->batch().id == batch->id && open->isVisible()) {
            if (open->isMinimized())
                open->showNormal();
            open->raise();
            open->activateWindow();
            return open;
        }
    }
    auto *window = new ResultsWindow(owner, *batch, this);
    window->setPrices(m_prices.get());
    m_resultsWindows.removeAll(nullptr);
    m_resultsWindows << window;
    connect(window, &ResultsWindow::batchCreated, this, [this](AccountSession *s, const Batch &created) {
        // The retry is in the table already (AccountSession::updateBatch): show it, with its "Retry of" link.
        selectBatch(created.id, s ? s->name() : QString());
        m_lastMessage = tr("Created %1.").arg(created.id);
        statusBar()->showMessage(m_lastMessage, 8000);
    });
    connect(window, &ResultsWindow::newBatchRequested, this, [this] { openNewBatch(); });
    window->show();
    window->start();
    return window;
}

QList<ResultsWindow *> MainWindow::resultsWindows() const
{
    QList<ResultsWindow *> open;
    for (const QPointer<ResultsWindow> &window : m_resultsWindows) {
        if (window)
            open << window;
    }
    return open;
}

NewBatchDialog *MainWindow::openNewBatch()
{
    if (m_newBatch) {
        m_newBatch->raise();
        m_newBatch->activateWindow();
        return m_newBatch;
    }
    // The account of the batch shown, else the account shown, else the first.
    AccountSession *preferred = m_detailSource >= 0 ? m_model->sessionOf(m_detailSource) : nullptr;
    if (!preferred)
        preferred = session();
    m_newBatch = new NewBatchDialog(m_sessions->sessions(), preferred, this);
    m_newBatch->setPrices(m_prices.get());
    connect(m_newBatch, &NewBatchDialog::created, this, [this](AccountSession *s, const Batch &created) {
        selectBatch(created.id, s ? s->name() : QString());
    });
    m_newBatch->show();
    return m_newBatch;
}

void MainWindow::closeResultsOf(const AccountSession *session)
{
    for (ResultsWindow *window : resultsWindows()) {
        if (!session || window->owner() == session || !window->owner())
            delete window;
    }
    m_resultsWindows.removeAll(nullptr);
    if (m_newBatch && (!session || m_newBatch->account() == session))
        delete m_newBatch;
}

void MainWindow::updateRetryLinks(int sourceRow)
{
    const Batch &batch = m_model->batchAt(sourceRow);
    const int source = m_model->sourceAt(sourceRow);
    const QString key = QString::fromLatin1(RetryLines::kRetryOfKey);
    const QString retryOf = batch.metadata.value(key);
    QStringList retriedBy;
    const std::vector<Batch> &rows = m_model->batches();
    for (size_t row = 0; row < rows.size(); ++row) {
        const Batch &other = rows[row];
        if (!other.metadata.isEmpty() && m_model->sourceOfBatch(row) == source &&
            other.metadata.value(key) == batch.id)
            retriedBy << other.id;
    }
    m_detail->setRetryLinks(retryOf, retriedBy);
}

NewBatchDialog *MainWindow::newBatchDialog() const
{
    return m_newBatch;
}
