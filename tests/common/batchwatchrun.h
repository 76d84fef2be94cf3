#pragma once

// The real `batchwatch` binary as a user's shell runs it, for the command-line tests. Header-only: the test
// target defines BATCHWATCH_PATH. BATCHWATCH_UNDER_TEST, when set, names another binary to run instead (to
// watch a new test fail on an older build).
#include <QByteArray>
#include <QEventLoop>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

struct BatchwatchRun
{
    int exitCode = -1; // -1: did not finish in time; -2: crashed
    QByteArray out;
    QByteArray err;
};

// The environment of a run against `base` with `key`, and a cache folder of its own unless `cacheHome` is
// given (for tests that keep a cache warm).
inline QProcessEnvironment batchwatchEnvironment(const QUrl &base, const QString &key,
                                                 const QString &cacheHome)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPENAI_BASE_URL"), base.toString());
    env.insert(QStringLiteral("OPENAI_API_KEY"), key);
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome);
    return env;
}

// Waits in an event loop, so a server living in the test's own thread keeps answering.
inline BatchwatchRun runBatchwatchIn(const QProcessEnvironment &env, const QStringList &args,
                                     int timeoutMs = 120'000)
{
    QProcess process;
    process.setProcessEnvironment(env);
    const QString underTest = qEnvironmentVariable("BATCHWATCH_UNDER_TEST");
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, [&](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            loop.quit();
    });
    QTimer limit;
    limit.setSingleShot(true);
    QObject::connect(&limit, &QTimer::timeout, &loop, &QEventLoop::quit);
    process.start(underTest.isEmpty() ? QStringLiteral(BATCHWATCH_PATH) : underTest, args);
    limit.start(timeoutMs);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    BatchwatchRun run;
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(10'000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

inline BatchwatchRun runBatchwatch(const QStringList &args, const QUrl &base,
                                   const QString &key = QStringLiteral("sk-test-export-0001"),
                                   const QString &cacheHome = QString())
{
    QTemporaryDir freshCache;
    return runBatchwatchIn(
        batchwatchEnvironment(base, key, cacheHome.isEmpty() ? freshCache.path() : cacheHome), args);
}
