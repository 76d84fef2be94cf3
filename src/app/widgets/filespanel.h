#pragma once

#include <QHash>
#include <QPointer>
#include <QWidget>

#include "core/api/apiclient.h"
#include "core/batch/batch.h"

#include <optional>

class ElidedLabel;
class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;

// A batch's input, output and error files: id, size and expiry (the client's file metadata), and a Download
// button (or, where the provider keeps results elsewhere, its results)
// that streams the content to a file the user picks, with progress.
class FilesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FilesPanel(QWidget *parent = nullptr);

    void setClient(ApiClient *client) { m_client = client; }
    void setBatch(const Batch &batch);
    enum Kind { Input, Output, Errors };
    // Asks where to save, then downloads (what the Download buttons do).
    void chooseAndDownload(int kind);
    // Streams `fileId` into `path`.
    void download(const QString &fileId, const QString &path);
    QString statusText(int row) const;

Q_SIGNALS:
    void downloadFinished(const QString &fileId, const QString &path, const QString &error);

private:
    struct Row
    {
        ElidedLabel *id = nullptr;
        QLabel *info = nullptr;
        QPushButton *button = nullptr;
        QProgressBar *progress = nullptr;
        QString fileId;
    };
    struct FileState
    {
        qint64 bytes = -1;
        qint64 expiresAt = 0;
        QString filename;
        QString error;
    };

    void showRow(int row, const QString &fileId, const QString &absentText);
    void requestInfo(const QString &fileId);
    int rowOf(const QString &fileId) const;

    QPointer<ApiClient> m_client;
    Row m_rows[3];
    QHash<QString, FileState> m_info; // file metadata seldom changes; ask once per file
    QString m_batchId;
    // For providers whose results are no file (Anthropic's results_url): the output row stands for them
    // under a made-up id, and downloads go through ApiClient::downloadResults.
    std::optional<Batch> m_resultsOf;
    QString m_resultsId;
};
