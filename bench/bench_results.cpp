// The results explorer's read of a batch at the normal upper end: 50,000 requests in about 200 MB of
// input, output and error files. Prints figures (lines starting with RESULT); asserts none.
#include "core/results/preflight.h"
#include "core/results/resultsreader.h"
#include "core/results/retrylines.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <numeric>

namespace {
constexpr int kRequests = 50'000;

void report(const char *what, double value, const char *unit)
{
    std::printf("RESULT %-52s %12.2f %s\n", what, value, unit);
}

// The peak resident size of this process so far (VmHWM), in MB.
double peakMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

QByteArray id(int n)
{
    return "request-" + QByteArray::number(n);
}

// Written line by line, so the generator's own memory does not hide the reader's peak.
struct Files
{
    ResultFiles paths;
    qint64 bytes = 0;
};

Files generate(const QTemporaryDir &dir)
{
    const QByteArray prompt(900, 'p');
    const QByteArray answer(3200, 'a');
    Files files;
    files.paths = {dir.filePath(QStringLiteral("input.jsonl")), dir.filePath(QStringLiteral("output.jsonl")),
                   dir.filePath(QStringLiteral("errors.jsonl"))};
    QFile input(files.paths.input), output(files.paths.output), errors(files.paths.errors);
    if (!input.open(QIODevice::WriteOnly) || !output.open(QIODevice::WriteOnly) ||
        !errors.open(QIODevice::WriteOnly))
        qFatal("cannot write the bench files");
    std::vector<int> order(kRequests);
    std::iota(order.begin(), order.end(), 0);
    QRandomGenerator random(13);
    std::shuffle(order.begin(), order.end(), random);
    for (int n = 0; n < kRequests; ++n)
        input.write(
            "{\"custom_id\":\"" + id(n) +
            "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"gpt-4o-mini\","
            "\"messages\":[{\"role\":\"user\",\"content\":\"" +
            prompt + "\"}]}}\n");
    // The output in another order: 85% ok, 8% a 429 inside the output, 5% in the error file, 2% not run.
    for (const int n : order) {
        const int kind = n % 100;
        if (kind < 85)
            output.write(
                "{\"id\":\"batch_req_" + QByteArray::number(n) + "\",\"custom_id\":\"" + id(n) +
                "\",\"response\":{\"status_code\":200,\"request_id\":\"req_" + QByteArray::number(n * 7919) +
                "\",\"body\":{\"id\":\"chatcmpl-x\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                "\"assistant\",\"content\":\"" +
                answer +
                "\"}}],\"usage\":{\"prompt_tokens\":230,\"completion_tokens\":800,\"total_tokens\":1030}}},"
                "\"error\":null}\n");
        else if (kind < 93)
            output.write(
                "{\"id\":\"batch_req_" + QByteArray::number(n) + "\",\"custom_id\":\"" + id(n) +
                "\",\"response\":{\"status_code\":429,\"request_id\":\"req_" + QByteArray::number(n) +
                "\",\"body\":{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini in organization "
                "org-x9Kq" +
                QByteArray::number(n * 31, 16) + " on tokens per min (TPM): Limit 200000, Used " +
                QByteArray::number(150000 + n) +
                "\",\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}},\"error\":null}"
                "\n");
        else if (kind < 98)
            errors.write(
                "{\"id\":\"batch_req_" + QByteArray::number(n) + "\",\"custom_id\":\"" + id(n) +
                "\",\"response\":null,\"error\":{\"code\":\"server_error\",\"message\":\"The server had an "
                "error processing request req_5f3a9c" +
                QByteArray::number(n * 104729, 16) + "\"}}\n");
    }
    files.bytes = input.size() + output.size() + errors.size();
    return files;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}
} // namespace

class BenchResults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Files m_files;

private Q_SLOTS:
    void initTestCase()
    {
        m_files = generate(m_dir);
        report("files (input + output + errors)", m_files.bytes / 1e6, "MB");
    }

    void readAndJoin()
    {
        const double before = peakMegabytes();
        std::vector<double> seconds;
        for (int run = 0; run < 7; ++run) {
            QElapsedTimer clock;
            clock.start();
            const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, m_files.paths);
            seconds.push_back(clock.nsecsElapsed() / 1e9);
            QVERIFY2(read.ok(), qPrintable(read.error));
            QCOMPARE(read.value.rows.size(), kRequests);
            QCOMPARE(read.value.ok, 42'500);
            QCOMPARE(read.value.failed, 6'500);
            QCOMPARE(read.value.notRun, 1'000);
            QCOMPARE(read.value.groups.size(), 2); // the ids, numbers and org ids masked away
            QVERIFY(read.value.warnings.isEmpty());
        }
        report("read + join 50,000 requests, median of 7", median(seconds), "s");
        report("read + join 50,000 requests, worst of 7", *std::max_element(seconds.begin(), seconds.end()),
               "s");
        report("read + join, throughput at the median", m_files.bytes / 1e6 / median(seconds), "MB/s");
        report("peak resident growth while reading", peakMegabytes() - before, "MB");
    }

    void preflightOfTheInput()
    {
        std::vector<double> seconds;
        for (int run = 0; run < 5; ++run) {
            QElapsedTimer clock;
            clock.start();
            const PreflightReport check = Preflight::check(m_files.paths.input, Provider::OpenAI);
            seconds.push_back(clock.nsecsElapsed() / 1e9);
            QVERIFY(check.ok());
            QCOMPARE(check.lines, kRequests);
        }
        report("pre-flight of the 50,000-line input, median of 5", median(seconds), "s");
        report("pre-flight, worst of 5", *std::max_element(seconds.begin(), seconds.end()), "s");
    }

    void retryLinesOfTheFailures()
    {
        const Parsed<ResultSet> read = ResultsReader::read(Provider::OpenAI, m_files.paths);
        QVERIFY(read.ok());
        std::vector<double> seconds;
        for (int run = 0; run < 5; ++run) {
            QBuffer out;
            out.open(QIODevice::WriteOnly);
            QString error;
            QElapsedTimer clock;
            clock.start();
            const auto written = RetryLines::write(read.value, {}, &out, &error);
            seconds.push_back(clock.nsecsElapsed() / 1e9);
            QVERIFY2(written, qPrintable(error));
            QCOMPARE(written->lines, 7'500);
        }
        report("retry lines of 7,500 failed + not run, median of 5", median(seconds), "s");
    }
};

QTEST_GUILESS_MAIN(BenchResults)
#include "bench_results.moc"
