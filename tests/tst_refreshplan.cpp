#include "refreshplan.h"

#include <QTest>

namespace {
std::vector<Batch> held(int count)
{
    std::vector<Batch> batches(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        batches[size_t(i)].id = QStringLiteral("b%1").arg(i);
    return batches;
}
} // namespace

class TestRefreshPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void manyChangingDeepDownAreReadByPages()
    {
        const std::vector<Batch> batches = held(250);
        // Every batch from position 100 on may change: 150 retrieves, or 2 pages after position 49.
        const RefreshPlan plan =
            RefreshPlan::make(batches, 49, 100, [](const Batch &b) { return b.id.mid(1).toInt() >= 100; });
        QCOMPARE(plan.retrieves.size(), 150);
        QCOMPARE(plan.pages, 2);
        QCOMPARE(plan.after, QStringLiteral("b49"));
    }

    void fewChangingAreRetrieved()
    {
        const std::vector<Batch> batches = held(1000);
        const RefreshPlan plan =
            RefreshPlan::make(batches, 99, 100, [](const Batch &b) { return b.id == QLatin1String("b999"); });
        QCOMPARE(plan.retrieves, QStringList{QStringLiteral("b999")});
        QCOMPARE(plan.pages, 0); // 9 pages would cost more than 1 retrieve
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
};

QTEST_GUILESS_MAIN(TestRefreshPlan)
#include "tst_refreshplan.moc"
