// The Results window's loading: ResultsFetch with progress and Cancel, and what the banner says when it
// fails.
#include "app/results/resultswindow.h"

#include "app/results/errorgroupslist.h"
#include "core/results/resultsfetch.h"
#include "core/session/accountsession.h"

#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>

namespace {
// Where an account's result files are kept: under the batch cache's file name with its ".sqlite", as the CLI
// keeps them (CommandSupport::connect), so a batch is downloaded once for both. An account without a cache
// (the demo) keeps them for this run only.
QString cacheDirOf(const AccountSession *owner)
{
    const QString path = owner ? owner->spec().cachePath : QString();
    if (!path.isEmpty())
        return ResultsFetch::cacheDirFor(QFileInfo(path).fileName());
    static QTemporaryDir runOnly;
    return runOnly.path();
}
} // namespace

QString ResultsWindow::cacheDir() const
{
    return cacheDirOf(m_owner);
}

void ResultsWindow::start()
{
    if (isLoading())
        return;
    if (!m_owner || !m_owner->client()) {
        showBanner(tr("The account of this batch is gone: its results cannot be fetched."), false);
        return;
    }
    delete m_fetch;
    m_banner->parentWidget()->hide();
    m_fetch = new ResultsFetch(m_owner->client(), m_batch, cacheDir(), this);
    connect(m_fetch, &ResultsFetch::progress, this,
            [this](ResultsFetch::Phase phase, qint64 done, qint64 total, const QString &what) {
                onProgress(int(phase), done, total, what);
            });
    connect(m_fetch, &ResultsFetch::finished, this, &ResultsWindow::onFetched);
    m_clock.start();
    m_downloadMs = m_openMs = -1;
    m_progressText->setText(tr("Starting..."));
    m_progress->setRange(0, 0);
    m_progressRow->show();
    updateStatus();
    updateRetryMenu();
    m_fetch->start();
}

void ResultsWindow::onProgress(int phase, qint64 done, qint64 total, const QString &what)
{
    const bool reading = phase == int(ResultsFetch::Phase::Reading);
    if (reading && m_downloadMs < 0)
        m_downloadMs = m_clock.elapsed();
    m_progressText->setText(reading ? tr("Reading %1").arg(what) : tr("Downloading %1").arg(what));
    if (total <= 0) {
        m_progress->setRange(0, 0);
        return;
    }
    m_progress->setRange(0, 1000);
    m_progress->setValue(int(qBound(qint64(0), done * 1000 / total, qint64(1000))));
}

void ResultsWindow::onFetched()
{
    m_progressRow->hide();
    if (m_downloadMs < 0)
        m_downloadMs = m_clock.elapsed();
    if (const std::shared_ptr<const ResultSet> results = m_fetch->results()) {
        showResults(results);
        return;
    }
    const ApiError &error = m_fetch->error();
    if (error.kind == ApiError::Cancelled)
        showBanner(tr("Loading cancelled."), true);
    else if (m_fetch->filesExpired())
        showBanner(
            tr("The files of this batch have expired: the provider no longer keeps them, so its results "
               "cannot be shown. (%1)")
                .arg(error.toString()),
            true);
    else
        showBanner(tr("Could not load the results: %1").arg(error.toString()), true);
    updateStatus();
    updateRetryMenu();
}

void ResultsWindow::showBanner(const QString &text, bool offerReload)
{
    m_banner->setText(text);
    m_reload->setVisible(offerReload && m_owner);
    m_newBatch->setVisible(failedValidation());
    m_banner->parentWidget()->show();
}

QString ResultsWindow::bannerText() const
{
    return m_banner->parentWidget()->isHidden() ? QString() : m_banner->text();
}
