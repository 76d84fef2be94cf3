#include "core/cost/pricetable.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"
#include "testbatches.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

namespace {
Batch makeBatch(const QString &id, const QString &status, qint64 createdAt, qint64 tokens,
                const QString &model)
{
    return TestBatch(id, status, createdAt).with(QStringLiteral("model"), model).tokens(tokens);
}

QStringList idsInOrder(const QAbstractItemModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(BatchTableModel::IdRole).toString();
    return ids;
}
} // namespace

class TestBatchSortFilterProxy : public QObject
{
    Q_OBJECT

private:
    BatchTableModel m_model;
    BatchSortFilterProxy m_proxy;

private Q_SLOTS:
    void initTestCase()
    {
        m_proxy.setSourceModel(&m_model);
        new QAbstractItemModelTester(&m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        // Tokens 900 > 80: a text sort would put "80" last; the raw SortRole must not.
        m_model.merge(
            {makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 300, 80, QStringLiteral("gpt-4.1")),
             makeBatch(QStringLiteral("b"), QStringLiteral("completed"), 100, 900,
                       QStringLiteral("gpt-4o-mini")),
             makeBatch(QStringLiteral("c"), QStringLiteral("in_progress"), 200, 5, QStringLiteral("o4-mini")),
             makeBatch(QStringLiteral("d"), QStringLiteral("expired"), 400, 1000,
                       QStringLiteral("gpt-4.1"))});
    }

    void sortsOnRawValues()
    {
        m_proxy.sort(BatchColumns::Created, Qt::DescendingOrder);
        QCOMPARE(idsInOrder(m_proxy), (QStringList{QStringLiteral("d"), QStringLiteral("a"),
                                                   QStringLiteral("c"), QStringLiteral("b")}));
        m_proxy.sort(BatchColumns::Tokens, Qt::AscendingOrder);
        QCOMPARE(idsInOrder(m_proxy), (QStringList{QStringLiteral("c"), QStringLiteral("a"),
                                                   QStringLiteral("b"), QStringLiteral("d")}));
        m_proxy.sort(BatchColumns::Status, Qt::AscendingOrder); // lifecycle order, not alphabetical
        QCOMPARE(idsInOrder(m_proxy), (QStringList{QStringLiteral("c"), QStringLiteral("b"),
                                                   QStringLiteral("a"), QStringLiteral("d")}));
    }

    void directComparisonAgreesWithTheSortRole()
    {
        // compare() is the fast path of sortValue(); the two must never disagree.
        const std::vector<Batch> &rows = m_model.batches();
        for (int column = 0; column < BatchColumns::Count; ++column) {
            if (column == BatchColumns::Eta)
                continue;
            for (const Batch &a : rows) {
                for (const Batch &b : rows) {
                    const QPartialOrdering expected = QVariant::compare(
                        BatchColumns::sortValue(a, column, 1000), BatchColumns::sortValue(b, column, 1000));
                    const int got = BatchColumns::compare(a, b, column, 1000);
                    const int want = expected == QPartialOrdering::Less      ? -1
                                     : expected == QPartialOrdering::Greater ? 1
                                                                             : 0;
                    QVERIFY2(got == want,
                             qPrintable(QStringLiteral("column %1, %2 vs %3").arg(column).arg(a.id, b.id)));
                }
            }
        }
    }

    void sortsByTheModelsEstimate()
    {
        BatchTableModel model;
        BatchSortFilterProxy proxy;
        proxy.setSourceModel(&model);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        // Two running batches at different paces, named so that their ids sort the other way round.
        ProgressHistory history; // a session's, read by the model
        for (const auto &[id, perMinute] :
             {std::pair{QStringLiteral("a-slow"), 10}, std::pair{QStringLiteral("z-fast"), 100}}) {
            history.add(id, ProgressSample{now - 60, 0, 0, 1000});
            history.add(id, ProgressSample{now, perMinute, 0, 1000});
        }
        model.setHistory(0, &history);
        const auto running = [](const QString &id, qint64 done) {
            return TestBatch(id, QStringLiteral("in_progress"), 1).counts(1000, done, 0).build();
        };
        model.merge({running(QStringLiteral("a-slow"), 10), running(QStringLiteral("z-fast"), 100)});
        proxy.sort(BatchColumns::Eta, Qt::AscendingOrder);
        QCOMPARE(idsInOrder(proxy), (QStringList{QStringLiteral("z-fast"), QStringLiteral("a-slow")}));
        proxy.sort(BatchColumns::Eta, Qt::DescendingOrder);
        QCOMPARE(idsInOrder(proxy), (QStringList{QStringLiteral("a-slow"), QStringLiteral("z-fast")}));
    }

