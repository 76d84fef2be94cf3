#include "core/cost/pricetable.h"
#include "core/query/batchquery.h"
#include "testbatches.h"

#include <QTest>

namespace {
// 2025-11-24T16:00:00Z: every span and "today" below resolves against it.
constexpr qint64 kNow = 1'764'000'000;
constexpr qint64 kDay = 86'400;

Batch sample()
{
    return TestBatch(QStringLiteral("batch_abc123"), QStringLiteral("completed"), kNow - 3 * kDay)
        .with(QStringLiteral("endpoint"), QStringLiteral("/v1/chat/completions"))
        .with(QStringLiteral("model"), QStringLiteral("gpt-4o-mini-2024-07-18"))
        .with(QStringLiteral("input_file_id"), QStringLiteral("file-input1"))
        .with(QStringLiteral("output_file_id"), QStringLiteral("file-OUT2"))
        .with(QStringLiteral("completed_at"), kNow - 2 * 3600)
        .counts(100, 97, 3)
        .tokens(12'345)
        .metadata(QStringLiteral("customer"), QStringLiteral("Acme Corp"))
        .metadata(QStringLiteral("job"), QStringLiteral("Zoë \"nightly\""))
        .metadata(QStringLiteral("my key"), QStringLiteral("x"))
        .metadata(QStringLiteral("team:a"), QStringLiteral("ml ops"));
}

Batch running()
{
    return TestBatch(QStringLiteral("batch_run9"), QStringLiteral("in_progress"), kNow - 30 * kDay)
        .with(QStringLiteral("model"), QStringLiteral("o3"))
        .counts(10, 2, 0);
}

QueryRow row()
{
    return QueryRow{QStringLiteral("Work"), Provider::Anthropic, nullptr};
}

bool matches(const QString &text, const Batch &batch = sample(), const QueryRow &r = row())
{
    const BatchQuery query = BatchQuery::parse(text, kNow);
    if (!query.isValid())
        qWarning() << text << "has errors:" << query.errors().constFirst().message;
    return query.matches(batch, r);
}
} // namespace

class TestBatchQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyMatchesEverything()
    {
        for (const QString &text : {QString(), QStringLiteral("   "), QStringLiteral("\t\n")}) {
            const BatchQuery query = BatchQuery::parse(text, kNow);
            QVERIFY(query.isEmpty());
            QVERIFY(query.isValid());
            QVERIFY(query.matches(sample(), row()));
            QVERIFY(query.matches(running(), {}));
        }
        QVERIFY(BatchQuery().isEmpty());
        QVERIFY(BatchQuery().matches(sample(), {}));
    }

