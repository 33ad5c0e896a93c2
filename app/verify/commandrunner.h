// CommandRunner: how the gate pipeline runs a gate's command. The pipeline knows only this interface;
// SandboxCommandRunner runs commands under the runtime's bubblewrap sandbox (the only runner the
// harness ships: gate commands pass the same sandbox as every other command, docs/architecture.md,
// "Containment").
#pragma once

#include "runtime/commandspec.h"

namespace harness {

class CommandRunner
{
public:
    virtual ~CommandRunner() = default;
    // Runs the command in the worktree and blocks until it ends. Must be safe to call from a worker thread.
    virtual CommandResult run(const CommandSpec &spec) = 0;
    // A sentence for logs: "bubblewrap 0.8.0 sandbox", or why commands cannot run.
    virtual QString describe() const = 0;
};

} // namespace harness
