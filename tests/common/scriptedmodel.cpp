// ScriptedModel implementation: reads each agent request in its own wire format, counts the tool results it
// carries to find the script's turn, and answers in the same format (streaming when the request asks).
#include "common/scriptedmodel.h"

#include <QJsonArray>
#include <QSet>

#include <QJsonDocument>
#include <algorithm>

namespace {

QString textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &part : value.toArray()) {
            const QJsonObject o = part.toObject();
            if (o.contains(QStringLiteral("text")))
                parts << o.value(QStringLiteral("text")).toString();
            else
                parts << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
        }
        return parts.join(QLatin1Char('\n'));
    }
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return {};
}

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

// The tools a request offers, by name, and the tool results it carries back, in order.
QStringList propertiesOf(const QJsonObject &schema)
{
    return schema.value(QStringLiteral("properties")).toObject().keys();
}

void readRequest(ScriptedModel::Wire wire, const QJsonObject &body, ScriptedModel::ToolSchemas &tools,
                 QList<SeenToolResult> &results)
{
    using Wire = ScriptedModel::Wire;
    switch (wire) {
    case Wire::AnthropicMessages:
        for (const QJsonValue &t : body.value(s("tools")).toArray())
            tools.insert(t.toObject().value(s("name")).toString(),
                         propertiesOf(t.toObject().value(s("input_schema")).toObject()));
        for (const QJsonValue &m : body.value(s("messages")).toArray())
            for (const QJsonValue &block : m.toObject().value(s("content")).toArray())
                if (block.toObject().value(s("type")).toString() == s("tool_result"))
                    results << SeenToolResult {block.toObject().value(s("tool_use_id")).toString(),
                                               textOf(block.toObject().value(s("content")))};
        break;
    case Wire::OpenAiChat:
        for (const QJsonValue &t : body.value(s("tools")).toArray()) {
            const QJsonObject f = t.toObject().value(s("function")).toObject();
            tools.insert(f.value(s("name")).toString(), propertiesOf(f.value(s("parameters")).toObject()));
        }
        for (const QJsonValue &m : body.value(s("messages")).toArray())
            if (m.toObject().value(s("role")).toString() == s("tool"))
                results << SeenToolResult {m.toObject().value(s("tool_call_id")).toString(),
                                           textOf(m.toObject().value(s("content")))};
        break;
    case Wire::OpenAiResponses:
        for (const QJsonValue &t : body.value(s("tools")).toArray())
            if (!t.toObject().value(s("name")).toString().isEmpty())
                tools.insert(t.toObject().value(s("name")).toString(),
                             propertiesOf(t.toObject().value(s("parameters")).toObject()));
        for (const QJsonValue &item : body.value(s("input")).toArray()) {
            const QString type = item.toObject().value(s("type")).toString();
            if (type == s("function_call_output") || type == s("custom_tool_call_output"))
                results << SeenToolResult {item.toObject().value(s("call_id")).toString(),
                                           textOf(item.toObject().value(s("output")))};
        }
        break;
    case Wire::Gemini:
        for (const QJsonValue &t : body.value(s("tools")).toArray())
            for (const QJsonValue &f : t.toObject().value(s("functionDeclarations")).toArray()) {
                const QJsonObject fo = f.toObject();
                const QJsonObject schema = fo.contains(s("parametersJsonSchema"))
                        ? fo.value(s("parametersJsonSchema")).toObject()
                        : fo.value(s("parameters")).toObject();
                tools.insert(fo.value(s("name")).toString(), propertiesOf(schema));
            }
        for (const QJsonValue &c : body.value(s("contents")).toArray())
            for (const QJsonValue &part : c.toObject().value(s("parts")).toArray()) {
                const QJsonObject response = part.toObject().value(s("functionResponse")).toObject();
                if (!response.isEmpty())
                    results << SeenToolResult {response.value(s("id")).toString(),
                                               textOf(response.value(s("response")))};
            }
        break;
    case Wire::Unknown:
        break;
    }
}

} // namespace

ScriptedModel::ScriptedModel(ModelServer &server, QList<ModelTurn> turns) : m_turns(std::move(turns))
{
    server.setResponder([this](const ReceivedRequest &request) { return answer(request); });
}

