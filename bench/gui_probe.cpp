// The dashboard as a user starts it, measured from inside (run by bench/gui-probe.sh, offscreen):
//   gui_probe seed N [--accounts K] --now T
//                         writes the simulator's account of N batches (K accounts of N/K, seeds 1..K, clock
//                         at T) straight into the cache files the window opens, marked complete
//   gui_probe warm [--accounts K] [--filter TEXT] [--paint-only]
//                         start to the first painted row on that warm cache; the longest event-loop gaps
//                         while the rest of the cache and the first refresh come in; heap per batch; a
//                         refresh; TEXT typed into the search box one key at a time; a click on each header
//   gui_probe load N      Load all of N batches from the server (empty cache), with the longest gap
//   gui_probe results ID  the Results window of batch ID, downloaded and then from the results cache
// Accounts come from OPENAI_BASE_URL / OPENAI_API_KEY (several: PROBE_BASE_URLS), the cache from
// XDG_CACHE_HOME. Prints RESULT lines; asserts nothing about time.
#include "probe_results.h"
#include "probe_seed.h"
#include "probe_support.h"
#include "probe_window.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Batchwatch"));
    QCoreApplication::setApplicationName(QStringLiteral("batchwatch"));
    const QByteArray mode = argc > 1 ? QByteArray(argv[1]) : QByteArray();
    const int accounts = Probe::intOption(argc, argv, "--accounts", 1);
    if (mode == "seed" && argc > 2)
        return seedCaches(QByteArray(argv[2]).toInt(), accounts,
                          Probe::option(argc, argv, "--now").toLongLong());
    if (mode == "warm")
        return warmStart(accounts, Probe::option(argc, argv, "--filter"),
                         QCoreApplication::arguments().contains(QStringLiteral("--paint-only")));
    if (mode == "load" && argc > 2)
        return loadAll(QByteArray(argv[2]).toInt());
    if (mode == "results" && argc > 2)
        return openResults(QString::fromUtf8(argv[2]));
    std::fprintf(stderr, "usage: gui_probe seed N [--accounts K] --now T | warm [--accounts K] [--filter "
                         "TEXT] [--paint-only] | "
                         "load N | results ID\n");
    return 2;
}
