// RunTools: the run's tool layer, made once its worktree exists — the sandbox its commands run in, the
// tools an agent may use (every call checked by the permission controller, and every writing or
// executing one closed by the write gate until the approved plan's hash matches the current plan), and
// the command runner the gates use. Both executors reach the worktree only through this, so the write
// gate holds for the built-in agent and an external one alike.
#pragma once

#include "runjournal.h"
#include "runservices.h"

#include "runtime/sandbox.h"
#include "runtime/toolexecutor.h"
#include "verify/commandrunner.h"

#include <atomic>
#include <memory>

namespace harness {

class McpToolSet;
class StoreApprovalRequester;
class TreeListing;

class RunTools
{
public:
    // The journal's state must name the worktree (run_created) before anything is asked of this.
    RunTools(RunJournal &journal, const RunServices &services);
    ~RunTools();

    Sandbox &sandbox();
    // The agent's tools, with the write gate bound to the journal's state.
    ToolExecutor &tools();
    // A command runner for the gates, contained like the agent's commands (services.makeCommandRunner).
    std::unique_ptr<CommandRunner> commandRunner();
    // The same, for another tree (the held-out-tests gate's scratch copies): the run's sandbox settings
    // with that tree as the writable root.
    std::unique_ptr<CommandRunner> commandRunnerFor(const QString &root);
    // Where a permission "ask" goes: services.permissionApprovals, or the store's approval queue.
    ApprovalRequester &approvals();

    // Runs one tool call with the write gate as the state says now; cancel stops a running command.
    // mcp__<server>__<tool> goes to the run's third-party MCP servers, when an executor gave them.
    ToolResult execute(const QString &name, const QJsonObject &arguments, const std::atomic_bool *cancel);
    void setMcpTools(McpToolSet *mcp) { m_mcp = mcp; }
    // The worktree's file list for the repository map, kept across the run's phases (TreeListing).
    TreeListing &listing();

private:
    void make();

    RunJournal &m_journal;
    const RunServices &m_services;
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<StoreApprovalRequester> m_permissionRequester;
    std::unique_ptr<ToolExecutor> m_tools;
    McpToolSet *m_mcp = nullptr;
    std::unique_ptr<TreeListing> m_listing;
};

} // namespace harness
