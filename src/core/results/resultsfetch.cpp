#include "core/results/resultsfetch.h"

#include "core/api/apiclient.h"
#include "core/api/downloadname.h"
#include "core/api/filedownload.h"
#include "core/results/preflight.h"
#include "core/results/resultsreader.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>
#include <QThread>

#include <atomic>

namespace {
enum class Slot { Input, Output, Errors };

constexpr QFileDevice::Permissions kPrivateDir =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
constexpr QFileDevice::Permissions kPrivateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Every prompt and every answer of a batch: for the user's eyes only (as the SQLite cache). Tightened on
// every use, so files an older version left readable are closed too.
bool makePrivate(const QString &dir)
{
    if (!QDir().mkpath(dir))
        return false;
    bool ok = QFile::setPermissions(dir, kPrivateDir);
    const QFileInfo parent(QFileInfo(dir).absolutePath());
    if (parent.fileName() == QLatin1String("results"))
        ok = QFile::setPermissions(parent.filePath(), kPrivateDir) && ok;
    for (const QFileInfo &file : QDir(dir).entryInfoList(QDir::Files | QDir::Hidden)) {
        if ((file.permissions() & ~(kPrivateFile | QFileDevice::ReadUser | QFileDevice::WriteUser)) != 0)
            QFile::setPermissions(file.filePath(), kPrivateFile);
    }
    return ok;
}

QString sizeText(qint64 bytes)
{
    return bytes < 0 ? QString() : QStringLiteral(", %1 MB").arg(double(bytes) / 1e6, 0, 'f', 1);
}

// The cache name of a file id: readable, one path segment, never hidden; ids that had to change carry a short
// hash of the id so two of them cannot meet.
QString cacheName(const QString &id)
{
    QString name;
    for (const QChar c : id)
        name += (c.isLetterOrNumber() && c.unicode() < 128) || c == u'-' || c == u'_' || c == u'.' ? c : u'_';
    name = name.left(100);
    if (name != id || name.startsWith(u'.'))
        name = QStringLiteral("x") + name + u'-' +
               QString::fromLatin1(
                   QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
    return name + QStringLiteral(".jsonl");
}
} // namespace

// One file of the batch to have on disk.
struct ResultsFetch::Job
{
    Slot slot = Slot::Output;
    QString what;   // "input file", "output file", "error file", "results"
    QString fileId; // empty: Anthropic's results (no file object)
    QString target;
};

struct ResultsFetch::Private
{
    ApiClient *client = nullptr;
    QString cacheDir;
    QVector<Job> jobs;
    int next = 0;
    QPointer<ApiCall> call;
    ResultFiles files;
    QStringList warnings; // files that are gone but not needed (an expired input file)
    std::shared_ptr<std::atomic_bool> cancelled = std::make_shared<std::atomic_bool>(false);
    QThread *worker = nullptr;
    bool started = false;
};

ResultsFetch::ResultsFetch(ApiClient *client, const Batch &batch, const QString &cacheDir, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
    , m_batch(batch)
{
    Q_ASSERT(client);
    d->client = client;
    d->cacheDir = cacheDir;
}

ResultsFetch::~ResultsFetch()
{
    *d->cancelled = true;
    if (d->call) {
        d->call->disconnect(this);
        d->call->abort();
        d->call->deleteLater();
    }
    if (d->worker) {
        d->worker->disconnect(this);
        d->worker->wait(); // the reader stops at its next progress call
        delete d->worker;
    }
}

QString ResultsFetch::cacheDirFor(const QString &accountCacheName)
{
    QString name = DownloadName::sanitized(accountCacheName);
    if (name.isEmpty())
        name = QStringLiteral("default");
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/results/") +
           name;
}

QString ResultsFetch::cachedFilePath(const QString &cacheDir, const QString &fileId)
{
    return QDir(cacheDir).filePath(cacheName(fileId));
}

void ResultsFetch::start()
{
    if (d->started || m_finished)
        return;
    d->started = true;
    const QString planError = plan();
    if (!planError.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, planError] { finish(ApiError::make(ApiError::InvalidRequest, planError)); },
            Qt::QueuedConnection);
        return;
    }
    if (!makePrivate(d->cacheDir)) {
        const QString why = QStringLiteral("cannot create the results cache %1").arg(d->cacheDir);
        QMetaObject::invokeMethod(
            this, [this, why] { finish(ApiError::make(ApiError::LocalIo, why)); }, Qt::QueuedConnection);
        return;
    }
    nextFile();
}

