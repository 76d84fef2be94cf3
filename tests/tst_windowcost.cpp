// Cost in the window: the Cost column placed in a header state saved before it existed, the detail pane's
// cost and breakdown, the status bar's sum over the shown rows, the estimates before a new batch and a retry,
// and a bad user price file said in the status bar. Offscreen, against the real simulator.
#include "app/mainwindow.h"
#include "app/newbatch/newbatchdialog.h"
#include "app/results/resultsretry.h"
#include "app/results/resultswindow.h"
#include "app/widgets/batchdetailpane.h"
#include "app/widgets/costsummary.h"
#include "core/cost/batchcost.h"
#include "core/cost/pricetable.h"
#include "mainwindowtesting.h"
#include "simprocess.h"
#include "testbatches.h"

#include <QDir>
#include <QHeaderView>
#include <QJsonObject>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {
using MainWindowTesting::openOn;

PriceTable pricesOf(const QByteArray &models)
{
    PriceTable table;
    QString error;
    if (!table.merge("{\"updated\": \"2026-11-30\", \"currency\": \"USD\", \"models\": {" + models + "}}",
                     &error))
        qWarning("%s", qPrintable(error));
    return table;
}

const QByteArray kMini = "\"gpt-4o-mini\": {\"input\": 0.075, \"cached_input\": 0.0375, \"output\": 0.3}";

Batch withUsage(const QString &id, const QString &model, qint64 input, qint64 cached, qint64 output)
{
    TestBatch batch(id, QStringLiteral("completed"));
    batch.with(QStringLiteral("model"), model);
    if (input >= 0)
        batch.with(QStringLiteral("usage"),
                   QJsonObject{{QStringLiteral("input_tokens"), input},
                               {QStringLiteral("output_tokens"), output},
                               {QStringLiteral("total_tokens"), input + output},
                               {QStringLiteral("input_tokens_details"),
                                QJsonObject{{QStringLiteral("cached_tokens"), cached}}}});
    return batch;
}

// What the shown rows cost, reckoned here from the batches themselves.
QString expectedSum(const MainWindow &window)
{
    double sum = 0;
    int without = 0;
    const int shown = window.proxy()->rowCount();
    for (int row = 0; row < shown; ++row) {
        const int source = window.proxy()->mapToSource(window.proxy()->index(row, 0)).row();
        const std::optional<double> cost =
            BatchCost::of(window.model()->batchAt(source),
                          window.model()->providerOf(window.model()->sourceAt(source)), window.prices());
        cost ? void(sum += *cost) : void(++without);
    }
    if (shown > 0 && without == shown)
        return QStringLiteral("Cost of %1 shown: not known (none has a cost)").arg(BatchFormat::count(shown));
    QString text =
        QStringLiteral("Cost of %1 shown: %2").arg(BatchFormat::count(shown), BatchCost::format(sum));
    if (without > 0)
        text += QStringLiteral(" (%1 without a cost)").arg(BatchFormat::count(without));
    return text;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return file.fileName();
}

QByteArray requestLine(const QByteArray &customId, const QByteArray &model)
{
    return "{\"custom_id\":\"" + customId +
           "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"" + model +
           "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}}\n";
}
} // namespace

