#include "core/results/preflight.h"
#include "core/results/resultsreader.h"
#include "core/results/retrylines.h"

#include "resultfiles.h"

#include <QBuffer>
#include <QTest>

// The input lines of the requests to run again, byte for byte as uploaded, in input order.
class TestRetryLines : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    // Lines as a person or a script writes them: odd spacing, escapes and unicode kept as they are.
    const QByteArray m_a = openAiRequest("a");
    const QByteArray m_b =
        "{ \"custom_id\" : \"b \\u00fc\\\"q\\\"\",  \"method\":\"POST\",\"url\":\"/v1/chat/"
        "completions\",\"body\":{\"model\":\"gpt-4o-mini\",\"messages\":[]} }";
    const QByteArray m_c = openAiRequest("c \xc3\xa9");
    const QByteArray m_d = openAiRequest("d");

    ResultSet readSet(const QString &name, const QByteArray &input)
    {
        // b failed (a 500 inside the output), c did not run, a and d succeeded (d's later error line is a
        // second result, and the first is kept).
        const QByteArray output =
            jsonLines({openAiOutput("d", 200, "{}"), openAiOutput("a", 200, chatAnswer("ok", 1, 1)),
                       "{\"custom_id\":\"b \\u00fc\\\"q\\\"\",\"response\":{\"status_code\":500,"
                       "\"body\":{\"error\":{\"message\":\"oops\",\"code\":\"server_error\"}}}}"});
        const ResultFiles files{writeFile(m_dir, name, input),
                                writeFile(m_dir, name + QStringLiteral(".out"), output),
                                writeFile(m_dir, name + QStringLiteral(".err"),
                                          jsonLines({openAiErrorLine("d", "server_error", "later")}))};
        Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, files);
        if (!read.ok())
            qWarning() << read.error;
        return read.value;
    }

