#pragma once

#include "core/batch/batch.h"

#include <QObject>
#include <QPointer>

#include <vector>

#include "core/api/apiclient.h"
class QWidget;

// What a user can do with the batches they selected: export, copy ids, cancel, open on the web.
class BatchActions : public QObject
{
    Q_OBJECT

public:
    BatchActions(QWidget *window, QObject *parent = nullptr);

    void setClient(ApiClient *client, bool isOpenAI);

    // Asks for a file and writes the batches there (format from the chosen type). Returns the path written.
    QString exportWithDialog(const std::vector<Batch> &batches, const QString &what);
    bool exportTo(const QString &path, const std::vector<Batch> &batches, QString *error);
    void copyIds(const std::vector<Batch> &batches);
    // Confirms with the user, naming how many, then cancels each cancellable batch and reports each result.
    void cancelWithConfirmation(const std::vector<Batch> &batches);
    void cancel(const std::vector<Batch> &batches);
    bool canOpenOnWeb() const { return m_isOpenAI; }
    void openOnWeb(const std::vector<Batch> &batches);

Q_SIGNALS:
    void message(const QString &text);
    // One per batch asked to cancel: the error is empty on success.
    void cancelFinished(const QString &batchId, const QString &error);
    void batchUpdated(const Batch &batch);
    // Another account: what can be done (openOnWeb) may differ.
    void clientChanged();

private:
    QWidget *m_window;
    QPointer<ApiClient> m_client;
    bool m_isOpenAI = false;
};
