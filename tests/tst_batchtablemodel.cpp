#include "core/batch/batchcolumns.h"
#include "core/session/accountsession.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"
#include "testbatches.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextDocument>

namespace {
Batch makeBatch(const QString &id, const QString &status, qint64 completed, qint64 createdAt = 1'764'000'000)
{
    return TestBatch(id, status, createdAt)
        .with(QStringLiteral("object"), QStringLiteral("batch"))
        .with(QStringLiteral("endpoint"), QStringLiteral("/v1/responses"))
        .with(QStringLiteral("expires_at"), createdAt + 86'400)
        .counts(100, completed, 0);
}
} // namespace

class TestBatchTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toolTipsShowTheServersTextNotItsMarkup()
    {
        // Shown as rich text, <img src="/dev/zero"> would have Qt read that file when the pointer rests on
        // it.
        const QString hostile = QStringLiteral("<img src=\"/dev/zero\" width=99999>");
        BatchTableModel model;
        model.merge({TestBatch(QStringLiteral("batch_tip"), QStringLiteral("completed"))
                         .metadata(QStringLiteral("note"), hostile)
                         .build()});
        const QString tip = model.index(0, BatchColumns::Metadata).data(Qt::ToolTipRole).toString();
        QTextDocument shown;
        shown.setHtml(tip); // what QToolTip does with a string that might be rich text
        QVERIFY2(shown.toPlainText().contains(hostile), qPrintable(tip));
        QVERIFY(!tip.contains(QStringLiteral("<img")));
    }

    void mergeInsertsOnceAndNeverResets()
    {
        BatchTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.merge({makeBatch(QStringLiteral("b1"), QStringLiteral("in_progress"), 10),
                     makeBatch(QStringLiteral("b2"), QStringLiteral("completed"), 100),
                     makeBatch(QStringLiteral("b3"), QStringLiteral("in_progress"), 0)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 2); // inclusive last

        // The same data again: nothing to say.
        model.merge({makeBatch(QStringLiteral("b2"), QStringLiteral("completed"), 100)});
        QCOMPARE(changed.count(), 0);

        // Progress moved on one batch: one dataChanged for that row, only the columns that moved.
        model.merge({makeBatch(QStringLiteral("b1"), QStringLiteral("in_progress"), 55),
                     makeBatch(QStringLiteral("b4"), QStringLiteral("failed"), 0)});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(changed.count(), 1);
        const QModelIndex topLeft = changed.at(0).at(0).value<QModelIndex>();
        const QModelIndex bottomRight = changed.at(0).at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), model.rowOf(QStringLiteral("b1")));
        QCOMPARE(bottomRight.row(), topLeft.row());
        QCOMPARE(topLeft.column(), int(BatchColumns::Progress));
        // The progress moved, and with it the estimate drawn from the history.
        QCOMPARE(bottomRight.column(), int(BatchColumns::Eta));
        QCOMPARE(model.index(topLeft.row(), BatchColumns::Progress).data().toString(),
                 QStringLiteral("55 / 100"));
        QCOMPARE(reset.count(), 0);
    }

    void statusCountsFollowMerges()
    {
        BatchTableModel model;
        QSignalSpy counts(&model, &BatchTableModel::statusCountsChanged);
        model.merge({makeBatch(QStringLiteral("a"), QStringLiteral("in_progress"), 1),
                     makeBatch(QStringLiteral("b"), QStringLiteral("in_progress"), 1),
                     makeBatch(QStringLiteral("c"), QStringLiteral("weird"), 1)});
        QCOMPARE(model.statusCounts().value(QStringLiteral("in_progress")), 2);
        QCOMPARE(model.statusCounts().value(QStringLiteral("weird")), 1);
        QCOMPARE(model.runningCount(), 2);
        model.merge({makeBatch(QStringLiteral("a"), QStringLiteral("completed"), 100)});
        QCOMPARE(model.statusCounts().value(QStringLiteral("in_progress")), 1);
        QCOMPARE(model.statusCounts().value(QStringLiteral("completed")), 1);
        QCOMPARE(model.runningCount(), 1);
        QCOMPARE(counts.count(), 2);
    }

