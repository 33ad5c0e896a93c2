// ChatResponse: a finished model answer (text, tool calls, stop reason, token usage, latency), the same
// for every provider and the shape a replay transcript stores.
#pragma once

#include "chatrequest.h"

namespace harness {

struct TokenUsage
{
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;

    qint64 total() const { return inputTokens + outputTokens; }
    QJsonObject toJson() const;
    static Result<TokenUsage> fromJson(const QJsonObject &json,
                                       const QString &path = QStringLiteral("usage"));
    bool operator==(const TokenUsage &) const = default;
};

struct ChatResponse
{
    QString text;
    QList<ToolCall> toolCalls;
    QString stopReason; // normalised: "end_turn", "tool_use", "max_tokens", "content_filter", ...
    TokenUsage usage;
    QString model;
    qint64 latencyMs = 0;

    // Transcript form: {"text", "tool_calls", "usage":{"input_tokens","output_tokens"}, "stop_reason"}.
    QJsonObject toJson() const;
    static Result<ChatResponse> fromJson(const QJsonObject &json,
                                         const QString &path = QStringLiteral("response"));
    bool operator==(const ChatResponse &) const = default;
};

} // namespace harness

Q_DECLARE_METATYPE(harness::ChatResponse)
