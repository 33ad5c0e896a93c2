// SandboxCommandRunner: forwards to Sandbox::run(), which refuses (never silently skips) when bubblewrap
// is unusable and the project did not opt in to unsandboxed commands.
#include "sandboxcommandrunner.h"

namespace harness {

SandboxCommandRunner::SandboxCommandRunner(SandboxConfig config) : m_sandbox(std::move(config)) { }

CommandResult SandboxCommandRunner::run(const CommandSpec &spec)
{
    return m_sandbox.run(spec);
}

QString SandboxCommandRunner::describe() const
{
    const SandboxStatus status = Sandbox::probe(m_sandbox.config().bwrapPath);
    if (status.available)
        return QStringLiteral("bubblewrap %1 sandbox (%2)").arg(status.version, status.executable);
    return QStringLiteral("no usable sandbox: %1").arg(status.reason);
}

} // namespace harness
