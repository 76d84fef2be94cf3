#include "exportcommand.h"

#include "apiclient.h"
#include "batchcache.h"
#include "batchexportjob.h"
#include "exitcode.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QSaveFile>

#include <cstdio>
#include <memory>
#include <unistd.h>

namespace {
void printError(const QString &message)
{
    std::fprintf(stderr, "batchwatch: %s\n", qPrintable(message));
}

// Progress is for a person watching a terminal; a script reading stderr only gets errors.
class ProgressLine
{
public:
    ProgressLine()
        : m_enabled(isatty(STDERR_FILENO) == 1)
    {
    }
    bool enabled() const { return m_enabled; }
    void show(const BatchExportJob &job)
    {
        if (!m_enabled)
            return;
        std::fprintf(stderr, "\rbatchwatch: %d pages, %lld batches read, %lld written", job.pages(),
                     static_cast<long long>(job.batchesSeen()), static_cast<long long>(job.batchesMatched()));
        m_shown = true;
    }
    void end()
    {
        if (m_shown)
            std::fputc('\n', stderr);
        m_shown = false;
    }

private:
    bool m_enabled;
    bool m_shown = false;
};
} // namespace

int ExportCommand::run(const QStringList &arguments)
{
    HeadlessOptions options;
    QString error;
    if (!HeadlessOptions::parse(m_command, arguments, &options, &error)) {
        printError(error + QStringLiteral(" (see batchwatch %1 --help)")
                               .arg(m_command == HeadlessOptions::Command::List ? QStringLiteral("list")
                                                                                : QStringLiteral("export")));
        return ExitCode::Usage;
    }
    if (options.helpShown)
        return ExitCode::Ok;

    ApiConfig config = ApiConfig::fromEnvironment();
    config.transferTimeoutMs = options.timeoutSeconds * 1000;
    config.maxRetries = options.maxRetries;
    if (config.apiKey.isEmpty())
        std::fputs("batchwatch: OPENAI_API_KEY is not set; the server will likely refuse\n", stderr);

    // The output: a QSaveFile (the target appears whole or not at all) or standard output.
    std::unique_ptr<QIODevice> device;
    QSaveFile *saveFile = nullptr;
    const bool toStdout =
        options.command == HeadlessOptions::Command::List || options.output == QLatin1String("-");
    if (toStdout) {
        auto out = std::make_unique<QFile>();
        if (!out->open(stdout, QIODevice::WriteOnly)) {
            printError(QStringLiteral("cannot write to standard output: ") + out->errorString());
            return ExitCode::Output;
        }
        device = std::move(out);
    } else {
        auto file = std::make_unique<QSaveFile>(options.output);
        if (!file->open(QIODevice::WriteOnly)) {
            printError(QStringLiteral("cannot write %1: %2").arg(options.output, file->errorString()));
            return ExitCode::Output;
        }
        saveFile = file.get();
        device = std::move(file);
    }

    const BatchExporter::Format format =
        options.command == HeadlessOptions::Command::List ? BatchExporter::Format::Table : options.format;
    BatchExporter exporter(device.get(), format);
    if (!exporter.begin()) {
        printError(QStringLiteral("cannot write %1: %2").arg(options.output, exporter.errorString()));
        return ExitCode::Output;
    }

    ApiClient client(config);
    BatchExportJob job(&client, options.filter);
    // The cache makes a second run cost a few requests; without it, pages are written as they arrive.
    BatchCache cache;
    if (options.useCache && config.insecureTransportReason().isEmpty()) {
        QString cacheError, cacheWarning;
        if (cache.open(BatchCache::defaultPath(config), &cacheError, &cacheWarning))
            job.setCache(&cache, options.refreshAll);
        else
            printError(QStringLiteral("warning: %1; going on without it").arg(cacheError));
        if (!cacheWarning.isEmpty())
            printError(QStringLiteral("warning: ") + cacheWarning);
    }
    ProgressLine progress;
    QEventLoop loop;
    QObject::connect(&job, &BatchExportJob::progress, &job, [&] { progress.show(job); });
    QObject::connect(&job, &BatchExportJob::warning, &job, [&](const QString &message) {
        progress.end();
        printError(QStringLiteral("warning: ") + message);
    });
    QObject::connect(&job, &BatchExportJob::finished, &loop, &QEventLoop::quit);
    job.start(&exporter, options.maxBatches);
    if (job.outcome() == BatchExportJob::Outcome::Running)
        loop.exec();
    progress.end();
    if (progress.enabled() && !job.syncSummary().isEmpty())
        printError(job.syncSummary());

    switch (job.outcome()) {
    case BatchExportJob::Outcome::Done:
        break;
    case BatchExportJob::Outcome::ApiFailed:
        if (saveFile)
            saveFile->cancelWriting();
        printError(job.apiError().toString());
        if (job.apiError().isAuthentication())
            return ExitCode::Authentication;
        // A configuration that must not be used (the key over plain HTTP) is the caller's to fix, like a bad
        // option.
        return job.apiError().kind == ApiError::InsecureTransport ? ExitCode::Usage : ExitCode::ApiOrData;
    case BatchExportJob::Outcome::WriteFailed:
    case BatchExportJob::Outcome::Running:
        if (saveFile)
            saveFile->cancelWriting();
        printError(QStringLiteral("cannot write %1: %2").arg(options.output, job.writeError()));
        return ExitCode::Output;
    }
    if (saveFile && !saveFile->commit()) {
        printError(QStringLiteral("cannot save %1: %2").arg(options.output, saveFile->errorString()));
        return ExitCode::Output;
    }
    if (!saveFile && !static_cast<QFile *>(device.get())->flush()) {
        printError(QStringLiteral("cannot write to standard output"));
        return ExitCode::Output;
    }
    return ExitCode::Ok;
}
