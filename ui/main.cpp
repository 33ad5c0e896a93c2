// harness-workbench: the desktop workbench. Opens the repository named on the command line, the demo
// (--demo), or the one open when it last closed; --version prints the build's components.
#include "buildinfo.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

#include "agents/redactor.h"

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("harness-workbench"));
    QApplication::setOrganizationName(QStringLiteral("harness-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("Harness Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(HARNESS_BUILD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("harness-workbench"));
    // Known API key values never reach a log line (Qt's message handler is filtered).
    harness::Redactor::installMessageFilter();
    // The translations compiled in from translations/*.ts (:/i18n/harness_<locale>.qm).
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("harness"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QApplication::translate("main", "Native workbench for steering AI coding agents."));
    parser.addHelpOption();
    const QCommandLineOption version(
            QStringList {QStringLiteral("v"), QStringLiteral("version")},
            QApplication::translate("main", "Print the version and the built-in components."));
    const QCommandLineOption demo(
            QStringLiteral("demo"),
            QApplication::translate("main", "Open the bundled demo project (a fresh copy)."));
    const QCommandLineOption fresh(QStringLiteral("no-restore"),
                                   QApplication::translate("main", "Do not reopen the last repository."));
    parser.addOption(version);
    parser.addOption(demo);
    parser.addOption(fresh);
    parser.addPositionalArgument(QStringLiteral("repository"),
                                 QApplication::translate("main", "The git repository to open."),
                                 QStringLiteral("[repository]"));
    parser.process(app);

    if (parser.isSet(version)) {
        QTextStream out(stdout);
        out << "harness-workbench " << HARNESS_BUILD_VERSION << '\n'
            << "Qt " << qVersion() << " (built with " << QT_VERSION_STR << ")\n"
            << "Syntax highlighting: " << HARNESS_SYNTAX_BACKEND << '\n'
            << "Graph layout: " << HARNESS_GRAPHVIZ_BACKEND << '\n'
            << "Keychain: " << HARNESS_KEYCHAIN_BACKEND << '\n';
        return 0;
    }

    harness::ui::MainWindow window;
    window.show();
    const QStringList args = parser.positionalArguments();
    if (parser.isSet(demo)) {
        window.openDemo();
    } else if (!args.isEmpty()) {
        window.openRepository(args.first());
    } else if (!parser.isSet(fresh)) {
        window.restoreLastSession();
    }
    return app.exec();
}
