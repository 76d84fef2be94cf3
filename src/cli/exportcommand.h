#pragma once

#include "cli/headlessoptions.h"

#include <QStringList>

#include <functional>

class BatchExportJob;
class OutputTarget;
struct ApiConfig;

// `batchwatch export` and `batchwatch list`: fetch, filter and write, then say how it went in an exit code.
class ExportCommand
{
public:
    explicit ExportCommand(HeadlessOptions::Command command)
        : m_command(command)
    {
    }

    // `arguments` starts with the program name; the subcommand word is already removed. Runs the event loop.
    int run(const QStringList &arguments);

    // Runs `job` through the account's cache (unless --no-cache) until it ends or --deadline passes, showing
    // progress and warnings on stderr; `start` starts the job. False when the deadline stopped it (said on
    // stderr, `output` discarded); the job's outcome says the rest. `batchwatch cost` walks the same way.
    [[nodiscard]] static bool walk(BatchExportJob &job, const HeadlessOptions &options,
                                   const ApiConfig &config, OutputTarget &output,
                                   const std::function<void()> &start);

private:
    HeadlessOptions::Command m_command;
};
