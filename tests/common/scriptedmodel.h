// ScriptedModel: plays the model for a real coding agent through a ModelServer, in whichever wire format the
// agent speaks (Anthropic Messages, OpenAI Chat Completions or Responses, Gemini generateContent). A request
// of the main conversation (one that offers tools) is answered with the script's next turn, counted by the
// tool results the request carries back; side requests (titles, routing, next-speaker checks) get a short
// text. Every tool result is recorded, so a test can assert what the agent really read, wrote or ran.
#pragma once

#include "common/modelserver.h"

#include <QJsonObject>
#include <QList>
#include <QString>

struct ModelTurn
{
    QString text; // said before the calls (or alone, for the last turn)
    QList<ScriptedToolCall> calls;
};

struct SeenToolResult
{
    QString callId;
    QString content; // the result as text (JSON text when the agent sent an object)
};

class ScriptedModel
{
public:
    enum class Wire { Unknown, AnthropicMessages, OpenAiChat, OpenAiResponses, Gemini };

    ScriptedModel(ModelServer &server, QList<ModelTurn> turns);

    static ScriptedToolCall call(const QString &id, const QString &name, const QJsonObject &arguments);
    static Wire wireOf(const ReceivedRequest &request);
    static QString wireName(Wire wire);

    int mainRequests() const { return m_mainRequests; }
    int sideRequests() const { return m_sideRequests; }
    // The turn the latest main request was answered with (turns.size() once the script is done).
    int lastTurnServed() const { return m_lastTurn; }
    QList<SeenToolResult> toolResults() const { return m_results; }
    QString toolResult(const QString &callId) const;
    QStringList toolNamesOffered() const { return m_toolNames; }
    Wire wire() const { return m_wire; }
    // What went wrong on the server side (an unknown request shape), for the test's failure message.
    QStringList problems() const { return m_problems; }

    static constexpr qint64 kInputTokens = 1200;
    static constexpr qint64 kOutputTokens = 40;

private:
    std::optional<ScriptedReply> answer(const ReceivedRequest &request);
    ScriptedReply reply(Wire wire, const ReceivedRequest &request, const QJsonObject &body,
                        const QString &text, const QList<ScriptedToolCall> &calls) const;

    QList<ModelTurn> m_turns;
    int m_mainRequests = 0;
    int m_sideRequests = 0;
    int m_lastTurn = -1;
    Wire m_wire = Wire::Unknown;
    QList<SeenToolResult> m_results;
    QStringList m_toolNames;
    QStringList m_problems;
};
