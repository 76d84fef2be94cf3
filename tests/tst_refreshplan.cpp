#include "core/sync/refreshplan.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

namespace {
std::vector<Batch> held(int count)
{
    std::vector<Batch> batches(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        batches[size_t(i)].id = QStringLiteral("b%1").arg(i);
    return batches;
}

int position(const Batch &b)
{
    return b.id.mid(1).toInt();
}

// Every depth tried: what the cheapest plan costs, counted the slow way.
int cheapest(const QSet<int> &changing, int size, int deepestRead, int pageSize)
{
    int best = int(changing.size());
    for (int pages = 1; deepestRead >= 0 && deepestRead + (pages - 1) * pageSize < size; ++pages) {
        int outside = 0;
        for (int p : changing)
            outside += p <= deepestRead || p > deepestRead + pages * pageSize;
        best = std::min(best, pages + outside);
    }
    return best;
}

// What a plan costs when carried out: its pages, and a retrieve for each changing batch they do not bring.
int costOf(const RefreshPlan &plan, const QSet<int> &changing, int deepestRead, int pageSize)
{
    int cost = plan.pages;
    for (int p : changing)
        cost += plan.pages == 0 || p <= deepestRead || p > deepestRead + plan.pages * pageSize;
    return cost;
}
} // namespace

class TestRefreshPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A light hold: past its first 120 rows the held positions are not the server's (terminal batches are
    // left out between them), so no page is planned to reach those; they are retrieved.
    void changingBeyondTheExactPositionsAreRetrieved()
    {
        const std::vector<Batch> batches = held(250);
        const RefreshPlan plan = RefreshPlan::make(
            int(batches.size()), [&batches](int i) -> const QString & { return batches[size_t(i)].id; },
            [](int i) { return i >= 100; }, 49, 100, 120);
        QCOMPARE(plan.retrieves.size(), 150);
        // One page after position 49 brings positions 100-119; the 130 below are retrieved.
        QCOMPARE(plan.pages, 1);
        QCOMPARE(plan.requests, 131);
        const RefreshPlan none = RefreshPlan::make(
            int(batches.size()), [&batches](int i) -> const QString & { return batches[size_t(i)].id; },
            [](int i) { return i >= 100; }, 49, 100, 100);
        QCOMPARE(none.pages, 0);
        QCOMPARE(none.requests, 150);
    }

    void manyChangingDeepDownAreReadByPages()
    {
        const std::vector<Batch> batches = held(250);
        // Every batch from position 100 on may change: 150 retrieves, or 2 pages after position 49.
        const RefreshPlan plan =
            RefreshPlan::make(batches, 49, 100, [](const Batch &b) { return b.id.mid(1).toInt() >= 100; });
        QCOMPARE(plan.retrieves.size(), 150);
        QCOMPARE(plan.pages, 2);
        QCOMPARE(plan.after, QStringLiteral("b49"));
        QCOMPARE(plan.requests, 2);
    }

    void fewChangingAreRetrieved()
    {
        const std::vector<Batch> batches = held(1000);
        const RefreshPlan plan =
            RefreshPlan::make(batches, 99, 100, [](const Batch &b) { return b.id == QLatin1String("b999"); });
        QCOMPARE(plan.retrieves, QStringList{QStringLiteral("b999")});
        QCOMPARE(plan.pages, 0); // 9 pages would cost more than 1 retrieve
        QCOMPARE(plan.requests, 1);
    }

    void withoutAPageReadOnlyRetrievesAreLeft()
    {
        const std::vector<Batch> batches = held(300);
        const RefreshPlan plan = RefreshPlan::make(batches, -1, 100, [](const Batch &) { return true; });
        QCOMPARE(plan.retrieves.size(), 300);
        QCOMPARE(plan.pages, 0);
        const RefreshPlan above = RefreshPlan::make(batches, 299, 100, [](const Batch &) { return true; });
        QCOMPARE(above.pages, 0); // nothing below what the pages covered
    }

