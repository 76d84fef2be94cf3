// The dashboard as a user starts it, measured from inside (run by bench/gui-probe.sh, offscreen):
//   gui_probe load N         loads every batch of the account (Load all) while a 1 ms timer records the
//                            longest gap in the event loop; prints the gaps, the time and the memory per
//                            batch.
//   gui_probe first-paint    time from the process's start to the first painted table row (warm cache).
// The account comes from OPENAI_BASE_URL / OPENAI_API_KEY; the cache from XDG_CACHE_HOME. Prints RESULT
// lines; asserts nothing about time.
#include "app/mainwindow.h"
#include "app/widgets/batchtableview.h"
#include "core/api/apiconfig.h"
#include "core/session/accountsession.h"
#include "models/batchtablemodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <malloc.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

void report(const char *what, double value, const char *unit)
{
    std::printf("RESULT %-52s %12.2f %s\n", what, value, unit);
    std::fflush(stdout);
}

// Milliseconds since the kernel started this process (field 22 of /proc/self/stat, in clock ticks).
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble(); // field 22 counted from 1, after pid and comm
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double nowMs = now.tv_sec * 1e3 + now.tv_nsec / 1e6;
    return nowMs - startTicks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

size_t heapInUse()
{
    malloc_trim(0);
    return mallinfo2().uordblks;
}

// Records the gaps between the ticks of a 1 ms timer: each is the time the event loop was busy elsewhere.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_gaps.push_back(double(now - m_last) / 1e6);
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    std::vector<double> gaps() const { return m_gaps; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<double> m_gaps;
};

class FirstRowPaint : public QObject
{
public:
    FirstRowPaint(QWidget *viewport, const QAbstractItemModel *model)
        : m_model(model)
    {
        viewport->installEventFilter(this);
    }
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_model->rowCount() > 0 && m_ms < 0)
            QTimer::singleShot(0, this, [this] { m_ms = msSinceProcessStart(); }); // after this paint ends
        return false;
    }
    double ms() const { return m_ms; }

private:
    const QAbstractItemModel *m_model;
    double m_ms = -1;
};

int loadAll(MainWindow &window, int expected)
{
    BatchTableModel *model = window.model();
    StallMeter meter;
    QElapsedTimer clock;
    const size_t heapBefore = heapInUse();
    bool done = false;
    QObject::connect(model, &BatchTableModel::fetchingChanged, &window, [&](bool fetching) {
        if (!fetching && !model->hasMore())
            done = true;
    });
    clock.start();
    meter.start();
    window.session()->loadAll();
    while (!done && clock.elapsed() < 600'000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    meter.stop();
    const double seconds = clock.nsecsElapsed() / 1e9;
    // Let the view settle on the last rows before measuring memory.
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 200)
        QCoreApplication::processEvents();
    const size_t heapAfter = heapInUse();

    std::vector<double> gaps = meter.gaps();
    std::sort(gaps.begin(), gaps.end());
    const auto quantile = [&gaps](double q) {
        return gaps.empty() ? 0.0 : gaps[size_t(q * (gaps.size() - 1))];
    };
    const long over50 = std::count_if(gaps.begin(), gaps.end(), [](double g) { return g > 50; });
    std::printf("rows %d of %d expected\n", model->rowCount(), expected);
    report("load all: wall time", seconds, "s");
    report("load all: longest event-loop gap", gaps.empty() ? 0 : gaps.back(), "ms");
    report("load all: 99th percentile gap", quantile(0.99), "ms");
    report("load all: gaps over 50 ms", double(over50), "");
    report("heap held per batch (model, proxy, view, cache)",
           double(heapAfter - std::min(heapBefore, heapAfter)) / std::max(1, model->rowCount()), "bytes");
    return model->rowCount() == expected ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Batchwatch"));
    QCoreApplication::setApplicationName(QStringLiteral("batchwatch"));
    const QByteArray mode = argc > 1 ? QByteArray(argv[1]) : QByteArray();
    if (mode != "load" && mode != "first-paint") {
        std::fprintf(stderr, "usage: gui_probe load N | first-paint\n");
        return 2;
    }

    MainWindow window;
    FirstRowPaint paint(window.table()->viewport(), window.table()->model());
    window.resize(1400, 900);
    window.setRefreshInterval(600, false); // the probe measures loading, not the refresher
    window.connectTo(ApiConfig::fromEnvironment(), false);
    window.show();
    if (mode == "load")
        return loadAll(window, argc > 2 ? QByteArray(argv[2]).toInt() : 0);

    QElapsedTimer clock;
    clock.start();
    while (paint.ms() < 0 && clock.elapsed() < 60'000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    // From the first paint on: the window is up, the rest of the cache and the first refresh come in.
    StallMeter meter;
    meter.start();
    const int firstRows = window.model()->rowCount();
    // The rest of the cache arrives in chunks between events: wait until the row count rests for 0.5 s.
    int rows = -1;
    QElapsedTimer resting;
    resting.start();
    while (resting.elapsed() < 500 && clock.elapsed() < 60'000) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        if (window.model()->rowCount() != rows) {
            rows = window.model()->rowCount();
            resting.restart();
        }
    }
    meter.stop();
    std::vector<double> gaps = meter.gaps();
    std::printf("rows %d at the first paint, %d in all\n", firstRows, rows);
    report("start to first painted row (warm cache)", paint.ms(), "ms");
    report("warm start: longest event-loop gap while the cache loads",
           gaps.empty() ? 0 : *std::max_element(gaps.begin(), gaps.end()), "ms");
    return paint.ms() < 0 ? 1 : 0;
}
