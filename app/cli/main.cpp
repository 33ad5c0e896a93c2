// The `harness` executable: the headless engine of Harness Workbench (no QtWidgets).
#include "commandline.h"

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
    QTextStream out(stdout);
    QTextStream err(stderr);
    harness::CommandLine cli({out, err});
    const int code = cli.run(app.arguments().mid(1));
    out.flush();
    err.flush();
    return code;
}
