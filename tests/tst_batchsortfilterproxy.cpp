#include "batchparser.h"
#include "batchsortfilterproxy.h"
#include "batchtablemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

namespace {
Batch makeBatch(const QString &id, const QString &status, qint64 createdAt, qint64 tokens,
                const QString &model)
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("created_at"), createdAt},
                  {QStringLiteral("model"), model},
                  {QStringLiteral("usage"), QJsonObject{{QStringLiteral("total_tokens"), tokens}}}};
    return BatchParser::parseBatch(o).value;
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
};

QTEST_MAIN(TestBatchSortFilterProxy)
#include "tst_batchsortfilterproxy.moc"
