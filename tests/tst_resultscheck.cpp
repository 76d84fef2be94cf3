#include "core/results/resultscheck.h"
#include "core/results/resultsreader.h"

#include "resultfiles.h"

#include <QTest>

namespace {
Batch batchOf(Provider, BatchStatus status, qint64 total, qint64 completed, qint64 failed)
{
    Batch batch;
    batch.id = QStringLiteral("batch_1");
    batch.status = status;
    batch.requestCounts = {total, completed, failed, true};
    return batch;
}

// A set of `ok` + `failed` rows that ran and `notRun` that did not, `withInput` of them with an input line.
ResultSet madeSet(Provider provider, qint64 ok, qint64 failed, qint64 notRun, bool withInput)
{
    ResultSet set;
    set.provider = provider;
    if (withInput)
        set.files.input = QStringLiteral("in.jsonl");
    set.files.output = QStringLiteral("out.jsonl");
    const auto add = [&](RequestOutcome outcome, qint64 n) {
        for (qint64 i = 0; i < n; ++i) {
            RequestResult row;
            row.customId = QStringLiteral("r-%1").arg(set.rows.size());
            row.outcome = outcome;
            if (withInput) {
                row.inputLineNumber = set.rows.size() + 1;
                row.input = {set.rows.size() * 10, 9};
            }
            if (outcome != RequestOutcome::NotRun) {
                row.result = {i * 10, 9};
                row.resultSource = RequestResult::Source::Output;
            }
            set.rows.append(row);
        }
    };
    add(RequestOutcome::Ok, ok);
    add(RequestOutcome::Failed, failed);
    add(RequestOutcome::NotRun, notRun);
    set.ok = ok;
    set.failed = failed;
    set.notRun = notRun;
    return set;
}
} // namespace

// The joined rows against the counts the provider reports: a short file must not pass for requests not run.
class TestResultsCheck : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // An expired OpenAI batch's files: a, b ran (b failed with a 429), c failed in the error file, d expired
    // (a batch_expired line), e in neither file.
    ResultSet openAiExpired()
    {
        const QByteArray input = jsonLines({openAiRequest("a"), openAiRequest("b"), openAiRequest("c"),
                                            openAiRequest("d"), openAiRequest("e")});
        const QByteArray output =
            jsonLines({openAiOutput("b", 429, openAiBodyError("rate_limit_exceeded", "Rate limit")),
                       openAiOutput("a", 200, chatAnswer("Hi", 3, 1))});
        const QByteArray errors = jsonLines({openAiErrorLine("c", "server_error", "The server had an error"),
                                             openAiErrorLine("d", "batch_expired", "Expired")});
        const ResultFiles files{writeFile(m_dir, QStringLiteral("in.jsonl"), input),
                                writeFile(m_dir, QStringLiteral("out.jsonl"), output),
                                writeFile(m_dir, QStringLiteral("err.jsonl"), errors)};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, files);
        if (!read.ok() || !read.value.warnings.isEmpty())
            qFatal("the test files did not read");
        return read.value;
    }

