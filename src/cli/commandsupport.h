#pragma once

#include "cli/connectionoptions.h"
#include "core/api/apiconfig.h"
#include "core/api/apierror.h"

#include <QCommandLineOption>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

// What the headless commands share beyond their options: messages on stderr, progress for a terminal, the
// account's connection, the exit status an API error means, and waiting within --deadline.
namespace CommandSupport {
// "batchwatch: MESSAGE" on stderr. The server's text in it (error messages, names, custom_ids) is escaped,
// so it cannot set the window title or clear the screen.
void printError(const QString &message);
void printWarning(const QString &message); // "batchwatch: warning: MESSAGE"
// A line on stderr as it stands (escaped the same way), for reports with a layout of their own.
void printLine(const QString &line);

// "40,000": counts in messages, the same in every locale.
QString count(qint64 n);

// --query Q, the window's search language, as export, list and cost take it; and what a query that does not
// parse is told ("--query, character 10: unknown field ..."; empty when it parses).
QCommandLineOption queryOption();
QString queryMistake(const QString &text, qint64 now);

// 3 for HTTP 401/403, 2 for a key refused before sending (plain HTTP) or a request that makes no sense,
// else 4.
int exitCodeFor(const ApiError &error);

// The account a command talks to: the provider's variables, or --account's saved account; the limits of
// ConnectionOptions applied.
struct Connection
{
    ApiConfig config;
    QString accountName;
    // The name of the account's batch cache (Account::cacheName()): ResultsFetch::cacheDirFor() takes it.
    QString cacheName;
};
// nullopt (after printing why) when --account names no usable account: the exit status is then 2.
[[nodiscard]] std::optional<Connection> connect(const ConnectionOptions &options);

// One line of progress, rewritten in place, for a person watching a terminal; a script reading stderr gets
// nothing from it.
class StatusLine
{
public:
    StatusLine();
    ~StatusLine() { end(); }
    bool enabled() const { return m_enabled; }
    void show(const QString &text);
    // Ends the line so that what follows starts on a fresh one.
    void end();

private:
    bool m_enabled;
    bool m_shown = false;
};

// The whole run's --deadline, counted from the start of the command.
class RunClock
{
public:
    explicit RunClock(int deadlineSeconds)
        : m_deadlineSeconds(deadlineSeconds)
    {
        m_elapsed.start();
    }
    int deadlineSeconds() const { return m_deadlineSeconds; }
    bool passed() const
    {
        return m_deadlineSeconds > 0 && m_elapsed.elapsed() >= qint64(m_deadlineSeconds) * 1000;
    }

    // Runs the event loop until `signal` of `sender` fires with done() true, or the deadline passes; returns
    // done().
    template <typename Sender, typename Signal>
    [[nodiscard]] bool waitFor(Sender *sender, Signal signal, const std::function<bool()> &done) const
    {
        if (done())
            return true;
        QEventLoop loop;
        QObject::connect(sender, signal, &loop, [&] {
            if (done())
                loop.quit();
        });
        QTimer limit;
        limit.setSingleShot(true);
        if (m_deadlineSeconds > 0) {
            QObject::connect(&limit, &QTimer::timeout, &loop, &QEventLoop::quit);
            limit.start(int(std::max<qint64>(0, qint64(m_deadlineSeconds) * 1000 - m_elapsed.elapsed())));
        }
        loop.exec();
        return done();
    }
    // The message for a run stopped by its deadline, `what` saying where it stopped.
    QString stoppedMessage(const QString &what) const;

private:
    int m_deadlineSeconds;
    QElapsedTimer m_elapsed;
};
} // namespace CommandSupport
