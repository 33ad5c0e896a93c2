// ScriptedModel: plays the model for a real coding agent through a ModelServer, in whichever wire format the
// agent speaks (Anthropic Messages, OpenAI Chat Completions or Responses, Gemini generateContent). A request
// of the main conversation (one that offers tools) is answered with the script's next turn, counted by the
// tool results the request carries back; side requests (titles, routing, next-speaker checks) get a short
// text. Every tool result is recorded, so a test can assert what the agent really read, wrote or ran.
#pragma once

#include "common/modelserver.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>

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
    // The tools the agent offers, by name, with their parameter names: known once its first request came.
    using ToolSchemas = QHash<QString, QStringList>;
    // Builds the script from the first main request's tools instead (tool names and parameter names
    // differ between agents and versions); used when the constructor's turns are empty.
    void setTurnBuilder(std::function<QList<ModelTurn>(const ToolSchemas &)> builder)
    {
        m_builder = std::move(builder);
    }

    // A script in chapters, one per prompt of a longer session (an external agent's plan, build and fix
    // turns): a main request is answered from the furthest chapter whose marker a user message contains,
    // with the first turn whose calls (by id) have not all been answered. Anthropic Messages only.
    struct Chapter
    {
        QString marker;
        QList<ModelTurn> turns;
    };
    void setChapters(QList<Chapter> chapters) { m_chapters = std::move(chapters); }
    // The markers of the chapters served so far, in order (a chapter once per prompt).
    QStringList chaptersServed() const { return m_chaptersServed; }

    static ScriptedToolCall call(const QString &id, const QString &name, const QJsonObject &arguments);
    static Wire wireOf(const ReceivedRequest &request);
    static QString wireName(Wire wire);

    int mainRequests() const { return m_mainRequests; }
    int sideRequests() const { return m_sideRequests; }
    // The turn the latest main request was answered with (turns.size() once the script is done).
    int lastTurnServed() const { return m_lastTurn; }
    QList<SeenToolResult> toolResults() const { return m_results; }
    QString toolResult(const QString &callId) const;
    QStringList toolNamesOffered() const { return m_tools.keys(); }
    ToolSchemas toolsOffered() const { return m_tools; }
    QList<ModelTurn> turns() const { return m_turns; }
    Wire wire() const { return m_wire; }
    // What went wrong on the server side (an unknown request shape), for the test's failure message.
    QStringList problems() const { return m_problems; }

    static constexpr qint64 kInputTokens = 1200;
    static constexpr qint64 kOutputTokens = 40;

private:
    std::optional<ScriptedReply> answer(const ReceivedRequest &request);
    // The chapter's turn for an Anthropic Messages body, or nullopt when no marker is in it.
    std::optional<ModelTurn> chapterTurn(const QJsonObject &body);
    ScriptedReply reply(Wire wire, const ReceivedRequest &request, const QJsonObject &body,
                        const QString &text, const QList<ScriptedToolCall> &calls) const;

    QList<ModelTurn> m_turns;
    int m_mainRequests = 0;
    int m_sideRequests = 0;
    int m_lastTurn = -1;
    Wire m_wire = Wire::Unknown;
    QList<SeenToolResult> m_results;
    ToolSchemas m_tools;
    std::function<QList<ModelTurn>(const ToolSchemas &)> m_builder;
    QStringList m_problems;
    QList<Chapter> m_chapters;
    QStringList m_chaptersServed;
};
