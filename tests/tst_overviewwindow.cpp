// View > Overview: the charts hold the series' values, follow the palette, say when they are empty, and save
// as PNG.
#include "app/mainwindow.h"
#include "app/overview/overviewchartpanel.h"
#include "app/overview/overviewwindow.h"
#include "core/cost/pricetable.h"
#include "models/batchtablemodel.h"
#include "models/statuscolors.h"
#include "testbatches.h"

#include <QAction>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QElapsedTimer>
#include <QImageReader>
#include <QJsonObject>
#include <QLineSeries>
#include <QPushButton>
#include <QSettings>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr qint64 kDay = 86'400;
constexpr qint64 kToday = 1'796'169'600; // 2026-12-02T00:00:00Z
constexpr qint64 kNow = kToday + 15 * 3600;

const char kPrices[] = "{\"updated\": \"2026-12-01\", \"currency\": \"USD\", \"models\": {"
                       "\"gpt-4o-mini\": {\"input\": 0.5, \"output\": 2.0}, \"gpt-4o\": {\"input\": 1.25, "
                       "\"output\": 5.0}}}";

Batch used(const QString &id, const QString &model, qint64 created, qint64 input)
{
    return TestBatch(id, QStringLiteral("completed"), created)
        .with(QStringLiteral("completed_at"), created + 600)
        .with(QStringLiteral("model"), model)
        .with(QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), input},
                                                   {QStringLiteral("output_tokens"), 0},
                                                   {QStringLiteral("total_tokens"), input}});
}

QStackedBarSeries *bars(const OverviewWindow &window, OverviewWindow::Chart chart)
{
    const QList<QAbstractSeries *> all = window.panel(chart)->chart()->series();
    return all.size() == 1 ? qobject_cast<QStackedBarSeries *>(all.first()) : nullptr;
}

QList<qreal> values(const QBarSet *set)
{
    QList<qreal> out;
    for (int i = 0; i < set->count(); ++i)
        out << set->at(i);
    return out;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, Qt::white);
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    return p;
}
} // namespace

class TestOverviewWindow : public QObject
{
    Q_OBJECT

private:
    PriceTable m_prices;
    ProgressHistory m_history;

