// The MCP server payloads: JSON in and out, every required field checked.
#include "mcpevents.h"

#include <QJsonArray>

namespace harness {

QJsonObject McpServerStartedPayload::toJson() const
{
    return withVersion({{QStringLiteral("server"), server},
                        {QStringLiteral("command"), QJsonArray::fromStringList(command)},
                        {QStringLiteral("server_info"), serverInfo},
                        {QStringLiteral("protocol_version"), protocolVersion},
                        {QStringLiteral("tools"), QJsonArray::fromStringList(tools)},
                        {QStringLiteral("refused"), refused}},
                       kVersion);
}

Result<McpServerStartedPayload> McpServerStartedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<McpServerStartedPayload>(json, kind);
    McpServerStartedPayload p;
    p.server = r.string(QStringLiteral("server"));
    p.command = r.stringList(QStringLiteral("command"));
    p.serverInfo = r.optionalString(QStringLiteral("server_info"));
    p.protocolVersion = r.optionalString(QStringLiteral("protocol_version"));
    p.tools = r.stringList(QStringLiteral("tools"));
    p.refused = int(r.integer(QStringLiteral("refused"), false, 0));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject McpToolRefusedPayload::toJson() const
{
    return withVersion({{QStringLiteral("server"), server},
                        {QStringLiteral("tool"), tool},
                        {QStringLiteral("reason"), reason}},
                       kVersion);
}

Result<McpToolRefusedPayload> McpToolRefusedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<McpToolRefusedPayload>(json, kind);
    McpToolRefusedPayload p;
    p.server = r.string(QStringLiteral("server"));
    p.tool = r.optionalString(QStringLiteral("tool"));
    p.reason = r.string(QStringLiteral("reason"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject McpToolsChangedPayload::toJson() const
{
    return withVersion({{QStringLiteral("server"), server},
                        {QStringLiteral("added"), QJsonArray::fromStringList(added)},
                        {QStringLiteral("removed"), QJsonArray::fromStringList(removed)},
                        {QStringLiteral("tools"), QJsonArray::fromStringList(tools)},
                        {QStringLiteral("refused"), refused}},
                       kVersion);
}

Result<McpToolsChangedPayload> McpToolsChangedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<McpToolsChangedPayload>(json, kind);
    McpToolsChangedPayload p;
    p.server = r.string(QStringLiteral("server"));
    p.added = r.stringList(QStringLiteral("added"));
    p.removed = r.stringList(QStringLiteral("removed"));
    p.tools = r.stringList(QStringLiteral("tools"));
    p.refused = int(r.integer(QStringLiteral("refused"), false, 0));
    if (!r.ok())
        return r.error();
    return p;
}

} // namespace harness