    void rolesCarryRawValues()
    {
        BatchTableModel model;
        model.merge({makeBatch(QStringLiteral("a"), QStringLiteral("validating"), 0, 1000),
                     makeBatch(QStringLiteral("b"), QStringLiteral("in_progress"), 25, 2000)});
        const QModelIndex created = model.index(1, BatchColumns::Created);
        QCOMPARE(created.data(BatchTableModel::SortRole).toLongLong(), 2000);
        QVERIFY(created.data(Qt::ToolTipRole).toString().contains(QStringLiteral("1970-01-01T00:33:20Z")));
        QCOMPARE(model.index(1, BatchColumns::Progress).data(BatchTableModel::SortRole).toDouble(), 0.25);
        // Validating is its own state, not 0%.
        QCOMPARE(model.index(0, BatchColumns::Progress).data().toString(), QStringLiteral("validating"));
        QCOMPARE(model.index(0, BatchColumns::Progress).data(BatchTableModel::SortRole).toDouble(), -1.0);
        const auto progress =
            model.index(1, BatchColumns::Progress).data(BatchTableModel::ProgressRole).value<BatchProgress>();
        QCOMPARE(progress.completed, 25);
        QCOMPARE(progress.total, 100);
        QVERIFY(model.index(0, BatchColumns::Status).data(Qt::DecorationRole).value<QColor>().isValid());
        QCOMPARE(model.index(1, BatchColumns::Status).data().toString(), QStringLiteral("in progress"));
        QCOMPARE(model.headerData(BatchColumns::Tokens, Qt::Horizontal).toString(), QStringLiteral("Tokens"));
    }

