// The Results view's proxy: failures first, raw sorts, and the filter (outcome, error group, search).
#include "models/resultsfilter.h"
#include "models/resultsproxy.h"
#include "models/resultstablemodel.h"
#include "testresults.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {
QStringList ids(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, 0).data(ResultsTableModel::CustomIdRole).toString();
    return out;
}
} // namespace

class TestResultsProxy : public QObject
{
    Q_OBJECT

private:
    ResultsTableModel m_model;
    ResultsProxy m_proxy;

private Q_SLOTS:
    void initTestCase()
    {
        m_proxy.setSourceModel(&m_model);
        // Before the data, as the window does.
        new QAbstractItemModelTester(&m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        m_model.setResults(TestResults::sample());
    }

    void init() { m_proxy.clearFilter(); }

    void failuresFirstInInputOrder()
    {
        m_proxy.sort(ResultsColumns::Outcome, Qt::AscendingOrder);
        QCOMPARE(ids(m_proxy),
                 (QStringList{QStringLiteral("req-2"), QStringLiteral("req-5"), QStringLiteral("réq-6"),
                              QStringLiteral("req-4"), QStringLiteral("req-1"),
                              QStringLiteral("req 3 \"quoted\""), QStringLiteral("req-7")}));
        // Reversed: ok first, ties still in input order.
        m_proxy.sort(ResultsColumns::Outcome, Qt::DescendingOrder);
        QCOMPARE(ids(m_proxy).mid(0, 3),
                 (QStringList{QStringLiteral("req-1"), QStringLiteral("req 3 \"quoted\""),
                              QStringLiteral("req-7")}));
    }

    void sortsTokensAsNumbers()
    {
        auto set = TestResults::sample();
        set->rows[0].inputTokens = 900;
        set->rows[2].inputTokens = 80; // a text sort would put "80" after "900"
        set->rows[6].inputTokens = 10'000;
        ResultsTableModel model;
        ResultsProxy proxy;
        proxy.setSourceModel(&model);
        model.setResults(set);
        proxy.sort(ResultsColumns::InputTokens, Qt::DescendingOrder);
        QCOMPARE(ids(proxy).mid(0, 3), (QStringList{QStringLiteral("req-7"), QStringLiteral("req-1"),
                                                    QStringLiteral("req 3 \"quoted\"")}));
    }

    void filtersOnOutcome()
    {
        QVERIFY(m_proxy.setOutcomes(ResultsFilter::NotRun));
        QCOMPARE(ids(m_proxy), QStringList{QStringLiteral("req-4")});
        QVERIFY(m_proxy.setOutcomes(ResultsFilter::Failed | ResultsFilter::NotRun));
        QCOMPARE(m_proxy.rowCount(), 4);
    }

    void groupsFilterAndAllFailures()
    {
        m_proxy.sort(ResultsColumns::Line, Qt::AscendingOrder);
        QVERIFY(m_proxy.setGroup(0));
        QCOMPARE(ids(m_proxy), (QStringList{QStringLiteral("req-2"), QStringLiteral("réq-6")}));
        QVERIFY(m_proxy.setGroup(1));
        QCOMPARE(ids(m_proxy), QStringList{QStringLiteral("req-5")});
        QVERIFY(m_proxy.setGroup(ResultsFilter::kAllFailures));
        QCOMPARE(ids(m_proxy),
                 (QStringList{QStringLiteral("req-2"), QStringLiteral("req-5"), QStringLiteral("réq-6")}));
    }

    void searchCoversIdsErrorsAndAnswers()
    {
        m_proxy.sort(ResultsColumns::Line, Qt::AscendingOrder);
        QVERIFY(m_proxy.setSearchText(QStringLiteral("QUOTED")));
        QCOMPARE(ids(m_proxy), QStringList{QStringLiteral("req 3 \"quoted\"")});
        QVERIFY(m_proxy.setSearchText(QStringLiteral("rate_limit")));
        QCOMPARE(m_proxy.rowCount(), 2);
        QVERIFY(m_proxy.setSearchText(QStringLiteral("server had")));
        QCOMPARE(ids(m_proxy), QStringList{QStringLiteral("req-5")});
        QVERIFY(m_proxy.setSearchText(QStringLiteral("answer number 7")));
        QCOMPARE(ids(m_proxy), QStringList{QStringLiteral("req-7")});
        // With a group: both must hold.
        QVERIFY(m_proxy.setSearchText(QStringLiteral("cd34")));
        QVERIFY(m_proxy.setGroup(0));
        QCOMPARE(ids(m_proxy), QStringList{QStringLiteral("réq-6")});
    }

    void refiltersOnlyOnARealChange()
    {
        QSignalSpy changed(&m_proxy, &ResultsProxy::filterChanged);
        QVERIFY(m_proxy.setSearchText(QStringLiteral("req")));
        QVERIFY(!m_proxy.setSearchText(QStringLiteral("req")));
        QVERIFY(!m_proxy.setSearchText(QStringLiteral("  req ")));
        QVERIFY(!m_proxy.setGroup(-1));
        QCOMPARE(changed.count(), 1);
    }

    void filterMatchesWithoutAModel()
    {
        const auto set = TestResults::sample();
        ResultsFilter filter;
        QVERIFY(filter.isEmpty());
        QVERIFY(filter.match(set->rows[0]));
        QVERIFY(filter.setOutcomes(ResultsFilter::Failed));
        QVERIFY(!filter.match(set->rows[0]));
        QVERIFY(filter.match(set->rows[1]));
        QVERIFY(filter.setGroup(1));
        QVERIFY(!filter.match(set->rows[1]));
        QVERIFY(filter.match(set->rows[4]));
        QVERIFY(!filter.setGroup(1));
        QVERIFY(!filter.isEmpty());
    }
};

QTEST_MAIN(TestResultsProxy)
#include "tst_resultsproxy.moc"
