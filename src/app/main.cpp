// batchwatch: the dashboard, and its headless subcommands (which need no display).
#include "appcontroller.h"
#include "exitcode.h"
#include "exportcommand.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QLocale>
#include <QTranslator>

#include <cstdio>
#include <cstring>

namespace {
const char kUsage[] =
    "Usage: batchwatch [--demo]              the dashboard (demo data when no API key is set)\n"
    "       batchwatch export [OPTIONS]      write batches as CSV, JSON or JSON Lines\n"
    "       batchwatch list [OPTIONS]        print batches as a table\n"
    "       batchwatch COMMAND --help        the options of a command\n"
    "       batchwatch --version\n"
    "\n"
    "Connection: OPENAI_API_KEY, OPENAI_BASE_URL (default https://api.openai.com/v1),\n"
    "OPENAI_ORG_ID, OPENAI_PROJECT_ID, as the official SDKs read them.\n"
    "Exit status: 0 done, 2 usage or unusable configuration, 3 authentication or permission (HTTP 401/403),\n"
    "4 API, network or data error after retries, 5 the output could not be written.\n";

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Batchwatch"));
    QCoreApplication::setApplicationName(QStringLiteral("batchwatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BATCHWATCH_VERSION));
}
} // namespace

int main(int argc, char *argv[])
{
    const char *first = argc > 1 ? argv[1] : "";
    if (std::strcmp(first, "export") == 0 || std::strcmp(first, "list") == 0) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QStringList arguments = QCoreApplication::arguments();
        arguments.removeAt(1);
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
    if (first[0] != '\0' && std::strcmp(first, "--demo") != 0 && first[0] != '-') {
        std::fprintf(stderr, "batchwatch: unknown command \"%s\"\n\n%s", first, kUsage);
        return ExitCode::Usage;
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Batchwatch"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/batchwatch.svg")));
    QApplication::setDesktopFileName(QStringLiteral("io.github.batchwatch.Batchwatch"));
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("batchwatch"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);
    MainWindow window;
    AppController controller(&window, std::strcmp(first, "--demo") == 0);
    window.show();
    controller.start();
    return app.exec();
}
