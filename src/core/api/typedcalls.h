#pragma once

#include "core/api/apicall.h"
#include "core/api/fileinfo.h"
#include "core/batch/batch.h"

#include <optional>

// Calls whose answer the client reads with the account's adapter before finished(): callers get values,
// never bodies. A 2xx answer that does not read ends the call with an InvalidResponse error.

// A retrieved or cancelled batch.
class BatchCall : public ApiCall
{
    Q_OBJECT

public:
    // The batch the answer holds. Absent only for a cancel on a provider that answers it with nothing
    // (Gemini): the batch shows "cancelling" at the next retrieve.
    const std::optional<Batch> &batch() const { return m_batch; }
    const QStringList &warnings() const { return m_warnings; }

protected:
    bool accept(QString *why) override;

private:
    friend class ApiClient;
    BatchCall(QNetworkAccessManager *manager, const QNetworkRequest &request, const QByteArray &verb,
              bool answersWithBatch, const Options &options, QObject *parent,
              const QByteArray &payload = QByteArray());

    bool m_answersWithBatch;
    std::optional<Batch> m_batch;
    QStringList m_warnings;
};

// A file's metadata.
class FileInfoCall : public ApiCall
{
    Q_OBJECT

public:
    const FileInfo &file() const { return m_file; }

protected:
    bool accept(QString *why) override;

private:
    friend class ApiClient;
    FileInfoCall(QNetworkAccessManager *manager, const QNetworkRequest &request, const Options &options,
                 QObject *parent, const QByteArray &verb = QByteArrayLiteral("GET"));

    FileInfo m_file;
};
