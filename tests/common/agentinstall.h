// Where packaging/install-agents.sh installed the external agents for the tests: HARNESS_AGENTS_DIR, else
// <build>/agents. A test that needs them fails (never skips) with the command that installs them.
#pragma once

#include <QDir>
#include <QFileInfo>
#include <QString>

namespace harness::test {

// The agents' node_modules/.bin folder, or an empty string with `error` saying what to run.
inline QString agentsBinDir(const QString &buildDir, QString *error)
{
    const QString prefix = qEnvironmentVariableIsSet("HARNESS_AGENTS_DIR")
            ? qEnvironmentVariable("HARNESS_AGENTS_DIR")
            : buildDir + QStringLiteral("/agents");
    const QString bin = prefix + QStringLiteral("/node_modules/.bin");
    if (QFileInfo::exists(prefix + QStringLiteral("/.installed")) && QFileInfo(bin).isDir())
        return bin;
    *error = QStringLiteral(
                     "The external agents are not installed in %1. Run `bash packaging/install-agents.sh %1` "
                     "(packaging/run-tests.sh runs it before the tests), or point HARNESS_AGENTS_DIR at an "
                     "installed prefix.")
                     .arg(prefix);
    return {};
}

} // namespace harness::test
