#pragma once

#include "core/results/preflight.h"

#include <QObject>

#include <atomic>
#include <memory>

class QThread;

// Preflight::check in a worker thread, with progress and cancel: a 200 MB file never stalls the window.
// Deleting the job cancels the check and waits for the thread, which stops at its next progress call.
class PreflightJob : public QObject
{
    Q_OBJECT

public:
    PreflightJob(const QString &path, Provider provider, QObject *parent = nullptr);
    ~PreflightJob() override;

    void start();
    void cancel();
    bool isFinished() const { return m_finished; }
    const PreflightReport &report() const { return m_report; }
    const QString &path() const { return m_path; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished();

private:
    QString m_path;
    Provider m_provider;
    std::shared_ptr<std::atomic_bool> m_cancelled = std::make_shared<std::atomic_bool>(false);
    QThread *m_thread = nullptr;
    PreflightReport m_report;
    bool m_finished = false;
};