    void fill(BatchTableModel &model)
    {
        const int source = model.addSource(QStringLiteral("a"), Provider::OpenAI, &m_history);
        model.merge(
            {used(QStringLiteral("a"), QStringLiteral("gpt-4o-mini"), kToday + 60, 2'000'000),  // $1
             used(QStringLiteral("b"), QStringLiteral("gpt-4o"), kToday - 2 * kDay, 1'000'000), // $1.25
             TestBatch(QStringLiteral("f"), QStringLiteral("failed"), kToday - kDay)
                 .with(QStringLiteral("failed_at"), kToday - kDay + 60),
             TestBatch(QStringLiteral("r"), QStringLiteral("in_progress"), kNow - 3600).counts(1000, 600, 0)},
            source);
        m_history.add(QStringLiteral("r"), ProgressSample{kNow - 600, 0, 0, 1000});
        m_history.add(QStringLiteral("r"), ProgressSample{kNow - 300, 600, 0, 1000}); // 2 a second
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_prices.merge(QByteArray(kPrices)));
    }

    void seriesHoldTheValues()
    {
        BatchTableModel model;
        fill(model);
        OverviewWindow window(&model);
        window.setClock([] { return kNow; });
        window.setPrices(&m_prices);
        window.setRangeDays(7);
        QCOMPARE(window.rangeDays(), 7);

        QStackedBarSeries *spend = bars(window, OverviewWindow::Spend);
        QVERIFY(spend);
        QCOMPARE(spend->count(), 2);
        QCOMPARE(spend->barSets()[0]->label(), QStringLiteral("gpt-4o"));
        QCOMPARE(values(spend->barSets()[0]), (QList<qreal>{0, 0, 0, 0, 1.25, 0, 0}));
        QCOMPARE(spend->barSets()[1]->label(), QStringLiteral("gpt-4o-mini"));
        QCOMPARE(values(spend->barSets()[1]), (QList<qreal>{0, 0, 0, 0, 0, 0, 1.0}));

        QStackedBarSeries *ended = bars(window, OverviewWindow::Ended);
        QVERIFY(ended);
        QCOMPARE(ended->count(), 4); // completed, failed, expired, cancelled
        QCOMPARE(values(ended->barSets()[0]), (QList<qreal>{0, 0, 0, 0, 1, 0, 1}));
        QCOMPARE(values(ended->barSets()[1]), (QList<qreal>{0, 0, 0, 0, 0, 1, 0}));

        const QList<QAbstractSeries *> rate = window.panel(OverviewWindow::Rate)->chart()->series();
        QCOMPARE(rate.size(), 1);
        auto *line = qobject_cast<QLineSeries *>(rate.first());
        QVERIFY(line);
        // Steps: each minute's value from its start to its end; ten minutes and the minute of now.
        QCOMPARE(line->count(), 2 * 11);
        QCOMPARE(line->at(0), QPointF(double(kNow - 600) * 1000.0, 120.0));
        QCOMPARE(line->at(1), QPointF(double(kNow - 540) * 1000.0, 120.0));
        QCOMPARE(line->at(9).y(), 120.0);
        QCOMPARE(line->at(10), QPointF(double(kNow - 300) * 1000.0, 0.0));

        // A shorter range leaves out the older batch.
        window.setRangeDays(30);
        QCOMPARE(values(bars(window, OverviewWindow::Spend)->barSets()[0]).size(), 30);
        QVERIFY(window.summaryText().contains(QStringLiteral("$2.25")));
    }

    void emptyStatesSaySo()
    {
        BatchTableModel model;
        OverviewWindow window(&model);
        window.setClock([] { return kNow; });
        window.setPrices(&m_prices);
        QCOMPARE(window.panel(OverviewWindow::Spend)->emptyText(), QStringLiteral("No spend in this range."));
        QCOMPARE(window.panel(OverviewWindow::Ended)->emptyText(),
                 QStringLiteral("No batch ended in this range."));
        QVERIFY(window.panel(OverviewWindow::Rate)
                    ->emptyText()
                    .startsWith(QStringLiteral("No running batch moved")));
        QVERIFY(!window.panel(OverviewWindow::Spend)->saveButton()->isEnabled());
        // Batches without a price are not spend, and the chart says why it has none.
        model.merge({TestBatch(QStringLiteral("x"), QStringLiteral("completed"), kNow - 60)},
                    model.addSource(QStringLiteral("a"), Provider::OpenAI));
        window.refresh();
        QVERIFY(window.panel(OverviewWindow::Spend)
                    ->emptyText()
                    .contains(QStringLiteral("1 batches have no price")));
    }

    void paletteChangeRecolours()
    {
        BatchTableModel model;
        fill(model);
        OverviewWindow window(&model);
        window.setClock([] { return kNow; });
        window.setPrices(&m_prices);
        QChart *chart = window.panel(OverviewWindow::Ended)->chart();
        QCOMPARE(bars(window, OverviewWindow::Ended)->barSets()[0]->color(),
                 StatusColors::color(BatchStatus::Completed, false));
        window.setPalette(darkPalette());
        QTRY_COMPARE(bars(window, OverviewWindow::Ended)->barSets()[0]->color(),
                     StatusColors::color(BatchStatus::Completed, true));
        QCOMPARE(window.panel(OverviewWindow::Ended)->chart()->backgroundBrush().color(),
                 QColor(0x1e, 0x1e, 0x1e));
        Q_UNUSED(chart);
        for (QAbstractAxis *axis : window.panel(OverviewWindow::Spend)->chart()->axes())
            QCOMPARE(axis->labelsColor(), QColor(0xee, 0xee, 0xee));
    }

    void savesPng()
    {
        BatchTableModel model;
        fill(model);
        OverviewWindow window(&model);
        window.setClock([] { return kNow; });
        window.setPrices(&m_prices);
        window.resize(1100, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTemporaryDir dir;
        for (int chart = 0; chart < OverviewWindow::ChartCount; ++chart) {
            const QString path = dir.filePath(QStringLiteral("chart%1.png").arg(chart));
            QString error;
            QVERIFY2(window.savePng(OverviewWindow::Chart(chart), path, &error), qPrintable(error));
            QImageReader reader(path);
            QCOMPARE(reader.format(), QByteArray("png"));
            const QImage image = reader.read();
            QVERIFY(!image.isNull());
            QVERIFY(image.width() > 100 && image.height() > 100);
        }
        // A place that cannot be written: said, nothing left behind.
        QString error;
        QVERIFY(!window.savePng(OverviewWindow::Spend, dir.filePath(QStringLiteral("no/such/dir/x.png")),
                                &error));
        QVERIFY(!error.isEmpty());
        // An empty chart is not saved.
        BatchTableModel none;
        OverviewWindow empty(&none);
        QVERIFY(!empty.savePng(OverviewWindow::Spend, dir.filePath(QStringLiteral("e.png")), &error));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("e.png"))));
    }

    // Not a timing assertion: the figure goes into the notes.
    void hundredThousandRows()
    {
        BatchTableModel model;
        ProgressHistory history;
        const int source = model.addSource(QStringLiteral("a"), Provider::OpenAI, &history);
        std::vector<Batch> rows;
        rows.reserve(100'000);
        for (int i = 0; i < 100'000; ++i) {
            const QString id = TestBatch::numberedId(i);
            rows.push_back(i % 100 == 0
                               ? Batch(TestBatch(id, QStringLiteral("in_progress"), kNow - i * 60))
                               : used(id, i % 2 ? QStringLiteral("gpt-4o") : QStringLiteral("gpt-4o-mini"),
                                      kNow - i * 60, 1'000 + i));
            if (i % 100 == 0) {
                for (int k = 0; k < 20; ++k)
                    history.add(id, ProgressSample{kNow - 3600 + k * 180, k * 50, 0, 1000});
            }
        }
        model.merge(rows, source);
        OverviewWindow window(&model);
        window.setClock([] { return kNow; });
        window.setPrices(&m_prices);
        window.setRangeDays(90);
        QElapsedTimer timer;
        qint64 best = std::numeric_limits<qint64>::max();
        for (int i = 0; i < 3; ++i) {
            timer.start();
            window.refresh();
            best = std::min(best, timer.nsecsElapsed() / 1000);
        }
        qInfo("Overview refresh over 100,000 rows and 1,000 histories (90 days): %lld us (best of 3)", best);
        QVERIFY(bars(window, OverviewWindow::Spend));
    }

    void openedFromTheViewMenu()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *action = window.findChild<QAction *>(QStringLiteral("overviewAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
        action->trigger();
        auto *overview = window.findChild<OverviewWindow *>();
        QVERIFY(overview);
        QTRY_VERIFY(overview->isVisible());
        // Asked again, the same window.
        QCOMPARE(window.openOverview(), overview);
        overview->close();
    }
};

QTEST_MAIN(TestOverviewWindow)
#include "tst_overviewwindow.moc"
