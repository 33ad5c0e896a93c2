// AcpAgentSession: one external agent process and its ACP session, driven BLOCKING for the run's worker
// thread: the agent is started (inside the sandbox's command line it is given), initialised, authenticated
// where its profile says, and given a new or a loaded session; a prompt turn is sent and waited for while
// the agent's requests are served and its updates handed on. A set cancel flag sends session/cancel, waits
// briefly for the turn to end "cancelled". close() ends the agent and its whole sandbox and waits until
// none of its processes runs.
#pragma once

#include "agents/acp/acpclient.h"

#include <atomic>
#include <memory>

namespace harness {

class AcpAgentSession
{
public:
    struct Setup
    {
        JsonRpcCommand command;
        QString authMethod; // authenticate after initialize, or empty
        QString sessionMode; // session/set_mode after the session is made, or empty
        QString cwd; // the worktree
        QJsonArray mcpServers; // session/new and session/load's MCP servers (the harness's own, AcpMcpLink)
    };

    AcpAgentSession(AcpClientHandler *handler, AcpClient::Options options);
    ~AcpAgentSession();

    // Starts the agent and initialises it.
    Status start(const Setup &setup, const std::atomic_bool *cancel);
    // Loads `sessionId` when the agent offers session/load and it works; else makes a new session. Returns
    // the session id and whether it was loaded.
    Result<std::pair<QString, bool>> openSession(const QString &sessionId, const std::atomic_bool *cancel);
    // One prompt turn. Updates go to onUpdate as they come. A cancelled turn answers stopReason "cancelled"
    // (or an error when the agent did not answer in time; the agent is ended then).
    Result<AcpPromptResult> prompt(const QString &text,
                                   const std::function<void(const AcpSessionUpdate &)> &onUpdate,
                                   const std::atomic_bool *cancel);
    // Ends the agent: its stdin is closed and it has graceMs to exit by itself; then every process of its
    // sandbox is killed. Waits (the thread's events running) until none of them runs; fails when one still
    // does after JsonRpcPeer::kEndWaitMs more.
    Status close(int graceMs = kEndGraceMs);

    bool isRunning() const;
    const QString &sessionId() const { return m_sessionId; }
    const AcpInitializeResult &agent() const;
    QString stderrTail() const;

    static constexpr int kCancelGraceMs = 5000;
    // Claude Code and opencode exit within 0.2 s of their stdin's end (measured on the 2-core machine).
    static constexpr int kEndGraceMs = 1000;

private:
    // Runs the thread's events until `done` holds, the agent fails, or cancel is set (then false).
    bool waitUntil(const std::function<bool()> &done, const std::atomic_bool *cancel);
    // Runs the thread's events until `done` holds or timeoutMs has passed.
    static bool waitFor(const std::function<bool()> &done, int timeoutMs);

    AcpClientHandler *m_handler;
    AcpClient::Options m_options;
    std::unique_ptr<AcpClient> m_client;
    Setup m_setup;
    QString m_sessionId;
    QString m_failure;
};

} // namespace harness
