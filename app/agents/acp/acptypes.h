// Typed values of the Agent Client Protocol (schema of @agentclientprotocol/sdk, protocol version 1): what
// initialize and session/new answer, session/update kinds, tool calls, plan entries, usage, prompt results.
// fromJson() accepts what the schema allows and says which field is wrong otherwise; fields this harness does
// not read stay in `raw`, so newer agents' additions pass through.
#pragma once

#include "core/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace harness {

struct AcpInitializeResult
{
    int protocolVersion = 0;
    QString agentName;
    QString agentTitle;
    QString agentVersion;
    bool loadSession = false;
    bool promptImage = false;
    bool promptAudio = false;
    bool promptEmbeddedContext = false;
    bool mcpHttp = false;
    bool mcpSse = false;
    QStringList authMethodIds;
    QJsonObject raw;

    static Result<AcpInitializeResult> fromJson(const QJsonObject &o);
};

struct AcpSessionInfo
{
    QString sessionId;
    QString currentModeId;
    QStringList modeIds;
    QJsonObject raw;

    static Result<AcpSessionInfo> fromJson(const QJsonObject &o);
};

// Token use and cost as an agent reports them: usage_update (context used/size, cost) or the prompt
// result's usage (tokens). -1 where the agent said nothing.
struct AcpUsage
{
    qint64 contextUsed = -1;
    qint64 contextSize = -1;
    double costAmount = -1;
    QString costCurrency;
    qint64 inputTokens = -1;
    qint64 outputTokens = -1;
    qint64 totalTokens = -1;
    qint64 thoughtTokens = -1;
    qint64 cachedReadTokens = -1;
    qint64 cachedWriteTokens = -1;

    bool isEmpty() const { return contextUsed < 0 && costAmount < 0 && totalTokens < 0 && inputTokens < 0; }
    static AcpUsage fromUsageUpdate(const QJsonObject &update);
    static AcpUsage fromPromptUsage(const QJsonObject &usage);
};

struct AcpToolCall
{
    QString id;
    QString title;
    QString kind; // read, edit, delete, move, search, execute, think, fetch, switch_mode, other
    QString status; // pending, in_progress, completed, failed (empty in an update that leaves it)
    QJsonArray content; // ContentBlock, diff or terminal items
    QStringList locations; // paths the call touches
    QJsonValue rawInput;
    QJsonValue rawOutput;

    static Result<AcpToolCall> fromJson(const QJsonObject &o);
    QStringList terminalIds() const; // terminals embedded in the content
};

struct AcpPlanEntry
{
    QString content;
    QString priority; // high, medium, low
    QString status; // pending, in_progress, completed
};

struct AcpSessionUpdate
{
    enum class Kind {
        UserMessageChunk,
        AgentMessageChunk,
        AgentThoughtChunk,
        ToolCall,
        ToolCallUpdate,
        Plan,
        AvailableCommands,
        CurrentMode,
        ConfigOption,
        SessionInfo,
        Usage,
        Other, // a kind this harness does not know yet (kept in raw)
    };
    Kind kind = Kind::Other;
    QString kindName; // the wire name: "agent_message_chunk", ...
    QString sessionId;
    QString text; // chunks: the text of a text content block
    QJsonObject content; // chunks: the content block as sent
    AcpToolCall toolCall;
    QList<AcpPlanEntry> plan;
    AcpUsage usage;
    QString modeId;
    QJsonObject raw;

    // `params` of a session/update notification.
    static Result<AcpSessionUpdate> fromParams(const QJsonObject &params);
};

struct AcpPromptResult
{
    QString stopReason; // end_turn, max_tokens, max_turn_requests, refusal, cancelled
    AcpUsage usage;
    QJsonObject raw;

    static Result<AcpPromptResult> fromJson(const QJsonObject &o);
};

} // namespace harness