private Q_SLOTS:
    void failedAndNotRunInInputOrder()
    {
        const ResultSet set = readSet(QStringLiteral("in.jsonl"), jsonLines({m_a, m_b, m_c, m_d}));
        QCOMPARE(set.rows.size(), 4);
        QCOMPARE(set.rows[3].outcome, RequestOutcome::Ok); // d's output line came first and is kept

        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QString error;
        const std::optional<RetryLines::Written> written = RetryLines::write(set, {}, &out, &error);
        QVERIFY2(written, qPrintable(error));
        QCOMPARE(out.data(), m_b + '\n' + m_c + '\n');
        QCOMPARE(written->lines, 2);
        QCOMPARE(written->bytes, out.data().size());
        QCOMPARE(written->estimatedInputTokens,
                 Preflight::estimateTokens(m_b) + Preflight::estimateTokens(m_c));

        QBuffer failedOnly;
        failedOnly.open(QIODevice::WriteOnly);
        QVERIFY(RetryLines::write(set, {true, false, -1}, &failedOnly, &error));
        QCOMPARE(failedOnly.data(), m_b + '\n');

        QBuffer notRunOnly;
        notRunOnly.open(QIODevice::WriteOnly);
        QVERIFY(RetryLines::write(set, {false, true, -1}, &notRunOnly, &error));
        QCOMPARE(notRunOnly.data(), m_c + '\n');

        QBuffer group;
        group.open(QIODevice::WriteOnly);
        QCOMPARE(set.rows[1].group, 0);
        QVERIFY(RetryLines::write(set, {false, false, 0}, &group, &error));
        QCOMPARE(group.data(), m_b + '\n');

        // Nothing selected: nothing written, and no error.
        QBuffer none;
        none.open(QIODevice::WriteOnly);
        const auto nothing = RetryLines::write(set, {false, false, -1}, &none, &error);
        QVERIFY(nothing);
        QCOMPARE(nothing->lines, 0);
        QVERIFY(none.data().isEmpty());
    }

    void anUnreadableResultIsSentOnlyByItsGroup()
    {
        // "u"'s result line holds its custom_id and no body that reads: it ran, perhaps with success. Sending
        // it again by default could run it twice; only choosing its group sends it.
        const QByteArray input = jsonLines({m_a, openAiRequest("u"), m_c});
        const QByteArray output = jsonLines({openAiOutput("a", 200, chatAnswer("ok", 1, 1)),
                                             "{\"custom_id\":\"u\",\"response\":null,\"error\":null}"});
        const ResultFiles files{writeFile(m_dir, QStringLiteral("u.jsonl"), input),
                                writeFile(m_dir, QStringLiteral("u.jsonl.out"), output), QString()};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, files);
        QVERIFY2(read.ok(), qPrintable(read.error));
        const ResultSet &set = read.value;
        QCOMPARE(set.rows[1].outcome, RequestOutcome::Failed);
        QString error;
        QBuffer both;
        both.open(QIODevice::WriteOnly);
        QVERIFY2(RetryLines::write(set, {}, &both, &error), qPrintable(error));
        QCOMPARE(both.data(), m_c + '\n');
        QBuffer group;
        group.open(QIODevice::WriteOnly);
        QVERIFY2(RetryLines::write(set, {false, false, set.rows[1].group}, &group, &error),
                 qPrintable(error));
        QCOMPARE(group.data(), openAiRequest("u") + '\n');
    }

    void crlfLinesEndInOneNewline()
    {
        const ResultSet set =
            readSet(QStringLiteral("crlf.jsonl"), m_a + "\r\n" + m_b + "\r\n" + m_c + "\r\n" + m_d);
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QString error;
        QVERIFY2(RetryLines::write(set, {}, &out, &error), qPrintable(error));
        QCOMPARE(out.data(), m_b + '\n' + m_c + '\n');
    }

    void aChangedInputIsAnError()
    {
        const QByteArray input = jsonLines({m_a, m_b, m_c, m_d});
        const ResultSet set = readSet(QStringLiteral("changed.jsonl"), input);
        // The same size, another request on b's line.
        QByteArray edited = input;
        edited.replace("b \\u00fc", "x \\u00fc");
        QCOMPARE(edited.size(), input.size());
        QVERIFY(!writeFile(m_dir, QStringLiteral("changed.jsonl"), edited).isEmpty());
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QString error;
        QVERIFY(!RetryLines::write(set, {}, &out, &error));
        QVERIFY2(error.contains(QStringLiteral("changed")) && error.contains(QStringLiteral("line 2")),
                 qPrintable(error));

        // Shorter: the line cannot be read whole.
        QVERIFY(!writeFile(m_dir, QStringLiteral("changed.jsonl"), m_a + '\n').isEmpty());
        QVERIFY(!RetryLines::write(set, {}, &out, &error));

        QVERIFY(QFile::remove(m_dir.filePath(QStringLiteral("changed.jsonl"))));
        QVERIFY(!RetryLines::write(set, {}, &out, &error));
        QVERIFY2(error.contains(QStringLiteral("changed.jsonl")), qPrintable(error));
    }

    void noInputFileNoRetry()
    {
        // Anthropic keeps no input file: an errored request has no line to send again.
        const ResultFiles files{
            QString(),
            writeFile(m_dir, QStringLiteral("anthropic.jsonl"),
                      jsonLines({"{\"custom_id\":\"e\",\"result\":{\"type\":\"errored\",\"error\":"
                                 "{\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                                 "\"message\":\"x\"}}}}"})),
            QString()};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::Anthropic, files);
        QVERIFY(read.ok());
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QString error;
        QVERIFY(!RetryLines::write(read.value, {}, &out, &error));
        QVERIFY2(error.contains(QStringLiteral("no input file")), qPrintable(error));
        QVERIFY(out.data().isEmpty());
        // Nothing selected is still no error.
        QVERIFY(RetryLines::write(read.value, {false, true, -1}, &out, &error));
    }

    void aResultTheInputLacksIsSkipped()
    {
        // A failure whose custom_id is not in the input (the read warned of it) has no line to send again;
        // the others still go.
        const ResultFiles files{
            writeFile(m_dir, QStringLiteral("lacks.jsonl"), jsonLines({m_a, m_d})),
            writeFile(m_dir, QStringLiteral("lacks.out"),
                      jsonLines({openAiOutput("stranger", 500, "{}"), openAiOutput("a", 500, "{}")})),
            QString()};
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, files);
        QVERIFY(read.ok());
        QCOMPARE(read.value.rows.size(), 3);
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QString error;
        const auto written = RetryLines::write(read.value, {}, &out, &error);
        QVERIFY2(written, qPrintable(error));
        QCOMPARE(out.data(), m_a + '\n' + m_d + '\n');
    }

    void aRefusedWriteIsAnError()
    {
        const ResultSet set = readSet(QStringLiteral("w.jsonl"), jsonLines({m_a, m_b, m_c, m_d}));
        QBuffer readOnly;
        readOnly.open(QIODevice::ReadOnly);
        QString error;
        QVERIFY(!RetryLines::write(set, {}, &readOnly, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRetryLines)
#include "tst_retrylines.moc"
