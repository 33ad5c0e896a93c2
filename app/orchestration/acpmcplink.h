// AcpMcpLink: the harness's own MCP server (`harness mcp`, docs/mcp.md) handed to an external agent in
// session/new, so that the agent can check itself mid-turn — run the constraint rules, run a gate, read
// the contract and the latest findings, suggest a rule. The agent starts the server itself, so it runs
// inside the agent's sandbox: the harness executable is bound read-only into it, the server works on the
// run's worktree with the agent's own containment (`--contained`: a gate's commands run in that sandbox,
// bubblewrap does not nest), and it has no store. The link gives it the run's context through the
// exchange folder (McpExchange) before every turn, and records the rule suggestions it left there after
// the turn as rule_suggested events. Without a known harness executable (RunServices::harnessBinary) the
// agent gets no server.
#pragma once

#include "core/result.h"

#include <QJsonArray>

namespace harness {

class RunJournal;
struct RunServices;
struct SandboxConfig;

class AcpMcpLink
{
public:
    AcpMcpLink(RunJournal &journal, const RunServices &services);

    bool enabled() const;
    // Makes the exchange folder and adds to the agent's sandbox what the server needs: the harness
    // executable and the folder read-only, its suggestions/ writable.
    Status prepareSandbox(SandboxConfig &config, const QString &agentHome) const;
    // session/new's mcpServers: one stdio server, or none when not enabled.
    QJsonArray servers(const QString &agentHome) const;
    // Before a prompt turn: the run's context as the log says now.
    Status writeContext(const QString &agentHome) const;
    // After a prompt turn: the suggestions the server left, checked again against the worktree's
    // rules.json and recorded (store-wide rule_suggested events, in the agent's name). Returns how many.
    Result<int> recordSuggestions(const QString &agentHome, const QString &actor) const;

    static constexpr const char *kServerName = "harness";

private:
    QString binary() const;

    RunJournal &m_journal;
    const RunServices &m_services;
};

} // namespace harness
