// ToolVersions: `git --version` and the sandbox's own probe (which starts bubblewrap once).
#include "toolversions.h"

#include "core/gitrunner.h"
#include "runtime/sandbox.h"

#include <QDir>

namespace harness {

ToolVersions ToolVersions::probe()
{
    ToolVersions v;
    const Result<QString> git = GitRunner(QDir::tempPath(), 10000).run({QStringLiteral("--version")});
    if (git)
        v.git = QString(*git).remove(QStringLiteral("git version "));
    const SandboxStatus sandbox = Sandbox::probe();
    v.bubblewrap = sandbox.version;
    v.sandboxUsable = sandbox.available;
    v.sandboxProblem = sandbox.reason;
    return v;
}

} // namespace harness