    void valid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("expected");
        // Free words: all must match, anywhere a user would look, any case.
        QTest::newRow("word id") << "abc123" << true;
        QTest::newRow("word endpoint") << "CHAT/compl" << true;
        QTest::newRow("word model") << "4O-MINI" << true;
        QTest::newRow("word file") << "file-out2" << true;
        QTest::newRow("word meta key") << "custom" << true;
        QTest::newRow("word meta value unicode") << "zOË" << true;
        QTest::newRow("two words both") << "acme nightly" << true;
        QTest::newRow("two words one absent") << "acme embeddings" << false;
        QTest::newRow("quoted words with space") << "\"acme corp\"" << true;
        QTest::newRow("quoted words order matters") << "\"corp acme\"" << false;
        QTest::newRow("escaped quote") << "\"\\\"nightly\\\"\"" << true;
        // field:v1,v2 equals any, any case.
        QTest::newRow("status") << "status:completed" << true;
        QTest::newRow("status other") << "status:failed" << false;
        QTest::newRow("status any of") << "status:failed,COMPLETED" << true;
        QTest::newRow("status display word") << "status:\"In progress\"" << false;
        QTest::newRow("equals is not contains") << "model:4o-mini" << false;
        QTest::newRow("id equals") << "id:BATCH_ABC123" << true;
        QTest::newRow("id contains") << "id~abc" << true;
        QTest::newRow("endpoint") << "endpoint:/v1/chat/completions" << true;
        QTest::newRow("endpoint contains") << "endpoint~embeddings" << false;
        QTest::newRow("model equals") << "model:gpt-4o-mini" << false;
        QTest::newRow("model contains") << "model~4o-mini" << true;
        QTest::newRow("account") << "account:work" << true;
        QTest::newRow("account other") << "account:home" << false;
        QTest::newRow("account contains") << "account~or" << true;
        QTest::newRow("provider id") << "provider:anthropic" << true;
        QTest::newRow("provider any of") << "provider:openai,gemini" << false;
        QTest::newRow("provider display name") << "provider:Anthropic" << true;
        // Numbers.
        QTest::newRow("total >") << "total>99" << true;
        QTest::newRow("total > equal") << "total>100" << false;
        QTest::newRow("total >=") << "total>=100" << true;
        QTest::newRow("completed <") << "completed<97" << false;
        QTest::newRow("completed <=") << "completed<=97" << true;
        QTest::newRow("failed equals any") << "failed:0,3" << true;
        QTest::newRow("failed equals") << "failed:0" << false;
        QTest::newRow("values that are no thousands") << "failed:3,1000" << true;
        QTest::newRow("thousands with underscores") << "total:1_00,100" << true;
        QTest::newRow("tokens") << "tokens>12000" << true;
        QTest::newRow("tokens below") << "tokens<12000" << false;
        // Times: created three days ago, completed two hours ago.
        QTest::newRow("created within 7d") << "created>7d" << true;
        QTest::newRow("created older than 7d") << "created<7d" << false;
        QTest::newRow("created within 72h") << "created>72h" << false;
        QTest::newRow("created within 4321m") << "created>4321m" << true;
        QTest::newRow("created within 1w") << "created>1w" << true;
        QTest::newRow("upper-case units") << "created>7D created<71H created>1W" << true;
        QTest::newRow("created after date") << "created>2025-11-20" << true;
        QTest::newRow("created on date") << "created:2025-11-21" << true;
        QTest::newRow("created on another date") << "created:2025-11-20,2025-11-22" << false;
        QTest::newRow("created before date-time") << "created<2025-11-21T16:00:01Z" << true;
        QTest::newRow("created before date-time equal") << "created<2025-11-21T16:00:00Z" << false;
        QTest::newRow("created at or before") << "created<=2025-11-21T16:00:00Z" << true;
        QTest::newRow("created today") << "created>=today" << false;
        QTest::newRow("ended within 24h") << "ended>24h" << true;
        QTest::newRow("ended today") << "ended>=TODAY" << true;
        QTest::newRow("ended before a span") << "ended<1h" << true;
        QTest::newRow("ended not before") << "ended<3h" << false;
        // Metadata.
        QTest::newRow("meta contains") << "meta.customer~acme" << true;
        QTest::newRow("meta equals quoted") << "meta.customer:\"ACME corp\"" << true;
        QTest::newRow("meta equals partial") << "meta.customer:acme" << false;
        QTest::newRow("meta missing key") << "meta.team~a" << false;
        QTest::newRow("meta quoted key") << "meta.\"my key\":x meta.\"Team:A\"~ML" << true;
        QTest::newRow("meta quoted key other value") << "meta.\"my key\":y" << false;
        QTest::newRow("meta partly quoted key") << "META.my\" key\"~X" << true;
        QTest::newRow("meta escaped quote") << "meta.job:\"Zoë \\\"nightly\\\"\"" << true;
        // Negation and AND.
        QTest::newRow("negated field") << "-status:failed" << true;
        QTest::newRow("negated word") << "-acme" << false;
        QTest::newRow("negated number") << "-total>50" << false;
        QTest::newRow("and all") << "status:completed model~mini meta.customer~acme created>7d" << true;
        QTest::newRow("and one fails") << "status:completed model~mini -meta.customer~acme" << false;
        // A quoted = or one after a word that is no field stays text.
        QTest::newRow("quoted equals is a word") << "\"status=completed\"" << false;
        QTest::newRow("equals after other word") << "foo=bar" << false;
        QTest::newRow("whitespace everywhere") << "  status:completed\t\tacme \n" << true;
    }

    void valid()
    {
        QFETCH(QString, text);
        QFETCH(bool, expected);
        const BatchQuery query = BatchQuery::parse(text, kNow);
        QVERIFY2(query.isValid(),
                 qPrintable(query.errors().isEmpty() ? QString() : query.errors().constFirst().message));
        QVERIFY(!query.isEmpty());
        QCOMPARE(query.text(), text);
        QCOMPARE(query.matches(sample(), row()), expected);
    }

    // The table searches free words in a row's words (BatchQuery::appendWords) instead of the fields: the
    // same rows must match, whatever the case, non-ASCII text, or a word that would span two fields.
    void freeWordsMatchTheSameInTheRowsWords()
    {
        Batch upper = TestBatch(QStringLiteral("batch_ABC"), QStringLiteral("failed"))
                          .with(QStringLiteral("model"), QStringLiteral("GPT-4.1"))
                          .with(QStringLiteral("error_file_id"), QStringLiteral("file-Err9"))
                          .metadata(QStringLiteral("Ünïcode"), QStringLiteral("straße Ωmega"));
        const QStringList words{QStringLiteral("abc"),
                                QStringLiteral("ABC123"),
                                QStringLiteral("acme corp"),
                                QStringLiteral("\"acme corp\""),
                                QStringLiteral("zoë"),
                                QStringLiteral("ZOË"),
                                QStringLiteral("nightly"),
                                QStringLiteral("file-out2"),
                                QStringLiteral("gpt-4"),
                                QStringLiteral("err9"),
                                QStringLiteral("straße"),
                                QStringLiteral("STRASSE"),
                                QStringLiteral("mega"),
                                QStringLiteral("ωmega"),
                                QStringLiteral("icode"),
                                QStringLiteral("-acme"),
                                QStringLiteral("abc123/v1"),
                                QStringLiteral("team:a"),
                                QStringLiteral("my key"),
                                QStringLiteral("completions"),
                                QStringLiteral("x"),
                                QStringLiteral("g"),
                                QStringLiteral("batch_abc acme"),
                                QStringLiteral("-g -zz")};
        for (const Batch &batch : {sample(), running(), upper}) {
            std::vector<char> bytes;
            BatchQuery::appendWords(batch, bytes);
            const QByteArrayView fast(bytes.data(), qsizetype(bytes.size()));
            for (const QString &text : words) {
                const BatchQuery query = BatchQuery::parse(text, kNow);
                QVERIFY2(query.matches(batch, row(), fast) == query.matches(batch, row()),
                         qPrintable(QStringLiteral("%1 in %2").arg(text, batch.id)));
            }
        }
        QVERIFY(matches(QStringLiteral("ACME")));
    }

    void missingValuesNeverMatchAComparison()
    {
        // A running batch has not ended; one without usage has no tokens; without prices nothing has a cost.
        QVERIFY(!matches(QStringLiteral("ended>30d"), running()));
        QVERIFY(!matches(QStringLiteral("ended<1m"), running()));
        QVERIFY(matches(QStringLiteral("-ended>30d"), running()));
        QVERIFY(!matches(QStringLiteral("tokens<1"), running()));
        QVERIFY(!matches(QStringLiteral("tokens>=0"), running()));
        QVERIFY(!matches(QStringLiteral("cost>=0")));
        QVERIFY(!matches(QStringLiteral("cost<1000000")));
        QVERIFY(matches(QStringLiteral("status:in_progress,validating,finalizing,cancelling"), running()));
        QVERIFY(matches(QStringLiteral("status:\"in progress\""), running()));
        QVERIFY(matches(QStringLiteral("status:In-Progress"), running()));
        // The American spelling finds the API's British one.
        const Batch cancelled = TestBatch(QStringLiteral("x"), QStringLiteral("cancelled"));
        QVERIFY(matches(QStringLiteral("status:canceled"), cancelled));
        QVERIFY(matches(QStringLiteral("status:canceling"),
                        TestBatch(QStringLiteral("y"), QStringLiteral("cancelling")).build()));
        QVERIFY(matches(QStringLiteral("created<7d"), running()));
    }

    void costComesFromUsageAndPrices()
    {
        PriceTable prices;
        QVERIFY(
            prices.merge(QByteArrayLiteral("{\"currency\": \"USD\", \"models\": {\"gpt-4o-mini\": "
                                           "{\"input\": 0.075, \"cached_input\": 0.0375, \"output\": 0.3}},"
                                           "\"providers\": {\"anthropic\": {\"models\": {\"gpt-4o-mini\": "
                                           "{\"input\": 1, \"output\": 1}}}}}")));
        // 1M uncached input, 1M cached, 1M output: 0.075 + 0.0375 + 0.3 = $0.4125 on OpenAI's prices.
        const QJsonObject usage{{QStringLiteral("input_tokens"), 2'000'000},
                                {QStringLiteral("input_tokens_details"),
                                 QJsonObject{{QStringLiteral("cached_tokens"), 1'000'000}}},
                                {QStringLiteral("output_tokens"), 1'000'000},
                                {QStringLiteral("total_tokens"), 3'000'000}};
        const Batch priced = TestBatch(QStringLiteral("c1"), QStringLiteral("completed"))
                                 .with(QStringLiteral("model"), QStringLiteral("gpt-4o-mini-2024-07-18"))
                                 .with(QStringLiteral("usage"), usage);
        const QueryRow openai{QString(), Provider::OpenAI, &prices};
        QVERIFY(matches(QStringLiteral("cost>0.41"), priced, openai));
        QVERIFY(matches(QStringLiteral("cost>$0.41"), priced, openai));
        QVERIFY(!matches(QStringLiteral("cost<0.41"), priced, openai));
        QVERIFY(matches(QStringLiteral("cost<=0.42 cost>=0.4"), priced, openai));
        // The provider's own prices win for its rows: 2M + 1M at $1 = $3.
        QVERIFY(
            matches(QStringLiteral("cost>2.9"), priced, QueryRow{QString(), Provider::Anthropic, &prices}));
        // No prices, no usage, an unpriced model: no cost, so no comparison holds (a negated one does).
        QVERIFY(!matches(QStringLiteral("cost>=0"), priced, QueryRow{QString(), Provider::OpenAI, nullptr}));
        const Batch noUsage = TestBatch(QStringLiteral("c2"), QStringLiteral("completed"))
                                  .with(QStringLiteral("model"), QStringLiteral("gpt-4o-mini"));
        QVERIFY(!matches(QStringLiteral("cost>=0"), noUsage, openai));
        QVERIFY(!matches(QStringLiteral("cost<1"), noUsage, openai));
        QVERIFY(matches(QStringLiteral("-cost>=0"), noUsage, openai));
        const Batch unpriced = TestBatch(QStringLiteral("c3"), QStringLiteral("completed"))
                                   .with(QStringLiteral("model"), QStringLiteral("llama-3"))
                                   .with(QStringLiteral("usage"), usage);
        QVERIFY(!matches(QStringLiteral("cost>=0"), unpriced, openai));
    }

    void statusMatchesTheProvidersOwnWordToo()
    {
        const Batch anthropic = TestBatch(QStringLiteral("msgbatch_1"), QStringLiteral("ended"))
                                    .with(QStringLiteral("model"), QStringLiteral("claude"));
        QCOMPARE(anthropic.rawStatus, QStringLiteral("ended"));
        QVERIFY(matches(QStringLiteral("status:ENDED"), anthropic));
        // A status word far from every known one is a provider's own, not a mistake.
        QVERIFY(BatchQuery::parse(QStringLiteral("status:batch_state_running,processing"), 0).isValid());
    }

    void spansCountBackFromNow()
    {
        const Batch batch = TestBatch(QStringLiteral("b"), QStringLiteral("completed"), kNow - 7 * kDay + 1);
        QVERIFY(matches(QStringLiteral("created>7d"), batch));
        const Batch older = TestBatch(QStringLiteral("b"), QStringLiteral("completed"), kNow - 7 * kDay - 1);
        QVERIFY(!matches(QStringLiteral("created>7d"), older));
        QVERIFY(matches(QStringLiteral("created<7d"), older));
        // today starts at midnight UTC of `now`.
        const qint64 midnight = kNow - kNow % kDay;
        QVERIFY(matches(QStringLiteral("created>=today"),
                        TestBatch(QStringLiteral("t"), QStringLiteral("completed"), midnight)));
        QVERIFY(!matches(QStringLiteral("created>=today"),
                         TestBatch(QStringLiteral("t"), QStringLiteral("completed"), midnight - 1)));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("start");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("says");
        QTest::newRow("unknown field") << "acme stauts:failed" << 5 << 6 << "did you mean \"status\"";
        QTest::newRow("unknown field far") << "zzzzzzzz:1" << 0 << 8 << "unknown field";
        // A near miss of a status, "running", or any unknown provider: an empty result would read as "none".
        QTest::newRow("status typo") << "status:completed,faild" << 17 << 5 << "did you mean failed?";
        QTest::newRow("status running") << "status:running" << 7 << 7 << "status:validating,in_progress";
        QTest::newRow("provider typo") << "provider:openia" << 9 << 6 << "did you mean openai?";
        QTest::newRow("provider unknown") << "provider:acme" << 9 << 4 << "openai, azure";
        QTest::newRow("meta without key") << "meta.:x" << 0 << 5 << "key";
        QTest::newRow("meta empty quoted key") << "meta.\"\":x" << 0 << 7 << "key";
        QTest::newRow("missing value") << "status:" << 0 << 7 << "needs a value";
        QTest::newRow("missing value list") << "model~ x" << 0 << 6 << "needs a value";
        QTest::newRow("bad number") << "total>ten" << 6 << 3 << "number";
        QTest::newRow("bad number list") << "failed:1,x2" << 9 << 2 << "number";
        QTest::newRow("bad time") << "created>yesterday-ish" << 8 << 13 << "time";
        QTest::newRow("bad span") << "created>7y" << 8 << 2 << "time";
        QTest::newRow("M is no unit") << "created>90M" << 8 << 3 << "time"; // minutes or months?
        QTest::newRow("span too long") << "created>99999999999999999999d" << 8 << 21 << "time";
        QTest::newRow("unclosed quote") << "acme \"corp" << 5 << 5 << "quote";
        QTest::newRow("unclosed quote in value") << "meta.c:\"x y" << 7 << 4 << "quote";
        QTest::newRow("operator status") << "status>3" << 6 << 1 << "status";
        QTest::newRow("operator contains on number") << "total~3" << 5 << 1 << "total";
        QTest::newRow("operator on meta") << "meta.a>=3" << 6 << 2 << "meta";
        QTest::newRow("contains on time") << "created~2025" << 7 << 1 << "created";
        QTest::newRow("equals on span") << "created:7d" << 8 << 2 << "date";
        QTest::newRow("no field") << ">5" << 0 << 1 << "field";
        QTest::newRow("lone dash") << "acme -" << 5 << 1 << "-";
        // A comma separates values: a number that reads as written with thousands separators is refused.
        QTest::newRow("thousands") << "total:1,000" << 6 << 5 << "write 1000 or 1_000";
        QTest::newRow("thousands millions") << "tokens>1,500,000" << 7 << 9 << "commas separate values";
        QTest::newRow("thousands money") << "cost<=$1,200" << 6 << 6 << "write 1000 or 1_000";
        QTest::newRow("thousands and cents") << "cost:1,000.50" << 5 << 8 << "write 1000 or 1_000";
        // = is not an operator: said where it is, with the term as it should be written.
        QTest::newRow("equals sign") << "status=completed" << 6 << 1 << "did you mean status:completed?";
        QTest::newRow("equals sign number") << "x total=5" << 7 << 1 << "did you mean total:5?";
        QTest::newRow("equals then greater") << "total=>5" << 5 << 2 << "did you mean total>=5?";
        QTest::newRow("equals then less") << "created=<7d" << 7 << 2 << "did you mean created<=7d?";
        QTest::newRow("equals span") << "created=>7d" << 7 << 2 << "did you mean created>=7d?";
        QTest::newRow("double equals") << "-Status==failed" << 7 << 2 << "did you mean -Status:failed?";
        QTest::newRow("equals meta") << "meta.team=ml" << 9 << 1 << "did you mean meta.team:ml?";
    }

    void errors()
    {
        QFETCH(QString, text);
        QFETCH(int, start);
        QFETCH(int, length);
        QFETCH(QString, says);
        const BatchQuery query = BatchQuery::parse(text, kNow);
        QVERIFY(!query.isValid());
        QCOMPARE(query.errors().size(), 1);
        const QueryError &error = query.errors().constFirst();
        QVERIFY2(error.message.contains(says, Qt::CaseInsensitive), qPrintable(error.message));
        QCOMPARE(error.start, start);
        QCOMPARE(error.length, length);
    }

    void wrongTermsAreIgnoredWhenMatching()
    {
        // Typing never blanks the table: the rest of the query still filters.
        const BatchQuery query = BatchQuery::parse(QStringLiteral("acme status>3 stauts:x total>ten"), kNow);
        QVERIFY(!query.isValid());
        QCOMPARE(query.errors().size(), 3);
        QVERIFY(query.matches(sample(), row()));
        QVERIFY(!query.matches(running(), row()));
        const BatchQuery onlyWrong = BatchQuery::parse(QStringLiteral("status:"), kNow);
        QVERIFY(onlyWrong.matches(running(), row()));
        const BatchQuery unclosed = BatchQuery::parse(QStringLiteral("-\"acme"), kNow);
        QVERIFY(unclosed.matches(sample(), row()));
    }

    void errorsAreInCharactersOfTheText()
    {
        const BatchQuery query = BatchQuery::parse(QStringLiteral("\"Zoë x\" ëë:1"), kNow);
        QCOMPARE(query.errors().size(), 1);
        QCOMPARE(query.errors().constFirst().start, 8);
        QCOMPARE(query.errors().constFirst().length, 2);
    }

    void earlyStopFollowsCreatedLowerBounds()
    {
        QVERIFY(
            BatchQuery::parse(QStringLiteral("created>7d"), kNow).excludesEverythingBefore(kNow - 8 * kDay));
        QVERIFY(!BatchQuery::parse(QStringLiteral("created>7d"), kNow).excludesEverythingBefore(kNow - kDay));
        // created>X: a batch at exactly X cannot match; created>=X: it can.
        QVERIFY(BatchQuery::parse(QStringLiteral("created>1d"), kNow).excludesEverythingBefore(kNow - kDay));
        QVERIFY(
            !BatchQuery::parse(QStringLiteral("created>=1d"), kNow).excludesEverythingBefore(kNow - kDay));
        QVERIFY(BatchQuery::parse(QStringLiteral("created:2025-11-21"), kNow)
                    .excludesEverythingBefore(kNow - 4 * kDay));
        // Not when negated, not an upper bound, not another field, not a wrong term.
        QVERIFY(!BatchQuery::parse(QStringLiteral("-created>7d"), kNow).excludesEverythingBefore(0));
        QVERIFY(!BatchQuery::parse(QStringLiteral("created<7d"), kNow).excludesEverythingBefore(0));
        QVERIFY(!BatchQuery::parse(QStringLiteral("ended>7d"), kNow).excludesEverythingBefore(0));
        QVERIFY(!BatchQuery::parse(QStringLiteral("created>7y"), kNow).excludesEverythingBefore(0));
        QVERIFY(!BatchQuery::parse(QStringLiteral("acme"), kNow).excludesEverythingBefore(0));
    }

    void completion()
    {
        const QStringList fields = BatchQuery::fieldNames();
        for (const char *name : {"status", "id", "endpoint", "model", "account", "provider", "total",
                                 "completed", "failed", "tokens", "cost", "created", "ended", "meta."})
            QVERIFY2(fields.contains(QLatin1String(name)), name);
        const QStringList statuses = BatchQuery::valuesOf(QStringLiteral("status"));
        QVERIFY(statuses.contains(QStringLiteral("in_progress")));
        QCOMPARE(statuses.size(), BatchStatus::all().size());
        QCOMPARE(BatchQuery::valuesOf(QStringLiteral("provider")),
                 (QStringList{QStringLiteral("openai"), QStringLiteral("azure"), QStringLiteral("anthropic"),
                              QStringLiteral("gemini")}));
        QVERIFY(BatchQuery::valuesOf(QStringLiteral("model")).isEmpty());
    }

    void copiesShareNothingMutable()
    {
        BatchQuery a = BatchQuery::parse(QStringLiteral("status:failed"), kNow);
        const BatchQuery b = a;
        a = BatchQuery::parse(QStringLiteral("acme"), kNow);
        QVERIFY(!b.matches(sample(), row()));
        QVERIFY(a.matches(sample(), row()));
        QCOMPARE(b.text(), QStringLiteral("status:failed"));
    }
};

QTEST_GUILESS_MAIN(TestBatchQuery)
#include "tst_batchquery.moc"
