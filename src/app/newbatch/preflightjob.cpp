#include "app/newbatch/preflightjob.h"

#include <QThread>

PreflightJob::PreflightJob(const QString &path, Provider provider, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_provider(provider)
{
}

PreflightJob::~PreflightJob()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void PreflightJob::start()
{
    Q_ASSERT(!m_thread);
    const QString path = m_path;
    const Provider provider = m_provider;
    const auto cancelled = m_cancelled;
    m_thread = QThread::create([this, path, provider, cancelled] {
        // Progress at most every 1% of the file: the event loop is not flooded.
        qint64 lastStep = -1;
        PreflightReport report = Preflight::check(path, provider, [&](qint64 done, qint64 total) {
            const qint64 step = total > 0 ? done * 100 / total : 0;
            if (step != lastStep) {
                lastStep = step;
                QMetaObject::invokeMethod(
                    this, [this, done, total] { Q_EMIT progress(done, total); }, Qt::QueuedConnection);
            }
            return !cancelled->load();
        });
        // The job outlives the thread (its destructor waits), so `this` is valid for the queued call.
        QMetaObject::invokeMethod(
            this,
            [this, report = std::move(report)]() mutable {
                m_report = std::move(report);
                m_finished = true;
                Q_EMIT finished();
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
}

void PreflightJob::cancel()
{
    m_cancelled->store(true);
}
