#pragma once
// What every mode of gui_probe measures with: RESULT lines, the process's age, the heap, the event loop's
// gaps and the first paint of a view that shows rows.
#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <vector>

class QAbstractItemModel;
class QWidget;
struct SessionSpec;

namespace Probe {
void report(const QByteArray &what, double value, const char *unit);
// Milliseconds since the kernel started this process.
double msSinceProcessStart();
// Bytes malloc holds for the program (after giving back what it can).
size_t heapInUse();
// The value after `--name` in argv (empty: absent).
QByteArray option(int argc, char *argv[], const char *name);
int intOption(int argc, char *argv[], const char *name, int fallback);
// Runs the event loop until `done` or `timeoutMs` passed; false on the timeout.
bool runUntil(const std::function<bool()> &done, int timeoutMs);

// The probe's accounts: one (the window's connectTo() from OPENAI_BASE_URL / OPENAI_API_KEY) or, for the All
// accounts view, `accounts` named "account-1".. on the base URLs in PROBE_BASE_URLS (space-separated, one
// simulator each); each with its default cache file, no automatic refresh.
QList<SessionSpec> accountSpecs(int accounts);

// Records the gaps between the ticks of a 1 ms timer: each is the time the event loop was busy elsewhere.
class StallMeter : public QObject
{
public:
    StallMeter();
    void start();
    void stop();
    double longest() const;
    double quantile(double q) const;
    long over(double ms) const;
    // Prints longest, 99th percentile and the count over 50 ms under `what`.
    void print(const char *what) const;

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<double> m_gaps;
};

// Counts the paints of a view's viewport (the table is updated on screen when the next one ends) and notes
// when the first one showing rows ended, from the process's start.
class PaintWatch : public QObject
{
public:
    PaintWatch(QWidget *viewport, const QAbstractItemModel *model);
    bool eventFilter(QObject *watched, QEvent *event) override;
    double firstRowsMs() const { return m_firstRowsMs; }
    int paintsEnded() const { return m_paintsEnded; }

private:
    const QAbstractItemModel *m_model;
    double m_firstRowsMs = -1;
    int m_paintsEnded = 0;
};
} // namespace Probe
