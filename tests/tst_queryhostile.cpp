#include "core/query/batchquery.h"
#include "testbatches.h"

#include <QRandomGenerator>
#include <QTest>

// What a query does with text it was not meant for: caps on terms and values, random syntax, megabytes.
namespace {
constexpr qint64 kNow = 1'764'000'000; // 2025-11-24T16:00:00Z
constexpr qint64 kDay = 86'400;

Batch sample()
{
    return TestBatch(QStringLiteral("batch_abc123"), QStringLiteral("completed"), kNow - 3 * kDay)
        .with(QStringLiteral("model"), QStringLiteral("gpt-4o-mini-2024-07-18"))
        .counts(100, 97, 3)
        .metadata(QStringLiteral("customer"), QStringLiteral("Acme Corp"));
}

QueryRow row()
{
    return QueryRow{QStringLiteral("Work"), Provider::Anthropic, nullptr};
}
} // namespace

class TestQueryHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void termsAndValuesAreCapped()
    {
        // 256 terms and 1,000 values in all: a pasted megabyte cannot make 100,000 needles for each row.
        QString text;
        for (int i = 0; i < 256; ++i)
            text += QStringLiteral("acme ");
        QVERIFY(BatchQuery::parse(text, kNow).isValid());
        const int excess = int(text.size());
        text += QStringLiteral("zzz -acme");
        BatchQuery query = BatchQuery::parse(text + QStringLiteral("  "), kNow);
        QCOMPARE(query.errors().size(), 1);
        QCOMPARE(query.errors().constFirst().start, excess);
        QCOMPARE(query.errors().constFirst().length, 9); // the rest of the text, left out
        QVERIFY2(query.errors().constFirst().message.contains(QLatin1String("256")),
                 qPrintable(query.errors().constFirst().message));
        QVERIFY(query.matches(sample(), row())); // the first 256 still filter; zzz is left out

        QString values = QStringLiteral("failed:");
        for (int i = 0; i < 600; ++i)
            values += QStringLiteral("%1,").arg(i);
        values += QStringLiteral(" total:");
        for (int i = 0; i < 399; ++i)
            values += QStringLiteral("%1,").arg(i + 1000);
        QVERIFY(BatchQuery::parse(values + QStringLiteral("100"), kNow).isValid()); // 1,000 values
        const int at = int(values.size());
        query = BatchQuery::parse(values + QStringLiteral("100,5 acme"), kNow);
        QCOMPARE(query.errors().size(), 1);
        QCOMPARE(query.errors().constFirst().start, at + 4);
        QCOMPARE(query.errors().constFirst().length, 6);
        QVERIFY2(query.errors().constFirst().message.contains(QLatin1String("1,000")),
                 qPrintable(query.errors().constFirst().message));
        QVERIFY(query.matches(sample(), row())); // failed:... holds; total:... and acme are left out
    }

    void randomTextKeepsErrorsInsideTheText()
    {
        // Fixed seed: the same 20,000 texts of syntax characters, field names and values on every run.
        QRandomGenerator rng(14);
        const QStringList atoms = {
            QStringLiteral("status"), QStringLiteral("meta."), QStringLiteral("created"),
            QStringLiteral("cost"),   QStringLiteral("7d"),    QStringLiteral("2025-11-21"),
            QStringLiteral("today"),  QStringLiteral("acme"),  QStringLiteral("ë"),
            QStringLiteral("\\"),     QStringLiteral("\""),    QStringLiteral(":"),
            QStringLiteral("~"),      QStringLiteral(">"),     QStringLiteral("<="),
            QStringLiteral(","),      QStringLiteral("-"),     QStringLiteral(" "),
            QStringLiteral("\t"),     QStringLiteral("1.5"),   QStringLiteral("$"),
            QString(QChar(0)),        QString(QChar(0xd800))};
        for (int i = 0; i < 20'000; ++i) {
            QString text;
            const int n = int(rng.bounded(12));
            for (int j = 0; j < n; ++j)
                text += atoms[int(rng.bounded(int(atoms.size())))];
            const BatchQuery query = BatchQuery::parse(text, kNow);
            for (const QueryError &e : query.errors()) {
                QVERIFY2(e.start >= 0 && e.length >= 1 && e.start + e.length <= text.size(),
                         qPrintable(text));
                QVERIFY(!e.message.isEmpty());
            }
            if (text.trimmed().isEmpty())
                QVERIFY(query.isEmpty());
            (void)query.matches(sample(), row());
            (void)query.excludesEverythingBefore(kNow);
        }
    }

    void hostileInput()
    {
        // A megabyte of one word, of many terms, of open quotes and of control characters: parsed without a
        // crash, errors bounded, the batch still checked.
        const QString big(1 << 20, u'a');
        QVERIFY(!BatchQuery::parse(big, kNow).matches(sample(), row()));
        QString terms;
        for (int i = 0; i < 20'000; ++i)
            terms += QStringLiteral("status:completed created>%1d -x%2 ").arg(i + 4).arg(i);
        const BatchQuery many = BatchQuery::parse(terms, kNow);
        QCOMPARE(many.errors().size(), 1); // too many terms: the first 256 filter
        QVERIFY(many.matches(sample(), row()));
        QString wrong;
        for (int i = 0; i < 50'000; ++i)
            wrong += QStringLiteral("x:1 status>3 ");
        wrong += QStringLiteral("\"unclosed");
        const BatchQuery errors = BatchQuery::parse(wrong, kNow);
        QVERIFY(!errors.isValid());
        QVERIFY(errors.errors().size() <= 101); // 100 and "too many terms"
        QVERIFY(errors.matches(sample(), row()));
        QString control;
        for (int i = 0; i < 70'000; ++i)
            control += QChar(char16_t(i % 32)) + QStringLiteral("\\:~<>=,\"-");
        (void)BatchQuery::parse(control, kNow).matches(sample(), row());
        const QString deep = QString(100'000, u'-') + QStringLiteral("acme");
        (void)BatchQuery::parse(deep, kNow).matches(sample(), row());
        const QString longName = QString(500'000, u'q') + QStringLiteral(":1");
        const BatchQuery unknown = BatchQuery::parse(longName, kNow);
        QCOMPARE(unknown.errors().size(), 1);
        QVERIFY(unknown.errors().constFirst().message.size() < 200);
    }
};

QTEST_GUILESS_MAIN(TestQueryHostile)
#include "tst_queryhostile.moc"
