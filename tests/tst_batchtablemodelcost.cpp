// The table model's Cost column: each row's cost from its usage and a hand-set price table, the reason a row
// has none, the sort (rows without a cost last in either order) and the announcement of a changed cost.
#include "core/batch/batchcolumns.h"
#include "core/cost/pricetable.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"
#include "testbatches.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

namespace {
// gpt-4o-mini at its batch prices; "-2024-07-18" snapshots match by prefix.
const QByteArray kPrices =
    QByteArrayLiteral("{\"updated\": \"2026-11-30\", \"currency\": \"USD\", \"models\": {\"gpt-4o-mini\": "
                      "{\"input\": 0.075, \"cached_input\": 0.0375, \"output\": 0.3}}}");

QJsonObject usage(qint64 input, qint64 cached, qint64 output)
{
    return {{QStringLiteral("input_tokens"), input},
            {QStringLiteral("output_tokens"), output},
            {QStringLiteral("total_tokens"), input + output},
            {QStringLiteral("input_tokens_details"), QJsonObject{{QStringLiteral("cached_tokens"), cached}}}};
}

Batch priced(const QString &id, const QString &model, const QJsonObject &used, qint64 created)
{
    TestBatch batch(id, QStringLiteral("completed"), created);
    if (!model.isEmpty())
        batch.with(QStringLiteral("model"), model);
    if (!used.isEmpty())
        batch.with(QStringLiteral("usage"), used);
    return batch;
}

PriceTable prices()
{
    PriceTable table;
    QString error;
    if (!table.merge(kPrices, &error))
        qWarning("%s", qPrintable(error));
    return table;
}
} // namespace

class TestBatchTableModelCost : public QObject
{
    Q_OBJECT

private:
    // a: 800k uncached x 0.075 + 200k cached x 0.0375 + 500k out x 0.3 per million = $0.2175;
    // b: 10M in x 0.075 + 10M out x 0.3 = $3.75; c no usage; d an unpriced model; e no model.
    std::vector<Batch> batches() const
    {
        const qint64 t = TestBatch::kCreatedAt;
        return {priced(QStringLiteral("a"), QStringLiteral("gpt-4o-mini-2024-07-18"),
                       usage(1'000'000, 200'000, 500'000), t + 5),
                priced(QStringLiteral("b"), QStringLiteral("gpt-4o-mini"), usage(10'000'000, 0, 10'000'000),
                       t + 4),
                priced(QStringLiteral("c"), QStringLiteral("gpt-4o-mini"), {}, t + 3),
                priced(QStringLiteral("d"), QStringLiteral("mystery-model"), usage(100, 0, 100), t + 2),
                priced(QStringLiteral("e"), QString(), usage(100, 0, 100), t + 1)};
    }

    static QString cell(const BatchTableModel &model, const QString &id, int role = Qt::DisplayRole)
    {
        return model.index(model.rowOf(id), BatchColumns::Cost).data(role).toString();
    }

private Q_SLOTS:
    void costsAndWhyNot()
    {
        const PriceTable table = prices();
        BatchTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPrices(&table);
        model.merge(batches());
        QCOMPARE(model.headerData(BatchColumns::Cost, Qt::Horizontal).toString(), QStringLiteral("Cost"));
        QVERIFY(model.headerData(BatchColumns::Cost, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("checked 2026-11-30")));
        QCOMPARE(cell(model, QStringLiteral("a")), QStringLiteral("$0.22"));
        QCOMPARE(*model.costAt(model.rowOf(QStringLiteral("a"))), 0.2175);
        QCOMPARE(cell(model, QStringLiteral("b")), QStringLiteral("$3.75"));
        for (const char *none : {"c", "d", "e"}) {
            QVERIFY(cell(model, QString::fromLatin1(none)).isEmpty());
            QVERIFY(!model.costAt(model.rowOf(QString::fromLatin1(none))));
        }
        QVERIFY(cell(model, QStringLiteral("c"), Qt::ToolTipRole).contains(QStringLiteral("no usage")));
        QVERIFY(cell(model, QStringLiteral("d"), Qt::ToolTipRole).contains(QStringLiteral("mystery-model")));
        QVERIFY(cell(model, QStringLiteral("e"), Qt::ToolTipRole).contains(QStringLiteral("no model")));
        QVERIFY(cell(model, QStringLiteral("a"), Qt::ToolTipRole).isEmpty());
        QCOMPARE(model.index(0, BatchColumns::Cost).data(Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));

        // Usage arrives for c: its cost is announced, in the Cost column.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.merge({priced(QStringLiteral("c"), QStringLiteral("gpt-4o-mini"), usage(1'000'000, 0, 0),
                            TestBatch::kCreatedAt + 3)});
        QCOMPARE(changed.size(), 1);
        QVERIFY(changed.at(0).at(0).toModelIndex().column() <= BatchColumns::Cost);
        QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(BatchColumns::Cost));
        QCOMPARE(cell(model, QStringLiteral("c")), QStringLiteral("$0.07")); // 0.075

        // Without prices nothing has a cost, and nothing says why.
        model.setPrices(nullptr);
        QVERIFY(cell(model, QStringLiteral("a")).isEmpty());
        QVERIFY(cell(model, QStringLiteral("d"), Qt::ToolTipRole).isEmpty());
    }

    void withoutACostSortsLastEitherWay()
    {
        const PriceTable table = prices();
        BatchTableModel model;
        BatchSortFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        model.setPrices(&table);
        model.merge(batches());
        const auto order = [&] {
            QStringList ids;
            for (int row = 0; row < proxy.rowCount(); ++row)
                ids << proxy.index(row, 0).data(BatchTableModel::IdRole).toString();
            return ids.join(u' ');
        };
        proxy.sort(BatchColumns::Cost, Qt::AscendingOrder);
        // The ones without a cost: newest first, as equal values always are.
        QCOMPARE(order(), QStringLiteral("a b c d e"));
        proxy.sort(BatchColumns::Cost, Qt::DescendingOrder);
        QCOMPARE(order(), QStringLiteral("b a c d e"));
    }
};

QTEST_GUILESS_MAIN(TestBatchTableModelCost)
#include "tst_batchtablemodelcost.moc"