    void darkPaletteRecoloursTheStatusColumn()
    {
        BatchTableModel model;
        model.merge({makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 0)});
        const QColor light = model.index(0, 0).data(Qt::DecorationRole).value<QColor>();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setDarkPalette(true);
        QCOMPARE(changed.count(), 1);
        QVERIFY(model.index(0, 0).data(Qt::DecorationRole).value<QColor>() != light);
        model.setDarkPalette(true);
        QCOMPARE(changed.count(), 1);
    }

    void fetchMoreLoadsPagesFromTheServer()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("250"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        SessionSpec spec;
        spec.config = sim.config();
        spec.autoRefresh = false;
        AccountSession session(spec);
        BatchTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!model.canFetchMore(QModelIndex()));
        model.addSession(&session); // the model asks its sessions for more
        QVERIFY(model.canFetchMore(QModelIndex()));
        QSignalSpy fetching(&model, &BatchTableModel::fetchingChanged);
        model.fetchMore(QModelIndex());
        QVERIFY(!model.canFetchMore(QModelIndex())); // one request at a time
        model.fetchMore(QModelIndex());              // ignored while fetching
        QTRY_COMPARE(model.rowCount(), 100);
        QTRY_VERIFY(!model.isFetching());
        QVERIFY(model.canFetchMore(QModelIndex()));
        QVERIFY(!model.canFetchMore(model.index(0, 0))); // a table: rows have no children to fetch
        session.loadAll();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 250, 10'000);
        QTRY_VERIFY(!model.canFetchMore(QModelIndex()));
        QCOMPARE(sim.stats().value(QStringLiteral("requests")).toInteger(), 3);
    }

    void failedFetchKeepsRowsAndSaysWhy()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("250"), QStringLiteral("--fail-every"),
                        QStringLiteral("2"), QStringLiteral("--fail-status"), QStringLiteral("400")});
        QVERIFY(sim.start());
        SessionSpec spec;
        spec.config = sim.config();
        spec.autoRefresh = false;
        AccountSession session(spec);
        BatchTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addSession(&session);
        QSignalSpy failed(&session, &AccountSession::fetchFailed);
        model.fetchMore(QModelIndex());
        QTRY_COMPARE(model.rowCount(), 100);
        QTRY_VERIFY(model.canFetchMore(QModelIndex()));
        model.fetchMore(QModelIndex());
        QVERIFY(failed.wait(10'000));
        QCOMPARE(failed.at(0).at(0).value<ApiError>().httpStatus, 400);
        QCOMPARE(model.rowCount(), 100);
        // Views call fetchMore on any layout change: the failure holds until someone asks again.
        QVERIFY(model.lastFetchFailed());
        QVERIFY(!model.canFetchMore(QModelIndex()));
        const qint64 served = sim.requestsServed();
        model.fetchMore(QModelIndex());
        QVERIFY(!model.isFetching());
        {
            QTableView view;
            view.setModel(&model);
            view.resize(800, 4000); // room for more rows than there are: a view asks for more
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QCoreApplication::processEvents();
            QVERIFY(!model.isFetching());
            QCOMPARE(sim.requestsServed(), served);
        }
        // Retry: the same page again (request 3 goes through), from the same cursor.
        session.retryFetch();
        QVERIFY(model.isFetching());
        QTRY_COMPARE(model.rowCount(), 200);
        QVERIFY(!model.lastFetchFailed());
    }

    void etaNeedsTwoSamples()
    {
        // The history is the session's (which records only counts seen now, never a cache's: see
        // tst_accountsession); the model reads it for the row's source.
        BatchTableModel model;
        ProgressHistory history;
        const int source = model.addSource(QStringLiteral("a"), Provider::OpenAI, &history);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        model.merge({makeBatch(QStringLiteral("r"), QStringLiteral("in_progress"), 10, now - 600)}, source);
        const QModelIndex eta = model.index(0, BatchColumns::Eta);
        QCOMPARE(eta.data().toString(), QStringLiteral("no estimate"));
        const Batch twenty = makeBatch(QStringLiteral("r"), QStringLiteral("in_progress"), 20, now - 600);
        QVERIFY(history.record(twenty, now));
        model.merge({twenty}, source);
        QCOMPARE(eta.data().toString(), QStringLiteral("no estimate")); // one sample says nothing of a rate
        // Pretend the first sample was an hour ago: 30 more requests in an hour leaves 50 for about 100 min.
        ProgressHistory rebuilt;
        rebuilt.add(QStringLiteral("r"), ProgressSample{now - 3600, 20, 0, 100});
        history = rebuilt;
        const Batch fifty = makeBatch(QStringLiteral("r"), QStringLiteral("in_progress"), 50, now - 600);
        QVERIFY(history.record(fifty, now));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.merge({fifty}, source);
        // Moving counts announce the estimate's column too.
        QCOMPARE(changed.count(), 1);
        QVERIFY(changed.constFirst().at(0).value<QModelIndex>().column() <= BatchColumns::Eta);
        QVERIFY(changed.constFirst().at(1).value<QModelIndex>().column() >= BatchColumns::Eta);
        const QString text = eta.data().toString();
        QVERIFY2(text.startsWith(QStringLiteral("\u2248 1 h 4")) ||
                     text.startsWith(QStringLiteral("\u2248 1 h 3")),
                 qPrintable(text));
        QVERIFY(eta.data(BatchTableModel::SortRole).toLongLong() > 0);
        // A finished batch has nothing left to estimate.
        model.merge({makeBatch(QStringLiteral("r"), QStringLiteral("completed"), 100, now - 600)}, source);
        QCOMPARE(eta.data().toString(), QString());
    }

    void rowsOfSeveralSourcesKeepTheirIdentityAndAccount()
    {
        // The All accounts view: two sessions may both hold an id; (source, id) is a row's identity.
        BatchTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int work = model.addSource(QStringLiteral("work"), Provider::OpenAI);
        const int lab = model.addSource(QStringLiteral("lab"), Provider::Anthropic);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.merge({makeBatch(QStringLiteral("same"), QStringLiteral("in_progress"), 1),
                     makeBatch(QStringLiteral("w2"), QStringLiteral("failed"), 0)},
                    work);
        model.merge({makeBatch(QStringLiteral("same"), QStringLiteral("completed"), 100)}, lab);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(reset.count(), 0);
        const int inWork = model.rowOf(QStringLiteral("same"), work);
        const int inLab = model.rowOf(QStringLiteral("same"), lab);
        QVERIFY(inWork >= 0 && inLab >= 0 && inWork != inLab);
        QCOMPARE(model.index(inWork, BatchColumns::Account).data().toString(), QStringLiteral("work"));
        QCOMPARE(model.index(inLab, BatchColumns::Account).data().toString(), QStringLiteral("lab"));
        QCOMPARE(model.index(inLab, BatchColumns::Provider).data().toString(),
                 Providers::displayName(Provider::Anthropic));
        QCOMPARE(model.headerData(BatchColumns::Account, Qt::Horizontal).toString(),
                 QStringLiteral("Account"));
        QCOMPARE(model.index(inLab, 0).data(BatchTableModel::SourceRole).toInt(), lab);
        // Per-account counts for the side bar, and the sum for the window.
        QCOMPARE(model.statusCounts(work).value(QStringLiteral("in_progress")), 1);
        QCOMPARE(model.statusCounts(lab).value(QStringLiteral("completed")), 1);
        QCOMPARE(model.statusCounts().value(QStringLiteral("in_progress")), 1);
        QCOMPARE(model.statusCounts().value(QStringLiteral("completed")), 1);
        // An update reaches only its own source's row.
        model.merge({makeBatch(QStringLiteral("same"), QStringLiteral("completed"), 100)}, work);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.statusCounts().value(QStringLiteral("completed")), 2);
        QCOMPARE(model.statusCounts(work).value(QStringLiteral("in_progress")), 0);
        // An account taken away takes its rows, and only those.
        model.removeSource(work);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(QStringLiteral("same"), lab), 0);
        QCOMPARE(model.rowOf(QStringLiteral("w2")), -1);
        QCOMPARE(model.statusCounts().value(QStringLiteral("completed")), 1);
        QVERIFY(model.statusCounts(work).isEmpty());
    }

    void clearIsTheOnlyReset()
    {
        BatchTableModel model;
        model.merge({makeBatch(QStringLiteral("a"), QStringLiteral("failed"), 0)});
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.clear();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.statusCounts().isEmpty());
        QCOMPARE(model.rowOf(QStringLiteral("a")), -1);
    }
};

QTEST_MAIN(TestBatchTableModel)
#include "tst_batchtablemodel.moc"
