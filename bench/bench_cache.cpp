// The cache at scale: fills a temporary cache with the simulator's account (default 1,000,000 batches, or the
// first argument) the way a cold walk writes it, then times what the warm paths read: the plan rows
// (BatchCache::loadPlan, with and without the JSON check), a first chunk (loadChunk), the whole account
// streamed in chunks (BatchCache::stream, as a warm export), and the sums `batchwatch cost` asks SQL for.
// Prints RESULT lines: median and worst of several runs. Asserts nothing.
#include "core/cache/batchcache.h"
#include "core/json/batchparser.h"
#include "sim/simaccount.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace {
constexpr int kRuns = 5;

void report(const char *what, double value, const char *unit)
{
    std::printf("RESULT %-52s %12.2f %s\n", what, value, unit);
    std::fflush(stdout);
}

// Runs `step` kRuns times; reports the median and the worst in milliseconds.
void timed(const char *what, const std::function<void()> &step)
{
    std::vector<double> ms;
    for (int run = 0; run < kRuns; ++run) {
        QElapsedTimer clock;
        clock.start();
        step();
        ms.push_back(clock.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    report(qPrintable(QStringLiteral("%1, median").arg(QLatin1String(what))), ms[ms.size() / 2], "ms");
    report(qPrintable(QStringLiteral("%1, worst").arg(QLatin1String(what))), ms.back(), "ms");
}

bool fill(BatchCache *cache, int count)
{
    SimAccount::Options options;
    options.batches = count;
    options.speed = 0;
    options.startTime = 1'790'000'000;
    const SimAccount account(options);
    qint64 rank = cache->beginWalk();
    qint64 uncommitted = 0;
    QString after, error;
    for (;;) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
        if (!after.isEmpty())
            query.addQueryItem(QStringLiteral("after"), after);
        Parsed<BatchPage> page = BatchParser::parseListPage(account.listBatches(query).body);
        if (!page.ok() || page.value.data.empty())
            break;
        uncommitted += qint64(page.value.data.size());
        const bool commit = uncommitted >= 5000;
        if (!cache->writeWalkPage(page.value.data, rank, &error, commit)) {
            std::fprintf(stderr, "writing the cache failed: %s\n", qPrintable(error));
            return false;
        }
        uncommitted = commit ? 0 : uncommitted;
        rank += qint64(page.value.data.size());
        after = page.value.data.back().id;
        if (!page.value.hasMore)
            break;
    }
    return cache->finishWalk(rank, &error);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 1'000'000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.sqlite"));
    BatchCache cache;
    QString error;
    if (!cache.open(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QElapsedTimer clock;
    clock.start();
    if (!fill(&cache, count))
        return 1;
    report("cache filled (walk pages, batches)", double(cache.count()), "batches");
    report("filling the cache (parse + write)", clock.elapsed() / 1e3, "s");

    size_t rows = 0;
    timed("loadPlan (columns, no JSON)", [&] {
        BatchCache::ReadStatus status = BatchCache::ReadStatus::Failed;
        rows = cache.loadPlan(nullptr, &status).size();
        Q_ASSERT(status == BatchCache::ReadStatus::Ok);
    });
    report("loadPlan rows", double(rows), "rows");
    timed("loadPlan with the JSON check",
          [&] { rows = cache.loadPlan(nullptr, nullptr, nullptr, true).size(); });
    timed("loadChunk, first 1,000 (parsed)", [&] {
        qint64 last = 0;
        rows = cache.loadChunk(std::numeric_limits<qint64>::min(), 1000, &last).size();
    });
    timed("stream everything in chunks of 250 (parsed)", [&] {
        rows = 0;
        QString why;
        (void)cache.stream(
            250,
            [&](std::vector<Batch> &&chunk) {
                rows += chunk.size();
                return true;
            },
            &why);
    });
    report("streamed rows", double(rows), "rows");
    {
        // What `batchwatch cost --by day` can ask SQL for: the covering index on created_at answers it.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("sums"));
        db.setDatabaseName(path);
        db.open();
        timed("SQL sums by day and model (GROUP BY, all rows)", [&] {
            QSqlQuery query(db);
            query.exec(QStringLiteral(
                "SELECT created_at / 86400 AS day, model, COUNT(*), SUM(input_tokens), SUM(cached_tokens), "
                "SUM(output_tokens) FROM batches GROUP BY day, model"));
            rows = 0;
            while (query.next())
                ++rows;
        });
        report("SQL sums, groups", double(rows), "groups");
    }
    QSqlDatabase::removeDatabase(QStringLiteral("sums"));
    return 0;
}