    void filtersWithTheSharedFilter()
    {
        m_proxy.sort(BatchColumns::Created, Qt::DescendingOrder);
        QSignalSpy changed(&m_proxy, &BatchSortFilterProxy::filterChanged);
        m_proxy.setStatuses({QStringLiteral("failed"), QStringLiteral("expired")});
        QCOMPARE(idsInOrder(m_proxy), (QStringList{QStringLiteral("d"), QStringLiteral("a")}));
        m_proxy.setSearchText(QStringLiteral("4.1"));
        QCOMPARE(idsInOrder(m_proxy), (QStringList{QStringLiteral("d"), QStringLiteral("a")}));
        m_proxy.setCreatedRange(QDateTime::fromSecsSinceEpoch(350, Qt::UTC), QDateTime());
        QCOMPARE(idsInOrder(m_proxy), QStringList{QStringLiteral("d")});
        m_proxy.setSearchText(QStringLiteral(" 4.1 ")); // no change: no re-filter
        QCOMPARE(changed.count(), 3);
        m_proxy.clearFilter();
        QCOMPARE(m_proxy.rowCount(), 4);
        QCOMPARE(changed.count(), 4);
    }

    void newRowsArriveFilteredAndSorted()
    {
        m_proxy.setStatuses({QStringLiteral("failed")});
        m_model.merge({makeBatch(QStringLiteral("e"), QStringLiteral("failed"), 500, 1, QString()),
                       makeBatch(QStringLiteral("f"), QStringLiteral("completed"), 600, 1, QString())});
        QCOMPARE(idsInOrder(m_proxy), (QStringList{QStringLiteral("e"), QStringLiteral("a")}));
        // A batch that starts to fail joins the view on its own.
        m_model.merge(
            {makeBatch(QStringLiteral("c"), QStringLiteral("failed"), 200, 5, QStringLiteral("o4-mini"))});
        QCOMPARE(idsInOrder(m_proxy),
                 (QStringList{QStringLiteral("e"), QStringLiteral("a"), QStringLiteral("c")}));
        m_proxy.clearFilter();
    }

    void keysFollowChangesAndNewRows()
    {
        // The sort works from dense keys; a change in the source must never leave it ordering by old values.
        BatchTableModel model;
        BatchSortFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.merge({makeBatch(QStringLiteral("p"), QStringLiteral("in_progress"), 10, 30, QString()),
                     makeBatch(QStringLiteral("q"), QStringLiteral("in_progress"), 20, 10, QString()),
                     makeBatch(QStringLiteral("r"), QStringLiteral("in_progress"), 30, 20, QString())});
        proxy.sort(BatchColumns::Tokens, Qt::AscendingOrder);
        QCOMPARE(idsInOrder(proxy),
                 (QStringList{QStringLiteral("q"), QStringLiteral("r"), QStringLiteral("p")}));
        model.merge({makeBatch(QStringLiteral("q"), QStringLiteral("in_progress"), 20, 99, QString())});
        QCOMPARE(idsInOrder(proxy),
                 (QStringList{QStringLiteral("r"), QStringLiteral("p"), QStringLiteral("q")}));
        model.merge({makeBatch(QStringLiteral("s"), QStringLiteral("in_progress"), 40, 25, QString())});
        QCOMPARE(idsInOrder(proxy), (QStringList{QStringLiteral("r"), QStringLiteral("s"),
                                                 QStringLiteral("p"), QStringLiteral("q")}));
        // A filter change re-sorts from freshly built keys.
        proxy.setSearchText(QStringLiteral("s"));
        QCOMPARE(idsInOrder(proxy), QStringList{QStringLiteral("s")});
        proxy.clearFilter();
        QCOMPARE(idsInOrder(proxy), (QStringList{QStringLiteral("r"), QStringLiteral("s"),
                                                 QStringLiteral("p"), QStringLiteral("q")}));
        // Equal keys fall back to creation time, newest first.
        model.merge({makeBatch(QStringLiteral("t"), QStringLiteral("in_progress"), 5, 25, QString())});
        proxy.sort(BatchColumns::Tokens, Qt::AscendingOrder);
        QCOMPARE(idsInOrder(proxy).mid(1, 2), (QStringList{QStringLiteral("s"), QStringLiteral("t")}));
        // A text column compares the batches themselves.
        proxy.sort(BatchColumns::Id, Qt::DescendingOrder);
        QCOMPARE(idsInOrder(proxy).constFirst(), QStringLiteral("t"));
    }

