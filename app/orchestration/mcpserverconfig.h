// McpServerConfig: one third-party MCP server (stdio) the built-in agent may use, as `.harness/policy.json`
// declares it under "mcp_servers" (docs/mcp.md, "MCP servers for the built-in agent"):
//   "mcp_servers": {"fs": {"command": ["/usr/bin/node", "/opt/mcp/fs/index.js", "${worktree}"],
//                          "env": {"LOG_LEVEL": "warn"}, "permission": "ask", "timeout_s": 60}}
// The name is [a-z0-9_-] (it becomes part of the tool names the model sees: mcp__<name>__<tool>).
#pragma once

#include "core/result.h"

#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QStringList>

namespace harness {

struct McpServerConfig
{
    QString name;
    QStringList command; // the program (absolute, or looked up on the PATH) and its arguments
    QMap<QString, QString> env; // variables of its own; names that look secret are dropped at start
    bool askPermission = true; // "permission": "ask" (default) or "allow"
    int timeoutS = 60; // per tool call

    // "${worktree}" in an argument stands for the run's worktree.
    QStringList argvFor(const QString &worktree) const;

    bool operator==(const McpServerConfig &) const = default;

    static constexpr int kMaxServers = 8;
    static constexpr int kMaxNameChars = 24;
    // Every problem names its field below `field` ("mcp_servers.fs.command: ...").
    static Result<QList<McpServerConfig>> listFromJson(const QJsonValue &json, const QString &field);
    static QJsonValue listToJson(const QList<McpServerConfig> &servers);
};

} // namespace harness
