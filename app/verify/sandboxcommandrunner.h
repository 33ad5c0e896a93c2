// SandboxCommandRunner: the CommandRunner over runtime's Sandbox (bubblewrap): the worktree read-write,
// the rest read-only, no network unless the gate asks for it, a time and output limit.
#pragma once

#include "commandrunner.h"

#include "runtime/sandbox.h"

namespace harness {

class SandboxCommandRunner : public CommandRunner
{
public:
    explicit SandboxCommandRunner(SandboxConfig config);
    CommandResult run(const CommandSpec &spec) override;
    QString describe() const override;
    const Sandbox &sandbox() const { return m_sandbox; }

private:
    Sandbox m_sandbox;
};

} // namespace harness
