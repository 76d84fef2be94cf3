// The dashboard's layout, offscreen, against the real simulator: what fits, what is reachable from the
// keyboard, what the empty places say.
#include "app/mainwindow.h"
#include "app/widgets/batchdetailpane.h"
#include "app/widgets/batchtableview.h"
#include "app/widgets/elidedlabel.h"
#include "app/widgets/filespanel.h"
#include "app/widgets/progresschart.h"
#include "mainwindowtesting.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"

#include <QAbstractButton>
#include <QApplication>
#include <QChartView>
#include <QDir>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTextDocument>

using namespace MainWindowTesting;

namespace {
// The letter a text makes a mnemonic of ("&File" -> "Alt+F"), or an empty string.
QString mnemonicOf(const QString &text)
{
    return QKeySequence::mnemonic(text).toString();
}

// Each mnemonic of one level, with the texts that use it.
using Mnemonics = QMultiMap<QString, QString>;

void add(Mnemonics &level, const QString &text)
{
    const QString key = mnemonicOf(text);
    if (!key.isEmpty())
        level.insert(key, text);
}

QString clashes(const Mnemonics &level)
{
    QStringList found;
    for (const QString &key : level.uniqueKeys()) {
        if (level.count(key) > 1)
            found << key + QStringLiteral(": ") + QStringList(level.values(key)).join(QStringLiteral(", "));
    }
    return found.join(QStringLiteral("; "));
}

// Everything that competes for Alt+letter in the window itself: the menu bar's titles, visible buttons,
// labels with a buddy and the tabs of visible tab bars. The items of each menu are a level of their own.
Mnemonics windowLevel(QMainWindow &window)
{
    Mnemonics level;
    for (QAction *action : window.menuBar()->actions())
        add(level, action->text());
    for (QWidget *widget : window.findChildren<QWidget *>()) {
        if (!widget->isVisible() || qobject_cast<QMenu *>(widget->window()))
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            add(level, button->text());
        else if (auto *label = qobject_cast<QLabel *>(widget); label && label->buddy())
            add(level, label->text());
        else if (auto *tabs = qobject_cast<QTabBar *>(widget)) {
            for (int i = 0; i < tabs->count(); ++i)
                add(level, tabs->tabText(i));
        }
    }
    return level;
}

QSplitter *detailSplitter(MainWindow &window)
{
    return window.findChild<QSplitter *>(QStringLiteral("detailSplitter"));
}
} // namespace

