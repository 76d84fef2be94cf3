#include "app/batchactions.h"

#include "core/api/apiclient.h"
#include "core/export/batchexporter.h"
#include "core/session/accountsession.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QSettings>
#include <QUrl>

#include <memory>

BatchActions::BatchActions(QWidget *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
{
}

void BatchActions::setClient(ApiClient *client, bool isOpenAI)
{
    m_client = client;
    m_isOpenAI = isOpenAI;
    Q_EMIT clientChanged();
}

QString BatchActions::exportWithDialog(const std::vector<AccountBatch> &batches, const QString &what)
{
    if (batches.empty()) {
        Q_EMIT message(tr("Nothing to export: no batches are %1.").arg(what));
        return {};
    }
    QSettings settings;
    const QString folder = settings.value(QStringLiteral("export/folder"), QDir::homePath()).toString();
    const QString csv = tr("CSV (*.csv)"), json = tr("JSON (*.json)"), jsonl = tr("JSON Lines (*.jsonl)");
    QString filter = csv;
    QString path =
        QFileDialog::getSaveFileName(m_window, tr("Export %n batch(es)", nullptr, int(batches.size())),
                                     QDir(folder).filePath(QStringLiteral("batches.csv")),
                                     QStringList{csv, json, jsonl}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return {};
    // The chosen type decides when the name has no extension of its own.
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == json    ? QStringLiteral(".json")
                : filter == jsonl ? QStringLiteral(".jsonl")
                                  : QStringLiteral(".csv");
    settings.setValue(QStringLiteral("export/folder"), QFileInfo(path).absolutePath());
    QString error;
    if (!exportTo(path, batches, &error)) {
        QMessageBox::warning(m_window, tr("Export failed"), error);
        return {};
    }
    Q_EMIT message(
        tr("Exported %n batch(es) to %1", nullptr, int(batches.size())).arg(QDir::toNativeSeparators(path)));
    return path;
}

bool BatchActions::exportTo(const QString &path, const std::vector<AccountBatch> &batches, QString *error)
{
    // Each row with its own account and provider (All accounts exports several).
    const auto writeRows = [&batches](BatchExporter &exporter) {
        for (const AccountBatch &row : batches) {
            exporter.setSource(row.account, row.provider);
            if (!exporter.write(row.batch))
                return false;
        }
        return true;
    };
    return BatchExporter::writeFile(path, BatchExporter::formatFromPath(path), writeRows, error);
}

void BatchActions::copyIds(const std::vector<Batch> &batches)
{
    QStringList ids;
    for (const Batch &b : batches)
        ids << b.id;
    if (ids.isEmpty())
        return;
    QApplication::clipboard()->setText(ids.join(u'\n'));
    Q_EMIT message(tr("Copied %n id(s)", nullptr, int(ids.size())));
}

void BatchActions::cancelWithConfirmation(const std::vector<AccountBatch> &batches)
{
    std::vector<AccountBatch> cancellable;
    for (const AccountBatch &b : batches) {
        if (b.batch.status.isCancellable())
            cancellable.push_back(b);
    }
    if (cancellable.empty()) {
        Q_EMIT message(tr("None of the selected batches can be cancelled now."));
        return;
    }
    const int count = int(cancellable.size());
    QString text = tr("Cancel %n batch(es)? Requests already finished keep their results; the rest stop.",
                      nullptr, count);
    if (size_t(count) < batches.size())
        text += u'\n' + tr("%n selected batch(es) cannot be cancelled and will be left alone.", nullptr,
                           int(batches.size()) - count);
    const auto answer = QMessageBox::question(m_window, tr("Cancel batches"), text,
                                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer == QMessageBox::Yes)
        cancel(cancellable);
}

void BatchActions::cancel(const std::vector<AccountBatch> &batches)
{
    if (batches.empty())
        return;
    // Each answer is reported; the summary comes once all are in.
    auto outcome = std::make_shared<std::pair<int, QStringList>>(int(batches.size()), QStringList());
    const auto done = [this, outcome](const QString &id, const QString &error) {
        if (!error.isEmpty())
            outcome->second << id + QStringLiteral(": ") + error;
        Q_EMIT cancelFinished(id, error);
        if (--outcome->first > 0)
            return;
        if (outcome->second.isEmpty())
            Q_EMIT message(tr("Cancellation requested; the batches show \"cancelling\" until they stop."));
        else
            QMessageBox::warning(m_window, tr("Some batches were not cancelled"),
                                 outcome->second.join(u'\n'));
    };
    for (const AccountBatch &row : batches) {
        // Through the batch's own account: another's server does not know it, or is another project.
        const QPointer<AccountSession> owner = row.owner;
        const QString id = row.batch.id;
        if (!owner || !owner->client()) {
            done(id, tr("its account is gone"));
            continue;
        }
        BatchCall *call = owner->client()->cancelBatch(id);
        connect(call, &ApiCall::finished, this, [this, call, id, owner, done] {
            call->deleteLater();
            QString error;
            if (call->error().isError())
                error = call->error().toString();
            else if (call->batch() && owner)
                // Gemini answers a cancel with nothing: its batch shows "cancelling" at the next refresh.
                Q_EMIT batchUpdated(owner.data(), *call->batch());
            done(id, error);
        });
    }
}

void BatchActions::openOnWeb(const std::vector<Batch> &batches)
{
    if (!m_isOpenAI) {
        Q_EMIT message(tr("Only batches on api.openai.com have a page in the OpenAI dashboard."));
        return;
    }
    // Many tabs at once helps nobody; the first few are what was meant.
    for (size_t i = 0; i < batches.size() && i < 5; ++i)
        QDesktopServices::openUrl(
            QUrl(QStringLiteral("https://platform.openai.com/batches/") + batches[i].id));
}
