// The window's actions: menus, toolbar, shortcuts and the row context menu.
#include "app/mainwindow.h"
#include "models/plaintooltip.h"

#include "app/batchactions.h"
#include "app/widgets/batchdetailpane.h"
#include "app/widgets/batchtableview.h"
#include "app/widgets/filespanel.h"
#include "app/widgets/filterbar.h"
#include "app/widgets/statusfilterpanel.h"
#include "core/session/accountsession.h"
#include "core/session/sessionset.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"

#include <QMenu>
#include <QMenuBar>
#include <QShortcut>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

void MainWindow::buildActions()
{
    // Every action sits in a menu (reachable with Alt and arrows) and most on the toolbar for the mouse.
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    QMenu *batchMenu = menuBar()->addMenu(tr("&Batch"));
    const auto add = [this, bar](QMenu *menu, const QString &text, const QKeySequence &keys, auto slot,
                                 bool onBar = true) {
        auto *action = new QAction(text, this);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        menu->addAction(action);
        if (onBar)
            bar->addAction(action);
        return action;
    };
    add(viewMenu, tr("&Refresh"), QKeySequence(Qt::Key_F5), [this] {
        // The account shown, or all of them.
        if (AccountSession *s = m_sessions->session(m_shownAccount); s && !m_shownAccount.isEmpty())
            s->refreshNow();
        else
            m_sessions->refreshAll();
    });
    add(viewMenu, tr("Load &all"), QKeySequence(Qt::CTRL | Qt::Key_L), [this] {
        for (AccountSession *s : m_sessions->sessions()) {
            if (m_shownAccount.isEmpty() || s->name() == m_shownAccount)
                s->loadAll();
        }
    });
    buildSwitcher(bar, viewMenu);
    buildOverview(viewMenu);
    viewMenu->addSeparator();
    add(
        viewMenu, tr("&Find..."), QKeySequence::Find, [this] { m_filterBar->focusSearch(); }, false);
    add(
        viewMenu, tr("&Clear filters"), QKeySequence(Qt::Key_Escape),
        [this] {
            m_filterBar->clear();
            m_statusPanel->clearChecks();
            m_proxy->clearFilter();
        },
        false);
    bar->addSeparator();
    add(
        fileMenu, tr("&New batch..."), QKeySequence::New, [this] { openNewBatch(); }, false);
    fileMenu->addSeparator();
    add(fileMenu, tr("&Export selection..."), QKeySequence(Qt::CTRL | Qt::Key_E),
        [this] { m_actions->exportWithDialog(selectedRows(), tr("selected")); });
    add(fileMenu, tr("Export &shown..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
        [this] { m_actions->exportWithDialog(visibleRows(), tr("shown")); });
    fileMenu->addSeparator();
    QAction *settings = add(
        fileMenu, tr("Se&ttings..."), QKeySequence(Qt::CTRL | Qt::Key_Comma),
        [this] { Q_EMIT settingsRequested(); }, false);
    add(
        fileMenu, tr("&Quit"), QKeySequence::Quit, [this] { close(); }, false);
    m_resultsAction = add(batchMenu, tr("Res&ults..."), QKeySequence(Qt::CTRL | Qt::Key_R), [this] {
        updateActionStates();
        if (m_resultsAction->isEnabled())
            openResults();
        else
            statusBar()->showMessage(m_lastMessage = m_resultsAction->toolTip(), 8000);
    });
    m_resultsAction->setObjectName(QStringLiteral("resultsAction"));
    add(batchMenu, tr("&Cancel batches..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
        [this] { m_actions->cancelWithConfirmation(selectedRows()); });
    add(
        batchMenu, tr("Copy &IDs"), QKeySequence(), [this] { m_actions->copyIds(selectedBatches()); }, false);
    m_downloadOutput = add(
        batchMenu, tr("Download &output file..."), QKeySequence(Qt::CTRL | Qt::Key_D),
        [this] { downloadForCurrent(FilesPanel::Output); }, false);
    m_downloadErrors = add(
        batchMenu, tr("Download e&rror file..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
        [this] { downloadForCurrent(FilesPanel::Errors); }, false);
    m_openOnWeb = add(
        batchMenu, tr("Open in the OpenAI &dashboard"), QKeySequence(),
        [this] { m_actions->openOnWeb(selectedBatches()); }, false);
    m_downloadOutput->setObjectName(QStringLiteral("downloadOutputAction"));
    m_downloadErrors->setObjectName(QStringLiteral("downloadErrorAction"));
    m_openOnWeb->setObjectName(QStringLiteral("openOnWebAction"));
    // A disabled entry says why in its tooltip, which a menu shows only when asked to.
    batchMenu->setToolTipsVisible(true);
    // Queued: the detail pane, whose batch the downloads act on, follows the same signals.
    const auto update = [this] {
        QMetaObject::invokeMethod(this, &MainWindow::updateActionStates, Qt::QueuedConnection);
    };
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, update);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, update);
    connect(m_model, &QAbstractItemModel::dataChanged, this, update);
    connect(m_model, &QAbstractItemModel::modelReset, this, update);
    connect(m_actions, &BatchActions::clientChanged, this, update);
    updateActionStates();
    connect(m_detail, &BatchDetailPane::resultsRequested, this, [this] { openResults(); });
    connect(m_detail, &BatchDetailPane::newBatchRequested, this, [this] { openNewBatch(); });
    connect(m_detail, &BatchDetailPane::batchLinkActivated, this,
            [this](const QString &id) { selectBatch(id, m_model->accountOf(m_detailSource)); });
    bar->addSeparator();
    bar->addAction(settings);
    // Ctrl+C copies ids when the table has focus; elsewhere it keeps its usual meaning.
    auto *copy = new QShortcut(QKeySequence::Copy, m_table, nullptr, nullptr, Qt::WidgetShortcut);
    connect(copy, &QShortcut::activated, this, [this] { m_actions->copyIds(selectedBatches()); });
}

const Batch *MainWindow::batchForFiles() const
{
    // The downloads act on the batch the detail pane shows.
    const int row = m_detail->batchId().isEmpty() ? -1 : m_model->rowOf(m_detail->batchId(), m_detailSource);
    return row < 0 ? nullptr : &m_model->batchAt(row);
}

void MainWindow::updateActionStates()
{
    if (!m_openOnWeb)
        return;
    const bool anySelected = m_table->selectionModel()->hasSelection();
    m_openOnWeb->setEnabled(anySelected && m_actions->canOpenOnWeb());
    QString webWhy;
    if (!session())
        webWhy = tr("Not connected to an account yet.");
    else if (!m_actions->canOpenOnWeb())
        webWhy =
            tr("Only batches on api.openai.com have a page in the OpenAI dashboard; this account is on %1.")
                .arg(m_demo ? tr("this machine (demo data)") : m_config.baseUrl.host());
    else if (!anySelected)
        webWhy = tr("Select a batch first.");
    else
        webWhy = tr("Opens the selected batches (at most five) on platform.openai.com.");
    m_openOnWeb->setToolTip(webWhy);
    m_openOnWeb->setStatusTip(webWhy);
    const Batch *batch = batchForFiles();
    m_resultsAction->setEnabled(batch && batch->status.isTerminal());
    const QString resultsWhy =
        !batch ? tr("Select a batch first.")
        : !batch->status.isTerminal()
            ? tr("%1 has not ended: its results are read once it has.").arg(batch->id)
            : tr("Every request of %1 with its outcome, errors by cause, and Retry.").arg(batch->id);
    m_resultsAction->setToolTip(PlainToolTip::of(resultsWhy));
    m_resultsAction->setStatusTip(resultsWhy);
    const std::pair<QAction *, bool> downloads[] = {{m_downloadOutput, true}, {m_downloadErrors, false}};
    for (const auto &[action, output] : downloads) {
        const QString fileId = !batch ? QString() : output ? batch->outputFileId : batch->errorFileId;
        action->setEnabled(!fileId.isEmpty());
        QString why;
        if (!batch)
            why = tr("Select a batch first.");
        else if (!fileId.isEmpty())
            why = output ? tr("Saves %1's output file.").arg(batch->id)
                         : tr("Saves %1's error file.").arg(batch->id);
        else if (!batch->status.isTerminal())
            why = output ? tr("%1 has no output file yet: it is written when the batch ends.").arg(batch->id)
                         : tr("%1 has no error file yet: it is written when the batch ends.").arg(batch->id);
        else
            why = output ? tr("%1 ended without an output file (no request completed).").arg(batch->id)
                         : tr("%1 ended without an error file (no request failed).").arg(batch->id);
        action->setToolTip(PlainToolTip::of(why)); // holds the server's batch id
        action->setStatusTip(why);
    }
}

void MainWindow::downloadForCurrent(int kind)
{
    // Reached from the row menu too; never silent when there is nothing to save.
    QAction *action = kind == FilesPanel::Output ? m_downloadOutput : m_downloadErrors;
    updateActionStates();
    if (action && !action->isEnabled()) {
        m_lastMessage = action->toolTip();
        statusBar()->showMessage(m_lastMessage, 8000);
        return;
    }
    m_detail->tabs()->setCurrentWidget(m_detail->filesPanel());
    m_detail->filesPanel()->chooseAndDownload(kind);
}

void MainWindow::showRowMenu(const QPoint &pos)
{
    const std::vector<AccountBatch> rows = selectedRows();
    const std::vector<Batch> batches = selectedBatches();
    if (batches.empty())
        return;
    QMenu menu(this);
    menu.addAction(tr("Copy ID(s)"), this, [this, batches] { m_actions->copyIds(batches); });
    menu.addAction(tr("Export selection..."), this,
                   [this, rows] { m_actions->exportWithDialog(rows, tr("selected")); });
    QAction *cancel =
        menu.addAction(tr("Cancel..."), this, [this, rows] { m_actions->cancelWithConfirmation(rows); });
    cancel->setEnabled(
        std::any_of(batches.begin(), batches.end(), [](const Batch &b) { return b.status.isCancellable(); }));
    if (batches.size() == 1) {
        const Batch &b = batches.front();
        menu.addSeparator();
        m_detail->setBatch(b);
        const std::tuple<int, QString, QString> downloads[] = {
            {FilesPanel::Output, tr("Download output file..."), b.outputFileId},
            {FilesPanel::Errors, tr("Download error file..."), b.errorFileId}};
        for (const auto &[kind, text, fileId] : downloads) {
            QAction *download = menu.addAction(text, this, [this, kind = kind] { downloadForCurrent(kind); });
            download->setEnabled(!fileId.isEmpty());
        }
    }
    if (m_actions->canOpenOnWeb()) {
        menu.addSeparator();
        menu.addAction(tr("Open in the OpenAI dashboard"), this,
                       [this, batches] { m_actions->openOnWeb(batches); });
    }
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}
