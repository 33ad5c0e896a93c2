// ChatRequest: one model call as the harness describes it, independent of the provider's wire format
// (messages with tool calls and tool results, the tools on offer, the phase it belongs to).
#pragma once

#include "core/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace harness {

struct ToolCall
{
    QString id;
    QString name;
    QJsonObject arguments;

    QJsonObject toJson() const;
    static Result<ToolCall> fromJson(const QJsonObject &json,
                                     const QString &path = QStringLiteral("tool_call"));
    bool operator==(const ToolCall &) const = default;
};

struct ChatMessage
{
    QString role; // "user", "assistant" or "tool"
    QString content;
    QList<ToolCall> toolCalls; // assistant messages that asked for tools
    QString toolCallId; // tool messages: the call this is the result of
    bool isError = false; // tool messages: the tool failed

    static ChatMessage user(QString text);
    static ChatMessage assistant(QString text, QList<ToolCall> calls = {});
    static ChatMessage toolResult(QString callId, QString content, bool isError = false);

    QJsonObject toJson() const;
    static Result<ChatMessage> fromJson(const QJsonObject &json,
                                        const QString &path = QStringLiteral("message"));
    bool operator==(const ChatMessage &) const = default;
};

struct ChatRequest
{
    QString phase = QStringLiteral("plan"); // "plan", "build", "fix" or "summarise"
    int iteration = 1;
    int turn = 0; // index of this model call within the run
    QString model;
    QString system;
    QList<ChatMessage> messages;
    QJsonArray tools; // each {name, description, parameters (JSON Schema)}
    int maxOutputTokens = 4096;

    QJsonObject toJson() const;
    static Result<ChatRequest> fromJson(const QJsonObject &json);
    static bool isValidPhase(const QString &phase);
};

} // namespace harness

Q_DECLARE_METATYPE(harness::ChatRequest)
