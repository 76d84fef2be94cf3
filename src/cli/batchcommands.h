#pragma once

#include "cli/batchcommandoptions.h"

#include <QStringList>

// `batchwatch results`, `retry` and `create`: what became of a batch's requests, resubmitting those that did
// not succeed, and starting a batch from a JSONL file. Each returns an exit status (cli/exitcode.h).
namespace BatchCommands {
// `arguments` starts with the program name; the subcommand word is already removed. Runs the event loop.
int run(BatchCommandOptions::Command command, const QStringList &arguments);

int results(const BatchCommandOptions &options);
int retry(const BatchCommandOptions &options);
int create(const BatchCommandOptions &options);
} // namespace BatchCommands
