// harness-workbench: the desktop workbench. Opens the repository named on the command line, the demo
// (--demo), or the one open when it last closed; --version prints the build's components; --screenshot
// saves the window once it has opened and exits (with QT_QPA_PLATFORM=offscreen, no display needed).
#include "buildcommit.h"
#include "buildinfo.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QPixmap>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

#include <memory>

#include "agents/redactor.h"

namespace {

// --version and --help print text only, so they must work where there is no display (CI, ssh).
bool printsTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-v" || arg == "--version" || arg == "-h" || arg == "--help" || arg == "--help-all")
            return true;
    }
    return false;
}

QIcon windowIcon()
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/%1/harness-workbench.png").arg(size), QSize(size, size));
    return icon;
}

// --screenshot: the window as it looks once the repository (or the demo, with its requirements
// checked) has opened; the process then exits, 0 when the PNG was written.
void saveScreenshotWhenOpened(harness::ui::MainWindow &window, const QString &path, bool demo)
{
    auto shoot = [&window, path]() {
        static bool done = false;
        if (done)
            return;
        done = true;
        QCoreApplication::processEvents();
        const QPixmap shot = window.grab();
        QTextStream err(stderr);
        if (!shot.save(path, "PNG")) {
            err << "harness-workbench: could not write the screenshot " << path << '\n';
            QCoreApplication::exit(1);
            return;
        }
        QTextStream(stdout) << "screenshot " << path << " (" << shot.width() << "x" << shot.height() << ")\n";
        QCoreApplication::exit(0);
    };
    // Opening reads the store on a worker and the demo check runs python3: give both time to land.
    if (demo)
        QObject::connect(&window, &harness::ui::MainWindow::demoRequirementsChecked, &window,
                         [shoot]() { QTimer::singleShot(1000, shoot); });
    else
        QTimer::singleShot(2000, shoot);
    QTimer::singleShot(30000, shoot); // whatever happens, never hang a script
}

} // namespace

int main(int argc, char *argv[])
{
    const bool textOnly = printsTextOnly(argc, argv);
    std::unique_ptr<QCoreApplication> app = textOnly ? std::make_unique<QCoreApplication>(argc, argv)
                                                     : std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("harness-workbench"));
    QCoreApplication::setOrganizationName(QStringLiteral("harness-workbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HARNESS_BUILD_VERSION));
    if (!textOnly) {
        QApplication::setApplicationDisplayName(QStringLiteral("Harness Workbench"));
        QApplication::setDesktopFileName(QStringLiteral("harness-workbench"));
    }
    // Known API key values never reach a log line (Qt's message handler is filtered).
    harness::Redactor::installMessageFilter();
    // The translations compiled in from translations/*.ts (:/i18n/harness_<locale>.qm).
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("harness"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QCoreApplication::translate("main", "Native workbench for steering AI coding agents."));
    parser.addHelpOption();
    const QCommandLineOption version(
            QStringList {QStringLiteral("v"), QStringLiteral("version")},
            QCoreApplication::translate("main", "Print the version and the built-in components."));
    const QCommandLineOption demo(
            QStringLiteral("demo"),
            QCoreApplication::translate("main", "Open the bundled demo project (a fresh copy)."));
    const QCommandLineOption fresh(QStringLiteral("no-restore"),
                                   QCoreApplication::translate("main", "Do not reopen the last repository."));
    const QCommandLineOption screenshot(
            QStringLiteral("screenshot"),
            QCoreApplication::translate("main", "Save the window as a PNG once it has opened, then quit."),
            QStringLiteral("png"));
    parser.addOption(version);
    parser.addOption(demo);
    parser.addOption(fresh);
    parser.addOption(screenshot);
    parser.addPositionalArgument(QStringLiteral("repository"),
                                 QCoreApplication::translate("main", "The git repository to open."),
                                 QStringLiteral("[repository]"));
    parser.process(*app);

    if (parser.isSet(version)) {
        QTextStream out(stdout);
        out << "harness-workbench " << HARNESS_BUILD_VERSION << '\n'
            << "Commit: " << HARNESS_BUILD_COMMIT << '\n'
            << "Qt " << qVersion() << " (built with " << QT_VERSION_STR << ")\n"
            << "Syntax highlighting: " << HARNESS_SYNTAX_BACKEND << '\n'
            << "Graph layout: " << HARNESS_GRAPHVIZ_BACKEND << '\n'
            << "Keychain: " << HARNESS_KEYCHAIN_BACKEND << '\n';
        return 0;
    }

    QApplication::setWindowIcon(windowIcon());
    harness::ui::MainWindow window;
    window.show();
    if (parser.isSet(screenshot))
        saveScreenshotWhenOpened(window, parser.value(screenshot), parser.isSet(demo));
    const QStringList args = parser.positionalArguments();
    if (parser.isSet(demo)) {
        window.openDemo();
    } else if (!args.isEmpty()) {
        window.openRepository(args.first());
    } else if (!parser.isSet(fresh)) {
        window.restoreLastSession();
    }
    return app->exec();
}