private Q_SLOTS:
    void openAiFilesThatAgree()
    {
        const ResultSet set = openAiExpired();
        // batch_expired lines did not run: completed 1 + failed 2 = 3 rows that ran; 5 requests in all.
        const QStringList found =
            ResultsCheck::disagreements(set, batchOf(Provider::OpenAI, BatchStatus::Expired, 5, 1, 2));
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
        QVERIFY(ResultsCheck::disagreements(set, batchOf(Provider::Azure, BatchStatus::Expired, 5, 1, 2))
                    .isEmpty());
    }

    void openAiShortResults()
    {
        // The batch says 4 ran: one result line is missing from the files (a cut file reads as "not run").
        const QStringList found = ResultsCheck::disagreements(
            openAiExpired(), batchOf(Provider::OpenAI, BatchStatus::Expired, 5, 2, 2));
        QCOMPARE(found.size(), 1);
        QVERIFY2(found[0].contains(QLatin1String(" 3 ")) && found[0].contains(QLatin1String(" 4 ")),
                 qPrintable(found[0]));
        QVERIFY2(found[0].contains(QLatin1String("completed or failed")), qPrintable(found[0]));
    }

    void openAiInputDisagrees()
    {
        const QStringList found = ResultsCheck::disagreements(
            openAiExpired(), batchOf(Provider::OpenAI, BatchStatus::Expired, 6, 1, 2));
        QCOMPARE(found.size(), 1);
        QVERIFY2(found[0].contains(QLatin1String("input")) && found[0].contains(QLatin1String(" 5 ")) &&
                     found[0].contains(QLatin1String(" 6 ")),
                 qPrintable(found[0]));
    }

    void bothNumbersReadable()
    {
        const QStringList found =
            ResultsCheck::disagreements(madeSet(Provider::OpenAI, 9000, 812, 188, true),
                                        batchOf(Provider::OpenAI, BatchStatus::Completed, 10000, 9100, 900));
        QCOMPARE(found.size(), 1);
        QVERIFY2(found[0].contains(QLatin1String("9,812")) && found[0].contains(QLatin1String("10,000")),
                 qPrintable(found[0]));
    }

    void runningBatchesAreNotChecked()
    {
        for (const BatchStatus status : {BatchStatus::Validating, BatchStatus::InProgress,
                                         BatchStatus::Finalizing, BatchStatus::Cancelling})
            QVERIFY(ResultsCheck::disagreements(openAiExpired(), batchOf(Provider::OpenAI, status, 9, 7, 1))
                        .isEmpty());
    }

    void withoutCountsNothingToCompare()
    {
        Batch batch = batchOf(Provider::OpenAI, BatchStatus::Completed, 0, 0, 0);
        batch.requestCounts.present = false;
        QVERIFY(ResultsCheck::disagreements(openAiExpired(), batch).isEmpty());
    }

    void failedValidationRanNothing()
    {
        // A batch that failed validation reports 0 requests; its input's lines did not run and are no
        // disagreement.
        QVERIFY(ResultsCheck::disagreements(madeSet(Provider::OpenAI, 0, 0, 40, true),
                                            batchOf(Provider::OpenAI, BatchStatus::Failed, 0, 0, 0))
                    .isEmpty());
        // ... but results for it are.
        QCOMPARE(ResultsCheck::disagreements(madeSet(Provider::OpenAI, 3, 0, 37, true),
                                             batchOf(Provider::OpenAI, BatchStatus::Failed, 0, 0, 0))
                     .size(),
                 1);
    }

    void withoutInputOnlyTheResults()
    {
        // The input file was not read (gone): only the rows that ran are compared.
        QVERIFY(ResultsCheck::disagreements(madeSet(Provider::OpenAI, 7, 3, 0, false),
                                            batchOf(Provider::OpenAI, BatchStatus::Expired, 20, 7, 3))
                    .isEmpty());
    }

    void anthropicRowsAgainstTotal()
    {
        // succeeded 6, errored 2, canceled + expired 2: the results file holds all ten.
        QVERIFY(ResultsCheck::disagreements(madeSet(Provider::Anthropic, 6, 2, 2, false),
                                            batchOf(Provider::Anthropic, BatchStatus::Cancelled, 10, 6, 2))
                    .isEmpty());
        // A short results file is simply fewer rows.
        const QStringList found =
            ResultsCheck::disagreements(madeSet(Provider::Anthropic, 6, 2, 1, false),
                                        batchOf(Provider::Anthropic, BatchStatus::Cancelled, 10, 6, 2));
        QCOMPARE(found.size(), 1);
        QVERIFY2(found[0].contains(QLatin1String(" 9 ")) && found[0].contains(QLatin1String(" 10 ")),
                 qPrintable(found[0]));
        // One succeeded line lost, an expired one in its place (counts of kinds disagree, the total not).
        QCOMPARE(ResultsCheck::disagreements(madeSet(Provider::Anthropic, 5, 2, 3, false),
                                             batchOf(Provider::Anthropic, BatchStatus::Expired, 10, 6, 2))
                     .size(),
                 1);
    }

    void geminiAgainstBatchStats()
    {
        QVERIFY(ResultsCheck::disagreements(madeSet(Provider::Gemini, 5, 1, 2, true),
                                            batchOf(Provider::Gemini, BatchStatus::Expired, 8, 5, 1))
                    .isEmpty());
        QCOMPARE(ResultsCheck::disagreements(madeSet(Provider::Gemini, 5, 0, 3, true),
                                             batchOf(Provider::Gemini, BatchStatus::Expired, 8, 5, 1))
                     .size(),
                 1);
        QCOMPARE(ResultsCheck::disagreements(madeSet(Provider::Gemini, 5, 1, 2, true),
                                             batchOf(Provider::Gemini, BatchStatus::Expired, 9, 5, 1))
                     .size(),
                 1);
    }

    void anUnreadableResultRanAndIsCounted()
    {
        // "b"'s line has its custom_id but no body that reads: it ran (failed, unreadable_result), it is not
        // "not run".
        const QByteArray input = jsonLines({openAiRequest("a"), openAiRequest("b")});
        const QByteArray output = jsonLines({openAiOutput("a", 200, chatAnswer("Hi", 3, 1)),
                                             "{\"custom_id\":\"b\",\"response\":null,\"error\":null}"});
        const ResultFiles files{writeFile(m_dir, QStringLiteral("u-in.jsonl"), input),
                                writeFile(m_dir, QStringLiteral("u-out.jsonl"), output), QString()};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, files);
        QVERIFY2(read.ok(), qPrintable(read.error));
        QCOMPARE(read.value.notRun, 0);
        QVERIFY(ResultsCheck::disagreements(read.value,
                                            batchOf(Provider::OpenAI, BatchStatus::Completed, 2, 2, 0))
                    .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestResultsCheck)
#include "tst_resultscheck.moc"
