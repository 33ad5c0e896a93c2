// RunServices: what a run needs from the layers below (agents, runtime, verify) and the executor that
// does the agent's work, gathered in one place so the engine, the CLI and the workbench build them the
// same way (RunServicesFactory) and a test can substitute any of them.
#pragma once

#include "executor.h"
#include "executorchoice.h"
#include "projectpolicy.h"

#include <functional>
#include <memory>

namespace harness {

class ApprovalRequester;
class CommandRunner;
class ModelProvider;
class Sandbox;
class WorktreeManager;
struct SandboxConfig;

struct RunServices
{
    std::shared_ptr<ModelProvider> provider; // the built-in executor's model; may be null with makeExecutor
    ProjectPolicy policy;
    QString bwrapPath; // empty: bwrap from PATH
    ApprovalRequester *permissionApprovals = nullptr; // answers permission "ask"; null: the store's queue
    qint64 contextTokenBudget = 24000;
    // When set, every plan is approved at once in this actor's name (`harness run --approve auto`).
    QString autoApproveActor;
    // Price of a call in money; null: calls cost nothing (replay, local models).
    std::function<double(const QString &model, qint64 tokensIn, qint64 tokensOut)> priceOf;

    // Who does the agent's work in a new run (policy.json's "executor", or `--agent`), recorded in
    // run_created; a resumed run uses the recorded choice (RunState::executor).
    ExecutorChoice executor;
    // For an external agent (ACP): its model endpoint and key, and where the agents are installed.
    QString agentBaseUrl; // the model endpoint's root, without /v1
    QString agentApiKey; // from the OS keychain or the provider's environment variable; never recorded
    QString agentModel; // empty: the agent's default
    QString agentsBinDir; // node_modules/.bin of packaging/install-agents.sh; empty: the PATH
    // The program an external agent is given as its MCP server (`harness-engine mcp`, docs/mcp.md), bound
    // into its sandbox; empty: none (RunServicesFactory: the harness-engine beside the running executable).
    QString harnessBinary;
    // The executor that does the agent's work in each phase. Null: the built-in agent (provider + the
    // harness's tools). RunServicesFactory sets one that follows the run's recorded choice.
    ExecutorFactory makeExecutor;
    // How the run's commands are contained. Null: bubblewrap, as SandboxConfig says.
    std::function<std::unique_ptr<Sandbox>(const SandboxConfig &)> makeSandbox;
    // How gate commands run. Null: a SandboxCommandRunner with the run's sandbox configuration.
    std::function<std::unique_ptr<CommandRunner>(const SandboxConfig &)> makeCommandRunner;
    // The worktree layer of the repository (worktrees, checkpoints). Null: git worktrees beside it.
    std::function<std::unique_ptr<WorktreeManager>(const QString &repositoryRoot)> makeWorktrees;

    // Why no run can start with these services: the sandbox cannot start here (with bubblewrap's own
    // reason) and the project did not opt in to unsandboxed commands. Empty when runs can start, and
    // when makeSandbox substitutes the sandbox.
    QString whyNoRunCanStart() const;
};

} // namespace harness
