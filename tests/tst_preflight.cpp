#include "core/results/preflight.h"

#include "resultfiles.h"

#include <QSet>
#include <QTest>

Q_DECLARE_METATYPE(PreflightProblem::Kind)

namespace {
using Kind = PreflightProblem::Kind;

QString shown(const PreflightReport &report)
{
    QStringList lines;
    for (const PreflightProblem &p : report.problems)
        lines << QStringLiteral("%1: %2: %3").arg(p.line).arg(Preflight::describe(p.kind), p.message);
    return lines.join(u'\n');
}
} // namespace

// The check a JSONL file passes before anything is sent: each problem with its line, then the summary.
class TestPreflight : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void eachProblemWithItsLine()
    {
        const QList<QByteArray> lines = {openAiRequest("a"), // 1
                                         "not json",         // 2
                                         "{\"method\":\"POST\",\"url\":\"/v1/chat/"
                                         "completions\",\"body\":{\"model\":\"gpt-4o-mini\"}}", // 3
                                         openAiRequest("a"),                                    // 4
                                         openAiRequest("get").replace("\"POST\"", "\"GET\""),   // 5
                                         openAiRequest("emb").replace("/v1/chat/completions",
                                                                      "/v1/embeddings"), // 6
                                         "{\"custom_id\":\"nomodel\",\"method\":\"POST\",\"url\":\"/v1/chat/"
                                         "completions\",\"body\":{}}",     // 7
                                         openAiRequest("other", "gpt-4o"), // 8
                                         "   ",                            // 9
                                         openAiRequest("z")};              // 10
        QByteArray file;
        for (const QByteArray &line : lines)
            file += line + "\r\n";
        const QString path = writeFile(m_dir, QStringLiteral("problems.jsonl"), file);
        const PreflightReport report = Preflight::check(path, Provider::OpenAI);
        const QList<QPair<qint64, Kind>> expected = {{2, Kind::NotJson},           {3, Kind::MissingCustomId},
                                                     {4, Kind::DuplicateCustomId}, {5, Kind::MethodNotPost},
                                                     {6, Kind::MixedUrl},          {7, Kind::MissingModel},
                                                     {8, Kind::MixedModel}};
        QCOMPARE(report.problems.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            QVERIFY2(report.problems[i].line == expected[i].first &&
                         report.problems[i].kind == expected[i].second,
                     qPrintable(shown(report)));
        }
        QCOMPARE(report.problemCount, expected.size());
        QVERIFY2(report.problems[2].message.contains(QStringLiteral("line 1")), qPrintable(shown(report)));
        QVERIFY2(report.problems[4].message.contains(QStringLiteral("/v1/embeddings")),
                 qPrintable(shown(report)));
        QVERIFY(!report.ok());
        // The summary.
        QCOMPARE(report.lines, 9);
        QCOMPARE(report.bytes, file.size());
        QCOMPARE(report.endpoint, QStringLiteral("/v1/chat/completions"));
        QCOMPARE(report.model, QStringLiteral("gpt-4o-mini"));
        qint64 tokens = 0;
        for (const QByteArray &line : lines)
            tokens += line.trimmed().isEmpty() ? 0 : Preflight::estimateTokens(line);
        QCOMPARE(report.estimatedInputTokens, tokens);
    }

    void aGoodFilePasses()
    {
        const QString path =
            writeFile(m_dir, QStringLiteral("good.jsonl"),
                      jsonLines({openAiRequest("1"), openAiRequest("2"), openAiRequest("3")}, false));
        const PreflightReport report = Preflight::check(path, Provider::OpenAI);
        QVERIFY2(report.ok(), qPrintable(shown(report)));
        QCOMPARE(report.lines, 3);
        QCOMPARE(report.model, QStringLiteral("gpt-4o-mini"));
        QVERIFY(report.estimatedInputTokens > 0);
    }

    void endpoints_data()
    {
        QTest::addColumn<int>("provider");
        QTest::addColumn<QByteArray>("url");
        QTest::addColumn<bool>("supported");
        for (const char *url : {"/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/completions",
                                "/v1/moderations"})
            QTest::newRow(url) << int(Provider::OpenAI) << QByteArray(url) << true;
        QTest::newRow("unknown") << int(Provider::OpenAI) << QByteArray("/v1/fine_tuning/jobs") << false;
        QTest::newRow("no /v1 on OpenAI")
            << int(Provider::OpenAI) << QByteArray("/chat/completions") << false;
        QTest::newRow("no /v1 on Azure") << int(Provider::Azure) << QByteArray("/chat/completions") << true;
        QTest::newRow("/v1 on Azure") << int(Provider::Azure) << QByteArray("/v1/chat/completions") << true;
    }

    void endpoints()
    {
        QFETCH(int, provider);
        QFETCH(QByteArray, url);
        QFETCH(bool, supported);
        const QString path = writeFile(m_dir, QStringLiteral("url.jsonl"),
                                       jsonLines({openAiRequest("1").replace("/v1/chat/completions", url),
                                                  openAiRequest("2").replace("/v1/chat/completions", url)}));
        const PreflightReport report = Preflight::check(path, Provider(provider));
        if (supported) {
            QVERIFY2(report.ok(), qPrintable(shown(report)));
        } else {
            QCOMPARE(report.problemCount, 1); // said once, on the line that names it first
            QCOMPARE(report.problems[0].kind, Kind::UnsupportedUrl);
            QCOMPARE(report.problems[0].line, 1);
        }
        QCOMPARE(report.endpoint, QString::fromLatin1(url));
    }

    void emptyAndUnreadable()
    {
        for (const QByteArray &content : {QByteArray(), QByteArray("\n  \r\n\n")}) {
            const PreflightReport report =
                Preflight::check(writeFile(m_dir, QStringLiteral("empty.jsonl"), content), Provider::OpenAI);
            QCOMPARE(report.problemCount, 1);
            QCOMPARE(report.problems[0].kind, Kind::Empty);
            QCOMPARE(report.problems[0].line, 0);
        }
        const PreflightReport gone =
            Preflight::check(m_dir.filePath(QStringLiteral("gone.jsonl")), Provider::OpenAI);
        QCOMPARE(gone.problemCount, 1);
        QCOMPARE(gone.problems[0].kind, Kind::Unreadable);
        QVERIFY(gone.problems[0].message.contains(QStringLiteral("gone.jsonl")));
    }

    void aByteOrderMarkIsNamed()
    {
        // Line 1 is checked without the mark, and the mark is the problem named (OpenAI's parser refuses it).
        const QString path = writeFile(m_dir, QStringLiteral("bom.jsonl"),
                                       "\xEF\xBB\xBF" + jsonLines({openAiRequest("a"), openAiRequest("a")}));
        const PreflightReport report = Preflight::check(path, Provider::OpenAI);
        QVERIFY2(report.problemCount == 2, qPrintable(shown(report)));
        QCOMPARE(report.problems[0].line, 1);
        QCOMPARE(report.problems[0].kind, Kind::NotJson);
        QVERIFY2(report.problems[0].message.contains(QStringLiteral("byte order mark")),
                 qPrintable(shown(report)));
        QCOMPARE(report.problems[1].line, 2);
        QCOMPARE(report.problems[1].kind, Kind::DuplicateCustomId); // line 1's request was read
        QCOMPARE(report.model, QStringLiteral("gpt-4o-mini"));
    }

    void formFeedLinesAreNotBlank()
    {
        // JSON's whitespace is space, tab, CR and LF: a line of \f or \v is a line the server refuses.
        const QString path =
            writeFile(m_dir, QStringLiteral("ff.jsonl"),
                      jsonLines({openAiRequest("a"), "\f", " \v ", openAiRequest("b"), " \t"}));
        const PreflightReport report = Preflight::check(path, Provider::OpenAI);
        QVERIFY2(report.problemCount == 2, qPrintable(shown(report)));
        QCOMPARE(report.problems[0].line, 2);
        QCOMPARE(report.problems[0].kind, Kind::NotJson);
        QCOMPARE(report.problems[1].line, 3);
        QCOMPARE(report.problems[1].kind, Kind::NotJson);
    }

    void tooManyLines()
    {
        QByteArray file;
        for (qint64 i = 1; i <= Preflight::kMaxLines + 2; ++i)
            file += openAiRequest(QByteArray::number(i)) + '\n';
        file += "not JSON\n" + openAiRequest("1") + '\n';
        // Request kMaxLines + 1 ends the check: the rest (a line that is not JSON, a duplicate) is not read,
        // so a file of millions of lines costs neither the time nor the memory of its ids.
        const PreflightReport report =
            Preflight::check(writeFile(m_dir, QStringLiteral("many.jsonl"), file), Provider::OpenAI);
        QVERIFY2(report.problemCount == 1, qPrintable(shown(report)));
        QCOMPARE(report.problems[0].kind, Kind::TooManyLines);
        QCOMPARE(report.problems[0].line, Preflight::kMaxLines + 1);
        QVERIFY2(report.problems[0].message.contains(QStringLiteral("not checked")),
                 qPrintable(report.problems[0].message));
        QCOMPARE(report.lines, Preflight::kMaxLines + 1);
    }

    void tooLarge()
    {
        // A request, then zeros to one byte past the limit (sparse, so the test costs no disk): the size says
        // enough, and nothing is read (a 30 GB file picked by mistake answers at once): the line of zeros
        // that is no JSON is not reported.
        const QString path = writeFile(m_dir, QStringLiteral("large.jsonl"), openAiRequest("1") + '\n');
        QFile file(path);
        QVERIFY(file.resize(Preflight::kMaxBytes + 1));
        QList<qint64> progress;
        const PreflightReport report = Preflight::check(path, Provider::OpenAI, [&](qint64 done, qint64) {
            progress.append(done);
            return true;
        });
        QVERIFY2(report.problemCount == 1, qPrintable(shown(report)));
        QCOMPARE(report.problems[0].kind, Kind::TooLarge);
        QCOMPARE(report.problems[0].line, 0);
        QVERIFY2(report.problems[0].message.contains(QStringLiteral("not checked")),
                 qPrintable(report.problems[0].message));
        QCOMPARE(report.bytes, Preflight::kMaxBytes + 1);
        QCOMPARE(report.lines, 0);
        QCOMPARE(progress, QList<qint64>{Preflight::kMaxBytes + 1}); // only the end
        QVERIFY(file.remove());
    }

    void theListIsCapped()
    {
        QByteArray file;
        for (int i = 0; i < Preflight::kMaxListed + 500; ++i)
            file += "nope\n";
        const PreflightReport report =
            Preflight::check(writeFile(m_dir, QStringLiteral("capped.jsonl"), file), Provider::OpenAI);
        QCOMPARE(report.problemCount, Preflight::kMaxListed + 500);
        QCOMPARE(report.problems.size(), Preflight::kMaxListed);
        QCOMPARE(report.problems.last().line, Preflight::kMaxListed);
    }

    void progressAndCancel()
    {
        QByteArray file;
        while (file.size() < 10 * 1024 * 1024)
            file +=
                openAiRequest(QByteArray::number(file.size())).replace("Hi", QByteArray(1000, 'x')) + '\n';
        const QString path = writeFile(m_dir, QStringLiteral("progress.jsonl"), file);
        QList<qint64> seen;
        const PreflightReport done = Preflight::check(path, Provider::OpenAI, [&](qint64 at, qint64 total) {
            seen << at;
            return total == file.size();
        });
        QVERIFY2(done.ok(), qPrintable(shown(done)));
        QVERIFY(seen.size() >= 2);
        QCOMPARE(seen.last(), file.size());
        QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));

        const PreflightReport cancelled =
            Preflight::check(path, Provider::OpenAI, [](qint64, qint64) { return false; });
        QVERIFY(cancelled.cancelled);
        QVERIFY(!cancelled.ok());
        QVERIFY(cancelled.lines < done.lines);
    }

    void anthropicShape()
    {
        const QString path = writeFile(
            m_dir, QStringLiteral("anthropic.jsonl"),
            jsonLines({"{\"custom_id\":\"a\",\"params\":{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,"
                       "\"messages\":[]}}",
                       "{\"custom_id\":\"b\",\"params\":{\"max_tokens\":10,\"messages\":[]}}",
                       "{\"key\":\"c\",\"params\":{\"model\":\"claude-sonnet-4-5\"}}",
                       "{\"custom_id\":\"with space\",\"params\":{\"model\":\"claude-sonnet-4-5\"}}",
                       "{\"custom_id\":\"" + QByteArray(65, 'x') +
                           "\",\"params\":{\"model\":\"claude-sonnet-4-5\"}}",
                       "{\"custom_id\":\"" + QByteArray(64, 'x') +
                           "\",\"params\":{\"model\":\"claude-sonnet-4-5\"}}"}));
        const PreflightReport report = Preflight::check(path, Provider::Anthropic);
        QVERIFY2(report.problemCount == 4, qPrintable(shown(report)));
        // Anthropic's custom_ids are 1 to 64 letters, digits, '_' and '-'.
        QCOMPARE(report.problems[2].kind, Kind::MissingCustomId);
        QCOMPARE(report.problems[2].line, 4);
        QCOMPARE(report.problems[3].kind, Kind::MissingCustomId);
        QCOMPARE(report.problems[3].line, 5);
        QCOMPARE(report.problems[0].kind, Kind::MissingModel);
        QCOMPARE(report.problems[0].line, 2);
        QVERIFY(report.problems[0].message.contains(QStringLiteral("params.model")));
        QCOMPARE(report.problems[1].kind, Kind::MissingCustomId);
        QCOMPARE(report.problems[1].line, 3);
        QCOMPARE(report.model, QStringLiteral("claude-sonnet-4-5"));
        QVERIFY(report.endpoint.isEmpty());
    }

    void geminiShape()
    {
        const QString path = writeFile(
            m_dir, QStringLiteral("gemini.jsonl"),
            jsonLines({"{\"key\":\"a\",\"request\":{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}]}}",
                       "{\"key\":\"a\",\"request\":{\"contents\":[]}}",
                       "{\"custom_id\":\"b\",\"request\":{\"contents\":[]}}"}));
        const PreflightReport report = Preflight::check(path, Provider::Gemini);
        QVERIFY2(report.problemCount == 2, qPrintable(shown(report)));
        QCOMPARE(report.problems[0].kind, Kind::DuplicateCustomId);
        QCOMPARE(report.problems[0].line, 2);
        QVERIFY(report.problems[0].message.contains(QStringLiteral("key")));
        QCOMPARE(report.problems[1].kind, Kind::MissingCustomId);
        QCOMPARE(report.problems[1].line, 3);
    }

    void everyKindIsDescribed()
    {
        QSet<QString> words;
        for (int kind = int(Kind::Unreadable); kind <= int(Kind::TooLarge); ++kind)
            words.insert(Preflight::describe(Kind(kind)));
        QCOMPARE(words.size(), int(Kind::TooLarge) + 1);
        QVERIFY(!words.contains(QString()));
    }
};

QTEST_GUILESS_MAIN(TestPreflight)
#include "tst_preflight.moc"
