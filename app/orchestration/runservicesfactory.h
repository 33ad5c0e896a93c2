// RunServicesFactory: builds a run's services from the project's `.harness/policy.json` (provider,
// models, prices, sandbox opt-out): the same for the CLI, the workbench and the demo.
// Blocking (reads the keychain for API keys): call from a worker thread or the CLI's main thread.
#pragma once

#include "project.h"
#include "runservices.h"

namespace harness {

class SecretStore;

class RunServicesFactory
{
public:
    // transcriptOverride (--agent): an agent's name (builtin, claude-code, codex, gemini, opencode) chooses
    // the executor of a new run instead of the policy's "executor"; anything else is a replay transcript to
    // use instead of the policy's provider.
    static Result<RunServices> make(const Project &project, const QString &transcriptOverride = {},
                                    SecretStore *secrets = nullptr);
    static QString policyPath(const Project &project);
    // The executor a run was created with (run_created's executor; before that was recorded: the
    // built-in agent), made for this process: what RunServices::makeExecutor is set to.
    static Result<std::unique_ptr<Executor>> executorFor(const ExecutorEnvironment &environment);
};

} // namespace harness
