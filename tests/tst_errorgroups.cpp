#include "core/results/errorgroups.h"

#include <QTest>

namespace {
RequestResult failure(const QString &id, int status, const QString &code, const QString &message)
{
    RequestResult row;
    row.customId = id;
    row.outcome = RequestOutcome::Failed;
    row.statusCode = status;
    row.errorCode = code;
    row.errorMessage = message;
    return row;
}
} // namespace

// Failures that are the same failure, once what varies between requests is masked.
class TestErrorGroups : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mask_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("masked");
        QTest::newRow("numbers and a request id") << "Rate limit of 200000 TPM reached for req_abc12"
                                                  << "Rate limit of # TPM reached for …";
        QTest::newRow("decimals") << "Used 1.5 of 2,000.25 credits"
                                  << "Used # of # credits";
        QTest::newRow("batch and file ids") << "batch_6789abcd failed on file-AbC123xyz"
                                            << "… failed on …";
        QTest::newRow("long hex") << "trace 9f86d081884c7d659a2feaa0c55ad015 seen"
                                  << "trace … seen";
        QTest::newRow("uuid") << "job 123e4567-e89b-12d3-a456-426614174000 done"
                              << "job … done";
        QTest::newRow("base64") << "token QWxhZGRpbjpvcGVuIHNlc2FtZQ was bad"
                                << "token … was bad";
        QTest::newRow("quoted values") << "Invalid value 'foo bar' for \"model\"; see `x`"
                                       << "Invalid value '…' for \"…\"; see `…`";
        QTest::newRow("an apostrophe is no quote") << "You don't have access to model o1"
                                                   << "You don't have access to model o#";
        QTest::newRow("field names stay") << "user_id and max_tokens are invalid_request_error"
                                          << "user_id and max_tokens are invalid_request_error";
        QTest::newRow("model names keep their words") << "gpt-4o-mini is overloaded"
                                                      << "gpt-#o-mini is overloaded";
        QTest::newRow("unclosed quote") << "it's \"open"
                                        << "it's \"open";
        QTest::newRow("a close inside a word is none") << "say \"a\"b \"c\" end"
                                                       << "say \"…\" end";
        QTest::newRow("empty quotes stay") << "got \"\" and '' here"
                                           << "got \"\" and '' here";
        QTest::newRow("one kind does not close another") << "a 'x\" b\" c' d"
                                                         << "a '…' d";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("unicode") << "Überlastet: 3 Anfragen für ‘x y’"
                                 << "Überlastet: # Anfragen für ‘…’";
    }

    void mask()
    {
        QFETCH(QString, message);
        QFETCH(QString, masked);
        QCOMPARE(ErrorGroups::mask(message), masked);
    }

    void unclosedQuotesAreLinear()
    {
        // Each quote opens (after a space) and none closes (each is followed by a letter): a scan to the end
        // per quote would be quadratic, 200,000 quotes over 1,000,000 characters. It must end at once.
        const QString message = QStringLiteral(" \"a\"b").repeated(200000);
        QCOMPARE(ErrorGroups::mask(message), message);
        const QString mixed = QStringLiteral(" 'x` \u201cy").repeated(100000);
        QCOMPARE(ErrorGroups::mask(mixed), mixed);
    }

    void buildCanBeCancelled()
    {
        ResultSet set;
        for (int i = 0; i < 5000; ++i)
            set.rows.append(failure(QString::number(i), 400, QStringLiteral("bad"),
                                    QStringLiteral("Field %1 is wrong").arg(i)));
        int asked = 0;
        QVERIFY(!ErrorGroups::build(&set, [&asked] { return ++asked < 2; }));
        QCOMPARE(asked, 2);
        QVERIFY(ErrorGroups::build(&set, [] { return true; }));
        QCOMPARE(set.groups.size(), 1);
        QCOMPARE(set.groups[0].count, 5000);
    }

    void groupsLargestFirst()
    {
        ResultSet set;
        set.rows = {
            failure(QStringLiteral("a"), 400, QStringLiteral("bad"), QStringLiteral("Field x is 12")),
            RequestResult(), // not run
            failure(QStringLiteral("b"), 429, QStringLiteral("rate"), QStringLiteral("Limit for req_1a")),
            failure(QStringLiteral("c"), 429, QStringLiteral("rate"), QStringLiteral("Limit for req_2b")),
            failure(QStringLiteral("d"), 400, QStringLiteral("bad"), QStringLiteral("Field x is 99")),
            failure(QStringLiteral("e"), 429, QStringLiteral("rate"), QStringLiteral("Limit for req_3c")),
            failure(QStringLiteral("f"), 500, QString(), QStringLiteral("Field x is 1")),
            failure(QStringLiteral("g"), 400, QStringLiteral("another"), QStringLiteral("Field x is 1"))};
        set.rows[1].outcome = RequestOutcome::NotRun;
        ErrorGroups::build(&set);
        QCOMPARE(set.groups.size(), 4);
        QCOMPARE(set.groups[0].count, 3);
        QCOMPARE(set.groups[0].statusCode, 429);
        QCOMPARE(set.groups[0].code, QStringLiteral("rate"));
        QCOMPARE(set.groups[0].pattern, QStringLiteral("Limit for …"));
        QCOMPARE(set.groups[0].example, QStringLiteral("Limit for req_1a"));
        QCOMPARE(set.groups[1].count, 2);
        QCOMPARE(set.groups[1].pattern, QStringLiteral("Field x is #"));
        // Ties by status, then code.
        QCOMPARE(set.groups[2].statusCode, 400);
        QCOMPARE(set.groups[2].code, QStringLiteral("another"));
        QCOMPARE(set.groups[3].statusCode, 500);
        const QVector<int> expected = {1, -1, 0, 0, 1, 0, 3, 2};
        for (int i = 0; i < set.rows.size(); ++i)
            QCOMPARE(set.rows[i].group, expected[i]);

        // Built again, the same: nothing left over from the first time.
        ErrorGroups::build(&set);
        QCOMPARE(set.groups.size(), 4);
        QCOMPARE(set.groups[0].count, 3);
    }
};

QTEST_GUILESS_MAIN(TestErrorGroups)
#include "tst_errorgroups.moc"