QString ResultsFetch::plan()
{
    const Provider provider = d->client->config().provider;
    const auto add = [this](Slot slot, const QString &what, const QString &fileId, const QString &name) {
        d->jobs.append({slot, what, fileId, QDir(d->cacheDir).filePath(name)});
    };
    if (provider == Provider::Anthropic) {
        // Anthropic keeps no input file: the rows come from its results alone.
        if (!m_batch.status.isTerminal())
            return QStringLiteral("the batch %1 has no results until it has ended").arg(m_batch.id);
        add(Slot::Output, QStringLiteral("results"), QString(),
            cacheName(m_batch.id + QStringLiteral("_results")));
        return {};
    }
    if (provider == Provider::Gemini) {
        if (m_batch.outputFileId.isEmpty()) {
            for (const auto &[key, value] : m_batch.providerDetails) {
                if (key == QLatin1String("inlinedResponses"))
                    return QStringLiteral("the batch %1 answered inline (%2 responses in the batch itself): "
                                          "reading inline results is not supported yet")
                        .arg(m_batch.id, value);
            }
        }
        // An input given inline has no file: the responses' keys are the rows.
        if (m_batch.inputFileId.startsWith(QLatin1String("files/")))
            add(Slot::Input, QStringLiteral("input file"), m_batch.inputFileId,
                cacheName(m_batch.inputFileId));
        if (!m_batch.outputFileId.isEmpty())
            add(Slot::Output, QStringLiteral("responses file"), m_batch.outputFileId,
                cacheName(m_batch.outputFileId));
    } else {
        if (!m_batch.inputFileId.isEmpty())
            add(Slot::Input, QStringLiteral("input file"), m_batch.inputFileId,
                cacheName(m_batch.inputFileId));
        // Partial output is normal: an expired or cancelled batch may have no output or no error file.
        if (!m_batch.outputFileId.isEmpty())
            add(Slot::Output, QStringLiteral("output file"), m_batch.outputFileId,
                cacheName(m_batch.outputFileId));
        if (!m_batch.errorFileId.isEmpty())
            add(Slot::Errors, QStringLiteral("error file"), m_batch.errorFileId,
                cacheName(m_batch.errorFileId));
    }
    if (d->jobs.isEmpty())
        return QStringLiteral("the batch %1 names no files to read (yet)").arg(m_batch.id);
    return {};
}

void ResultsFetch::nextFile()
{
    while (d->next < d->jobs.size()) {
        const Job &job = d->jobs.at(d->next);
        // Each file is downloaded once, and used as long as it agrees with its sidecar (the size it was
        // written at and declared to have). One cut short or damaged since, or without a sidecar, is
        // downloaded again (the new one replaces it in one rename).
        if (!FileDownload::isWhole(job.target))
            break;
        fileReady(job);
        ++d->next;
    }
    if (d->next == d->jobs.size()) {
        read();
        return;
    }
    const Job job = d->jobs.at(d->next);
    if (job.fileId.isEmpty()) { // Anthropic's results: no metadata to ask for
        download(job, -1);
        return;
    }
    // Metadata first: an expired file says so before anything is downloaded, and its size bounds the
    // download.
    FileInfoCall *info = d->client->retrieveFile(job.fileId);
    d->call = info;
    Q_EMIT progress(Phase::Downloading, 0, -1, job.what);
    connect(info, &ApiCall::finished, this, [this, info, job] {
        info->deleteLater();
        d->call = nullptr;
        if (info->error().isError()) {
            failFile(job, info->error());
            return;
        }
        const FileInfo &file = info->file();
        if (file.expiresAt && *file.expiresAt < QDateTime::currentSecsSinceEpoch()) {
            expire(job,
                   QStringLiteral("the %1 of batch %2 (%3) expired on %4: the provider no longer keeps it")
                       .arg(job.what, m_batch.id, job.fileId,
                            QDateTime::fromSecsSinceEpoch(*file.expiresAt, Qt::UTC)
                                .toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))));
            return;
        }
        download(job, file.bytes);
    });
}

