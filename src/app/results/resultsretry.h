#pragma once

#include "core/batch/batch.h"
#include "core/results/batchsubmit.h"
#include "core/results/retrylines.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QProgressDialog>

#include <memory>

class AccountSession;
class PriceTable;
class QTemporaryFile;
class QWidget;

// One resubmission from the Results view: the chosen requests' exact input lines into a temporary file, a
// confirmation that says how many lines and about how many input tokens, then BatchSubmit with progress.
// Nothing is sent before the user says yes. The created batch goes to its account's session at once.
class ResultsRetry : public QObject
{
    Q_OBJECT

public:
    ResultsRetry(QWidget *window, AccountSession *owner, const Batch &batch,
                 std::shared_ptr<const ResultSet> results, QObject *parent = nullptr);
    ~ResultsRetry() override;

    // What the new batch is made of: the batch's endpoint and completion window, its metadata plus
    // RetryLines::kRetryOfKey naming it.
    static SubmitSpec specFor(const Batch &batch, const QString &path);
    // The prices the confirmation's estimate uses (not owned; null: no estimate). Set before start().
    void setPrices(const PriceTable *prices) { m_prices = prices; }

    // Writes the lines and asks (a window-modal box: the event loop runs). False, with the reason in
    // message(), when there is nothing to send or the lines could not be written.
    bool start(const RetryLines::Selection &selection);
    const RetryLines::Written &written() const { return m_written; }
    QMessageBox *confirmation() const { return m_confirm; }
    QProgressDialog *progressDialog() const { return m_progress; }
    BatchSubmit *submit() const { return m_submit; }
    void cancel();

Q_SIGNALS:
    void message(const QString &text);
    void created(AccountSession *owner, const Batch &batch);
    // The flow is over, sent or not.
    void finished();

private:
    void send();
    void onSubmitted();

    QPointer<QWidget> m_window;
    QPointer<AccountSession> m_owner;
    Batch m_batch;
    std::shared_ptr<const ResultSet> m_results;
    const PriceTable *m_prices = nullptr;
    std::unique_ptr<QTemporaryFile> m_file;
    RetryLines::Written m_written;
    QPointer<QMessageBox> m_confirm;
    QPointer<QProgressDialog> m_progress;
    QPointer<BatchSubmit> m_submit;
};
