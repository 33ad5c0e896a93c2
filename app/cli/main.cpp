// The `harness` executable: the headless engine of Harness Workbench (no QtWidgets).
#include "commandline.h"
#include "terminalsafedevice.h"

#include "agents/redactor.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("harness-workbench"));
    QCoreApplication::setOrganizationName(QStringLiteral("harness-workbench"));
    // Known API key values never reach a log line, whatever prints it.
    harness::Redactor::installMessageFilter();
    // Agent-written text reaches the terminal through many lines: control sequences are shown, not obeyed.
    harness::TerminalSafeDevice stdoutDevice(stdout), stderrDevice(stderr);
    QTextStream out(&stdoutDevice);
    QTextStream err(&stderrDevice);
    harness::CommandLine cli({out, err});
    const int code = cli.run(app.arguments().mid(1));
    out.flush();
    err.flush();
    return code;
}
