// Payloads of the third-party MCP servers the built-in agent uses (McpToolSet): a server started (its
// command and the tools it offers), a tool of a server refused by the harness's checks (name, reason), and
// the server's tool list changed (notifications/tools/list_changed, listed again under the same checks).
#pragma once

#include "payload.h"

#include <QStringList>

namespace harness {

// mcp_server_started: a server of policy.json's mcp_servers started and listed its tools.
struct McpServerStartedPayload
{
    static constexpr QLatin1StringView kKind = kinds::McpServerStarted;
    static constexpr int kVersion = 1;
    QString server; // its name in policy.json
    QStringList command; // the program and arguments as policy.json gives them (${worktree} filled in)
    QString serverInfo; // "name version" as the server says, cut
    QString protocolVersion;
    QStringList tools; // the tools offered to the model (the server's names, not mcp__...)
    int refused = 0; // how many it listed that were refused (one mcp_tool_refused each)

    QJsonObject toJson() const;
    static Result<McpServerStartedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// mcp_tool_refused: a tool a server listed that is not offered to the model, and why.
struct McpToolRefusedPayload
{
    static constexpr QLatin1StringView kKind = kinds::McpToolRefused;
    static constexpr int kVersion = 1;
    QString server;
    QString tool; // as listed (shown: cut, control characters replaced); empty when it had no name
    QString reason;

    QJsonObject toJson() const;
    static Result<McpToolRefusedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// mcp_tools_changed: the server said its tools changed; this is the new list, under the same checks.
struct McpToolsChangedPayload
{
    static constexpr QLatin1StringView kKind = kinds::McpToolsChanged;
    static constexpr int kVersion = 1;
    QString server;
    QStringList added;
    QStringList removed;
    QStringList tools; // offered now
    int refused = 0; // refused in the new list (the newly refused ones have an mcp_tool_refused each)

    QJsonObject toJson() const;
    static Result<McpToolsChangedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

} // namespace harness
