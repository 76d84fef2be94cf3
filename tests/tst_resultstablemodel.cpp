// The Results view's table model: one row per request, passive, over a ResultSet built by hand.
#include "models/resultstablemodel.h"
#include "testresults.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

class TestResultsTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyUntilResultsArrive()
    {
        ResultsTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(ResultsColumns::Count));
        QVERIFY(!model.results());
        QCOMPARE(model.okCount(), 0);
    }

    void oneRowPerRequestWithOneReset()
    {
        ResultsTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setResults(TestResults::sample());
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(), 7);
        QCOMPARE(model.okCount(), 3);
        QCOMPARE(model.failedCount(), 3);
        QCOMPARE(model.notRunCount(), 1);
        // Input order in the model; the proxy sorts.
        QCOMPARE(model.index(0, ResultsColumns::CustomId).data().toString(), QStringLiteral("req-1"));
        QCOMPARE(model.index(2, ResultsColumns::CustomId).data().toString(),
                 QStringLiteral("req 3 \"quoted\""));
        QCOMPARE(model.index(5, ResultsColumns::CustomId).data(ResultsTableModel::CustomIdRole).toString(),
                 QStringLiteral("réq-6"));
        QCOMPARE(model.index(4, ResultsColumns::Line).data().toString(), QStringLiteral("5"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(resets.count(), 2);
    }

    void outcomesSayStatusOrCode()
    {
        ResultsTableModel model;
        model.setResults(TestResults::sample());
        const auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(text(0, ResultsColumns::Outcome), QStringLiteral("ok"));
        QCOMPARE(text(1, ResultsColumns::Outcome), QStringLiteral("failed (429)"));
        QCOMPARE(text(4, ResultsColumns::Outcome), QStringLiteral("failed (server_error)"));
        QCOMPARE(text(3, ResultsColumns::Outcome), QStringLiteral("not run"));
        QCOMPARE(text(1, ResultsColumns::ErrorCode), QStringLiteral("rate_limit_exceeded"));
        QCOMPARE(text(1, ResultsColumns::Message), QStringLiteral("Rate limit reached for req_ab12"));
        QCOMPARE(text(0, ResultsColumns::Answer), QStringLiteral("Answer number 1"));
        QCOMPARE(text(1, ResultsColumns::Answer), QString());
        // Tokens as counts with separators; absent usage is empty, not 0.
        QCOMPARE(text(6, ResultsColumns::InputTokens), QStringLiteral("1,207"));
        QCOMPARE(text(1, ResultsColumns::InputTokens), QString());
        QCOMPARE(model.index(1, 0).data(ResultsTableModel::OutcomeRole).toInt(), int(RequestOutcome::Failed));
        QCOMPARE(model.index(5, 0).data(ResultsTableModel::GroupRole).toInt(), 0);
        QCOMPARE(model.index(0, 0).data(ResultsTableModel::GroupRole).toInt(), -1);
        QCOMPARE(model.index(3, 0).data(ResultsTableModel::RowRole).toInt(), 3);
    }

    void sortRoleCarriesRawValues()
    {
        ResultsTableModel model;
        model.setResults(TestResults::sample());
        // Failures sort before not run, which sorts before ok.
        const auto outcome = [&](int row) {
            return model.index(row, ResultsColumns::Outcome).data(ResultsTableModel::SortRole).toInt();
        };
        QVERIFY(outcome(1) < outcome(3));
        QVERIFY(outcome(3) < outcome(0));
        QCOMPARE(model.index(6, ResultsColumns::InputTokens).data(ResultsTableModel::SortRole).toLongLong(),
                 1207);
        QCOMPARE(model.index(4, ResultsColumns::Line).data(ResultsTableModel::SortRole).toLongLong(), 5);
    }

    void outcomeColoursFollowThePalette()
    {
        ResultsTableModel model;
        model.setResults(TestResults::sample());
        const QModelIndex failed = model.index(1, ResultsColumns::Outcome);
        const QColor light = failed.data(Qt::ForegroundRole).value<QColor>();
        QVERIFY(light.isValid());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setDarkPalette(true);
        QCOMPARE(changed.count(), 1);
        QVERIFY(failed.data(Qt::ForegroundRole).value<QColor>() != light);
        QVERIFY(model.index(0, ResultsColumns::Outcome).data(Qt::ForegroundRole).value<QColor>() !=
                failed.data(Qt::ForegroundRole).value<QColor>());
    }

    void serverTextIsNeverMarkup()
    {
        auto set = TestResults::sample();
        set->rows[1].errorMessage = QStringLiteral("<img src=\"/dev/zero\"> and\na second line");
        ResultsTableModel model;
        model.setResults(set);
        const QModelIndex message = model.index(1, ResultsColumns::Message);
        // One line in the cell; the tool tip shows the characters, never an image.
        QVERIFY(!message.data().toString().contains(u'\n'));
        const QString tip = message.data(Qt::ToolTipRole).toString();
        QVERIFY2(!tip.contains(QStringLiteral("<img")) && tip.contains(QStringLiteral("&lt;img")),
                 qPrintable(tip));
    }
};

QTEST_MAIN(TestResultsTableModel)
#include "tst_resultstablemodel.moc"
