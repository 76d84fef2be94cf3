#pragma once

#include "core/batch/batch.h"

#include <QObject>
#include <QPointer>

#include <vector>

#include "core/api/apiclient.h"
class AccountSession;
class QWidget;

// A row of the table: the batch and the account it belongs to (several accounts share one table). A cancel
// goes to that account and its answer back to it; an export names it.
struct AccountBatch
{
    Batch batch;
    QPointer<AccountSession> owner; // null once the account is gone
    QString account;                // its name, for CSV's `account` column
    QString provider;               // its provider's id, for CSV's `provider` column
};

// What a user can do with the batches they selected: export, copy ids, cancel, open on the web.
class BatchActions : public QObject
{
    Q_OBJECT

public:
    BatchActions(QWidget *window, QObject *parent = nullptr);

    void setClient(ApiClient *client, bool isOpenAI);

    // Asks for a file and writes the batches there (format from the chosen type). Returns the path written.
    QString exportWithDialog(const std::vector<AccountBatch> &batches, const QString &what);
    // Each CSV row names its own account and provider.
    bool exportTo(const QString &path, const std::vector<AccountBatch> &batches, QString *error);
    void copyIds(const std::vector<Batch> &batches);
    // Confirms with the user, naming how many, then cancels each cancellable batch and reports each result.
    void cancelWithConfirmation(const std::vector<AccountBatch> &batches);
    // Each batch through its own account's client; a batch whose account is gone is reported as not
    // cancelled.
    void cancel(const std::vector<AccountBatch> &batches);
    bool canOpenOnWeb() const { return m_isOpenAI; }
    void openOnWeb(const std::vector<Batch> &batches);

Q_SIGNALS:
    void message(const QString &text);
    // One per batch asked to cancel: the error is empty on success.
    void cancelFinished(const QString &batchId, const QString &error);
    // A cancel's answer, for the account that asked (still alive when emitted).
    void batchUpdated(AccountSession *owner, const Batch &batch);
    // Another account: what can be done (openOnWeb) may differ.
    void clientChanged();

private:
    QWidget *m_window;
    QPointer<ApiClient> m_client;
    bool m_isOpenAI = false;
};
