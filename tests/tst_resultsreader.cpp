#include "core/results/linereader.h" // kMaxLineLength
#include "core/results/resultsreader.h"

#include "resultfiles.h"

#include <QTest>

namespace {
const RequestResult *rowOf(const ResultSet &set, const QString &id)
{
    for (const RequestResult &row : set.rows) {
        if (row.customId == id)
            return &row;
    }
    return nullptr;
}

bool anyWarning(const ResultSet &set, const QString &part1, const QString &part2 = QString())
{
    for (const QString &warning : set.warnings) {
        if (warning.contains(part1) && warning.contains(part2))
            return true;
    }
    return false;
}
} // namespace

// Reading a batch's files as each provider writes them, and joining them by custom_id.
class TestResultsReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void openAiJoinsInInputOrder()
    {
        const QByteArray input = jsonLines({openAiRequest("a"), openAiRequest("b"), openAiRequest("c"),
                                            openAiRequest("d"), openAiRequest("e")});
        // The output in another order than the input, one non-2xx inside it; an error line; "d" ran nowhere.
        const QByteArray output = jsonLines(
            {openAiOutput("c", 200, chatAnswer("Third answer", 12, 3)),
             openAiOutput("b", 429, openAiBodyError("rate_limit_exceeded", "Rate limit of 200 RPM")),
             openAiOutput("a", 200, chatAnswer("First\\nanswer\\twith\\u001b[31m controls", 10, 5))});
        const QByteArray errors =
            jsonLines({openAiErrorLine("e", "server_error", "The server had an error")});
        const ResultFiles files{writeFile(m_dir, QStringLiteral("in.jsonl"), input),
                                writeFile(m_dir, QStringLiteral("out.jsonl"), output),
                                writeFile(m_dir, QStringLiteral("err.jsonl"), errors)};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, files);
        QVERIFY2(read.ok(), qPrintable(read.error));
        const ResultSet &set = read.value;
        QVERIFY2(set.warnings.isEmpty(), qPrintable(set.warnings.join(u'\n')));
        QCOMPARE(set.rows.size(), 5);
        const QStringList order = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                   QStringLiteral("d"), QStringLiteral("e")};
        for (int i = 0; i < order.size(); ++i) {
            QCOMPARE(set.rows[i].customId, order[i]);
            QCOMPARE(set.rows[i].inputLineNumber, qint64(i + 1));
        }
        QCOMPARE(set.ok, 2);
        QCOMPARE(set.failed, 2);
        QCOMPARE(set.notRun, 1);

        const RequestResult &a = set.rows[0];
        QCOMPARE(a.outcome, RequestOutcome::Ok);
        QCOMPARE(a.statusCode, 200);
        QCOMPARE(a.inputTokens, 10);
        QCOMPARE(a.outputTokens, 5);
        QCOMPARE(a.answer, QStringLiteral("First answer with [31m controls")); // one line, no controls
        QCOMPARE(a.resultSource, RequestResult::Source::Output);
        QCOMPARE(ResultsReader::readLine(files.input, a.input), openAiRequest("a"));
        QCOMPARE(ResultsReader::readLine(files.output, a.result),
                 openAiOutput("a", 200, chatAnswer("First\\nanswer\\twith\\u001b[31m controls", 10, 5)));

        const RequestResult &b = set.rows[1];
        QCOMPARE(b.outcome, RequestOutcome::Failed); // a 429 inside the output file
        QCOMPARE(b.statusCode, 429);
        QCOMPARE(b.errorCode, QStringLiteral("rate_limit_exceeded"));
        QCOMPARE(b.errorMessage, QStringLiteral("Rate limit of 200 RPM"));
        QVERIFY(b.answer.isEmpty());
        QVERIFY(b.group >= 0);

        QCOMPARE(set.rows[2].answer, QStringLiteral("Third answer"));
        const RequestResult &d = set.rows[3];
        QCOMPARE(d.outcome, RequestOutcome::NotRun);
        QVERIFY(!d.result.isValid());
        QCOMPARE(d.resultSource, RequestResult::Source::None);
        QCOMPARE(d.group, -1);

        const RequestResult &e = set.rows[4];
        QCOMPARE(e.outcome, RequestOutcome::Failed);
        QCOMPARE(e.statusCode, 0);
        QCOMPARE(e.errorCode, QStringLiteral("server_error"));
        QCOMPARE(e.resultSource, RequestResult::Source::Errors);
        QCOMPARE(ResultsReader::readLine(files.errors, e.result), errors.trimmed());
        QCOMPARE(set.groups.size(), 2);
    }

    void azureReadsAsOpenAi()
    {
        const ResultFiles files{
            writeFile(m_dir, QStringLiteral("az-in.jsonl"), jsonLines({openAiRequest("x")})),
            writeFile(m_dir, QStringLiteral("az-out.jsonl"),
                      jsonLines({openAiOutput("x", 200, chatAnswer("Yes", 1, 1))})),
            QString()};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::Azure, files);
        QVERIFY2(read.ok(), qPrintable(read.error));
        QCOMPARE(read.value.ok, 1);
        QCOMPARE(read.value.rows[0].answer, QStringLiteral("Yes"));
    }

    void openAiResponsesApiAndExpiredRequests()
    {
        // The Responses API counts input and output tokens and writes its text in output items; an expired
        // batch writes its unfinished requests to the error file as batch_expired: they did not run.
        const QByteArray responses =
            "{\"id\":\"resp_1\",\"object\":\"response\",\"output\":[{\"type\":\"reasoning\","
            "\"summary\":[]},{\"type\":\"message\",\"content\":[{\"type\":\"output_text\","
            "\"text\":\"From the Responses API\"}]}],\"usage\":{\"input_tokens\":7,"
            "\"output_tokens\":4}}";
        const ResultFiles files{
            writeFile(m_dir, QStringLiteral("r-in.jsonl"),
                      jsonLines({openAiRequest("r1"), openAiRequest("r2")})),
            writeFile(m_dir, QStringLiteral("r-out.jsonl"), jsonLines({openAiOutput("r1", 200, responses)})),
            writeFile(m_dir, QStringLiteral("r-err.jsonl"),
                      jsonLines({openAiErrorLine("r2", "batch_expired",
                                                 "This request could not be executed before "
                                                 "the completion window expired.")}))};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, files);
        QVERIFY2(read.ok(), qPrintable(read.error));
        const RequestResult &r1 = read.value.rows[0];
        QCOMPARE(r1.answer, QStringLiteral("From the Responses API"));
        QCOMPARE(r1.inputTokens, 7);
        QCOMPARE(r1.outputTokens, 4);
        const RequestResult &r2 = read.value.rows[1];
        QCOMPARE(r2.outcome, RequestOutcome::NotRun);
        QCOMPARE(r2.errorCode, QStringLiteral("batch_expired"));
        QVERIFY(r2.result.isValid());
        QCOMPARE(read.value.notRun, 1);
        QVERIFY(read.value.groups.isEmpty());
    }

    void anthropicRowsComeFromTheResults()
    {
        // No input file: the rows are the results, in file order.
        const QByteArray results = jsonLines(
            {"{\"custom_id\":\"s1\",\"result\":{\"type\":\"succeeded\",\"message\":{\"id\":\"msg_1\","
             "\"type\":"
             "\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hello there\"}],"
             "\"usage\":{\"input_tokens\":11,\"output_tokens\":2}}}}",
             "{\"custom_id\":\"e1\",\"result\":{\"type\":\"errored\",\"error\":{\"type\":\"error\",\"error\":"
             "{"
             "\"type\":\"invalid_request_error\",\"message\":\"max_tokens: Field required\"},\"request_id\":"
             "\"req_011\"}}}",
             "{\"custom_id\":\"c1\",\"result\":{\"type\":\"canceled\"}}",
             "{\"custom_id\":\"x1\",\"result\":{\"type\":\"expired\"}}"});
        const ResultFiles files{QString(), writeFile(m_dir, QStringLiteral("anthropic.jsonl"), results),
                                QString()};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::Anthropic, files);
        QVERIFY2(read.ok(), qPrintable(read.error));
        const ResultSet &set = read.value;
        QVERIFY2(set.warnings.isEmpty(), qPrintable(set.warnings.join(u'\n')));
        QCOMPARE(set.rows.size(), 4);
        QCOMPARE(set.rows[0].customId, QStringLiteral("s1"));
        QCOMPARE(set.rows[0].outcome, RequestOutcome::Ok);
        QCOMPARE(set.rows[0].answer, QStringLiteral("Hello there"));
        QCOMPARE(set.rows[0].inputTokens, 11);
        QCOMPARE(set.rows[0].outputTokens, 2);
        QCOMPARE(set.rows[0].inputLineNumber, 0);
        QCOMPARE(set.rows[1].outcome, RequestOutcome::Failed);
        QCOMPARE(set.rows[1].errorCode, QStringLiteral("invalid_request_error"));
        QCOMPARE(set.rows[1].errorMessage, QStringLiteral("max_tokens: Field required"));
        QCOMPARE(set.rows[2].outcome, RequestOutcome::NotRun);
        QCOMPARE(set.rows[2].errorCode, QStringLiteral("canceled"));
        QCOMPARE(set.rows[3].outcome, RequestOutcome::NotRun);
        QCOMPARE(set.rows[3].errorCode, QStringLiteral("expired"));
        QCOMPARE(set.ok, 1);
        QCOMPARE(set.failed, 1);
        QCOMPARE(set.notRun, 2);
    }

    void geminiKeysAndResponses()
    {
        const QByteArray input =
            jsonLines({"{\"key\":\"g1\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}]}}",
                       "{\"key\":\"g2\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}]}}",
                       "{\"key\":\"g3\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}]}}"});
        const QByteArray responses = jsonLines(
            {"{\"key\":\"g2\",\"error\":{\"code\":400,\"message\":\"Request contains an invalid argument.\","
             "\"status\":\"INVALID_ARGUMENT\"}}",
             "{\"key\":\"g1\",\"response\":{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Gemini says "
             "hi\"}],"
             "\"role\":\"model\"}}],\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":3}}"
             "}"});
        const ResultFiles files{writeFile(m_dir, QStringLiteral("g-in.jsonl"), input),
                                writeFile(m_dir, QStringLiteral("g-out.jsonl"), responses), QString()};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::Gemini, files);
        QVERIFY2(read.ok(), qPrintable(read.error));
        const ResultSet &set = read.value;
        QVERIFY2(set.warnings.isEmpty(), qPrintable(set.warnings.join(u'\n')));
        QCOMPARE(set.rows.size(), 3);
        QCOMPARE(set.rows[0].outcome, RequestOutcome::Ok);
        QCOMPARE(set.rows[0].answer, QStringLiteral("Gemini says hi"));
        QCOMPARE(set.rows[0].inputTokens, 4);
        QCOMPARE(set.rows[0].outputTokens, 3);
        QCOMPARE(set.rows[1].outcome, RequestOutcome::Failed);
        QCOMPARE(set.rows[1].statusCode, 400);
        QCOMPARE(set.rows[1].errorCode, QStringLiteral("INVALID_ARGUMENT"));
        QCOMPARE(set.rows[2].outcome, RequestOutcome::NotRun);
    }

    void geminiRpcCodes()
    {
        // @google/genai's JobError is {code, message, details}: the code a google.rpc.Code (8, not 429), with
        // no status word. Shown as its name and its HTTP equivalent (google/rpc/code.proto's mapping).
        const QByteArray responses = jsonLines(
            {"{\"key\":\"g1\",\"error\":{\"code\":8,\"message\":\"Resource has been exhausted\"}}",
             "{\"key\":\"g2\",\"error\":{\"code\":3,\"message\":\"Bad\",\"details\":[]}}",
             "{\"key\":\"g3\",\"error\":{\"code\":14,\"message\":\"x\",\"status\":\"UNAVAILABLE\"}}",
             "{\"key\":\"g4\",\"error\":{\"code\":500,\"message\":\"y\",\"status\":\"INTERNAL\"}}"});
        const Parsed<ResultSet> read = ResultsReader::read(
            Provider::Gemini,
            {QString(), writeFile(m_dir, QStringLiteral("rpc.jsonl"), responses), QString()});
        QVERIFY2(read.ok(), qPrintable(read.error));
        const ResultSet &set = read.value;
        QCOMPARE(set.rows.size(), 4);
        QCOMPARE(set.rows[0].statusCode, 429);
        QCOMPARE(set.rows[0].errorCode, QStringLiteral("RESOURCE_EXHAUSTED"));
        QCOMPARE(set.rows[1].statusCode, 400);
        QCOMPARE(set.rows[1].errorCode, QStringLiteral("INVALID_ARGUMENT"));
        QCOMPARE(set.rows[2].statusCode, 503);
        QCOMPARE(set.rows[2].errorCode, QStringLiteral("UNAVAILABLE"));
        QCOMPARE(set.rows[3].statusCode, 500); // an HTTP status as the simulator writes it stays
        QCOMPARE(set.rows[3].errorCode, QStringLiteral("INTERNAL"));
    }

    void hostileLinesAreWarningsWithTheirLine()
    {
        const QByteArray input =
            "not json at all\r\n" +             // 1
            QByteArray("\x01\x02\x1b[2J\r\n") + // 2
            "{\"custom\\u005fid\":\"esc\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            "\"body\":{\"model\":\"m\"}}\r\n" + // 3: custom_id escaped
            openAiRequest("dup") +
            "\r\n" +                        // 4
            "\r\n" +                        // 5: blank
            openAiRequest("dup") + "\r\n" + // 6: the same id again
            "{\"method\":\"POST\"}\r\n" +   // 7: no custom_id
            "[1,2]\r\n" +                   // 8
            "{\"custom_id\":42}\r\n" +      // 9
            openAiRequest("last");          // 10: no line end
        const QByteArray output =
            openAiOutput("stranger", 200, chatAnswer("who?", 1, 1)) + "\n" + // 1
            "{\"custom_id\":\"esc\"\n" +                                     // 2: cut
            "{\"custom\\u005fid\":\"esc\",\"response\":{\"status_code\":200,\"body\":" +
            chatAnswer("escaped", 1, 1) + "}}\n" +                                    // 3
            openAiOutput("dup", 200, chatAnswer("one", 1, 1)) + "\n" +                // 4
            openAiOutput("dup", 500, "{}") + "\n" +                                   // 5: again
            "{\"custom_id\":\"last\",\"response\":{\"status_code\":200,\"body\":{}}"; // 6: cut
        const ResultFiles files{writeFile(m_dir, QStringLiteral("h-in.jsonl"), input),
                                writeFile(m_dir, QStringLiteral("h-out.jsonl"), output), QString()};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, files);
        QVERIFY2(read.ok(), qPrintable(read.error));
        const ResultSet &set = read.value;
        const QString in = QStringLiteral("input file h-in.jsonl, line ");
        const QString out = QStringLiteral("output file h-out.jsonl, line ");
        const QStringList expectedLines = {in + u'1', in + u'2',  in + u'6',  in + u'7',  in + u'8',
                                           in + u'9', out + u'1', out + u'2', out + u'5', out + u'6'};
        for (const QString &expected : expectedLines)
            QVERIFY2(anyWarning(set, expected + u':'),
                     qPrintable(expected + u'\n' + set.warnings.join(u'\n')));
        QVERIFY(anyWarning(set, in + QStringLiteral("6:"), QStringLiteral("first on line 4")));
        QVERIFY(anyWarning(set, out + QStringLiteral("1:"), QStringLiteral("stranger")));
        QVERIFY2(set.warnings.size() == 10, qPrintable(set.warnings.join(u'\n')));

        // Input order, then the result the input lacks.
        QStringList ids;
        for (const RequestResult &row : set.rows)
            ids << row.customId;
        QCOMPARE(ids, (QStringList{QStringLiteral("esc"), QStringLiteral("dup"), QStringLiteral("last"),
                                   QStringLiteral("stranger")}));
        QCOMPARE(rowOf(set, QStringLiteral("esc"))->answer, QStringLiteral("escaped"));
        QCOMPARE(rowOf(set, QStringLiteral("dup"))->inputLineNumber, 4);
        QCOMPARE(rowOf(set, QStringLiteral("dup"))->outcome, RequestOutcome::Ok); // the first result kept
        QCOMPARE(rowOf(set, QStringLiteral("last"))->outcome, RequestOutcome::NotRun);
        QCOMPARE(rowOf(set, QStringLiteral("stranger"))->inputLineNumber, 0);
        QVERIFY(!rowOf(set, QStringLiteral("stranger"))->input.isValid());
        // CRLF: the line's bytes without its line end; the last line without one reads whole.
        QCOMPARE(ResultsReader::readLine(files.input, rowOf(set, QStringLiteral("dup"))->input),
                 openAiRequest("dup"));
        QCOMPARE(ResultsReader::readLine(files.input, rowOf(set, QStringLiteral("last"))->input),
                 openAiRequest("last"));
    }

    void aResultThatDoesNotReadRanAndFailed()
    {
        // Its custom_id reads, its body does not: the request ran (the provider wrote a line for it), so it
        // is failed with "unreadable_result", never "not run" (which a retry would send again).
        const struct
        {
            Provider provider;
            QByteArray input;
            QByteArray result;
            QString reason;
        } cases[] = {
            {Provider::OpenAI, jsonLines({openAiRequest("u")}),
             jsonLines({"{\"custom_id\":\"u\",\"response\":null,\"error\":null}"}),
             QStringLiteral("neither a response nor an error")},
            {Provider::Anthropic, QByteArray(),
             jsonLines({"{\"custom_id\":\"u\",\"result\":{\"type\":\"odd\"}}"}), QStringLiteral("odd")},
            {Provider::Gemini, jsonLines({"{\"key\":\"u\",\"request\":{\"contents\":[]}}"}),
             jsonLines({"{\"key\":\"u\",\"other\":1}"}), QStringLiteral("neither a response nor an error")},
        };
        for (const auto &c : cases) {
            const QString tag = QString::number(int(c.provider));
            const ResultFiles files{
                c.input.isEmpty() ? QString()
                                  : writeFile(m_dir, tag + QStringLiteral("-u-in.jsonl"), c.input),
                writeFile(m_dir, tag + QStringLiteral("-u-out.jsonl"), c.result), QString()};
            const Parsed<ResultSet> read = ResultsReader::read(c.provider, files);
            QVERIFY2(read.ok(), qPrintable(read.error));
            const ResultSet &set = read.value;
            QCOMPARE(set.rows.size(), 1);
            const RequestResult &row = set.rows[0];
            QCOMPARE(row.customId, QStringLiteral("u"));
            QCOMPARE(row.outcome, RequestOutcome::Failed);
            QCOMPARE(row.errorCode, QLatin1String(RequestResult::kUnreadableCode));
            QVERIFY2(row.errorMessage.contains(c.reason), qPrintable(row.errorMessage));
            QVERIFY(row.result.isValid());
            QCOMPARE(ResultsReader::readLine(files.output, row.result), c.result.chopped(1));
            QCOMPARE(row.group, 0);
            QCOMPARE(set.failed, 1);
            QCOMPARE(set.notRun, 0);
            // Still a warning with its line: the read is not clean.
            QVERIFY2(anyWarning(set, QStringLiteral("line 1:"), c.reason),
                     qPrintable(set.warnings.join(u'\n')));
        }
    }

    void cancelDuringGrouping()
    {
        // Every file read, then the groups: a cancel asked for then still stops the read.
        QByteArray errors;
        for (int i = 0; i < 3000; ++i)
            errors += openAiErrorLine("r" + QByteArray::number(i), "server_error",
                                      "Error " + QByteArray::number(i) + " \\\"x\\\"y") +
                      '\n';
        const QString path = writeFile(m_dir, QStringLiteral("g-err.jsonl"), errors);
        bool filesDone = false;
        bool askedAfter = false;
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, {QString(), QString(), path},
                                                           [&](qint64 done, qint64 total) {
                                                               if (filesDone)
                                                                   askedAfter = true;
                                                               filesDone = filesDone || done == total;
                                                               return !askedAfter;
                                                           });
        QVERIFY(askedAfter);
        QCOMPARE(read.error, QStringLiteral("cancelled"));
    }

    void resultsTheInputLacksAreCapped()
    {
        // Three requests, their results, and 1,010 results for ids the input lacks: at most as many extra
        // rows as ResultsReader::kExtraRowsMargin beyond the input's, the rest dropped with one warning
        // saying how many.
        QByteArray output;
        for (const QByteArray id : {"a", "b", "c"})
            output += openAiOutput(id, 200, "{}") + '\n';
        const qint64 extra = ResultsReader::kExtraRowsMargin + 3 + 10;
        for (qint64 i = 0; i < extra; ++i)
            output += openAiErrorLine("x" + QByteArray::number(i), "e", "m") + '\n';
        const ResultFiles files{
            writeFile(m_dir, QStringLiteral("cap-in.jsonl"),
                      jsonLines({openAiRequest("a"), openAiRequest("b"), openAiRequest("c")})),
            writeFile(m_dir, QStringLiteral("cap-out.jsonl"), output), QString()};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, files);
        QVERIFY2(read.ok(), qPrintable(read.error));
        QCOMPARE(read.value.rows.size(), 3 + 3 + ResultsReader::kExtraRowsMargin);
        QVERIFY2(read.value.warnings.last().contains(QStringLiteral("10 results")),
                 qPrintable(read.value.warnings.last()));

        // No input file (Anthropic): the rows are the results, up to kMaxExtraRows.
        QByteArray results;
        for (qint64 i = 0; i < ResultsReader::kMaxExtraRows + 2; ++i)
            results +=
                "{\"custom_id\":\"x" + QByteArray::number(i) + "\",\"result\":{\"type\":\"canceled\"}}\n";
        const Parsed<ResultSet> anthropic = ResultsReader::read(
            Provider::Anthropic,
            {QString(), writeFile(m_dir, QStringLiteral("cap-a.jsonl"), results), QString()});
        QVERIFY2(anthropic.ok(), qPrintable(anthropic.error));
        QCOMPARE(anthropic.value.rows.size(), ResultsReader::kMaxExtraRows);
        QCOMPARE(anthropic.value.warnings.size(), 1);
        QVERIFY2(anthropic.value.warnings[0].contains(QStringLiteral("2 results")),
                 qPrintable(anthropic.value.warnings[0]));
    }

    void anInputWithAByteOrderMark()
    {
        // Request 1 is joined (not skipped as "not JSON"), and its line starts after the mark.
        const QByteArray input = "\xEF\xBB\xBF" + jsonLines({openAiRequest("a"), openAiRequest("b")});
        const ResultFiles files{
            writeFile(m_dir, QStringLiteral("bom-in.jsonl"), input),
            writeFile(m_dir, QStringLiteral("bom-out.jsonl"), jsonLines({openAiOutput("a", 200, "{}")})),
            QString()};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, files);
        QVERIFY2(read.ok(), qPrintable(read.error));
        QVERIFY2(read.value.warnings.isEmpty(), qPrintable(read.value.warnings.join(u'\n')));
        QCOMPARE(read.value.rows.size(), 2);
        QCOMPARE(read.value.rows[0].customId, QStringLiteral("a"));
        QCOMPARE(read.value.rows[0].outcome, RequestOutcome::Ok);
        QCOMPARE(read.value.rows[0].input.offset, 3);
        QCOMPARE(ResultsReader::readLine(files.input, read.value.rows[0].input), openAiRequest("a"));
    }

    void emptyAndMissingFiles()
    {
        const QString empty = writeFile(m_dir, QStringLiteral("empty.jsonl"), QByteArray());
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, {empty, empty, empty});
        QVERIFY2(read.ok(), qPrintable(read.error));
        QVERIFY(read.value.rows.isEmpty());
        QVERIFY(read.value.warnings.isEmpty());

        const Parsed<ResultSet> missing = ResultsReader::read(
            Provider::OpenAI, {empty, m_dir.filePath(QStringLiteral("gone.jsonl")), QString()});
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error.contains(QStringLiteral("gone.jsonl")), qPrintable(missing.error));

        QVERIFY(ResultsReader::readLine(m_dir.filePath(QStringLiteral("gone.jsonl")), {0, 3}).isEmpty());
        QVERIFY(ResultsReader::readLine(empty, {0, 3}).isEmpty()); // shorter than the reference
        QVERIFY(ResultsReader::readLine(empty, LineRef()).isEmpty());
    }

    void cancelStopsTheRead()
    {
        const QString path = writeFile(m_dir, QStringLiteral("c-in.jsonl"), jsonLines({openAiRequest("a")}));
        int calls = 0;
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, {path, QString(), QString()},
                                                           [&calls](qint64 done, qint64 total) {
                                                               ++calls;
                                                               return done < total;
                                                           });
        QCOMPARE(read.error, QStringLiteral("cancelled"));
        QVERIFY(calls > 0);
    }

    void aLineBeyondTheBoundIsAWarning()
    {
        QByteArray input = openAiRequest("before") + "\n{\"custom_id\":\"huge\",\"pad\":\"";
        input += QByteArray(LineReader::kMaxLineLength, 'p');
        input += "\"}\n" + openAiRequest("after") + "\n";
        const QString path = writeFile(m_dir, QStringLiteral("huge.jsonl"), input);
        input.clear();
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, {path, QString(), QString()});
        QVERIFY2(read.ok(), qPrintable(read.error));
        QCOMPARE(read.value.rows.size(), 2);
        QCOMPARE(read.value.rows[1].customId, QStringLiteral("after"));
        QCOMPARE(read.value.rows[1].inputLineNumber, 3);
        QCOMPARE(read.value.warnings.size(), 1);
        QVERIFY2(
            read.value.warnings[0].startsWith(QStringLiteral("input file huge.jsonl, line 2: longer than")),
            qPrintable(read.value.warnings[0]));
        QFile::remove(path);
    }

    void warningsAreBounded()
    {
        QByteArray input;
        for (int i = 0; i < 3000; ++i)
            input += "garbage\n";
        const QString path = writeFile(m_dir, QStringLiteral("garbage.jsonl"), input);
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, {path, QString(), QString()});
        QVERIFY2(read.ok(), qPrintable(read.error));
        QCOMPARE(read.value.warnings.size(), 1001);
        QCOMPARE(read.value.warnings.last(), QStringLiteral("… and 2000 more warnings"));
    }

    void answersAreBrief()
    {
        // Also a long answer without a space, and a surrogate pair at the cut.
        QByteArray emoji;
        for (int i = 0; i < 150; ++i)
            emoji += "\xf0\x9f\x98\x80"; // U+1F600, two UTF-16 units
        const ResultFiles emojiFiles{
            QString(),
            writeFile(m_dir, QStringLiteral("emoji.jsonl"),
                      jsonLines({openAiOutput("e", 200, chatAnswer("x" + emoji, 1, 1))})),
            QString()};
        const Parsed<ResultSet> emojiRead = ResultsReader::read(Provider::OpenAI, emojiFiles);
        QVERIFY(emojiRead.ok());
        const QString cut = emojiRead.value.rows.at(0).answer;
        QVERIFY(cut.size() <= RequestResult::kAnswerChars);
        QVERIFY(!cut.back().isHighSurrogate());
        QCOMPARE(cut.size(), 199); // "x" and 99 pairs: the 100th pair would pass the limit

        QByteArray text;
        for (int i = 0; i < 100; ++i)
            text += "word\\u2028\\u202e ";
        const ResultFiles files{QString(),
                                writeFile(m_dir, QStringLiteral("brief.jsonl"),
                                          jsonLines({openAiOutput("b", 200, chatAnswer(text, 1, 1))})),
                                QString()};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, files);
        QVERIFY2(read.ok(), qPrintable(read.error));
        const QString answer = read.value.rows.at(0).answer;
        // At most the limit, cut between words here (no trailing space).
        QVERIFY2(answer.size() <= RequestResult::kAnswerChars &&
                     answer.size() >= RequestResult::kAnswerChars - 5,
                 qPrintable(answer));
        QVERIFY(!answer.endsWith(u' '));
        QVERIFY(answer.startsWith(QStringLiteral("word word word")));
        QVERIFY(!answer.contains(QChar(0x2028)) && !answer.contains(QChar(0x202e)));
    }
};

QTEST_GUILESS_MAIN(TestResultsReader)
#include "tst_resultsreader.moc"
