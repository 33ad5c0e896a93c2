// OpenAiChatStream implementation (reference: harness-mechanisms.md section 9, Chat Completions SSE).
#include "openaichatstream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace harness {

QString OpenAiChatStream::providerName() const
{
    return tr("\"%1\" (OpenAI-compatible)").arg(config().id);
}

QJsonObject OpenAiChatStream::requestBody(const ChatRequest &request, const QString &model)
{
    QJsonArray messages;
    if (!request.system.isEmpty())
        messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("system")},
                                     {QStringLiteral("content"), request.system}});
    for (const ChatMessage &m : request.messages) {
        if (m.role == QLatin1String("tool")) {
            messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("tool")},
                                         {QStringLiteral("tool_call_id"), m.toolCallId},
                                         {QStringLiteral("content"), m.content}});
            continue;
        }
        QJsonObject o {{QStringLiteral("role"), m.role}};
        if (m.role == QLatin1String("assistant") && !m.toolCalls.isEmpty()) {
            o.insert(QStringLiteral("content"),
                     m.content.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.content));
            QJsonArray calls;
            for (const ToolCall &c : m.toolCalls)
                calls.append(QJsonObject {
                        {QStringLiteral("id"), c.id},
                        {QStringLiteral("type"), QStringLiteral("function")},
                        {QStringLiteral("function"),
                         QJsonObject {{QStringLiteral("name"), c.name},
                                      {QStringLiteral("arguments"),
                                       QString::fromUtf8(QJsonDocument(c.arguments)
                                                                 .toJson(QJsonDocument::Compact))}}}});
            o.insert(QStringLiteral("tool_calls"), calls);
        } else {
            o.insert(QStringLiteral("content"), m.content);
        }
        messages.append(o);
    }
    QJsonObject body {
            {QStringLiteral("model"), model},
            {QStringLiteral("messages"), messages},
            {QStringLiteral("stream"), true},
            {QStringLiteral("stream_options"), QJsonObject {{QStringLiteral("include_usage"), true}}}};
    if (request.maxOutputTokens > 0)
        body.insert(QStringLiteral("max_tokens"), request.maxOutputTokens);
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const QJsonValue &t : request.tools) {
            const QJsonObject tool = t.toObject();
            tools.append(QJsonObject {
                    {QStringLiteral("type"), QStringLiteral("function")},
                    {QStringLiteral("function"),
                     QJsonObject {
                             {QStringLiteral("name"), tool.value(QStringLiteral("name"))},
                             {QStringLiteral("description"), tool.value(QStringLiteral("description"))},
                             {QStringLiteral("parameters"), tool.value(QStringLiteral("parameters"))}}}});
        }
        body.insert(QStringLiteral("tools"), tools);
    }
    return body;
}

QNetworkRequest OpenAiChatStream::buildRequest() const
{
    QNetworkRequest r(endpoint(QStringLiteral("/chat/completions")));
    if (!apiKey().isEmpty())
        r.setRawHeader("Authorization", "Bearer " + apiKey().toUtf8());
    return r;
}

QByteArray OpenAiChatStream::buildBody() const
{
    const QString model = request().model.isEmpty() ? config().defaultModel : request().model;
    return QJsonDocument(requestBody(request(), model)).toJson(QJsonDocument::Compact);
}

void OpenAiChatStream::handleEvent(const SseEvent &event)
{
    if (event.data == "[DONE]") {
        completeAnswer();
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(event.data, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        protocolError(tr("a stream chunk is not a JSON object (%1)")
                              .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                                : tr("not an object")),
                      event.data);
        return;
    }
    const QJsonObject chunk = doc.object();
    if (chunk.contains(QStringLiteral("error"))) {
        const QJsonObject error = chunk.value(QStringLiteral("error")).toObject();
        streamError(AgentError::make(
                AgentError::Kind::Server,
                tr("%1 reported an error in the middle of its answer: %2")
                        .arg(providerName(), error.value(QStringLiteral("message")).toString()),
                rawExcerpt(event.data)));
        return;
    }
    if (chunk.value(QStringLiteral("model")).isString())
        m_model = chunk.value(QStringLiteral("model")).toString();
    const QJsonValue usage = chunk.value(QStringLiteral("usage"));
    if (usage.isObject()) {
        const QJsonObject u = usage.toObject();
        m_usage.inputTokens = u.value(QStringLiteral("prompt_tokens")).toInteger();
        m_usage.outputTokens = u.value(QStringLiteral("completion_tokens")).toInteger();
    }
    const QJsonArray choices = chunk.value(QStringLiteral("choices")).toArray();
    for (const QJsonValue &c : choices) {
        const QJsonObject choice = c.toObject();
        if (choice.value(QStringLiteral("index")).toInt(0) != 0)
            continue; // only the first choice is asked for
        const QJsonObject delta = choice.value(QStringLiteral("delta")).toObject();
        const QJsonValue content = delta.value(QStringLiteral("content"));
        if (content.isString())
            addText(content.toString());
        const QJsonArray calls = delta.value(QStringLiteral("tool_calls")).toArray();
        for (const QJsonValue &cv : calls) {
            const QJsonObject call = cv.toObject();
            const int index = call.value(QStringLiteral("index")).toInt(0);
            const QJsonObject function = call.value(QStringLiteral("function")).toObject();
            const QString id = call.value(QStringLiteral("id")).toString();
            const QString name = function.value(QStringLiteral("name")).toString();
            if (!id.isEmpty() || !name.isEmpty())
                beginToolCall(index, id, name);
            const QJsonValue arguments = function.value(QStringLiteral("arguments"));
            if (arguments.isString())
                addToolArguments(index, arguments.toString().toUtf8());
            else if (arguments.isObject())
                m_tools.setArguments(index, arguments.toObject());
            if (isDone())
                return;
        }
        const QString finish = choice.value(QStringLiteral("finish_reason")).toString();
        if (finish == QLatin1String("stop"))
            m_stopReason = QStringLiteral("end_turn");
        else if (finish == QLatin1String("length"))
            m_stopReason = QStringLiteral("max_tokens");
        else if (finish == QLatin1String("tool_calls") || finish == QLatin1String("function_call"))
            m_stopReason = QStringLiteral("tool_use");
        else if (!finish.isEmpty())
            m_stopReason = finish;
    }
}

} // namespace harness
