// The search box as a query box: a wrong term underlined in red with its problem in a tooltip at its place,
// completion of field names and values, the query kept across a restart of the window, and the side bar's
// saved queries. Offscreen; the window against the real simulator.
#include "app/mainwindow.h"
#include "app/widgets/filterbar.h"
#include "app/widgets/queryedit.h"
#include "app/widgets/savedqueries.h"
#include "mainwindowtesting.h"
#include "simprocess.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QDir>
#include <QHelpEvent>
#include <QListWidget>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolTip>

namespace {
using MainWindowTesting::openOn;

// Pixels of the error underline's red in the field.
int redPixels(QWidget *field)
{
    const QImage image = field->grab().toImage();
    int red = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            // Reddish, blended with the base or not (the wave is antialiased).
            red += c.red() - c.green() > 50 && c.red() - c.blue() > 50;
        }
    }
    return red;
}
} // namespace

class TestQueryEdit : public QObject
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

    void cleanup() { QSettings().clear(); }

    void aWrongTermIsUnderlinedAndSaysWhy()
    {
        FilterBar bar;
        bar.resize(700, bar.sizeHint().height());
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        QueryEdit *edit = bar.queryEdit();
        QVERIFY(edit->placeholderText().contains(QStringLiteral("status:failed")));
        QTest::keyClicks(edit, QStringLiteral("acme total>ten"));
        QCOMPARE(edit->errors().size(), 1);
        QCOMPARE(edit->errors().constFirst().start, 11);
        QVERIFY2(edit->errorAt(12).contains(QStringLiteral("number")), qPrintable(edit->errorAt(12)));
        QVERIFY(edit->errorAt(2).isEmpty());
        QVERIFY(edit->accessibleDescription().contains(QStringLiteral("number")));
        QTRY_VERIFY(redPixels(edit) > 5);

        // The tooltip where the mistake is.
        edit->setCursorPosition(12);
        const QPoint at = edit->cursorRect().center();
        edit->setCursorPosition(0);
        QHelpEvent help(QEvent::ToolTip, at, edit->mapToGlobal(at));
        QApplication::sendEvent(edit, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("number")), qPrintable(QToolTip::text()));
        QToolTip::hideText();

        // Fixed: no line.
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("acme total>10"));
        QVERIFY(edit->errors().isEmpty());
        QTRY_COMPARE(redPixels(edit), 0);
    }

    void completionOffersFieldsAndValues()
    {
        FilterBar bar;
        bar.resize(700, bar.sizeHint().height());
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        QueryEdit *edit = bar.queryEdit();
        QTest::keyClicks(edit, QStringLiteral("acme sta"));
        QCOMPARE(edit->completions(), QStringList{QStringLiteral("status:")});
        QAbstractItemView *popup = edit->queryCompleter()->popup();
        QTRY_VERIFY(popup->isVisible());
        // Chosen: the field is written, and its values are offered.
        QTest::keyClick(popup, Qt::Key_Return);
        QCOMPARE(edit->text(), QStringLiteral("acme status:"));
        QVERIFY(edit->completions().contains(QStringLiteral("failed")));
        QVERIFY(edit->completions().contains(QStringLiteral("in_progress")));
        QTRY_VERIFY(popup->isVisible());
        QTest::keyClicks(edit, QStringLiteral("fa"));
        QCOMPARE(edit->completions(), QStringList{QStringLiteral("failed")});
        QTest::keyClicks(edit, QStringLiteral("iled,can"));
        const QStringList cancel{QStringLiteral("cancelling"), QStringLiteral("cancelled")};
        QCOMPARE(edit->completions(), cancel);
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("-provider:a"));
        QVERIFY(edit->completions().contains(QStringLiteral("anthropic")));
        QVERIFY(edit->completions().contains(QStringLiteral("azure")));
        // Free words are not completed.
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("\"sta"));
        QVERIFY(edit->completions().isEmpty());
    }

    void theQueryIsKeptAcrossARestart()
    {
        const QString query = QStringLiteral("status:failed,cancelled");
        {
            MainWindow window;
            openOn(window, m_sim->config());
            QTRY_VERIFY(window.model()->rowCount() > 0);
            window.filterBar()->setQuery(query);
            window.close();
        }
        MainWindow again;
        // Before any row comes.
        QCOMPARE(again.filterBar()->query(), query);
        QCOMPARE(again.proxy()->filter().searchText(), query);
        openOn(again, m_sim->config());
        QTRY_VERIFY(again.model()->rowCount() > 0);
        QTRY_VERIFY(again.proxy()->rowCount() > 0);
        for (int row = 0; row < again.proxy()->rowCount(); ++row) {
            const QString status = again.proxy()->index(row, 0).data(BatchTableModel::StatusRole).toString();
            QVERIFY2(status == QLatin1String("failed") || status == QLatin1String("cancelled"),
                     qPrintable(status));
        }
    }

    void savedQueriesApplyAndGo()
    {
        MainWindow window;
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowCount() > 0);
        SavedQueriesPanel *saved = window.savedQueries();
        QVERIFY(saved->isVisible());
        QVERIFY(!saved->saveButton()->isEnabled()); // nothing to save yet
        window.filterBar()->setQuery(QStringLiteral("status:completed"));
        QVERIFY(saved->saveButton()->isEnabled());
        saved->save(QStringLiteral("Done"), QStringLiteral("status:completed"));
        saved->save(QStringLiteral("Failed"), QStringLiteral("status:failed"));
        saved->save(QStringLiteral("Done"),
                    QStringLiteral("status:completed -failed>0")); // same name: replaced
        QListWidget *list = saved->list();
        QCOMPARE(list->count(), 2);

        // A click applies one.
        const QRect failed = list->visualItemRect(list->item(1));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, failed.center());
        QCOMPARE(window.filterBar()->query(), QStringLiteral("status:failed"));
        QTRY_VERIFY(window.proxy()->rowCount() > 0);
        QCOMPARE(window.proxy()->index(0, 0).data(BatchTableModel::StatusRole).toString(),
                 QStringLiteral("failed"));
        // Enter too.
        list->setFocus();
        list->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(window.filterBar()->query(), QStringLiteral("status:completed -failed>0"));

        // Kept in the settings.
        SavedQueriesPanel other;
        QCOMPARE(other.list()->count(), 2);
        QCOMPARE(other.saved().constFirst().query, QStringLiteral("status:completed -failed>0"));

        // Delete removes the current one, here and in the settings.
        list->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(), QStringLiteral("Failed"));
        SavedQueriesPanel after;
        QCOMPARE(after.list()->count(), 1);

        // A long name is elided, never scrolled sideways: a scroll bar would cover the second row.
        saved->save(QString(120, u'L'), QStringLiteral("status:expired"));
        QCOMPARE(list->count(), 2);
        QVERIFY(!list->horizontalScrollBar()->isVisible());
        for (int row = 0; row < list->count(); ++row) // each row whole in height
            QVERIFY(list->visualItemRect(list->item(row)).bottom() < list->viewport()->height());
    }
};

QTEST_MAIN(TestQueryEdit)
#include "tst_queryedit.moc"
