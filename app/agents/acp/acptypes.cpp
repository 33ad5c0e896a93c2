// Agent Client Protocol value types: parsing and validation of what agents send.
#include "agents/acp/acptypes.h"

namespace harness {

namespace {

QString k(const char *name)
{
    return QString::fromLatin1(name);
}

qint64 integer(const QJsonObject &o, const char *name)
{
    const QJsonValue v = o.value(k(name));
    return v.isDouble() ? qint64(v.toDouble()) : -1;
}

} // namespace

Result<AcpInitializeResult> AcpInitializeResult::fromJson(const QJsonObject &o)
{
    using R = Result<AcpInitializeResult>;
    AcpInitializeResult r;
    r.raw = o;
    const QJsonValue version = o.value(k("protocolVersion"));
    if (!version.isDouble())
        return R::failure(QStringLiteral("the agent's initialize answer has no protocol version"),
                          k("protocolVersion"));
    r.protocolVersion = version.toInt();
    const QJsonObject info = o.value(k("agentInfo")).toObject();
    r.agentName = info.value(k("name")).toString();
    r.agentTitle = info.value(k("title")).toString();
    r.agentVersion = info.value(k("version")).toString();
    const QJsonObject caps = o.value(k("agentCapabilities")).toObject();
    r.loadSession = caps.value(k("loadSession")).toBool();
    const QJsonObject prompt = caps.value(k("promptCapabilities")).toObject();
    r.promptImage = prompt.value(k("image")).toBool();
    r.promptAudio = prompt.value(k("audio")).toBool();
    r.promptEmbeddedContext = prompt.value(k("embeddedContext")).toBool();
    const QJsonObject mcp = caps.value(k("mcpCapabilities")).toObject();
    r.mcpHttp = mcp.value(k("http")).toBool();
    r.mcpSse = mcp.value(k("sse")).toBool();
    for (const QJsonValue &m : o.value(k("authMethods")).toArray())
        r.authMethodIds << m.toObject().value(k("id")).toString();
    return r;
}

Result<AcpSessionInfo> AcpSessionInfo::fromJson(const QJsonObject &o)
{
    AcpSessionInfo r;
    r.raw = o;
    r.sessionId = o.value(k("sessionId")).toString();
    if (r.sessionId.isEmpty())
        return Result<AcpSessionInfo>::failure(
                QStringLiteral("the agent's session/new answer has no session id"), k("sessionId"));
    const QJsonObject modes = o.value(k("modes")).toObject();
    r.currentModeId = modes.value(k("currentModeId")).toString();
    for (const QJsonValue &m : modes.value(k("availableModes")).toArray())
        r.modeIds << m.toObject().value(k("id")).toString();
    return r;
}

AcpUsage AcpUsage::fromUsageUpdate(const QJsonObject &update)
{
    AcpUsage u;
    u.contextUsed = integer(update, "used");
    u.contextSize = integer(update, "size");
    const QJsonObject cost = update.value(k("cost")).toObject();
    if (cost.value(k("amount")).isDouble()) {
        u.costAmount = cost.value(k("amount")).toDouble();
        u.costCurrency = cost.value(k("currency")).toString();
    }
    return u;
}

AcpUsage AcpUsage::fromPromptUsage(const QJsonObject &usage)
{
    AcpUsage u;
    u.inputTokens = integer(usage, "inputTokens");
    u.outputTokens = integer(usage, "outputTokens");
    u.totalTokens = integer(usage, "totalTokens");
    u.thoughtTokens = integer(usage, "thoughtTokens");
    u.cachedReadTokens = integer(usage, "cachedReadTokens");
    u.cachedWriteTokens = integer(usage, "cachedWriteTokens");
    return u;
}

Result<AcpToolCall> AcpToolCall::fromJson(const QJsonObject &o)
{
    AcpToolCall c;
    c.id = o.value(k("toolCallId")).toString();
    if (c.id.isEmpty())
        return Result<AcpToolCall>::failure(QStringLiteral("a tool call has no id"), k("toolCallId"));
    c.title = o.value(k("title")).toString();
    c.kind = o.value(k("kind")).toString();
    c.status = o.value(k("status")).toString();
    c.content = o.value(k("content")).toArray();
    for (const QJsonValue &l : o.value(k("locations")).toArray())
        c.locations << l.toObject().value(k("path")).toString();
    c.rawInput = o.value(k("rawInput"));
    c.rawOutput = o.value(k("rawOutput"));
    return c;
}

QStringList AcpToolCall::terminalIds() const
{
    QStringList ids;
    for (const QJsonValue &item : content)
        if (item.toObject().value(k("type")).toString() == k("terminal"))
            ids << item.toObject().value(k("terminalId")).toString();
    return ids;
}

Result<AcpSessionUpdate> AcpSessionUpdate::fromParams(const QJsonObject &params)
{
    using R = Result<AcpSessionUpdate>;
    AcpSessionUpdate u;
    u.sessionId = params.value(k("sessionId")).toString();
    if (u.sessionId.isEmpty())
        return R::failure(QStringLiteral("a session update names no session"), k("sessionId"));
    const QJsonValue updateValue = params.value(k("update"));
    if (!updateValue.isObject())
        return R::failure(QStringLiteral("a session update carries no update object"), k("update"));
    const QJsonObject update = updateValue.toObject();
    u.raw = update;
    u.kindName = update.value(k("sessionUpdate")).toString();
    struct Name
    {
        const char *wire;
        Kind kind;
    };
    static const Name names[] = {{"user_message_chunk", Kind::UserMessageChunk},
                                 {"agent_message_chunk", Kind::AgentMessageChunk},
                                 {"agent_thought_chunk", Kind::AgentThoughtChunk},
                                 {"tool_call", Kind::ToolCall},
                                 {"tool_call_update", Kind::ToolCallUpdate},
                                 {"plan", Kind::Plan},
                                 {"available_commands_update", Kind::AvailableCommands},
                                 {"current_mode_update", Kind::CurrentMode},
                                 {"config_option_update", Kind::ConfigOption},
                                 {"session_info_update", Kind::SessionInfo},
                                 {"usage_update", Kind::Usage}};
    for (const Name &n : names)
        if (u.kindName == QLatin1String(n.wire))
            u.kind = n.kind;
    switch (u.kind) {
    case Kind::UserMessageChunk:
    case Kind::AgentMessageChunk:
    case Kind::AgentThoughtChunk:
        u.content = update.value(k("content")).toObject();
        if (u.content.value(k("type")).toString().isEmpty())
            return R::failure(QStringLiteral("a message chunk carries no content block"), u.kindName);
        u.text = u.content.value(k("text")).toString();
        break;
    case Kind::ToolCall:
    case Kind::ToolCallUpdate: {
        Result<AcpToolCall> call = AcpToolCall::fromJson(update);
        if (!call)
            return R::failure(call.errorText(), u.kindName);
        u.toolCall = std::move(call).value();
        break;
    }
    case Kind::Plan:
        for (const QJsonValue &e : update.value(k("entries")).toArray()) {
            const QJsonObject entry = e.toObject();
            u.plan << AcpPlanEntry {entry.value(k("content")).toString(),
                                    entry.value(k("priority")).toString(),
                                    entry.value(k("status")).toString()};
        }
        break;
    case Kind::CurrentMode:
        u.modeId = update.value(k("currentModeId")).toString();
        break;
    case Kind::Usage:
        u.usage = AcpUsage::fromUsageUpdate(update);
        break;
    case Kind::AvailableCommands:
    case Kind::ConfigOption:
    case Kind::SessionInfo:
    case Kind::Other:
        break;
    }
    return u;
}

Result<AcpPromptResult> AcpPromptResult::fromJson(const QJsonObject &o)
{
    AcpPromptResult r;
    r.raw = o;
    r.stopReason = o.value(k("stopReason")).toString();
    if (r.stopReason.isEmpty())
        return Result<AcpPromptResult>::failure(
                QStringLiteral("the agent's prompt answer has no stop reason"), k("stopReason"));
    r.usage = AcpUsage::fromPromptUsage(o.value(k("usage")).toObject());
    return r;
}

} // namespace harness
