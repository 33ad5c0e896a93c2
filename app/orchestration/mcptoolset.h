// McpToolSet: the third-party MCP servers policy.json declares ("mcp_servers"), for the built-in agent
// (docs/mcp.md, "MCP servers for the built-in agent"). Each server runs inside the run's sandbox with the
// containment of the agent's commands (SandboxLaunch: the worktree read-only until the plan is approved,
// .git/.harness read-only, the run's network policy, a scrubbed environment, its own process group). Its
// tools are offered to the model as mcp__<server>__<tool>; a call passes the write gate and the permission
// controller (the server's "permission": ask, or allow; --approve auto approves an ask) and is recorded as a
// tool_call event like the built-in tools. Each start is recorded (mcp_server_started: command and tools),
// each refused tool too (mcp_tool_refused); a server that says its tools changed
// (notifications/tools/list_changed) is listed again under the same checks before the next model turn or
// call (mcp_tools_changed). The servers live for one phase iteration: start() for a new key stops the old
// ones; stop() ends every process group.
#pragma once

#include "agents/mcp/mcpclient.h"
#include "mcpserverconfig.h"
#include "runtime/toolresult.h"

#include <QJsonArray>
#include <atomic>
#include <memory>
#include <vector>

namespace harness {

class RunJournal;
class RunTools;
class Sandbox;
class SandboxLaunch;
struct RunServices;

class McpToolSet
{
public:
    McpToolSet(RunJournal &journal, RunTools &tools, const RunServices &services);
    ~McpToolSet();

    static bool owns(const QString &tool) { return tool.startsWith(QLatin1String("mcp__")); }
    bool declared() const;

    // Starts every declared server for `key` (the phase and iteration) unless they already run for it,
    // and lists their tools; when they do, lists again the tools of a server that said they changed. An error
    // names the server and why (the run then stops: the policy asked for it).
    Status start(const QString &key, const std::atomic_bool *cancel);
    void stop();
    bool running() const { return !m_servers.empty(); }

    // The tools for the model: [{name: mcp__<server>__<tool>, description, parameters}].
    QJsonArray toolSchemas() const;
    // Why tools of the servers were not offered (a bad name, a schema too large, ...), one line each.
    QStringList refused() const { return m_refused; }
    ToolResult call(const QString &name, const QJsonObject &arguments, const std::atomic_bool *cancel);

    static constexpr int kMaxToolNameChars = 64; // what model APIs accept for a tool name

private:
    struct Server
    {
        McpServerConfig config;
        std::unique_ptr<Sandbox> sandbox;
        std::unique_ptr<SandboxLaunch> launch;
        std::unique_ptr<McpClient> client;
        QList<McpRemoteTool> tools;
        QList<McpRefusedTool> refusals;
    };
    Status startOne(const McpServerConfig &config, const std::atomic_bool *cancel);
    ToolResult callChecked(Server &server, const McpRemoteTool &tool, const QString &name,
                           const QJsonObject &arguments, const std::atomic_bool *cancel);
    void record(const QString &name, const QJsonObject &arguments, const ToolResult &result, qint64 ms);
    // Lists again the tools of every server that said they changed, recording the change.
    Status refreshChanged(const std::atomic_bool *cancel);
    void recordRefusals(const Server &server, const QStringList &alreadyRecorded);
    void updateRefused();

    RunJournal &m_journal;
    RunTools &m_tools;
    const RunServices &m_services;
    QString m_key;
    std::vector<std::unique_ptr<Server>> m_servers;
    QStringList m_refused;
};

} // namespace harness
