#pragma once

#include "core/api/apicall.h"

#include <QSaveFile>

#include <memory>

// Streams a file's content to disk through QSaveFile: the target appears whole, or not at all.
class FileDownload : public ApiCall
{
    Q_OBJECT

public:
    const QString &targetPath() const { return m_path; }
    qint64 bytesWritten() const { return m_written; }

protected:
    bool streams() const override { return true; }
    bool beginAttempt(QString *error) override;
    bool consume(const QByteArray &chunk, ApiError *error) override;
    bool commit(QString *error) override;
    void discard() override;

private:
    friend class ApiClient;
    FileDownload(QNetworkAccessManager *manager, const QNetworkRequest &request, const QString &path,
                 qint64 declaredBytes, const Options &options, QObject *parent);

public:
    // Past this many bytes a download of a file declaring `declaredBytes` counts as hostile (< 0: unknown,
    // 0).
    static qint64 limitFor(qint64 declaredBytes);
    // The most bytes taken when the size is not known (results with no file object): the limit for a
    // batch of `requests` requests (< 0: unknown). See filedownload.cpp for the numbers.
    static qint64 capForUnknownSize(qint64 requests);

private:
    QString m_path;
    qint64 m_declared; // the file object's `bytes` (< 0: unknown)
    qint64 m_limit;    // the most bytes written before the download counts as hostile (<= 0: none)
    std::unique_ptr<QSaveFile> m_file;
    qint64 m_written = 0;
};