    void tiesListTheNewestFirstInEitherDirection()
    {
        // Sorted by status, each group starts with its newest batches, ascending or descending; so do ties
        // in a text column (the model) and in a numeric one (tokens).
        BatchTableModel model;
        BatchSortFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.merge(
            {makeBatch(QStringLiteral("done-old"), QStringLiteral("completed"), 100, 7, QStringLiteral("m")),
             makeBatch(QStringLiteral("run-old"), QStringLiteral("in_progress"), 150, 7, QStringLiteral("m")),
             makeBatch(QStringLiteral("done-new"), QStringLiteral("completed"), 300, 7, QStringLiteral("m")),
             makeBatch(QStringLiteral("run-new"), QStringLiteral("in_progress"), 250, 7, QStringLiteral("m")),
             makeBatch(QStringLiteral("done-mid"), QStringLiteral("completed"), 200, 7,
                       QStringLiteral("m"))});
        proxy.sort(BatchColumns::Status, Qt::AscendingOrder);
        QCOMPARE(idsInOrder(proxy), (QStringList{QStringLiteral("run-new"), QStringLiteral("run-old"),
                                                 QStringLiteral("done-new"), QStringLiteral("done-mid"),
                                                 QStringLiteral("done-old")}));
        proxy.sort(BatchColumns::Status, Qt::DescendingOrder);
        QCOMPARE(idsInOrder(proxy), (QStringList{QStringLiteral("done-new"), QStringLiteral("done-mid"),
                                                 QStringLiteral("done-old"), QStringLiteral("run-new"),
                                                 QStringLiteral("run-old")}));
        const QStringList newestFirst = {QStringLiteral("done-new"), QStringLiteral("run-new"),
                                         QStringLiteral("done-mid"), QStringLiteral("run-old"),
                                         QStringLiteral("done-old")};
        for (const int column : {int(BatchColumns::Model), int(BatchColumns::Tokens)}) {
            for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                proxy.sort(column, order);
                QCOMPARE(idsInOrder(proxy), newestFirst);
            }
        }
    }

    void queriesSeeTheRowsAccountAndProvider()
    {
        BatchTableModel model;
        BatchSortFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(BatchColumns::Created, Qt::DescendingOrder);
        const int work = model.addSource(QStringLiteral("Work"), Provider::OpenAI);
        const int lab = model.addSource(QStringLiteral("Lab"), Provider::Anthropic);
        QCOMPARE(model.providerOf(lab), Provider::Anthropic);
        QCOMPARE(model.providerOf(work), Provider::OpenAI);
        model.merge(
            {makeBatch(QStringLiteral("w1"), QStringLiteral("completed"), 100, 10, QStringLiteral("gpt")),
             makeBatch(QStringLiteral("w2"), QStringLiteral("failed"), 200, 10, QStringLiteral("gpt"))},
            work);
        model.merge(
            {makeBatch(QStringLiteral("l1"), QStringLiteral("completed"), 150, 10, QStringLiteral("claude")),
             makeBatch(QStringLiteral("l2"), QStringLiteral("failed"), 250, 10, QStringLiteral("claude"))},
            lab);
        proxy.setSearchText(QStringLiteral("account:work"));
        QCOMPARE(idsInOrder(proxy), (QStringList{QStringLiteral("w2"), QStringLiteral("w1")}));
        proxy.setSearchText(QStringLiteral("provider:anthropic status:failed"));
        QCOMPARE(idsInOrder(proxy), QStringList{QStringLiteral("l2")});
        proxy.setSearchText(QStringLiteral("-account~lab tokens>=10"));
        QCOMPARE(idsInOrder(proxy), (QStringList{QStringLiteral("w2"), QStringLiteral("w1")}));
        // A wrong term is left out: typing never blanks the table.
        proxy.setSearchText(QStringLiteral("provider:anthropic status>"));
        QVERIFY(!proxy.filter().query().isValid());
        QCOMPARE(idsInOrder(proxy), (QStringList{QStringLiteral("l2"), QStringLiteral("l1")}));
        // Without prices nothing has a cost.
        proxy.setSearchText(QStringLiteral("cost>=0"));
        QCOMPARE(proxy.rowCount(), 0);
        // With prices (Claude's for Anthropic only), the priced rows have one: setting them re-filters.
        PriceTable prices;
        QVERIFY(prices.merge(QByteArrayLiteral("{\"providers\": {\"anthropic\": {\"models\": "
                                               "{\"claude\": {\"input\": 3, \"output\": 15}}}}}")));
        proxy.setPrices(&prices);
        QCOMPARE(proxy.prices(), &prices);
        QCOMPARE(idsInOrder(proxy), (QStringList{QStringLiteral("l2"), QStringLiteral("l1")}));
        proxy.setSearchText(QStringLiteral("-cost>=0"));
        QCOMPARE(idsInOrder(proxy), (QStringList{QStringLiteral("w2"), QStringLiteral("w1")}));
        proxy.setPrices(nullptr);
        QCOMPARE(proxy.rowCount(), 4);
    }

    void relativeTimesFollowTheClock()
    {
        BatchTableModel model;
        BatchSortFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(BatchColumns::Created, Qt::DescendingOrder);
        qint64 now = 1'764'000'000; // 2025-11-24T16:00:00Z
        proxy.setClock([&now] { return now; });
        model.merge({makeBatch(QStringLiteral("m30"), QStringLiteral("completed"), now - 30 * 60, 1,
                               QStringLiteral("gpt")),
                     makeBatch(QStringLiteral("m90"), QStringLiteral("completed"), now - 90 * 60, 1,
                               QStringLiteral("gpt")),
                     makeBatch(QStringLiteral("yesterday"), QStringLiteral("completed"), now - 20 * 3600, 1,
                               QStringLiteral("gpt"))});
        proxy.setSearchText(QStringLiteral("created>1h"));
        QCOMPARE(idsInOrder(proxy), QStringList{QStringLiteral("m30")});
        QVERIFY(proxy.refreshesTimes());
        QSignalSpy refiltered(&proxy, &BatchSortFilterProxy::filterChanged);
        // 45 minutes on, the batch of 30 minutes ago is 75 minutes old: out of the last hour.
        now += 45 * 60;
        proxy.refreshTimes();
        QCOMPARE(proxy.rowCount(), 0);
        QCOMPARE(refiltered.count(), 1);
        // today: the same bounds a minute later re-filter nothing; after midnight UTC, a new day.
        proxy.setSearchText(QStringLiteral("created>=today status:completed"));
        QCOMPARE(idsInOrder(proxy), (QStringList{QStringLiteral("m30"), QStringLiteral("m90")}));
        QCOMPARE(refiltered.count(), 2);
        now += 60;
        proxy.refreshTimes();
        QCOMPARE(refiltered.count(), 2);
        QCOMPARE(proxy.rowCount(), 2);
        now += 8 * 3600; // 2025-11-25T00:46Z
        proxy.refreshTimes();
        QCOMPARE(proxy.rowCount(), 0);
        QCOMPARE(refiltered.count(), 3);
        // Without a span or today there is nothing to refresh: no timer.
        for (const char *text : {"status:completed", "created>2025-11-01", "created>7y", ""}) {
            proxy.setSearchText(QLatin1String(text));
            QVERIFY2(!proxy.refreshesTimes(), text);
        }
        proxy.setSearchText(QStringLiteral("ended<2w"));
        QVERIFY(proxy.refreshesTimes());
        proxy.clearFilter();
        QVERIFY(!proxy.refreshesTimes());
    }
};

QTEST_MAIN(TestBatchSortFilterProxy)
#include "tst_batchsortfilterproxy.moc"
