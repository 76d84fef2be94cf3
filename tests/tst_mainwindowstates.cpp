// What the dashboard shows in its states, offscreen, against the real simulator: the detail pane following
// the selection, empty places that say why, the title, the search field after Esc.
#include "app/mainwindow.h"
#include "app/widgets/batchdetailpane.h"
#include "app/widgets/batchtableview.h"
#include "app/widgets/filterbar.h"
#include "app/widgets/progresschart.h"
#include "mainwindowtesting.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"

#include <QDir>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

using namespace MainWindowTesting;

class TestMainWindowStates : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimProcess> m_sim;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).removeRecursively();
        QSettings().clear();
        m_sim = std::make_unique<SimProcess>(QStringList{QStringLiteral("--batches"), QStringLiteral("120"),
                                                         QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(m_sim->start());
    }

    // Point 21: the pane shows the selection, and clears when the filters hide what it showed.
    void paneFollowsTheSelection()
    {
        MainWindow window;
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        selectRow(window, 2);
        const QString selected = window.proxy()->index(2, 0).data(BatchTableModel::IdRole).toString();
        QCOMPARE(window.detailPane()->batchId(), selected);
        // Moving the current row without selecting (Ctrl+arrow) leaves the pane on the selection.
        window.table()->selectionModel()->setCurrentIndex(window.proxy()->index(5, 0),
                                                          QItemSelectionModel::NoUpdate);
        QCOMPARE(window.detailPane()->batchId(), selected);
        // Selecting with the mouse's Ctrl+click keeps the current row's batch.
        window.table()->selectionModel()->select(window.proxy()->index(5, 0),
                                                 QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(window.detailPane()->batchId(),
                 window.proxy()->index(5, 0).data(BatchTableModel::IdRole).toString());
        window.table()->selectionModel()->clearSelection();
        QTRY_VERIFY(window.detailPane()->batchId().isEmpty());

        selectRow(window, 2);
        QCOMPARE(window.detailPane()->batchId(), selected);
        // A search that hides the batch: the pane is empty rather than showing what the table no longer does.
        const QString other = window.proxy()->index(7, 0).data(BatchTableModel::IdRole).toString();
        QTest::keyClicks(window.filterBar()->searchField(), other);
        QTRY_COMPARE(window.proxy()->rowCount(), 1);
        QTRY_VERIFY(window.detailPane()->batchId().isEmpty());
        QVERIFY(!window.detailPane()->tabs()->isVisible());
    }

    // Point 25: empty tabs and an empty table say so.
    void emptyPlacesSaySo()
    {
        MainWindow window;
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        const int completed = firstRowWith(window, QStringLiteral("completed"));
        QVERIFY(completed >= 0);
        selectRow(window, completed);
        const Batch batch =
            window.model()->batchAt(window.proxy()->mapToSource(window.proxy()->index(completed, 0)).row());
        QVERIFY(batch.errors.isEmpty());
        auto *errorsEmpty = window.detailPane()->findChild<QLabel *>(QStringLiteral("errorsEmpty"));
        auto *metadataEmpty = window.detailPane()->findChild<QLabel *>(QStringLiteral("metadataEmpty"));
        QVERIFY(errorsEmpty);
        QVERIFY(metadataEmpty);
        window.detailPane()->tabs()->setCurrentIndex(2);
        QTRY_VERIFY(errorsEmpty->isVisible());
        QVERIFY(errorsEmpty->text().contains(QStringLiteral("No errors")));
        if (batch.metadata.isEmpty()) {
            window.detailPane()->tabs()->setCurrentIndex(3);
            QTRY_VERIFY(metadataEmpty->isVisible());
            QVERIFY(metadataEmpty->text().contains(QStringLiteral("No metadata")));
        }

        QTest::keyClicks(window.filterBar()->searchField(), QStringLiteral("no-such-batch-anywhere"));
        QTRY_COMPARE(window.proxy()->rowCount(), 0);
        QCOMPARE(window.table()->emptyText(), QStringLiteral("No batches match the filters"));
        // Painted: the empty viewport is not blank.
        const QImage image = window.table()->viewport()->grab().toImage();
        const QColor base = window.table()->palette().color(QPalette::Base);
        int inked = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                inked += image.pixelColor(x, y) != base;
        }
        QVERIFY(inked > 50);
    }

    // Point 26: a batch that had ended before Batchwatch saw it gets no promise of a chart.
    void finishedBatchExplainsTheMissingChart()
    {
        MainWindow window;
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        const int completed = firstRowWith(window, QStringLiteral("completed"));
        QVERIFY(completed >= 0);
        selectRow(window, completed);
        const QString finished = window.detailPane()->progressChart()->emptyText();
        QVERIFY2(!finished.contains(QStringLiteral("appears once")), qPrintable(finished));
        QVERIFY2(finished.contains(QStringLiteral("ended")), qPrintable(finished));
        const int running = firstRowWith(window, QStringLiteral("in_progress"));
        QVERIFY(running >= 0);
        selectRow(window, running);
        QVERIFY(window.detailPane()->progressChart()->emptyText().contains(QStringLiteral("appears once")));
    }

    // Point 27: the platform adds the application's name; the window does not say it again.
    void titleNamesTheAppOnce()
    {
        const QString oldName = QGuiApplication::applicationDisplayName();
        QGuiApplication::setApplicationDisplayName(QStringLiteral("Batchwatch"));
        MainWindow window;
        openOn(window, m_sim->config());
        // What the window manager shows: Qt appends " — <display name>" unless the title ends with it.
        QString shown = window.windowTitle();
        if (!shown.endsWith(QGuiApplication::applicationDisplayName()))
            shown += QStringLiteral(" — ") + QGuiApplication::applicationDisplayName();
        QCOMPARE(shown.count(QStringLiteral("Batchwatch")), 1);
        QVERIFY(shown.contains(QStringLiteral("127.0.0.1")));
        window.connectTo(m_sim->config(), true);
        shown = window.windowTitle();
        if (!shown.endsWith(QGuiApplication::applicationDisplayName()))
            shown += QStringLiteral(" — ") + QGuiApplication::applicationDisplayName();
        QCOMPARE(shown, QStringLiteral("Demo data — Batchwatch"));
        QGuiApplication::setApplicationDisplayName(oldName);
    }

    // Point 30: Esc empties the search field and its clear button goes with the text.
    void escapeTakesTheClearButtonAway()
    {
        MainWindow window;
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        QLineEdit *search = window.filterBar()->searchField();
        QTest::keyClicks(search, QStringLiteral("mini"));
        auto *clear = search->findChild<QToolButton *>();
        QVERIFY(clear);
        QTRY_COMPARE(clear->property("opacity").toReal(), 1.0);
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(search->text().isEmpty());
        QTRY_VERIFY(clear->isHidden() || clear->property("opacity").toReal() == 0.0);
        // And it comes back with the next letter typed.
        QTest::keyClicks(search, QStringLiteral("x"));
        QTRY_VERIFY(clear->isVisible() && clear->property("opacity").toReal() == 1.0);
    }
};

QTEST_MAIN(TestMainWindowStates)
#include "tst_mainwindowstates.moc"
