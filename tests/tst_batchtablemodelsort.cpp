// The model keeps the sort order (issue 15): rows sorted by every column equal a reference stable sort of the
// batches, merges insert in place and keep the order, selections follow their batches, and the proxy above
// forwards sort() and only filters.
#include "core/cost/batchcost.h"
#include "core/cost/pricetable.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"
#include "testbatches.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <cmath>

namespace {
const QStringList kStatuses{QStringLiteral("validating"), QStringLiteral("in_progress"),
                            QStringLiteral("finalizing"), QStringLiteral("completed"),
                            QStringLiteral("failed"),     QStringLiteral("expired"),
                            QStringLiteral("cancelled"),  QStringLiteral("ended")};
const QStringList kModels{QStringLiteral("gpt-4o-mini"), QStringLiteral("gpt-4.1"),
                          QStringLiteral("gpt-4.1-mini-2025-04-14"), QStringLiteral("o4-mini"), QString()};
const QStringList kEndpoints{QStringLiteral("/v1/chat/completions"), QStringLiteral("/v1/responses"),
                             QStringLiteral("/v1/embeddings")};

struct Source
{
    QString account;
    Provider provider;
};
const std::vector<Source> kSources{{QStringLiteral("work"), Provider::OpenAI},
                                   {QStringLiteral("lab"), Provider::OpenAI},
                                   {QStringLiteral("acme"), Provider::Anthropic}};

// One batch with fields drawn from small sets, so every column has ties and the tie-breaks are exercised.
Batch randomBatch(QRandomGenerator &random, int n)
{
    const qint64 created = TestBatch::kCreatedAt + random.bounded(12) * 3600;
    const QString status = kStatuses[random.bounded(int(kStatuses.size()))];
    QString id = TestBatch::numberedId(random.bounded(1000));
    if (random.bounded(3) == 0) // some ids differ only after the first 16 characters
        id = QStringLiteral("batch_abcdefghijklmnop_%1").arg(n);
    TestBatch b(id + QStringLiteral("_") + QString::number(n), status, created);
    b.with(QStringLiteral("model"), kModels[random.bounded(int(kModels.size()))]);
    b.with(QStringLiteral("endpoint"), kEndpoints[random.bounded(int(kEndpoints.size()))]);
    if (random.bounded(4) != 0)
        b.tokens(random.bounded(5) * 1000);
    const qint64 total = random.bounded(4) * 10;
    b.counts(total, total ? random.bounded(int(total)) : 0, random.bounded(3));
    if (random.bounded(2))
        b.metadata(QStringLiteral("customer"),
                   random.bounded(2) ? QStringLiteral("acme") : QStringLiteral("Zeta"));
    if (random.bounded(3) == 0)
        b.metadata(QStringLiteral("job"), QString::number(random.bounded(5)));
    if (random.bounded(2))
        b.with(QStringLiteral("output_file_id"), QStringLiteral("file-%1").arg(random.bounded(50)));
    if (random.bounded(5) == 0)
        b.with(QStringLiteral("error_file_id"), QStringLiteral("file-e%1").arg(random.bounded(5)));
    b.with(QStringLiteral("expires_at"), created + 86'400);
    return b;
}

struct Reference
{
    Batch batch;
    int source = 0;
};

// What the proxy's lessThan did before the model kept the order (issue 14), with the tie-break on every
// column: newest first in either order, then the larger id.
bool lessThan(const Reference &a, const Reference &b, int column, Qt::SortOrder order,
              const PriceTable &prices)
{
    const bool ascending = order == Qt::AscendingOrder;
    const auto tie = [&] {
        if (a.batch.createdAt != b.batch.createdAt)
            return ascending ? a.batch.createdAt > b.batch.createdAt : a.batch.createdAt < b.batch.createdAt;
        return ascending ? a.batch.id > b.batch.id : a.batch.id < b.batch.id;
    };
    const Source &x = kSources[size_t(a.source)], &y = kSources[size_t(b.source)];
    switch (column) {
    case BatchColumns::Cost: {
        const std::optional<double> p = BatchCost::of(a.batch, x.provider, prices);
        const std::optional<double> q = BatchCost::of(b.batch, y.provider, prices);
        if (p.has_value() != q.has_value())
            return ascending ? p.has_value() : !p.has_value();
        if (p && q && *p != *q)
            return *p < *q;
        return tie();
    }
    case BatchColumns::Account:
        return x.account != y.account ? x.account < y.account : tie();
    case BatchColumns::Provider:
        return Providers::displayName(x.provider) != Providers::displayName(y.provider)
                   ? Providers::displayName(x.provider) < Providers::displayName(y.provider)
                   : tie();
    case BatchColumns::Eta: // no history: no estimate for any
        return tie();
    default:
        if (const int c = BatchColumns::compare(a.batch, b.batch, column, 2'000'000'000))
            return c < 0;
        return tie();
    }
}

QStringList expected(std::vector<Reference> rows, int column, Qt::SortOrder order, const PriceTable &prices)
{
    std::stable_sort(rows.begin(), rows.end(), [&](const Reference &a, const Reference &b) {
        return order == Qt::AscendingOrder ? lessThan(a, b, column, order, prices)
                                           : lessThan(b, a, column, order, prices);
    });
    QStringList keys;
    for (const Reference &r : rows)
        keys << QString::number(r.source) + u'/' + r.batch.id;
    return keys;
}

QStringList shown(const QAbstractItemModel &model)
{
    QStringList keys;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        keys << index.data(BatchTableModel::SourceRole).toString() + u'/' +
                    index.data(BatchTableModel::IdRole).toString();
    }
    return keys;
}

// The batches of the reference, in storage order (the last merge of an id wins).
void remember(std::vector<Reference> &rows, const std::vector<Batch> &batches, int source)
{
    for (const Batch &b : batches) {
        const auto known = std::find_if(rows.begin(), rows.end(), [&](const Reference &r) {
            return r.source == source && r.batch.id == b.id;
        });
        if (known != rows.end())
            known->batch = b;
        else
            rows.push_back({b, source});
    }
}

const int kColumns[] = {BatchColumns::Status,   BatchColumns::Id,      BatchColumns::Model,
                        BatchColumns::Created,  BatchColumns::Tokens,  BatchColumns::Cost,
                        BatchColumns::Metadata, BatchColumns::Account, BatchColumns::OutputFile};
} // namespace

class TestBatchTableModelSort : public QObject
{
    Q_OBJECT

private:
    const PriceTable m_prices = PriceTable::shipped();

    void addSources(BatchTableModel &model)
    {
        for (const Source &s : kSources)
            model.addSource(s.account, s.provider);
        model.setPrices(&m_prices);
    }

private Q_SLOTS:
    void sortedByEveryColumnEqualsAStableSort()
    {
        BatchTableModel model;
        addSources(model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QRandomGenerator random(7);
        std::vector<Reference> rows;
        std::vector<Batch> first;
        for (int source = 0; source < int(kSources.size()); ++source) {
            std::vector<Batch> batches;
            for (int n = 0; n < 150; ++n) // the last source shares 30 batches with the first (All accounts)
                batches.push_back(source == 2 && n < 30 ? first[size_t(n)] : randomBatch(random, n));
            if (source == 0)
                first = batches;
            model.merge(batches, source);
            remember(rows, batches, source);
        }
        QCOMPARE(model.rowCount(), 450);
        QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
        for (int column = 0; column < BatchColumns::Count; ++column) {
            for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                model.sort(column, order);
                QVERIFY2(shown(model) == expected(rows, column, order, m_prices),
                         qPrintable(QStringLiteral("column %1, order %2").arg(column).arg(int(order))));
            }
        }
        QCOMPARE(resets.count(), 0);
    }

    void mergesInsertInPlaceAndKeepTheOrder_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        for (const int column : kColumns) {
            for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder})
                QTest::addRow("%s %s", qPrintable(BatchColumns::title(column)),
                              order == Qt::AscendingOrder ? "asc" : "desc")
                    << column << order;
        }
    }

    void mergesInsertInPlaceAndKeepTheOrder()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        BatchTableModel model;
        addSources(model);
        BatchSortFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSearchText(QStringLiteral("-model:o4-mini -zeta")); // a field and a free word
        proxy.sort(column, order);
        QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
        QRandomGenerator random(uint(column) * 2 + uint(order));
        std::vector<Reference> rows;
        const auto check = [&](const char *step) {
            const QStringList want = expected(rows, column, order, m_prices);
            QVERIFY2(shown(model) == want, step);
            QStringList filtered;
            for (const QString &key : want) {
                const Reference &r = *std::find_if(rows.begin(), rows.end(), [&](const Reference &x) {
                    return QString::number(x.source) + u'/' + x.batch.id == key;
                });
                if (r.batch.model != QStringLiteral("o4-mini") &&
                    r.batch.metadata.value(QStringLiteral("customer")) != QStringLiteral("Zeta"))
                    filtered << key;
            }
            QVERIFY2(shown(proxy) == filtered, step);
        };
        int n = 0;
        // Pages of new batches scattered over the order, in two sources.
        for (int page = 0; page < 6; ++page) {
            std::vector<Batch> batches;
            for (int i = 0; i < (page < 3 ? 40 : 3); ++i)
                batches.push_back(randomBatch(random, n++));
            model.merge(batches, page % 2);
            remember(rows, batches, page % 2);
            check("new rows");
        }
        // The filter typed again: the proxy matches every batch at once, then must forget what it knew of a
        // batch that changes.
        proxy.setSearchText(QString());
        proxy.setSearchText(QStringLiteral("-model:o4-mini -zeta"));
        check("filter again");
        // Changed batches: their keys move (status, tokens, model, metadata, output file).
        std::vector<Batch> changed;
        for (int i = 0; i < 12; ++i) {
            const Reference &r = rows[size_t(random.bounded(int(rows.size())))];
            if (r.source != 0)
                continue;
            Batch b = randomBatch(random, n++);
            b.id = r.batch.id;
            b.json = r.batch.json + QByteArray::number(n); // one batch changed twice: two bodies
            changed.push_back(b);
        }
        model.merge(changed, 0);
        remember(rows, changed, 0);
        check("changed rows");
        // One new batch takes one insert at its place: no layout change.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
        const std::vector<Batch> one{randomBatch(random, n++)};
        model.merge(one, 1);
        remember(rows, one, 1);
        check("one new row");
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(layouts.count(), 0);
        QCOMPARE(inserted.first().at(1).toInt(), model.rowOf(one.front().id, 1));
        QCOMPARE(resets.count(), 0);
    }

    void selectionFollowsItsBatchThroughSortAndMerge()
    {
        BatchTableModel model;
        addSources(model);
        BatchSortFilterProxy proxy;
        proxy.setSourceModel(&model);
        QItemSelectionModel selection(&proxy);
        QRandomGenerator random(3);
        std::vector<Batch> batches;
        for (int n = 0; n < 200; ++n)
            batches.push_back(randomBatch(random, n));
        model.merge(batches, 0);
        proxy.sort(BatchColumns::Created, Qt::DescendingOrder);
        const QModelIndex chosen = proxy.index(17, 0);
        const QString id = chosen.data(BatchTableModel::IdRole).toString();
        selection.setCurrentIndex(chosen, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const QPersistentModelIndex held(model.index(model.rowOf(id, 0), 0));
        const auto selectedId = [&] {
            const QModelIndexList rows = selection.selectedRows();
            return rows.size() == 1 ? rows.first().data(BatchTableModel::IdRole).toString() : QString();
        };
        for (const int column :
             {int(BatchColumns::Model), int(BatchColumns::Id), int(BatchColumns::Tokens)}) {
            proxy.sort(column, Qt::DescendingOrder);
            QCOMPARE(held.data(BatchTableModel::IdRole).toString(), id);
            QCOMPARE(selectedId(), id);
            QCOMPARE(selection.currentIndex().data(BatchTableModel::IdRole).toString(), id);
        }
        // Many new rows scattered over the order (one layout change), then the chosen batch itself moving.
        std::vector<Batch> more;
        for (int n = 200; n < 300; ++n)
            more.push_back(randomBatch(random, n));
        model.merge(more, 0);
        Batch moved = model.batchAt(model.rowOf(id, 0));
        moved.usage = BatchUsage{0, 0, 0, 0, 99'999'999};
        moved.json += ' ';
        model.merge({moved}, 0);
        QCOMPARE(model.rowOf(id, 0), 0); // the most tokens, descending
        QCOMPARE(held.row(), 0);
        QCOMPARE(selectedId(), id);
        QCOMPARE(selection.currentIndex().data(BatchTableModel::IdRole).toString(), id);
    }

    void theViewsHeaderSortsTheModel()
    {
        BatchTableModel model;
        addSources(model);
        QRandomGenerator random(11);
        std::vector<Batch> batches;
        for (int n = 0; n < 60; ++n)
            batches.push_back(randomBatch(random, n));
        model.merge(batches, 2);
        std::vector<Reference> rows;
        remember(rows, batches, 2);
        BatchSortFilterProxy proxy;
        proxy.setSourceModel(&model);
        QTableView view;
        view.setModel(&proxy);
        view.setSortingEnabled(true);
        view.sortByColumn(BatchColumns::Model, Qt::AscendingOrder);
        QCOMPARE(shown(model), expected(rows, BatchColumns::Model, Qt::AscendingOrder, m_prices));
        QCOMPARE(shown(proxy), shown(model));
        view.horizontalHeader()->setSortIndicator(BatchColumns::Tokens, Qt::DescendingOrder);
        QCOMPARE(shown(model), expected(rows, BatchColumns::Tokens, Qt::DescendingOrder, m_prices));
        QCOMPARE(view.horizontalHeader()->sortIndicatorSection(), int(BatchColumns::Tokens));
        // The proxy's own mapping stays in the model's order while it filters.
        proxy.setSearchText(QStringLiteral("status:completed"));
        QStringList completed;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.batchAt(row).status.toString() == QStringLiteral("completed"))
                completed << shown(model).at(row);
        }
        QCOMPARE(shown(proxy), completed);
    }
};

QTEST_MAIN(TestBatchTableModelSort)
#include "tst_batchtablemodelsort.moc"
