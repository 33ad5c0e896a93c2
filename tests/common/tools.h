// Whether a tool the tests need is installed and runs (bubblewrap, pytest, ...). The tests fail with
// a pointer to packaging/install-deps.sh when it is not.
#pragma once

#include <QProcess>
#include <QStringList>

namespace harness::test {

inline bool toolRuns(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

inline bool bubblewrapRuns()
{
    return toolRuns(QStringLiteral("bwrap"), {QStringLiteral("--version")});
}

} // namespace harness::test
