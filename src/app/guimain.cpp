// batchwatch-gui: the dashboard. Users start it as `batchwatch`, which executes this binary.
#include "app/appcontroller.h"
#include "app/mainwindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QLocale>
#include <QTranslator>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {
bool hasEnv(const char *name)
{
    const char *value = std::getenv(name);
    return value && *value;
}

// Whether Qt will find somewhere to show a window. Without one, QApplication aborts (exit 134 with a core
// dump and a paragraph about plugins); a person on an SSH session deserves one line instead.
bool displayAvailable(int argc, char *argv[])
{
    QByteArray platforms = qgetenv("QT_QPA_PLATFORM");
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "-platform") == 0)
            platforms = argv[i + 1];
    }
    if (platforms.isEmpty())
        return hasEnv("DISPLAY") || hasEnv("WAYLAND_DISPLAY");
    // A list such as "wayland;xcb" is tried in order; offscreen, minimal, vnc, eglfs and the like need no
    // display server.
    for (const QByteArray &entry : platforms.split(';')) {
        // "xcb:option=..." names xcb. Not left(indexOf()): Qt 6's left(-1) is empty, which read as no
        // platform.
        const QByteArray name = entry.split(':').constFirst().trimmed();
        if (name == "xcb"                ? hasEnv("DISPLAY")
            : name.startsWith("wayland") ? hasEnv("WAYLAND_DISPLAY")
                                         : !name.isEmpty())
            return true;
    }
    return false;
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Batchwatch"));
    QCoreApplication::setApplicationName(QStringLiteral("batchwatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BATCHWATCH_VERSION));
}
} // namespace

int main(int argc, char *argv[])
{
    // Started by batchwatch (see main.cpp), which has already handled the headless commands, --help and
    // anything it does not know.
    if (!displayAvailable(argc, argv)) {
        std::fputs("batchwatch: no display for the dashboard (DISPLAY and WAYLAND_DISPLAY are not set); use "
                   "`batchwatch list` or `batchwatch export` here, or run it under xvfb-run\n",
                   stderr);
        return 2; // as a usage error: nothing was started
    }
    const bool demo = argc > 1 && std::strcmp(argv[1], "--demo") == 0;
    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Batchwatch"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/batchwatch.svg")));
    QApplication::setDesktopFileName(QStringLiteral("io.github.batchwatch.Batchwatch"));
    // English plurals under every language (a translation without a text falls back to them), then the
    // user's language, which Qt asks first.
    QTranslator plurals;
    if (plurals.load(QStringLiteral(":/i18n/batchwatch_en.qm")))
        QApplication::installTranslator(&plurals);
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