ScriptedToolCall ScriptedModel::call(const QString &id, const QString &name, const QJsonObject &arguments)
{
    const QString json = QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Compact));
    // Two fragments, so the agent's own assembly of streamed arguments is exercised.
    const qsizetype half = json.size() / 2;
    return ScriptedToolCall {id, name, {json.left(half), json.mid(half)}};
}

ScriptedModel::Wire ScriptedModel::wireOf(const ReceivedRequest &request)
{
    const QByteArray path = request.path;
    if (path.contains(":generateContent") || path.contains(":streamGenerateContent"))
        return Wire::Gemini;
    if (path.contains("/messages") && !path.contains("count_tokens"))
        return Wire::AnthropicMessages;
    if (path.contains("/chat/completions"))
        return Wire::OpenAiChat;
    if (path.contains("/responses"))
        return Wire::OpenAiResponses;
    return Wire::Unknown;
}

QString ScriptedModel::wireName(Wire wire)
{
    switch (wire) {
    case Wire::AnthropicMessages:
        return s("Anthropic Messages");
    case Wire::OpenAiChat:
        return s("OpenAI Chat Completions");
    case Wire::OpenAiResponses:
        return s("OpenAI Responses");
    case Wire::Gemini:
        return s("Gemini generateContent");
    case Wire::Unknown:
        break;
    }
    return s("unknown");
}

QString ScriptedModel::toolResult(const QString &callId) const
{
    for (const SeenToolResult &r : m_results)
        if (r.callId == callId)
            return r.content;
    return {};
}

std::optional<ScriptedReply> ScriptedModel::answer(const ReceivedRequest &request)
{
    const QByteArray path = request.path;
    if (path.contains("count_tokens"))
        return ModelServer::json({{s("input_tokens"), kInputTokens}});
    if (path.contains(":countTokens"))
        return ModelServer::json({{s("totalTokens"), kInputTokens}});
    const Wire wire = wireOf(request);
    if (wire == Wire::Unknown) {
        if (request.method == "GET" && path.contains("/models"))
            return ModelServer::json({{s("object"), s("list")}, {s("data"), QJsonArray {}}});
        if (request.method == "HEAD" || path == "/")
            return ModelServer::json({}); // a reachability probe (Claude Code sends HEAD /)
        m_problems << s("unexpected request %1 %2")
                              .arg(QString::fromLatin1(request.method), QString::fromLatin1(path));
        return ModelServer::jsonError(
                404, R"({"error":{"message":"the scripted model does not serve this path"}})");
    }
    const QJsonObject body = request.json();
    ToolSchemas tools;
    QList<SeenToolResult> results;
    readRequest(wire, body, tools, results);
    if (tools.isEmpty()) {
        // A side request: a title, a routing or next-speaker check. JSON-shaped answers satisfy the schemas
        // Gemini CLI asks for; plain text serves the rest.
        ++m_sideRequests;
        const bool wantsJson =
                body.value(s("generationConfig")).toObject().value(s("responseMimeType")).toString() ==
                s("application/json");
        const QString text = wantsJson
                ? s(R"({"reasoning":"The scripted turn is complete.","next_speaker":"user","model_choice":"flash"})")
                : s("Scripted session");
        return reply(wire, request, body, text, {});
    }
    ++m_mainRequests;
    m_wire = wire;
    m_tools = tools;
    m_results = results;
    if (!m_chapters.isEmpty() && wire == Wire::AnthropicMessages) {
        if (const std::optional<ModelTurn> turn = chapterTurn(body))
            return reply(wire, request, body, turn->text, turn->calls);
        return reply(wire, request, body, s("No chapter of the script matches this prompt."), {});
    }
    if (m_turns.isEmpty() && m_builder)
        m_turns = m_builder(tools);
    // The turn to serve: the first whose calls have not all come back yet.
    qsizetype answered = results.size();
    int turn = 0;
    while (turn < m_turns.size() && !m_turns.at(turn).calls.isEmpty() &&
           answered >= m_turns.at(turn).calls.size()) {
        answered -= m_turns.at(turn).calls.size();
        ++turn;
    }
    m_lastTurn = turn;
    if (turn >= m_turns.size())
        return reply(wire, request, body, s("The scripted work is done."), {});
    return reply(wire, request, body, m_turns.at(turn).text, m_turns.at(turn).calls);
}

