// ConversationBuilder: messages from agent_response, plan_invalid, tool_result and tool_call_interrupted.
#include "conversationbuilder.h"
#include "promptlibrary.h"

#include "core/events/agentevents.h"
#include "core/events/planevents.h"
#include "core/events/toolevents.h"

#include <QJsonDocument>

namespace harness {

ChatRequest ConversationBuilder::plan(const ExecutorTurn &turn, const QList<Event> &roundEvents,
                                      int modelTurn)
{
    ChatRequest request;
    request.phase = turn.phase;
    request.iteration = turn.number;
    request.turn = modelTurn;
    request.model = turn.model;
    request.system = PromptLibrary::planSystem();
    request.messages.append(ChatMessage::user(turn.prompt));
    for (const auto &e : roundEvents) {
        if (auto p = payloadIf<AgentResponsePayload>(e))
            request.messages.append(ChatMessage::assistant(p->text));
        else if (auto p = payloadIf<PlanInvalidPayload>(e))
            request.messages.append(ChatMessage::user(PromptLibrary::planInvalid(p->error)));
    }
    return request;
}

ChatRequest ConversationBuilder::build(const ExecutorTurn &turn, const QList<Event> &iterationEvents,
                                       int modelTurn, const QJsonArray &tools)
{
    ChatRequest request;
    request.phase = turn.phase;
    request.iteration = turn.number;
    request.turn = modelTurn;
    request.model = turn.model;
    request.system = PromptLibrary::buildSystem(turn.kind != ExecutorTurn::Kind::Build);
    request.tools = tools;
    request.messages.append(ChatMessage::user(turn.prompt));
    for (const auto &e : iterationEvents) {
        if (auto p = payloadIf<AgentResponsePayload>(e)) {
            QList<ToolCall> calls;
            for (const auto &c : p->toolCalls)
                if (!c.name.isEmpty())
                    calls << ToolCall {c.id, c.name, c.arguments};
            request.messages.append(ChatMessage::assistant(p->text, calls));
        } else if (auto p = payloadIf<ToolResultPayload>(e)) {
            const QString body = QString::fromUtf8(QJsonDocument(p->answer()).toJson(QJsonDocument::Compact));
            request.messages.append(ChatMessage::toolResult(p->callId, body, !p->ok));
        } else if (auto p = payloadIf<ToolInterruptedPayload>(e)) {
            request.messages.append(ChatMessage::toolResult(p->callId, p->message, false));
        }
    }
    return request;
}

} // namespace harness
