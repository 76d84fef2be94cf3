#pragma once

#include "core/batch/batch.h"

#include <QDialog>
#include <QList>
#include <QPointer>

class AccountSession;
class BatchSubmit;
class MetadataEditor;
class PriceTable;
class PreflightJob;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

// File > New batch: a JSONL file checked before anything is sent (Preflight, in a worker thread, every
// problem with its line), what it holds, metadata and completion window, the account to send it to; then
// upload and create with progress. Send stays disabled while a problem stands.
class NewBatchDialog : public QDialog
{
    Q_OBJECT

public:
    NewBatchDialog(const QList<AccountSession *> &sessions, AccountSession *preferred,
                   QWidget *parent = nullptr);
    ~NewBatchDialog() override;

    // The prices of the summary's cost estimate (not owned; null: no estimate). Set before a check.
    void setPrices(const PriceTable *prices) { m_prices = prices; }
    // Checks this file (as the chosen account's provider takes it).
    void setFile(const QString &path);
    AccountSession *account() const;
    bool isChecking() const;
    bool isSending() const;
    QPushButton *sendButton() const { return m_send; }
    QTableWidget *reportTable() const { return m_report; }
    MetadataEditor *metadataEditor() const { return m_metadata; }
    QString summaryText() const;
    // Why Send is disabled (empty when it is enabled).
    QString blockedReason() const;
    // What the dialog says under the form: a metadata problem, what a send came to.
    QString outcomeText() const;
    void send();

Q_SIGNALS:
    // The batch was created in `owner`'s account (already given to its session).
    void created(AccountSession *owner, const Batch &batch);

private:
    void chooseFile();
    void check();
    void onChecked();
    void onSubmitted();
    void updateSend();

    QList<QPointer<AccountSession>> m_sessions;
    QComboBox *m_account;
    QLineEdit *m_path;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QPushButton *m_cancel;
    QLabel *m_reportTitle;
    QTableWidget *m_report;
    QLabel *m_summary;
    MetadataEditor *m_metadata;
    QComboBox *m_window;
    QLabel *m_outcome;
    QPushButton *m_send;
    PreflightJob *m_job = nullptr;
    QPointer<BatchSubmit> m_submit;
    const PriceTable *m_prices = nullptr;
    bool m_checkedOk = false;
    QString m_checkedEndpoint;
    QString m_checkedModel;
    QString m_metadataShown;       // the metadata problem the dialog says, if any
    QString m_createdId;           // sent: the same file is not sent twice by a second click
    bool m_mayHaveCreated = false; // a create that failed after it was sent: not sent again blindly
};
