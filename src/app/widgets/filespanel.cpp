#include "app/widgets/filespanel.h"

#include "app/widgets/elidedlabel.h"
#include "core/api/apiclient.h"
#include "core/api/downloadname.h"
#include "core/api/filedownload.h"
#include "core/batch/batch.h"
#include "core/export/batchformat.h"

#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace {
enum { InputRow = FilesPanel::Input, OutputRow = FilesPanel::Output, ErrorRow = FilesPanel::Errors };
} // namespace

FilesPanel::FilesPanel(QWidget *parent)
    : QWidget(parent)
{
    // Scrolls up and down, so that under the table (a short pane) the tab does not make the pane taller.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *content = new QWidget(scroll);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    auto *grid = new QGridLayout(content);
    const QString titles[] = {tr("Input file"), tr("Output file"), tr("Error file")};
    for (int row = 0; row < 3; ++row) {
        Row &r = m_rows[row];
        auto *title = new QLabel(titles[row], content);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        r.id = new ElidedLabel(content);
        r.info = new QLabel(content);
        r.info->setWordWrap(true);
        r.info->setMinimumWidth(1); // a long file name is cut rather than widen the pane
        r.button = new QPushButton(tr("Download..."), content);
        r.button->setAccessibleName(tr("Download %1").arg(titles[row].toLower()));
        r.progress = new QProgressBar(content);
        r.progress->setVisible(false);
        r.progress->setAccessibleName(tr("%1 download progress").arg(titles[row]));
        // Title and button on one line, then id, details and progress across the whole pane.
        grid->addWidget(title, row * 4, 0);
        grid->addWidget(r.button, row * 4, 1, Qt::AlignRight);
        grid->addWidget(r.id, row * 4 + 1, 0, 1, 2);
        grid->addWidget(r.info, row * 4 + 2, 0, 1, 2);
        grid->addWidget(r.progress, row * 4 + 3, 0, 1, 2);
        connect(r.button, &QPushButton::clicked, this, [this, row] { chooseAndDownload(row); });
    }
    grid->setColumnStretch(0, 1);
    grid->setRowStretch(12, 1);
    scroll->setWidget(content);
}

void FilesPanel::setBatch(const Batch &batch)
{
    m_batchId = batch.id;
    showRow(InputRow, batch.inputFileId, tr("none"));
    // "Completed" with no output file is the API's way of saying every request failed.
    const QString notYet = tr("not yet (written when the batch ends)");
    showRow(OutputRow, batch.outputFileId, batch.status.isTerminal() ? tr("none") : notYet);
    showRow(ErrorRow, batch.errorFileId, batch.status.isTerminal() ? tr("none") : notYet);
}

void FilesPanel::showRow(int row, const QString &fileId, const QString &absentText)
{
    Row &r = m_rows[row];
    const bool changed = r.fileId != fileId;
    r.fileId = fileId;
    r.id->setFullText(fileId.isEmpty() ? absentText : fileId);
    r.button->setEnabled(!fileId.isEmpty() && m_client);
    if (changed)
        r.progress->setVisible(false);
    if (fileId.isEmpty()) {
        r.info->clear();
        return;
    }
    const auto known = m_info.constFind(fileId);
    if (known == m_info.cend()) {
        r.info->setText(tr("Reading size and expiry..."));
        requestInfo(fileId);
        return;
    }
    if (!known->error.isEmpty()) {
        r.info->setText(known->error);
        return;
    }
    const QString size = QLocale().formattedDataSize(known->bytes);
    const QString expiry = known->expiresAt > 0 ? tr("expires %1")
                                                      .arg(QDateTime::fromSecsSinceEpoch(known->expiresAt)
                                                               .toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                                                : tr("no expiry");
    r.info->setText(QStringLiteral("%1 · %2 · %3").arg(known->filename, size, expiry));
}

void FilesPanel::requestInfo(const QString &fileId)
{
    if (!m_client)
        return;
    m_info.insert(fileId, FileInfo{-1, 0, QString(), tr("Reading size and expiry...")});
    ApiCall *call = m_client->retrieveFile(fileId);
    connect(call, &ApiCall::finished, this, [this, call, fileId] {
        call->deleteLater();
        FileInfo info;
        if (call->error().isError()) {
            info.error = tr("Size and expiry unavailable: %1").arg(call->error().toString());
        } else {
            const QJsonObject o = QJsonDocument::fromJson(call->body()).object();
            info.bytes = o.value(QLatin1String("bytes")).toInteger(-1);
            info.expiresAt = o.value(QLatin1String("expires_at")).toInteger(0);
            info.filename = o.value(QLatin1String("filename")).toString();
        }
        m_info.insert(fileId, info);
        const int row = rowOf(fileId);
        if (row >= 0)
            showRow(row, fileId, QString());
    });
}

int FilesPanel::rowOf(const QString &fileId) const
{
    for (int row = 0; row < 3; ++row) {
        if (m_rows[row].fileId == fileId)
            return row;
    }
    return -1;
}

void FilesPanel::chooseAndDownload(int row)
{
    if (row < 0 || row > ErrorRow || m_rows[row].fileId.isEmpty())
        return;
    const QString fileId = m_rows[row].fileId;
    // The server's name, never its path: "../../.bashrc" or "/etc/passwd" must not be what Save means.
    const QString suggested = DownloadName::suggested(m_info.value(fileId).filename, fileId);
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save %1").arg(fileId), QDir::home().filePath(suggested),
                                     tr("JSON Lines (*.jsonl);;All files (*)"));
    if (!path.isEmpty())
        download(fileId, path);
}

void FilesPanel::download(const QString &fileId, const QString &path)
{
    const int row = rowOf(fileId);
    if (!m_client || row < 0)
        return;
    Row &r = m_rows[row];
    r.progress->setRange(0, 0);
    r.progress->setVisible(true);
    r.button->setEnabled(false);
    // The size the file object declares bounds what a (compressed) answer may unpack to.
    FileDownload *download = m_client->downloadFileContent(fileId, path, m_info.value(fileId).bytes);
    connect(download, &ApiCall::progress, this, [this, fileId](qint64 received, qint64 total) {
        const int current = rowOf(fileId);
        if (current < 0)
            return;
        QProgressBar *bar = m_rows[current].progress;
        // Sizes beyond int: show per mille.
        bar->setRange(0, total > 0 ? 1000 : 0);
        bar->setValue(total > 0 ? int(received * 1000 / total) : 0);
        bar->setFormat(QLocale().formattedDataSize(received));
    });
    connect(download, &ApiCall::finished, this, [this, download, fileId, path] {
        download->deleteLater();
        const QString error = download->error().isError() ? download->error().toString() : QString();
        const int current = rowOf(fileId);
        if (current >= 0) {
            Row &done = m_rows[current];
            done.button->setEnabled(true);
            done.progress->setRange(0, 1);
            done.progress->setValue(1);
            done.progress->setFormat(error.isEmpty() ? tr("Saved to %1").arg(path)
                                                     : tr("Failed: %1").arg(error));
        }
        Q_EMIT downloadFinished(fileId, path, error);
    });
}

QString FilesPanel::statusText(int row) const
{
    return m_rows[row].id->fullText() + u'\n' + m_rows[row].info->text();
}
