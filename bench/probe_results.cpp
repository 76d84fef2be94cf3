// gui_probe results ID: the Results window of one large batch, opened as a user opens it (select the row,
// File > Results), twice: first with the download, then from the results cache. Times each open to the
// table painted with its error groups, the longest event-loop gap meanwhile and the memory the window adds.
#include "probe_results.h"

#include "probe_support.h"

#include "app/mainwindow.h"
#include "app/results/errorgroupslist.h"
#include "app/results/resultswindow.h"
#include "app/widgets/batchtableview.h"
#include "models/batchtablemodel.h"

#include <QAbstractItemModel>
#include <QDirIterator>
#include <QFileInfo>
#include <QTableView>

#include <cstdio>

namespace {
qint64 bytesUnder(const QString &dir)
{
    qint64 bytes = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        bytes += QFileInfo(it.next()).size();
    return bytes;
}

bool openOnce(MainWindow &window, const char *label)
{
    const size_t heapBefore = Probe::heapInUse();
    Probe::StallMeter meter;
    meter.start();
    ResultsWindow *results = window.openResults();
    if (!results) {
        std::fprintf(stderr, "gui_probe: the Results window did not open\n");
        return false;
    }
    Probe::PaintWatch paints(results->table()->viewport(), results->table()->model());
    const bool shown = Probe::runUntil(
        [&] {
            return results->openMs() >= 0 && results->groupsList()->count() > 0 && paints.firstRowsMs() >= 0;
        },
        300'000);
    meter.stop();
    if (!shown) {
        std::fprintf(stderr, "gui_probe: the results were not shown: %s\n",
                     qPrintable(results->bannerText()));
        return false;
    }
    const size_t heapAfter = Probe::heapInUse();
    const qint64 files = bytesUnder(results->cacheDir());
    const QByteArray what(label);
    std::printf("%s: %d requests, %d error groups, files %.1f MB (%s)\n", label,
                results->table()->model()->rowCount(), results->groupsList()->count(), double(files) / 1e6,
                qPrintable(results->statusText()));
    Probe::report(what + ": download", double(results->downloadMs()), "ms");
    Probe::report(what + ": open to table painted with groups", double(results->openMs()), "ms");
    Probe::report(what + ": memory added", double(heapAfter - std::min(heapBefore, heapAfter)) / 1e6, "MB");
    Probe::report(what + ": memory added / files",
                  double(heapAfter - std::min(heapBefore, heapAfter)) / double(std::max<qint64>(1, files)),
                  "x");
    meter.print(label);
    results->close();
    delete results;
    return true;
}
} // namespace

int openResults(const QString &id)
{
    MainWindow window;
    window.resize(1400, 900);
    window.setRefreshInterval(600, false);
    window.connectTo(ApiConfig::fromEnvironment(), false);
    window.show();
    if (!Probe::runUntil([&] { return window.model()->rowOf(id) >= 0; }, 120'000)) {
        std::fprintf(stderr, "gui_probe: batch %s never came\n", qPrintable(id));
        return 1;
    }
    window.selectBatch(id);
    if (!openOnce(window, "results, downloaded") || !openOnce(window, "results, from the results cache"))
        return 1;
    return 0;
}
