#include "probe_support.h"

#include "core/api/apiconfig.h"
#include "core/cache/batchcache.h"
#include "core/session/accountsession.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QWidget>

#include <malloc.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace Probe {

void report(const QByteArray &what, double value, const char *unit)
{
    std::printf("RESULT %-60s %12.2f %s\n", what.constData(), value, unit);
    std::fflush(stdout);
}

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
    const double nowMs = double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
    return nowMs - startTicks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

size_t heapInUse()
{
    malloc_trim(0);
    return mallinfo2().uordblks;
}

QByteArray option(int argc, char *argv[], const char *name)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0)
            return QByteArray(argv[i + 1]);
    }
    return {};
}

int intOption(int argc, char *argv[], const char *name, int fallback)
{
    bool ok = false;
    const int value = option(argc, argv, name).toInt(&ok);
    return ok ? value : fallback;
}

bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

QList<SessionSpec> accountSpecs(int accounts)
{
    const ApiConfig base = ApiConfig::fromEnvironment();
    if (accounts <= 1) {
        SessionSpec spec;
        spec.config = base;
        spec.cachePath = BatchCache::defaultPath(base);
        return {spec};
    }
    const QList<QByteArray> urls = qgetenv("PROBE_BASE_URLS").simplified().split(' ');
    QList<SessionSpec> specs;
    for (int i = 0; i < accounts; ++i) {
        SessionSpec spec;
        spec.name = QStringLiteral("account-%1").arg(i + 1);
        spec.config = base;
        if (i < urls.size() && !urls[i].isEmpty())
            spec.config.baseUrl = QUrl(QString::fromUtf8(urls[i]));
        spec.cachePath = BatchCache::defaultPath(spec.config);
        spec.refreshSeconds = AccountSession::kMaxIntervalSeconds;
        spec.autoRefresh = false;
        specs << spec;
    }
    return specs;
}

StallMeter::StallMeter()
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        m_gaps.push_back(double(now - m_last) / 1e6);
        m_last = now;
    });
}

void StallMeter::start()
{
    m_gaps.clear();
    m_clock.start();
    m_last = 0;
    m_timer.start();
}

void StallMeter::stop()
{
    m_timer.stop();
    // The gap still open counts too (the event loop may be busy right up to now).
    m_gaps.push_back(double(m_clock.nsecsElapsed() - m_last) / 1e6);
    std::sort(m_gaps.begin(), m_gaps.end());
}

double StallMeter::longest() const
{
    return m_gaps.empty() ? 0 : m_gaps.back();
}

double StallMeter::quantile(double q) const
{
    return m_gaps.empty() ? 0.0 : m_gaps[size_t(q * double(m_gaps.size() - 1))];
}

long StallMeter::over(double ms) const
{
    return long(std::count_if(m_gaps.begin(), m_gaps.end(), [ms](double g) { return g > ms; }));
}

void StallMeter::print(const char *what) const
{
    const QByteArray prefix(what);
    report(prefix + ": longest event-loop gap", longest(), "ms");
    report(prefix + ": 99th percentile gap", quantile(0.99), "ms");
    report(prefix + ": gaps over 50 ms", double(over(50)), "count");
}

PaintWatch::PaintWatch(QWidget *viewport, const QAbstractItemModel *model)
    : m_model(model)
{
    viewport->installEventFilter(this);
}

bool PaintWatch::eventFilter(QObject *, QEvent *event)
{
    if (event->type() == QEvent::Paint) {
        const bool rows = m_model->rowCount() > 0;
        // Counted once this paint has ended.
        QTimer::singleShot(0, this, [this, rows] {
            ++m_paintsEnded;
            if (rows && m_firstRowsMs < 0)
                m_firstRowsMs = msSinceProcessStart();
        });
    }
    return false;
}

} // namespace Probe
