#include "core/batch/batchfilter.h"
#include "testbatches.h"

#include <QDateTime>
#include <QTest>

namespace {
Batch makeBatch(const QString &id, const QString &status, qint64 createdAt)
{
    return TestBatch(id, status, createdAt)
        .with(QStringLiteral("endpoint"), QStringLiteral("/v1/chat/completions"))
        .with(QStringLiteral("model"), QStringLiteral("gpt-4o-mini"))
        .with(QStringLiteral("input_file_id"), QStringLiteral("file-input1"))
        .with(QStringLiteral("output_file_id"), QStringLiteral("file-OUT2"))
        .metadata(QStringLiteral("customer"), QStringLiteral("Zoë, \"ACME\""));
}
} // namespace

class TestBatchFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyMatchesEverything()
    {
        const BatchFilter filter;
        QVERIFY(filter.isEmpty());
        QVERIFY(filter.matches(makeBatch(QStringLiteral("batch_1"), QStringLiteral("weird_new_status"), 0)));
    }

    void statusesCombineWithOr()
    {
        BatchFilter filter;
        QVERIFY(filter.setStatuses({QStringLiteral("failed"), QStringLiteral("expired")}));
        QVERIFY(filter.matches(makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 0)));
        QVERIFY(filter.matches(makeBatch(QStringLiteral("b"), QStringLiteral("expired"), 0)));
        QVERIFY(!filter.matches(makeBatch(QStringLiteral("c"), QStringLiteral("completed"), 0)));
        // Unknown statuses can be filtered on by their own word.
        QVERIFY(filter.setStatuses({QStringLiteral("paused")}));
        QVERIFY(filter.matches(makeBatch(QStringLiteral("d"), QStringLiteral("paused"), 0)));
    }

    void searchLooksEverywhereAUserWould_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("expected");
        QTest::newRow("id") << "batch_abc" << true;
        QTest::newRow("endpoint") << "CHAT/compl" << true;
        QTest::newRow("model") << "4O-MINI" << true;
        QTest::newRow("input file") << "file-input" << true;
        QTest::newRow("output file any case") << "file-out2" << true;
        QTest::newRow("metadata key") << "custom" << true;
        QTest::newRow("metadata value unicode") << "zOË" << true;
        QTest::newRow("metadata value quotes") << "\"acme\"" << true;
        QTest::newRow("surrounding spaces ignored") << "  acme  " << true;
        QTest::newRow("absent") << "embeddings" << false;
    }

    void searchLooksEverywhereAUserWould()
    {
        QFETCH(QString, text);
        QFETCH(bool, expected);
        BatchFilter filter;
        filter.setSearchText(text);
        QCOMPARE(filter.matches(makeBatch(QStringLiteral("batch_abc123"), QStringLiteral("completed"), 0)),
                 expected);
    }

    void statusAndSearchCombineWithAnd()
    {
        BatchFilter filter;
        filter.setStatuses({QStringLiteral("failed")});
        filter.setSearchText(QStringLiteral("acme"));
        QVERIFY(filter.matches(makeBatch(QStringLiteral("x"), QStringLiteral("failed"), 0)));
        QVERIFY(!filter.matches(makeBatch(QStringLiteral("x"), QStringLiteral("completed"), 0)));
        filter.setSearchText(QStringLiteral("nobody"));
        QVERIFY(!filter.matches(makeBatch(QStringLiteral("x"), QStringLiteral("failed"), 0)));
    }

    void createdRangeIsHalfOpen()
    {
        BatchFilter filter;
        filter.setCreatedAfter(QDateTime::fromSecsSinceEpoch(1000, Qt::UTC));
        filter.setCreatedBefore(QDateTime::fromSecsSinceEpoch(2000, Qt::UTC));
        QVERIFY(!filter.matches(makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 999)));
        QVERIFY(filter.matches(makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 1000)));
        QVERIFY(filter.matches(makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 1999)));
        QVERIFY(!filter.matches(makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 2000)));
        QVERIFY(filter.excludesEverythingBefore(999));
        QVERIFY(!filter.excludesEverythingBefore(1000));
        QVERIFY(!BatchFilter().excludesEverythingBefore(0));
    }

    void searchTextIsAQuery()
    {
        BatchFilter filter;
        QVERIFY(filter.setSearchText(QStringLiteral("status:failed,expired acme")));
        QVERIFY(filter.query().isValid());
        QCOMPARE(filter.query().text(), QStringLiteral("status:failed,expired acme"));
        QVERIFY(filter.matches(makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 0)));
        QVERIFY(!filter.matches(makeBatch(QStringLiteral("a"), QStringLiteral("completed"), 0)));
        // Free words all match, in any order (the whole text used to be one phrase).
        QVERIFY(filter.setSearchText(QStringLiteral("mini acme")));
        QVERIFY(filter.matches(makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 0)));
        QVERIFY(filter.setSearchText(QStringLiteral("-acme")));
        QVERIFY(!filter.matches(makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 0)));
    }

    void theRowGivesAccountAndProvider()
    {
        BatchFilter filter;
        filter.setSearchText(QStringLiteral("account:work provider:gemini"));
        const Batch batch = makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 0);
        QVERIFY(filter.matches(batch, QueryRow{QStringLiteral("Work"), Provider::Gemini, nullptr}));
        QVERIFY(!filter.matches(batch, QueryRow{QStringLiteral("Work"), Provider::OpenAI, nullptr}));
        QVERIFY(!filter.matches(batch));
    }

    void aWrongQueryFiltersOnItsGoodTerms()
    {
        BatchFilter filter;
        filter.setSearchText(QStringLiteral("status>3 acme"));
        QVERIFY(!filter.query().isValid());
        QVERIFY(!filter.isEmpty());
        QVERIFY(filter.matches(makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 0)));
        filter.setSearchText(QStringLiteral("status>3 nobody"));
        QVERIFY(!filter.matches(makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 0)));
    }

    void theQueryStopsTheListEarly()
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        BatchFilter filter;
        filter.setSearchText(QStringLiteral("created>7d"));
        QVERIFY(filter.excludesEverythingBefore(now - 8 * 86'400));
        QVERIFY(!filter.excludesEverythingBefore(now - 6 * 86'400));
        QVERIFY(filter.matches(makeBatch(QStringLiteral("a"), QStringLiteral("failed"), now - 6 * 86'400)));
        QVERIFY(!filter.matches(makeBatch(QStringLiteral("a"), QStringLiteral("failed"), now - 8 * 86'400)));
    }

    void settersSayWhetherAnythingChanged()
    {
        BatchFilter filter;
        QVERIFY(!filter.setSearchText(QString()));
        QVERIFY(filter.setSearchText(QStringLiteral("x")));
        QVERIFY(!filter.setSearchText(QStringLiteral(" x ")));
        QVERIFY(!filter.setStatuses({}));
        QVERIFY(filter.setStatuses({QStringLiteral("failed")}));
        QVERIFY(!filter.setStatuses({QStringLiteral("failed")}));
        QVERIFY(!filter.setCreatedAfter(QDateTime()));
        QVERIFY(filter.setCreatedAfter(QDateTime::fromSecsSinceEpoch(5, Qt::UTC)));
        QVERIFY(!filter.setCreatedAfter(QDateTime::fromSecsSinceEpoch(5, Qt::UTC)));
        QVERIFY(filter.setCreatedAfter(QDateTime()));
        QVERIFY(!filter.isEmpty());
        filter.clear();
        QVERIFY(filter.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBatchFilter)
#include "tst_batchfilter.moc"
