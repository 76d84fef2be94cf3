// gui_probe's measures of the main window: a warm start on a large cache (first paint, the rest of the cache
// and the first refresh, memory, a refresh, filter keystrokes, a sort by each column) and Load all.
#include "probe_window.h"

#include "probe_support.h"

#include "app/mainwindow.h"
#include "app/widgets/batchtableview.h"
#include "app/widgets/filterbar.h"
#include "core/session/accountsession.h"
#include "core/session/sessionset.h"
#include "models/batchtablemodel.h"

#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QTest>

#include <algorithm>
#include <cstdio>

namespace {
constexpr int kLongWaitMs = 900'000;

bool anySession(const MainWindow &window, bool (AccountSession::*busy)() const)
{
    const QList<AccountSession *> sessions = window.sessions()->sessions();
    return std::any_of(sessions.begin(), sessions.end(),
                       [busy](const AccountSession *s) { return (s->*busy)(); });
}

void startWindow(MainWindow &window, int accounts)
{
    window.resize(1400, 900);
    window.setRefreshInterval(AccountSession::kMaxIntervalSeconds, false); // refreshes only when told
    if (accounts <= 1)
        window.connectTo(ApiConfig::fromEnvironment(), false);
    else
        window.watchAccounts(Probe::accountSpecs(accounts));
    window.show();
}

// Waits for the paint that follows an update; returns the ms from `since` to its end.
double untilPainted(const Probe::PaintWatch &paints, int paintsBefore, const QElapsedTimer &since)
{
    Probe::runUntil([&] { return paints.paintsEnded() > paintsBefore; }, 60'000);
    return double(since.nsecsElapsed()) / 1e6;
}

void filterKeystrokes(MainWindow &window, const Probe::PaintWatch &paints, const QByteArray &text)
{
    QLineEdit *field = window.filterBar()->searchField();
    field->setFocus();
    QElapsedTimer debounced;
    QObject::connect(window.filterBar(), &FilterBar::searchChanged, field, [&] { debounced.start(); });
    Probe::StallMeter meter;
    meter.start();
    const auto step = [&](const QByteArray &label, const std::function<void()> &type) {
        debounced.invalidate();
        type();
        // From the debounce's end (the filter's start) to the end of the paint that shows the result.
        Probe::runUntil([&] { return debounced.isValid(); }, 10'000);
        const int before = paints.paintsEnded();
        const double ms = untilPainted(paints, before, debounced);
        std::printf("  %-10s %7d rows shown\n", label.constData(), window.table()->model()->rowCount());
        Probe::report("filter keystroke \"" + label + "\" to painted", ms, "ms");
    };
    for (int i = 0; i < text.size(); ++i)
        step(text.left(i + 1), [&] { QTest::keyClick(field, text.at(i)); });
    step("(cleared)", [&] {
        QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(field, Qt::Key_Delete);
    });
    meter.stop();
    meter.print("filtering");
}

void sortEachColumn(MainWindow &window, const Probe::PaintWatch &paints)
{
    QHeaderView *header = window.table()->horizontalHeader();
    Probe::StallMeter meter;
    meter.start();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        if (header->isSectionHidden(column) || header->sectionSize(column) <= 0)
            continue;
        const QString name =
            window.table()->model()->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        const int before = paints.paintsEnded();
        QElapsedTimer clock;
        clock.start();
        const QPoint middle(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                            header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier, middle);
        const double ms = untilPainted(paints, before, clock);
        Probe::report(QByteArray("sort by \"") + name.toUtf8() + "\" click to painted", ms, "ms");
    }
    meter.stop();
    meter.print("sorting");
}
} // namespace

int warmStart(int accounts, const QByteArray &filterText, bool paintOnly)
{
    const size_t heapBefore = Probe::heapInUse();
    MainWindow window;
    Probe::PaintWatch paints(window.table()->viewport(), window.table()->model());
    startWindow(window, accounts);
    if (!Probe::runUntil([&] { return paints.firstRowsMs() >= 0; }, 120'000)) {
        std::fprintf(stderr, "gui_probe: no row was painted\n");
        return 1;
    }
    const int firstRows = window.model()->rowCount();
    if (paintOnly) {
        std::printf("rows %d at the first paint\n", firstRows);
        Probe::report("start to first painted row (warm cache)", paints.firstRowsMs(), "ms");
        return 0;
    }
    // The rest of the cache comes in chunks between events, beside the first refresh. Each arrival's insert
    // (the model's rows, the proxy's mapping and sort) is timed from the model's rowsAboutToBeInserted to its
    // rowsInserted reaching the probe, which connected last.
    QElapsedTimer insert;
    double longestInsert = 0;
    int longestInsertRows = 0, inserts = 0;
    QObject::connect(window.model(), &QAbstractItemModel::rowsAboutToBeInserted, &window,
                     [&] { insert.start(); });
    QObject::connect(window.model(), &QAbstractItemModel::rowsInserted, &window, [&] {
        ++inserts;
        const double ms = double(insert.nsecsElapsed()) / 1e6;
        if (ms > longestInsert) {
            longestInsert = ms;
            longestInsertRows = window.model()->rowCount();
        }
    });
    Probe::StallMeter loading;
    loading.start();
    QElapsedTimer clock;
    clock.start();
    Probe::runUntil([&] { return !anySession(window, &AccountSession::isLoadingCache); }, kLongWaitMs);
    const double cacheSeconds = double(clock.elapsed()) / 1e3;
    Probe::runUntil([&] { return !anySession(window, &AccountSession::isRefreshing); }, kLongWaitMs);
    loading.stop();
    const int rows = window.model()->rowCount();
    std::printf("rows %d at the first paint, %d in all (%lld sessions)\n", firstRows, rows,
                qlonglong(window.sessions()->sessions().size()));
    Probe::report("start to first painted row (warm cache)", paints.firstRowsMs(), "ms");
    Probe::report("rest of the cache read, after the first paint", cacheSeconds, "s");
    loading.print("cache load and first refresh");
    std::printf("%d inserts; the longest at %d rows\n", inserts, longestInsertRows);
    Probe::report("cache load: longest insert into the model and proxy", longestInsert, "ms");

    // Memory once every row is in and the view has settled.
    Probe::runUntil([&] { return clock.elapsed() > cacheSeconds * 1e3 + 300; }, 5'000);
    const size_t heapAfter = Probe::heapInUse();
    Probe::report("heap held per batch (whole window)",
                  double(heapAfter - std::min(heapBefore, heapAfter)) / std::max(1, rows), "bytes");

    Probe::StallMeter refreshing;
    refreshing.start();
    clock.restart();
    for (AccountSession *s : window.sessions()->sessions())
        s->refreshNow();
    Probe::runUntil([&] { return !anySession(window, &AccountSession::isRefreshing); }, kLongWaitMs);
    Probe::report("refresh: wall time", double(clock.elapsed()), "ms");
    refreshing.stop();
    refreshing.print("refresh");

    if (!filterText.isEmpty())
        filterKeystrokes(window, paints, filterText);
    sortEachColumn(window, paints);
    return rows > 0 ? 0 : 1;
}

int loadAll(int expected)
{
    MainWindow window;
    startWindow(window, 1);
    BatchTableModel *model = window.model();
    Probe::StallMeter meter;
    QElapsedTimer clock;
    const size_t heapBefore = Probe::heapInUse();
    bool done = false;
    QObject::connect(model, &BatchTableModel::fetchingChanged, &window, [&](bool fetching) {
        if (!fetching && !model->hasMore())
            done = true;
    });
    clock.start();
    meter.start();
    window.session()->loadAll();
    Probe::runUntil([&] { return done; }, 3'600'000);
    meter.stop();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    // Let the view settle on the last rows before measuring memory.
    Probe::runUntil([&] { return clock.elapsed() > seconds * 1e3 + 200; }, 5'000);
    const size_t heapAfter = Probe::heapInUse();
    std::printf("rows %d of %d expected\n", model->rowCount(), expected);
    Probe::report("load all: wall time", seconds, "s");
    meter.print("load all");
    Probe::report("heap held per batch (model, proxy, view, cache)",
                  double(heapAfter - std::min(heapBefore, heapAfter)) / std::max(1, model->rowCount()),
                  "bytes");
    return model->rowCount() == expected ? 0 : 1;
}
