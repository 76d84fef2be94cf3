// The Results window's actions: export of the rows and Retry of what did not succeed.
#include "app/results/resultswindow.h"

#include "app/results/errorgroupslist.h"
#include "app/results/resultsretry.h"
#include "core/export/batchformat.h"
#include "core/session/accountsession.h"
#include "models/resultsproxy.h"
#include "models/resultstablemodel.h"

#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>
#include <QToolButton>

void ResultsWindow::buildMenus()
{
    auto *exportMenu = new QMenu(m_exportButton);
    exportMenu->addAction(tr("&Shown rows..."), this, [this] { exportWithDialog(true); });
    exportMenu->addAction(tr("&All rows..."), this, [this] { exportWithDialog(false); });
    m_exportButton->setMenu(exportMenu);
    m_exportButton->setToolTip(
        tr("Writes the rows as CSV or JSONL (by the file's extension), in input order."));

    auto *retryMenu = new QMenu(m_retryButton);
    retryMenu->setToolTipsVisible(true);
    const auto add = [this, retryMenu](const QString &name, bool failed, bool notRun) {
        QAction *action = retryMenu->addAction(QString(), this, [this, failed, notRun] {
            RetryLines::Selection selection;
            selection.failed = failed;
            selection.notRun = notRun;
            retry(selection);
        });
        action->setObjectName(name);
        return action;
    };
    add(QStringLiteral("retryFailed"), true, false);
    add(QStringLiteral("retryNotRun"), false, true);
    add(QStringLiteral("retryBoth"), true, true);
    m_retryGroup = retryMenu->addAction(QString(), this, [this] {
        RetryLines::Selection selection;
        selection.failed = true;
        selection.notRun = false;
        selection.group = m_groups->currentGroup();
        retry(selection);
    });
    m_retryGroup->setObjectName(QStringLiteral("retryGroup"));
    m_retryButton->setMenu(retryMenu);
    updateRetryMenu();
}

void ResultsWindow::updateRetryMenu()
{
    const ResultSet *set = m_model->results();
    QString why;
    if (failedValidation())
        why = tr("This batch failed validation: nothing ran. Start a new batch from a corrected file.");
    else if (!m_owner)
        why = tr("The account of this batch is gone.");
    else if (!set)
        why = isLoading() ? tr("The results are still loading.") : tr("No results loaded.");
    else if (set->files.input.isEmpty())
        why = tr("The provider keeps no input file for this batch, so its requests cannot be sent again as "
                 "they were.");
    else if (!m_doubts.isEmpty())
        why =
            tr("The results were not read in full or disagree with the batch's counts (see the warnings): a "
               "request that reads as not run may have run, and sending it again would run it twice.");
    else if (m_retry)
        why = tr("A retry is being sent.");
    m_retryButton->setEnabled(why.isEmpty());
    m_retryButton->setToolTip(why.isEmpty() ? tr("Sends requests that did not succeed again, as a new batch.")
                                            : why);
    const qint64 failed = set ? set->failed : 0;
    const qint64 notRun = set ? set->notRun : 0;
    const std::tuple<QString, QString, qint64> entries[] = {
        {QStringLiteral("retryFailed"), tr("Retry &failed (%1)"), failed},
        {QStringLiteral("retryNotRun"), tr("Retry &not run (%1)"), notRun},
        {QStringLiteral("retryBoth"), tr("Retry &both (%1)"), failed + notRun}};
    for (const auto &[name, text, count] : entries) {
        QAction *action = m_retryButton->menu()->findChild<QAction *>(name);
        action->setText(text.arg(BatchFormat::count(count)));
        action->setEnabled(count > 0);
    }
    const int group = m_groups->currentGroup();
    const bool oneGroup = set && group >= 0 && group < set->groups.size();
    m_retryGroup->setText(
        oneGroup ? tr("Retry this error &group (%1)").arg(BatchFormat::count(set->groups[group].count))
                 : tr("Retry this error &group (choose one on the left)"));
    m_retryGroup->setEnabled(oneGroup);
}

void ResultsWindow::retry(const RetryLines::Selection &selection)
{
    updateRetryMenu();
    if (!m_retryButton->isEnabled() || !m_model->results())
        return;
    m_retry = new ResultsRetry(this, m_owner, m_batch, m_model->sharedResults(), this);
    m_retry->setPrices(m_prices);
    connect(m_retry, &ResultsRetry::message, this, [this](const QString &text) {
        m_status->setText(text);
        m_status->setToolTip(text);
    });
    connect(m_retry, &ResultsRetry::created, this, &ResultsWindow::batchCreated);
    connect(m_retry, &ResultsRetry::finished, this, [this] {
        m_retry->deleteLater();
        m_retry = nullptr;
        updateRetryMenu();
    });
    if (!m_retry->start(selection)) {
        m_retry->deleteLater();
        m_retry = nullptr;
    }
    updateRetryMenu();
}

bool ResultsWindow::exportTo(const QString &path, ResultsFormat::Format format, bool shownOnly,
                             QString *error) const
{
    const ResultSet *set = m_model->results();
    if (!set) {
        *error = tr("No results loaded.");
        return false;
    }
    std::vector<bool> shown;
    if (shownOnly) {
        shown.assign(size_t(m_model->rowCount()), false);
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            shown[size_t(m_proxy->mapToSource(m_proxy->index(row, 0)).row())] = true;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    // Rows are compared by address: the set's rows are one contiguous vector.
    const RequestResult *first = set->rows.constData();
    const auto include = [&](const RequestResult &row) {
        const std::ptrdiff_t at = &row - first;
        return !shownOnly || (at >= 0 && size_t(at) < shown.size() && shown[size_t(at)]);
    };
    if (!ResultsFormat::write(&file, format, *set, include, error))
        return false;
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

void ResultsWindow::exportWithDialog(bool shownOnly)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString selected;
    const QString path =
        QFileDialog::getSaveFileName(this, shownOnly ? tr("Export shown rows") : tr("Export all rows"),
                                     dir + u'/' + m_batch.id + QStringLiteral("-results.csv"),
                                     tr("CSV (*.csv);;JSON Lines (*.jsonl)"), &selected);
    if (path.isEmpty())
        return;
    const bool jsonl = path.endsWith(QLatin1String(".jsonl"), Qt::CaseInsensitive) ||
                       (!path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) &&
                        selected.contains(QLatin1String("jsonl")));
    QString error;
    if (!exportTo(path, jsonl ? ResultsFormat::Format::Jsonl : ResultsFormat::Format::Csv, shownOnly,
                  &error)) {
        QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1: %2").arg(path, error));
        return;
    }
    m_status->setText(tr("Wrote %1.").arg(path));
}
