#pragma once

#include "cli/headlessoptions.h"

#include <QStringList>

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

private:
    HeadlessOptions::Command m_command;
};