void ResultsFetch::download(const Job &job, qint64 bytes)
{
    FileDownload *call =
        job.fileId.isEmpty()
            ? d->client->downloadResults(m_batch, job.target, bytes, FileDownloadMode::Resumable)
            : d->client->downloadFileContent(job.fileId, job.target, bytes, FileDownloadMode::Resumable);
    // No size declared: still bounded, by what results of this batch can hold, or what an input may hold.
    if (bytes < 0 && !job.fileId.isEmpty())
        call->setSizeLimit(job.slot == Slot::Input
                               ? FileDownload::limitFor(Preflight::kMaxBytes)
                               : FileDownload::capForUnknownSize(m_batch.requestCounts.present
                                                                     ? m_batch.requestCounts.total
                                                                     : qint64(-1)));
    d->call = call;
    const QString what = job.what + sizeText(bytes);
    connect(call, &ApiCall::progress, this, [this, call, what, bytes](qint64 received, qint64 total) {
        // A resumed download counts from where its part ended.
        const qint64 base = call->resumedFrom();
        Q_EMIT progress(Phase::Downloading, base + received,
                        bytes >= 0 ? bytes : (total >= 0 ? base + total : -1), what);
    });
    connect(call, &ApiCall::finished, this, [this, call, job] {
        call->deleteLater();
        d->call = nullptr;
        if (call->error().isError()) {
            failFile(job, call->error());
            return;
        }
        fileReady(job);
        ++d->next;
        nextFile();
    });
}

void ResultsFetch::fileReady(const Job &job)
{
    switch (job.slot) {
    case Slot::Input:
        d->files.input = job.target;
        break;
    case Slot::Output:
        d->files.output = job.target;
        break;
    case Slot::Errors:
        d->files.errors = job.target;
        break;
    }
}

void ResultsFetch::failFile(const Job &job, const ApiError &error)
{
    if (error.kind == ApiError::Http && (error.httpStatus == 404 || error.httpStatus == 410)) {
        expire(job, QStringLiteral("the %1 of batch %2 is gone (HTTP %3): it expired or was deleted")
                        .arg(job.what, m_batch.id)
                        .arg(error.httpStatus));
        return;
    }
    finish(error);
}

void ResultsFetch::expire(const Job &job, const QString &message)
{
    if (job.slot == Slot::Input) {
        // Uploaded input outlives nothing (Gemini keeps it 48 hours): the results still read, keyed by their
        // own ids, without the requests that never ran.
        d->warnings.append(message +
                           QStringLiteral("; the rows come from the results alone (requests that did not "
                                          "run are not listed, and cannot be retried from here)"));
        ++d->next;
        nextFile();
        return;
    }
    m_expired = true;
    finish(ApiError::make(ApiError::InvalidRequest, message));
}

void ResultsFetch::read()
{
    const Provider provider = d->client->config().provider;
    const ResultFiles files = d->files;
    qint64 total = 0;
    for (const QString &path : {files.input, files.output, files.errors})
        total += path.isEmpty() ? 0 : QFileInfo(path).size();
    Q_EMIT progress(Phase::Reading, 0, total, QStringLiteral("reading%1").arg(sizeText(total)));
    if (m_finished || *d->cancelled) { // cancelled from a slot of that signal
        finish(ApiError::make(ApiError::Cancelled, QStringLiteral("cancelled")));
        return;
    }
    auto out = std::make_shared<Parsed<ResultSet>>();
    const std::shared_ptr<std::atomic_bool> cancelled = d->cancelled;
    // Runs in the worker; `this` outlives it (the destructor waits), and a queued call to a deleted object is
    // dropped.
    const ResultsReader::Progress report = [this, cancelled](qint64 done, qint64 all) {
        QMetaObject::invokeMethod(
            this,
            [this, done, all] { Q_EMIT progress(Phase::Reading, done, all, QStringLiteral("reading")); },
            Qt::QueuedConnection);
        return !*cancelled;
    };
    d->worker = QThread::create(
        [out, provider, files, report] { *out = ResultsReader::read(provider, files, report); });
    connect(d->worker, &QThread::finished, this, [this, out] {
        d->worker->deleteLater();
        d->worker = nullptr;
        if (*d->cancelled) {
            finish(ApiError::make(ApiError::Cancelled, QStringLiteral("cancelled")));
        } else if (!out->ok()) {
            finish(ApiError::make(ApiError::LocalIo, out->error));
        } else {
            out->value.provider = d->client->config().provider;
            out->value.warnings = d->warnings + out->value.warnings;
            m_results = std::make_shared<const ResultSet>(std::move(out->value));
            finish(ApiError());
        }
    });
    d->worker->start(QThread::LowPriority);
}

void ResultsFetch::cancel()
{
    if (m_finished)
        return;
    *d->cancelled = true;
    if (d->call)
        d->call->abort(); // finishes the call with Cancelled, and this with it
    else if (!d->worker)
        finish(ApiError::make(ApiError::Cancelled, QStringLiteral("cancelled")));
    // A read under way stops at its next progress call; its end finishes this.
}

void ResultsFetch::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (error.isError())
        m_results.reset();
    Q_EMIT finished();
}
