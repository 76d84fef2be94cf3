// gui_probe seed: writes the simulator's account straight into the cache file the window opens, so a probe
// starts on a warm cache of a million batches without walking 10,000 pages over HTTP first.
#include "probe_seed.h"

#include "probe_support.h"

#include "core/cache/batchcache.h"
#include "core/json/batchparser.h"
#include "core/session/accountsession.h"
#include "sim/simaccount.h"

#include <QElapsedTimer>
#include <QFile>
#include <QUrlQuery>

#include <cstdio>

namespace {
// One account's pages as `batchwatch-sim --seed S --now T --speed 0` serves them, parsed and written in
// server order through the cache's walk API, then marked complete.
bool seedOne(const SessionSpec &spec, int batches, quint64 seed, qint64 now)
{
    SimAccount::Options options;
    options.batches = batches;
    options.seed = seed;
    options.speed = 0;
    options.startTime = now;
    const SimAccount account(options);

    QFile::remove(spec.cachePath);
    BatchCache cache;
    QString error;
    if (!cache.open(spec.cachePath, spec.config.provider, &error)) {
        std::fprintf(stderr, "gui_probe: cannot open %s: %s\n", qPrintable(spec.cachePath),
                     qPrintable(error));
        return false;
    }
    const qint64 first = cache.beginWalk();
    qint64 rank = first;
    QString after;
    int pages = 0;
    for (;;) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
        if (!after.isEmpty())
            query.addQueryItem(QStringLiteral("after"), after);
        Parsed<BatchPage> page = BatchParser::parseListPage(account.listBatches(query).body);
        if (!page.ok()) {
            std::fprintf(stderr, "gui_probe: a page did not parse: %s\n", qPrintable(page.error));
            return false;
        }
        // Few large transactions, as a walk writes them.
        const bool last = !page.value.hasMore || page.value.data.empty();
        if (!cache.writeWalkPage(page.value.data, rank, &error, last || ++pages % 100 == 0)) {
            std::fprintf(stderr, "gui_probe: writing the cache failed: %s\n", qPrintable(error));
            return false;
        }
        rank += qint64(page.value.data.size());
        if (last)
            break;
        after = page.value.data.back().id;
    }
    if (!cache.finishWalk(rank, &error)) {
        std::fprintf(stderr, "gui_probe: finishing the walk failed: %s\n", qPrintable(error));
        return false;
    }
    return cache.count() == batches && cache.isComplete();
}
} // namespace

int seedCaches(int batches, int accounts, qint64 now)
{
    const QList<SessionSpec> specs = Probe::accountSpecs(accounts);
    if (specs.size() != accounts)
        return 2;
    const int each = batches / accounts;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < accounts; ++i) {
        std::printf("seeding %s: %d batches (seed %d) into %s\n",
                    qPrintable(specs[i].config.baseUrl.toString()), each, i + 1,
                    qPrintable(specs[i].cachePath));
        std::fflush(stdout);
        if (!seedOne(specs[i], each, quint64(i + 1), now))
            return 1;
    }
    Probe::report("seed: wall time", double(clock.elapsed()) / 1e3, "s");
    return 0;
}
