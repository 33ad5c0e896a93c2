// AcpExecutor: an external coding agent (Claude Code, Codex, Gemini CLI, opencode, or a command of the
// project's own) speaking the Agent Client Protocol does the run's agent work (docs/agents.md). The agent
// process runs inside the run's bubblewrap sandbox with a home of its own outside the worktree, only its
// model key in its environment and the network only to its model endpoint; the worktree is read-only
// until the plan is approved, so the plan turn runs in a sandbox where no write can land. The agent lives
// only for its turn: every turn starts it (continuing the run's session with session/load where the agent
// offers it, else a new session given the run's context), and at the turn's end its whole sandbox is
// ended and waited for before anything of the turn is read, so nothing of it runs while the change is
// checked, the gates verify or a human reviews. Its requests are served by the harness's tools
// (AcpToolBridge), each prompt turn is recorded like the built-in agent's (AcpTurnRecorder), and after
// every turn the worktree's change is checked (AgentChangeCheck): a violation stops the run for a human.
// A build or fix iteration is one prompt turn. Everything BLOCKS on the run's worker thread.
#pragma once

#include "acpagentsession.h"
#include "acpmcplink.h"
#include "acptoolbridge.h"
#include "acpturnrecorder.h"
#include "executor.h"
#include "executorchoice.h"

#include "agents/acp/acpagentprofile.h"

#include <memory>

namespace harness {

class RunJournal;
class RunTools;
class Sandbox;
class SandboxLaunch;
struct RunServices;

class AcpExecutor : public Executor
{
public:
    AcpExecutor(const ExecutorEnvironment &environment, ExecutorChoice choice);
    ~AcpExecutor() override;
    static Result<std::unique_ptr<Executor>> make(const ExecutorEnvironment &environment,
                                                  const ExecutorChoice &choice);

    QString name() const override;
    Result<ExecutorReply> plan(const ExecutorTurn &turn) override;
    Result<ExecutorReply> build(const ExecutorTurn &turn) override;
    // A whole prompt turn happens inside one build() call.
    bool turnInProgress(const RunState &) const override { return false; }

    // The agent's own home for a run's worktree: harness-agent-homes/<run> beside the worktrees' folder,
    // removed with the worktree (merge, discard).
    static QString homeFor(const QString &worktree);

private:
    // Starts the agent for a turn and opens its session (loading the one of the run's earlier turn where
    // it can).
    Status startAgent(bool writable, const std::atomic_bool *cancel);
    // Ends the agent and its sandbox, waiting until none of its processes runs.
    Status endAgent();
    Result<JsonRpcCommand> launchCommand(bool writable);
    QString recordedSession() const;
    QString promptFor(const ExecutorTurn &turn) const;
    // What the turn's prompt says of the harness's MCP tools (AcpMcpLink): when to use each, or nothing
    // when the agent has no server.
    QString mcpGuide(ExecutorTurn::Kind kind) const;
    Result<ExecutorReply> runTurn(const ExecutorTurn &turn);

    RunJournal &m_journal;
    RunTools &m_tools;
    const RunServices &m_services;
    ExecutorChoice m_choice;
    std::optional<AcpAgentProfile> m_profile; // presets
    AcpToolBridge m_bridge;
    AcpTurnRecorder m_recorder;
    AcpMcpLink m_mcp; // the harness's MCP server for the agent (`harness mcp --contained`)
    std::unique_ptr<Sandbox> m_sandbox; // the agent's own: the run's containment, with its home
    std::unique_ptr<SandboxLaunch> m_launch;
    AcpAgentSession m_session;
    QString m_lastSession; // the session of this process's last turn
    bool m_contextGiven = false; // the session has seen the run's context (in this process or loaded)
    qint64 m_startMs = 0; // what the turn's agent start took (initialize to an open session)
    qint64 m_endMs = 0; // what ending its sandbox took
};

} // namespace harness
