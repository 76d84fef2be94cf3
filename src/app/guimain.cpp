// batchwatch-gui: the dashboard. Users start it as `batchwatch`, which executes this binary.
#include "appcontroller.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QLocale>
#include <QTranslator>

#include <cstring>

namespace {
void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Batchwatch"));
    QCoreApplication::setApplicationName(QStringLiteral("batchwatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BATCHWATCH_VERSION));
}
} // namespace

int main(int argc, char *argv[])
{
    // Started by batchwatch (see main.cpp), which has already handled the headless commands and --help.
    const bool demo = argc > 1 && std::strcmp(argv[1], "--demo") == 0;
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
    AppController controller(&window, demo);
    window.show();
    controller.start();
    return app.exec();
}
