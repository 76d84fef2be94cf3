// Several accounts feeding one model (the All accounts view), against two real simulators: one live, one
// failing. A failure in one never blanks the other.
#include "core/session/sessionset.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {
SessionSpec specFor(const QString &name, const ApiConfig &config)
{
    SessionSpec spec;
    spec.name = name;
    spec.config = config;
    spec.autoRefresh = false;
    return spec;
}
} // namespace

class TestSessionSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoAccountsOneFailingFeedOneModel()
    {
        SimProcess live({QStringLiteral("--batches"), QStringLiteral("30"), QStringLiteral("--speed"),
                         QStringLiteral("0")});
        SimProcess failing({QStringLiteral("--batches"), QStringLiteral("30"), QStringLiteral("--fail-every"),
                            QStringLiteral("1"), QStringLiteral("--fail-status"), QStringLiteral("500")});
        QVERIFY(live.start());
        QVERIFY(failing.start());
        ApiConfig broken = failing.config();
        broken.maxRetries = 0;

        BatchTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        SessionSet set;
        connect(&set, &SessionSet::sessionAdded, &model,
                [&model](AccountSession *s) { model.addSession(s); });
        connect(&set, &SessionSet::sessionRemoved, &model,
                [&model](AccountSession *s) { model.removeSource(model.sourceOf(s)); });
        QSignalSpy errors(&set, &SessionSet::errorChanged);
        set.setSpecs(
            {specFor(QStringLiteral("work"), live.config()), specFor(QStringLiteral("lab"), broken)});
        QCOMPARE(set.sessions().size(), 2);
        QTRY_COMPARE(model.rowCount(), 30);
        QTRY_VERIFY(!errors.isEmpty());
        AccountSession *work = set.session(QStringLiteral("work"));
        AccountSession *lab = set.session(QStringLiteral("lab"));
        QVERIFY(work && lab);
        QCOMPARE(errors.constLast().at(0).value<AccountSession *>(), lab);
        QCOMPARE(errors.constLast().at(1).value<ApiError>().httpStatus, 500);
        for (const auto &signal : std::as_const(errors))
            QVERIFY(signal.at(0).value<AccountSession *>() != work ||
                    !signal.at(1).value<ApiError>().isError());
        // Every row is the live account's, and says so.
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, BatchColumns::Account).data().toString(), QStringLiteral("work"));
        int counted = 0;
        for (int n : model.statusCounts(model.sourceOf(work)))
            counted += n;
        QCOMPARE(counted, 30);
        QVERIFY(model.statusCounts(model.sourceOf(lab)).isEmpty());

        // The same list again keeps both sessions (and their rows); dropping one takes only its rows.
        set.setSpecs(
            {specFor(QStringLiteral("work"), live.config()), specFor(QStringLiteral("lab"), broken)});
        QCOMPARE(set.session(QStringLiteral("work")), work);
        QCOMPARE(model.rowCount(), 30);
        QSignalSpy removed(&set, &SessionSet::sessionRemoved);
        set.setSpecs({specFor(QStringLiteral("lab"), broken)});
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(set.sessions().size(), 1);
        QCOMPARE(set.session(QStringLiteral("lab")), lab);
    }
};

QTEST_GUILESS_MAIN(TestSessionSet)
#include "tst_sessionset.moc"