class TestWindowCost : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimProcess> m_sim;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).removeRecursively();
        QSettings().clear();
        QFile::remove(PriceTable::userFilePath());
        m_sim = std::make_unique<SimProcess>(QStringList{QStringLiteral("--batches"), QStringLiteral("260"),
                                                         QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(m_sim->start());
    }

    void cleanupTestCase() { QFile::remove(PriceTable::userFilePath()); }

    // A header state saved by the version before the Cost column: its choices hold, and Cost shows after
    // Tokens as on a first start.
    void anOldHeaderStatePlacesCostAfterTokens()
    {
        QStandardItemModel old(0, 16);
        BatchTableView before;
        before.setModel(&old);
        before.applyDefaultWidths();
        before.horizontalHeader()->setSectionHidden(BatchColumns::Model, true);
        before.horizontalHeader()->moveSection(before.horizontalHeader()->visualIndex(BatchColumns::Created),
                                               0);
        const QByteArray state = before.saveHeaderState();

        BatchTableModel model;
        BatchTableView after;
        after.setModel(&model);
        QVERIFY(after.restoreHeaderState(state, 16));
        QHeaderView *header = after.horizontalHeader();
        QVERIFY(!header->isSectionHidden(BatchColumns::Cost));
        QCOMPARE(header->visualIndex(BatchColumns::Cost), header->visualIndex(BatchColumns::Tokens) + 1);
        QVERIFY(header->isSectionHidden(BatchColumns::Model));
        QCOMPARE(header->visualIndex(BatchColumns::Created), 0);
        // A state that has the column keeps it where the user put it.
        header->moveSection(header->visualIndex(BatchColumns::Cost), 1);
        BatchTableView again;
        again.setModel(&model);
        QVERIFY(again.restoreHeaderState(after.saveHeaderState(), BatchColumns::Count));
        QCOMPARE(again.horizontalHeader()->visualIndex(BatchColumns::Cost), 1);
        // A first start shows it after Tokens.
        BatchTableView fresh;
        fresh.setModel(&model);
        fresh.applyDefaultWidths();
        QVERIFY(!fresh.horizontalHeader()->isSectionHidden(BatchColumns::Cost));
        QCOMPARE(fresh.horizontalHeader()->visualIndex(BatchColumns::Cost),
                 fresh.horizontalHeader()->visualIndex(BatchColumns::Tokens) + 1);
    }

    void theDetailPaneSaysTheCostAndHow()
    {
        const PriceTable prices = pricesOf(kMini);
        BatchDetailPane pane;
        pane.setPrices(&prices);
        pane.setProvider(Provider::OpenAI);
        pane.setBatch(withUsage(QStringLiteral("a"), QStringLiteral("gpt-4o-mini-2024-07-18"), 1'000'000,
                                200'000, 500'000));
        const QString text = pane.costText();
        QVERIFY2(text.contains(QStringLiteral("$0.22 at batch prices")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Input: 800,000 tokens at 0.075 USD per million = $0.06")),
                 qPrintable(text));
        QVERIFY2(
            text.contains(QStringLiteral("Cached input: 200,000 tokens at 0.0375 USD per million = $0.01")),
            qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Output: 500,000 tokens at 0.3 USD per million = $0.15")),
                 qPrintable(text));
        // Small sums read "<$0.01", and stay on their lines.
        pane.setBatch(withUsage(QStringLiteral("s"), QStringLiteral("gpt-4o-mini"), 1000, 100, 1000));
        QVERIFY2(pane.costText().contains(
                     QStringLiteral("<$0.01 at batch prices (updated 2026-11-30)\nInput: 900 tokens")),
                 qPrintable(pane.costText()));
        QVERIFY2(pane.costText().contains(QStringLiteral("= <$0.01\nOutput: 1,000 tokens")),
                 qPrintable(pane.costText()));
        pane.setBatch(withUsage(QStringLiteral("b"), QStringLiteral("mystery-model"), 10, 0, 10));
        QVERIFY2(pane.costText().contains(QStringLiteral("no price for the model mystery-model")),
                 qPrintable(pane.costText()));
        pane.setBatch(withUsage(QStringLiteral("c"), QStringLiteral("gpt-4o-mini"), -1, 0, 0));
        QVERIFY2(pane.costText().contains(QStringLiteral("no usage")), qPrintable(pane.costText()));
    }

    void theStatusBarSumsTheShownRows()
    {
        MainWindow window;
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        window.setPrices(pricesOf(kMini));
        CostSummary *summary = window.costSummary();
        QVERIFY(summary->isVisible());
        QTRY_COMPARE(summary->text(), expectedSum(window));
        QVERIFY(summary->text().contains(QStringLiteral("without a cost"))); // the sim's other models
        // The filter moves it.
        window.proxy()->setStatuses({QStringLiteral("completed")});
        QVERIFY(window.proxy()->rowCount() < window.model()->rowCount());
        QTRY_COMPARE(summary->text(), expectedSum(window));
        window.proxy()->setStatuses({QStringLiteral("validating")});
        QTRY_COMPARE(summary->text(), expectedSum(window));

        // Many changes in a row are summed once; the clock's ticks not at all.
        window.proxy()->setStatuses({});
        QTRY_COMPARE(summary->text(), expectedSum(window));
        const int before = summary->sums();
        auto *timer = summary->findChild<QTimer *>();
        QVERIFY(timer);
        window.model()->refreshTimeColumns();
        QVERIFY(!timer->isActive());
        for (int i = 0; i < 50; ++i)
            window.model()->setPrices(&window.prices());
        QVERIFY(timer->isActive());
        QTRY_VERIFY(!timer->isActive());
        QCOMPARE(summary->sums(), before + 1);
    }

    void aNewBatchShowsItsInputEstimate()
    {
        MainWindow main;
        openOn(main, m_sim->config());
        QTRY_VERIFY(main.model()->rowCount() > 0);
        main.setPrices(pricesOf(kMini));
        NewBatchDialog *dialog = main.openNewBatch();
        QVERIFY(dialog);
        dialog->setFile(writeFile(m_dir, QStringLiteral("mini.jsonl"),
                                  requestLine("one", "gpt-4o-mini") + requestLine("two", "gpt-4o-mini")));
        QTRY_VERIFY(!dialog->isChecking());
        QVERIFY2(dialog->summaryText().contains(QStringLiteral(
                     "Estimated cost: about <$0.01 for the input; the output is not known until it runs")),
                 qPrintable(dialog->summaryText()));
        dialog->setFile(writeFile(m_dir, QStringLiteral("other.jsonl"), requestLine("one", "mystery-model")));
        QTRY_VERIFY(!dialog->isChecking());
        QVERIFY2(dialog->summaryText().contains(
                     QStringLiteral("Estimated cost: not known (no price for mystery-model)")),
                 qPrintable(dialog->summaryText()));
    }

    void aRetryShowsItsInputEstimate()
    {
        MainWindow main;
        openOn(main, m_sim->config());
        QTRY_VERIFY(main.model()->rowCount() >= 100);
        int row = -1;
        for (int r = 0; r < main.proxy()->rowCount() && row < 0; ++r) {
            const Batch &b =
                main.model()->batchAt(main.proxy()->mapToSource(main.proxy()->index(r, 0)).row());
            if (b.status.value() == BatchStatus::Completed && b.requestCounts.failed > 0 &&
                b.requestCounts.completed > 0 && b.requestCounts.total <= 2000 && !b.model.isEmpty())
                row = r;
        }
        QVERIFY(row >= 0);
        MainWindowTesting::selectRow(main, row);
        const Batch batch =
            main.model()->batchAt(main.proxy()->mapToSource(main.proxy()->index(row, 0)).row());
        main.setPrices(pricesOf("\"" + batch.model.toUtf8() + "\": {\"input\": 1000, \"output\": 1}"));
        main.detailPane()->resultsButton()->click();
        QCOMPARE(main.resultsWindows().size(), 1);
        ResultsWindow *window = main.resultsWindows().constFirst();
        QTRY_VERIFY_WITH_TIMEOUT(!window->isLoading(), 30'000);
        window->retry({true, false, 0});
        QVERIFY(window->retryFlow());
        QMessageBox *confirm = window->retryFlow()->confirmation();
        QVERIFY(confirm);
        const qint64 tokens = window->retryFlow()->written().estimatedInputTokens;
        const QString expected =
            QStringLiteral("Estimated cost: about %1 for the input; the output is not known until it runs")
                .arg(BatchCost::format(double(tokens) * 1000 / 1e6));
        QVERIFY2(confirm->informativeText().contains(expected), qPrintable(confirm->informativeText()));
        confirm->reject();
    }

    void aBadUserPriceFileIsSaid()
    {
        QDir().mkpath(QFileInfo(PriceTable::userFilePath()).path());
        QFile file(PriceTable::userFilePath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"models\": {\"gpt-4o-mini\": ");
        file.close();
        MainWindow window;
        const QString said = window.statusBar()->currentMessage();
        QVERIFY2(said.contains(QStringLiteral("prices.json")) &&
                     said.contains(QStringLiteral("shipped prices")),
                 qPrintable(said));
        QVERIFY(!window.prices().isEmpty()); // the shipped ones
        QFile::remove(PriceTable::userFilePath());
    }
};

QTEST_MAIN(TestWindowCost)
#include "tst_windowcost.moc"
