// harness-check: `harness check` in a program of its own, linked to QtCore and the rule engine only. The
// `harness` entry point starts it for the check, so a check in CI or a pre-commit hook does not load the
// network, keychain, D-Bus and SQL libraries the engine needs (about half of the engine's start-up).
// It takes the words `harness` was given (`harness [--repo DIR] check ...`), or the check's own words when
// run by itself (`harness-check [PATH] [--format ...]`).
#include "checkcommand.h"
#include "exitcodes.h"
#include "globaloptions.h"
#include "terminalsafedevice.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("harness-workbench"));
    QCoreApplication::setOrganizationName(QStringLiteral("harness-workbench"));
    harness::TerminalSafeDevice stdoutDevice(stdout), stderrDevice(stderr);
    QTextStream out(&stdoutDevice);
    QTextStream err(&stderrDevice);
    const QStringList arguments = app.arguments().mid(1);
    const harness::GlobalOptions global = harness::GlobalOptions::read(arguments);
    int code = harness::exitcode::Usage;
    if (!global.missingValue.isEmpty()) {
        err << "harness: " << global.missingValue << " needs a value" << Qt::endl;
    } else {
        QStringList rest = arguments.mid(global.next);
        if (!rest.isEmpty() && rest.constFirst() == QLatin1String("check"))
            rest.removeFirst();
        // As in the engine: --repo names the tree to check.
        code = harness::runCheckCommand(global.repo.isEmpty() ? rest : QStringList {global.repo} + rest, out,
                                        err);
    }
    out.flush();
    err.flush();
    return code;
}