    void aDenseBandThenAFewScatteredDeepDown()
    {
        // 81 changing just below the first page, three far down: one page and three retrieves (4 requests),
        // where reading down to the deepest takes 9 pages and retrieving all takes 84.
        const std::vector<Batch> batches = held(1000);
        const QSet<int> deep = {500, 800, 999};
        const RefreshPlan plan = RefreshPlan::make(batches, 99, 100, [&](const Batch &b) {
            const int p = position(b);
            return (p >= 100 && p <= 180) || deep.contains(p);
        });
        QCOMPARE(plan.retrieves.size(), 84);
        QCOMPARE(plan.pages, 1);
        QCOMPARE(plan.after, QStringLiteral("b99"));
        QCOMPARE(plan.requests, 4);
    }

    void aDenseBandDeeperThanAFewScattered()
    {
        // Two just below the first page, sixty on the fifth page after it: five pages bring all of them.
        const std::vector<Batch> batches = held(1000);
        const RefreshPlan plan = RefreshPlan::make(batches, 99, 100, [](const Batch &b) {
            const int p = position(b);
            return p == 105 || p == 110 || (p >= 500 && p < 560);
        });
        QCOMPARE(plan.pages, 5);
        QCOMPARE(plan.requests, 5);
    }

    void changingAboveThePagesAreRetrievedWhateverTheDepth()
    {
        // Position 10 is above what the pages read on from; it is retrieved in every plan.
        const std::vector<Batch> batches = held(400);
        const RefreshPlan plan = RefreshPlan::make(batches, 99, 100, [](const Batch &b) {
            const int p = position(b);
            return p == 10 || (p > 99 && p < 200);
        });
        QCOMPARE(plan.pages, 1);
        QCOMPARE(plan.requests, 2);
        QVERIFY(plan.retrieves.contains(QStringLiteral("b10")));
    }

    void scatteredLayoutsGetTheCheapestPlan_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("deepestRead");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<int>("percentChanging");
        QTest::newRow("sparse, one page read") << 2000 << 99 << 100 << 1;
        QTest::newRow("a tenth, one page read") << 2000 << 99 << 100 << 10;
        QTest::newRow("half, small pages") << 500 << 19 << 20 << 50;
        QTest::newRow("sparse, deep read") << 3000 << 1499 << 100 << 3;
        QTest::newRow("no page read") << 500 << -1 << 100 << 30;
    }

    void scatteredLayoutsGetTheCheapestPlan()
    {
        QFETCH(int, size);
        QFETCH(int, deepestRead);
        QFETCH(int, pageSize);
        QFETCH(int, percentChanging);
        const std::vector<Batch> batches = held(size);
        QRandomGenerator random(20261201);
        for (int layout = 0; layout < 50; ++layout) {
            // Changing batches scattered at random, some in clusters, as running batches sit in an account.
            QSet<int> changing;
            for (int i = 0; i < size; ++i) {
                if (int(random.bounded(100)) < percentChanging) {
                    const int cluster = int(random.bounded(8));
                    for (int j = i; j < std::min(size, i + cluster + 1); ++j)
                        changing.insert(j);
                }
            }
            const RefreshPlan plan = RefreshPlan::make(batches, deepestRead, pageSize, [&](const Batch &b) {
                return changing.contains(position(b));
            });
            QCOMPARE(plan.retrieves.size(), changing.size());
            const int best = cheapest(changing, size, deepestRead, pageSize);
            QCOMPARE(plan.requests, best);
            QCOMPARE(costOf(plan, changing, deepestRead, pageSize), best);
            if (plan.pages > 0)
                QCOMPARE(plan.after, batches[size_t(deepestRead)].id);
        }
    }
};

QTEST_GUILESS_MAIN(TestRefreshPlan)
#include "tst_refreshplan.moc"