class TestMainWindowLayout : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimProcess> m_sim;

    // What a person sees of the pane at this window size: nothing cut, nothing scrolling sideways.
    void checkPaneFits(MainWindow &window)
    {
        BatchDetailPane *pane = window.detailPane();
        auto *overview = pane->tabs()->widget(0)->findChild<QScrollArea *>();
        if (!overview)
            overview = qobject_cast<QScrollArea *>(pane->tabs()->widget(0));
        QVERIFY(overview);
        QVERIFY(!overview->horizontalScrollBar()->isVisible());
        // Once the layout has settled (a vertical scroll bar coming takes width from the page).
        QTRY_VERIFY2(overview->widget()->width() <= overview->viewport()->width(),
                     qPrintable(QStringLiteral("overview %1 px in a %2 px viewport")
                                    .arg(overview->widget()->width())
                                    .arg(overview->viewport()->width())));
        const QList<QTableWidget *> tables = pane->findChildren<QTableWidget *>();
        for (QTableWidget *table : tables) {
            if (!table->isVisible())
                continue;
            QVERIFY2(!table->horizontalScrollBar()->isVisible(), qPrintable(table->accessibleName()));
            QVERIFY2(table->horizontalHeader()->length() <= table->viewport()->width(),
                     qPrintable(QStringLiteral("%1: %2 px of columns in %3 px")
                                    .arg(table->accessibleName())
                                    .arg(table->horizontalHeader()->length())
                                    .arg(table->viewport()->width())));
        }
        // Ids do not fit everywhere: cut, they say the whole of themselves in the tool tip.
        for (ElidedLabel *label : pane->findChildren<ElidedLabel *>()) {
            if (label->isElided())
                QCOMPARE(label->toolTip(), label->fullText());
        }
        // Labels that do not elide fit their text.
        for (QLabel *label : overview->widget()->findChildren<QLabel *>()) {
            if (!label->isVisible() || qobject_cast<ElidedLabel *>(label))
                continue;
            QVERIFY2(label->geometry().right() <= overview->widget()->width(), qPrintable(label->text()));
            const bool plain = label->textFormat() == Qt::PlainText ||
                               (label->textFormat() == Qt::AutoText && !Qt::mightBeRichText(label->text()));
            if (!label->wordWrap() && plain)
                QVERIFY2(label->fontMetrics().horizontalAdvance(label->text()) <=
                             label->contentsRect().width(),
                         qPrintable(label->text()));
        }
        pane->tabs()->setCurrentWidget(pane->filesPanel());
        QTRY_VERIFY(pane->filesPanel()->isVisible());
        auto *files = pane->filesPanel()->findChild<QScrollArea *>();
        QVERIFY(files);
        QTRY_VERIFY2(files->widget()->width() <= files->viewport()->width(),
                     qPrintable(QStringLiteral("files tab %1 px in a %2 px viewport")
                                    .arg(files->widget()->width())
                                    .arg(files->viewport()->width())));
        pane->tabs()->setCurrentIndex(0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).removeRecursively();
        QSettings().clear(); // a layout saved by an earlier run must not stand in for the first start's
        m_sim = std::make_unique<SimProcess>(QStringList{QStringLiteral("--batches"), QStringLiteral("120"),
                                                         QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(m_sim->start());
    }

    // Point 18: Alt+F is the File menu, and no Alt+letter means two things at one level.
    void everyMnemonicIsUsedOnce()
    {
        MainWindow window;
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        selectRow(window, 0); // the detail pane's tabs are shown, and with them their mnemonics
        QVERIFY(window.detailPane()->tabs()->isVisible());

        const Mnemonics top = windowLevel(window);
        QVERIFY(top.contains(QStringLiteral("Alt+F")));
        QVERIFY2(clashes(top).isEmpty(), qPrintable(clashes(top)));
        for (QAction *title : window.menuBar()->actions()) {
            QMenu *menu = title->menu();
            QVERIFY(menu);
            Mnemonics items;
            for (QAction *item : menu->actions())
                add(items, item->text());
            QVERIFY2(clashes(items).isEmpty(),
                     qPrintable(title->text() + QStringLiteral(": ") + clashes(items)));
        }

        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const int tab = window.detailPane()->tabs()->currentIndex();
        QTest::keyClick(&window, Qt::Key_F, Qt::AltModifier);
        QMenu *file = window.menuBar()->actions().front()->menu();
        QTRY_VERIFY(file->isVisible());
        QCOMPARE(window.detailPane()->tabs()->currentIndex(), tab);
        file->close();
    }

    // Point 19: at each size the pane fits, Progress is on screen, and the table's widths follow the window.
    void fitsAtEverySize_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("paneBeside");
        QTest::newRow("1024x640") << QSize(1024, 640) << false;
        QTest::newRow("1400x900") << QSize(1400, 900) << true;
        QTest::newRow("1920x1080") << QSize(1920, 1080) << true;
    }

    void fitsAtEverySize()
    {
        QFETCH(QSize, size);
        QFETCH(bool, paneBeside);
        MainWindow window;
        openOn(window, m_sim->config(), size, true);
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        QSplitter *splitter = detailSplitter(window);
        QVERIFY(splitter);
        QCOMPARE(splitter->orientation(), paneBeside ? Qt::Horizontal : Qt::Vertical);

        BatchTableView *table = window.table();
        const int viewport = table->viewport()->width();
        const int progressLeft = table->columnViewportPosition(BatchColumns::Progress);
        QVERIFY2(progressLeft >= 0 && progressLeft + table->columnWidth(BatchColumns::Progress) <= viewport,
                 qPrintable(QStringLiteral("Progress at %1-%2 in %3 px")
                                .arg(progressLeft)
                                .arg(progressLeft + table->columnWidth(BatchColumns::Progress))
                                .arg(viewport)));
        QVERIFY(!table->horizontalScrollBar()->isVisible());
        // No one column takes what the others could use.
        QHeaderView *header = table->horizontalHeader();
        for (int column = 0; column < header->count(); ++column) {
            if (!header->isSectionHidden(column))
                QVERIFY2(header->sectionSize(column) <= viewport / 4,
                         qPrintable(QStringLiteral("column %1: %2 of %3 px")
                                        .arg(column)
                                        .arg(header->sectionSize(column))
                                        .arg(viewport)));
        }
        if (paneBeside)
            QVERIFY2(window.detailPane()->width() >= 360,
                     qPrintable(QString::number(window.detailPane()->width())));

        for (const QString &status : {QStringLiteral("failed"), QStringLiteral("completed"),
                                      QStringLiteral("in_progress"), QStringLiteral("expired")}) {
            const int row = firstRowWith(window, status);
            if (row < 0)
                continue;
            selectRow(window, row);
            QTRY_VERIFY(window.detailPane()->tabs()->isVisible());
            // Under the table, the pane leaves the table a screenful of rows.
            if (!paneBeside)
                QTRY_VERIFY2(table->viewport()->height() >= 6 * table->verticalHeader()->defaultSectionSize(),
                             qPrintable(QString::number(table->viewport()->height())));
            checkPaneFits(window);
            if (QTest::currentTestFailed()) {
                qWarning() << "with a" << status << "batch selected";
                return;
            }
        }
    }

    // Below the threshold the pane moves under the table, and back above it.
    void paneMovesWithTheWidth()
    {
        MainWindow window;
        openOn(window, m_sim->config(), QSize(1400, 900));
        QSplitter *splitter = detailSplitter(window);
        QVERIFY(splitter);
        QTRY_COMPARE(splitter->orientation(), Qt::Horizontal);
        window.resize(1100, 800);
        QTRY_COMPARE(splitter->orientation(), Qt::Vertical);
        QTRY_VERIFY(window.detailPane()->y() > window.table()->y());
        window.resize(1600, 800);
        QTRY_COMPARE(splitter->orientation(), Qt::Horizontal);
        QTRY_VERIFY(window.detailPane()->x() > window.table()->x());
    }

    // Between the sizes too: at every width the table shows Progress and does not scroll sideways (the pane
    // goes under the table where both would not fit beside each other).
    void noWidthScrollsTheTableSideways_data()
    {
        QTest::addColumn<qreal>("fontScale");
        QTest::newRow("default font") << 1.0;
        QTest::newRow("larger font")
            << 1.3; // as a desktop with a 12-pt font, or the 14 px 'M' seen under Xvfb
    }

    void noWidthScrollsTheTableSideways()
    {
        QFETCH(qreal, fontScale);
        MainWindow window;
        QFont font = window.font();
        font.setPointSizeF(font.pointSizeF() * fontScale);
        window.setFont(font);
        openOn(window, m_sim->config(), QSize(1024, 800), true);
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        selectRow(window, 0);
        BatchTableView *table = window.table();
        for (int width = 1024; width <= 1920; width += 48) {
            window.resize(width, 800);
            QTRY_COMPARE(window.width(), width);
            QTRY_VERIFY2(!table->horizontalScrollBar()->isVisible(), qPrintable(QString::number(width)));
            const int right = table->columnViewportPosition(BatchColumns::Progress) +
                              table->columnWidth(BatchColumns::Progress);
            QVERIFY2(right <= table->viewport()->width(), qPrintable(QString::number(width)));
        }
    }

    // Point 20: a long metadata key leaves the value in view.
    void longMetadataKeyLeavesTheValueInView()
    {
        const QString key(64, u'k');
        const QString value = QStringLiteral("a value long enough to need two lines in a narrow pane, "
                                             "which it gets by wrapping rather than by running off the side");
        const QString id = m_sim->createBatch(1, QJsonObject{{key, value}});
        QVERIFY(!id.isEmpty());

        MainWindow window;
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowOf(id) >= 0);
        window.selectBatch(id);
        QTRY_COMPARE(window.detailPane()->batchId(), id);
        auto *metadata = window.detailPane()->findChild<QTableWidget *>(QStringLiteral("metadataTable"));
        QVERIFY(metadata);
        window.detailPane()->tabs()->setCurrentIndex(3);
        QTRY_VERIFY(metadata->isVisible());
        const int viewport = metadata->viewport()->width();
        QVERIFY2(metadata->columnWidth(0) <= viewport / 2,
                 qPrintable(QStringLiteral("key %1 of %2 px").arg(metadata->columnWidth(0)).arg(viewport)));
        QVERIFY(metadata->columnViewportPosition(1) + metadata->columnWidth(1) <= viewport);
        QVERIFY(metadata->columnWidth(1) >= viewport / 3);
        QVERIFY(!metadata->horizontalScrollBar()->isVisible());
        // The value wraps: its row is taller than one line.
        QVERIFY(metadata->rowHeight(0) > 2 * metadata->fontMetrics().height());
        QCOMPARE(metadata->item(0, 0)->toolTip(), key);
    }

    // Point 19 (seen in the dark screenshots): the chart follows a dark palette instead of staying white.
    void chartFollowsTheWindowsPalette()
    {
        MainWindow window;
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        window.setPalette(dark);
        auto *view = window.detailPane()->progressChart()->findChild<QChartView *>();
        QVERIFY(view);
        QTRY_COMPARE(view->chart()->backgroundBrush().color(), dark.color(QPalette::Base));
        const auto *axis = view->chart()->axes(Qt::Horizontal).value(0);
        QVERIFY(axis);
        QVERIFY(axis->labelsBrush().color().lightness() > 128);
    }
};

QTEST_MAIN(TestMainWindowLayout)
#include "tst_mainwindowlayout.moc"
