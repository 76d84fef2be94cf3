// batchwatch: the headless subcommands, and the door to the dashboard. This binary links no GUI library, so
// `batchwatch export` starts fast and small; the dashboard is batchwatch-gui, which it executes in its place.
#include "cli/batchcommands.h"
#include "cli/costcommand.h"
#include "cli/exitcode.h"
#include "cli/exportcommand.h"
#include "core/export/batchformat.h"

#include <QCoreApplication>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <unistd.h>

namespace {
const char kUsage[] =
    "Usage: batchwatch [--demo]              the dashboard (demo data when no API key is set)\n"
    "       batchwatch export [OPTIONS]      write batches as CSV, JSON or JSON Lines\n"
    "       batchwatch list [OPTIONS]        print batches as a table\n"
    "       batchwatch results BATCH_ID      one record per request: ok, failed or not run\n"
    "       batchwatch retry BATCH_ID        resubmit the requests that failed or did not run\n"
    "       batchwatch create FILE           check a JSONL file of requests and start a batch\n"
    "       batchwatch cost [OPTIONS]        what the batches cost, per model, day, batch or account\n"
    "       batchwatch COMMAND --help        the options of a command\n"
    "       batchwatch --version\n"
    "\n"
    "Connection: OPENAI_API_KEY, OPENAI_BASE_URL (default https://api.openai.com/v1),\n"
    "OPENAI_ORG_ID, OPENAI_PROJECT_ID, as the official SDKs read them; or --account NAME: an account saved\n"
    "in the dashboard's Settings (its key from the system keychain) or the environment's, by provider name.\n"
    "Exit status: 0 done, 2 usage or unusable configuration, 3 authentication or permission (HTTP 401/403),\n"
    "4 API, network or data error after retries, 5 the output could not be written.\n";

// The dashboard sits at ../libexec/batchwatch/batchwatch-gui from this binary, in the build tree as
// installed.
std::string dashboardPath()
{
    char self[PATH_MAX];
    const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
    if (length <= 0)
        return {};
    std::string path(self, size_t(length));
    path.erase(path.rfind('/'));
    return path + "/../libexec/batchwatch/batchwatch-gui";
}

// The headless command `word` names, if it names one.
std::optional<BatchCommandOptions::Command> batchCommand(const char *word)
{
    for (const auto command : {BatchCommandOptions::Command::Results, BatchCommandOptions::Command::Retry,
                               BatchCommandOptions::Command::Create}) {
        if (BatchCommandOptions::commandName(command) == QLatin1String(word))
            return command;
    }
    return std::nullopt;
}
} // namespace

int main(int argc, char *argv[])
{
    const char *first = argc > 1 ? argv[1] : "";
    const bool exportOrList = std::strcmp(first, "export") == 0 || std::strcmp(first, "list") == 0;
    const std::optional<BatchCommandOptions::Command> command = batchCommand(first);
    const bool cost = std::strcmp(first, "cost") == 0;
    if (exportOrList || command || cost) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setOrganizationName(QStringLiteral("Batchwatch"));
        QCoreApplication::setApplicationName(QStringLiteral("batchwatch"));
        QCoreApplication::setApplicationVersion(QStringLiteral(BATCHWATCH_VERSION));
        QStringList arguments = QCoreApplication::arguments();
        arguments.removeAt(1);
        if (command)
            return BatchCommands::run(*command, arguments);
        if (cost)
            return CostCommand::run(arguments);
        return ExportCommand(std::strcmp(first, "list") == 0 ? HeadlessOptions::Command::List
                                                             : HeadlessOptions::Command::Export)
            .run(arguments);
    }
    if (std::strcmp(first, "--help") == 0 || std::strcmp(first, "-h") == 0) {
        std::fputs(kUsage, stdout);
        return ExitCode::Ok;
    }
    if (std::strcmp(first, "--version") == 0 || std::strcmp(first, "-v") == 0) {
        std::printf("batchwatch %s\n", BATCHWATCH_VERSION);
        return ExitCode::Ok;
    }
    // Only `batchwatch` and `batchwatch --demo` open the dashboard: anything else is a mistake to say at
    // once, not a window that opens and ignores it.
    const bool demo = std::strcmp(first, "--demo") == 0;
    if (argc > 2 || (argc == 2 && !demo)) {
        const char *word = demo ? argv[2] : first;
        const char *what = word[0] == '-' ? "unknown option"
                           : demo         ? "unexpected argument"
                                          : "unknown command";
        const QByteArray shown = BatchFormat::terminalText(QString::fromLocal8Bit(word)).toLocal8Bit();
        std::fprintf(stderr, "batchwatch: %s \"%s\"\n\n%s", what, shown.constData(), kUsage);
        return ExitCode::Usage;
    }
    const std::string dashboard = dashboardPath();
    execv(dashboard.c_str(), argv);
    std::fprintf(stderr, "batchwatch: cannot start the dashboard %s: %s\n", dashboard.c_str(),
                 std::strerror(errno));
    return 1;
}