std::optional<ModelTurn> ScriptedModel::chapterTurn(const QJsonObject &body)
{
    // The chapter: the furthest one whose marker any user message names (an agent may repeat earlier
    // text in reminders, never a later prompt). Its turn: the first whose calls have not all been
    // answered, by the calls' ids (an agent may merge results and reminders into one message).
    const QJsonArray messages = body.value(s("messages")).toArray();
    int chapter = -1;
    QSet<QString> answered;
    for (const QJsonValue &value : messages) {
        const QJsonObject m = value.toObject();
        if (m.value(s("role")).toString() != s("user"))
            continue;
        QString text = m.value(s("content")).toString();
        for (const QJsonValue &block : m.value(s("content")).toArray()) {
            const QJsonObject b = block.toObject();
            if (b.value(s("type")).toString() == s("text"))
                text += b.value(s("text")).toString();
            if (b.value(s("type")).toString() == s("tool_result"))
                answered.insert(b.value(s("tool_use_id")).toString());
        }
        for (int c = chapter + 1; c < m_chapters.size(); ++c)
            if (text.contains(m_chapters.at(c).marker))
                chapter = c;
    }
    if (chapter < 0)
        return std::nullopt;
    if (m_chaptersServed.isEmpty() || m_chaptersServed.last() != m_chapters.at(chapter).marker)
        m_chaptersServed << m_chapters.at(chapter).marker;
    const QList<ModelTurn> &turns = m_chapters.at(chapter).turns;
    int turn = 0;
    while (turn < turns.size() && !turns.at(turn).calls.isEmpty() &&
           std::all_of(turns.at(turn).calls.cbegin(), turns.at(turn).calls.cend(),
                       [&](const ScriptedToolCall &c) { return answered.contains(c.id); }))
        ++turn;
    m_lastTurn = turn;
    if (turn >= turns.size())
        return ModelTurn {s("The scripted work is done."), {}};
    return turns.at(turn);
}

ScriptedReply ScriptedModel::reply(Wire wire, const ReceivedRequest &request, const QJsonObject &body,
                                   const QString &text, const QList<ScriptedToolCall> &calls) const
{
    const QString model = body.value(s("model")).toString(s("scripted-model"));
    const QStringList pieces = text.isEmpty()
            ? QStringList()
            : QStringList {text.left(text.size() / 2), text.mid(text.size() / 2)};
    const bool stream = body.value(s("stream")).toBool();
    switch (wire) {
    case Wire::AnthropicMessages:
        if (stream)
            return ModelServer::stream(
                    ModelServer::anthropicEvents(model, pieces, calls, kInputTokens, kOutputTokens));
        return ModelServer::json(
                ModelServer::anthropicMessage(model, text, calls, kInputTokens, kOutputTokens));
    case Wire::OpenAiChat:
        if (stream || !calls.isEmpty())
            return ModelServer::stream(
                    ModelServer::openAiEvents(model, pieces, calls, kInputTokens, kOutputTokens));
        return ModelServer::json(ModelServer::openAiCompletion(model, text, kInputTokens, kOutputTokens));
    case Wire::OpenAiResponses:
        return ModelServer::stream(
                ModelServer::responsesEvents(model, pieces, calls, kInputTokens, kOutputTokens));
    case Wire::Gemini: {
        const QString geminiModel =
                QString::fromLatin1(request.path).section(s("/models/"), 1).section(QLatin1Char(':'), 0, 0);
        if (request.path.contains(":streamGenerateContent"))
            return ModelServer::stream(
                    ModelServer::geminiEvents(geminiModel, pieces, calls, kInputTokens, kOutputTokens));
        return ModelServer::json(
                ModelServer::geminiResponse(geminiModel, text, calls, kInputTokens, kOutputTokens));
    }
    case Wire::Unknown:
        break;
    }
    return ModelServer::jsonError(500, R"({"error":{"message":"unknown wire"}})");
}
