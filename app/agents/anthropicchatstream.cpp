// AnthropicChatStream implementation (reference: harness-mechanisms.md section 9, Anthropic Messages SSE).
#include "anthropicchatstream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace harness {

QString AnthropicChatStream::providerName() const
{
    return tr("\"%1\" (Anthropic)").arg(config().id);
}

QJsonObject AnthropicChatStream::requestBody(const ChatRequest &request, const QString &model)
{
    // Tool results travel as user turns; consecutive turns of one role are merged, as the API requires
    // alternating roles.
    QJsonArray messages;
    QString lastRole;
    QJsonArray blocks;
    auto flush = [&] {
        if (!lastRole.isEmpty() && !blocks.isEmpty())
            messages.append(
                    QJsonObject {{QStringLiteral("role"), lastRole}, {QStringLiteral("content"), blocks}});
        blocks = {};
    };
    for (const ChatMessage &m : request.messages) {
        const QString role =
                m.role == QLatin1String("assistant") ? QStringLiteral("assistant") : QStringLiteral("user");
        if (role != lastRole) {
            flush();
            lastRole = role;
        }
        if (m.role == QLatin1String("tool")) {
            QJsonObject result {{QStringLiteral("type"), QStringLiteral("tool_result")},
                                {QStringLiteral("tool_use_id"), m.toolCallId},
                                {QStringLiteral("content"), m.content}};
            if (m.isError)
                result.insert(QStringLiteral("is_error"), true);
            blocks.append(result);
            continue;
        }
        if (!m.content.isEmpty())
            blocks.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                                       {QStringLiteral("text"), m.content}});
        for (const ToolCall &c : m.toolCalls)
            blocks.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("tool_use")},
                                       {QStringLiteral("id"), c.id},
                                       {QStringLiteral("name"), c.name},
                                       {QStringLiteral("input"), c.arguments}});
    }
    flush();
    QJsonObject body {
            {QStringLiteral("model"), model},
            {QStringLiteral("max_tokens"), request.maxOutputTokens > 0 ? request.maxOutputTokens : 4096},
            {QStringLiteral("messages"), messages},
            {QStringLiteral("stream"), true}};
    if (!request.system.isEmpty())
        body.insert(QStringLiteral("system"), request.system);
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const QJsonValue &t : request.tools) {
            const QJsonObject tool = t.toObject();
            tools.append(
                    QJsonObject {{QStringLiteral("name"), tool.value(QStringLiteral("name"))},
                                 {QStringLiteral("description"), tool.value(QStringLiteral("description"))},
                                 {QStringLiteral("input_schema"), tool.value(QStringLiteral("parameters"))}});
        }
        body.insert(QStringLiteral("tools"), tools);
    }
    return body;
}

QNetworkRequest AnthropicChatStream::buildRequest() const
{
    const bool hasVersion = QUrl(config().baseUrl).path().endsWith(QLatin1String("/v1")) ||
            QUrl(config().baseUrl).path().endsWith(QLatin1String("/v1/"));
    QNetworkRequest r(endpoint(hasVersion ? QStringLiteral("/messages") : QStringLiteral("/v1/messages")));
    if (!apiKey().isEmpty())
        r.setRawHeader("x-api-key", apiKey().toUtf8());
    r.setRawHeader("anthropic-version", kApiVersion);
    return r;
}

QByteArray AnthropicChatStream::buildBody() const
{
    const QString model = request().model.isEmpty() ? config().defaultModel : request().model;
    return QJsonDocument(requestBody(request(), model)).toJson(QJsonDocument::Compact);
}

void AnthropicChatStream::handleEvent(const SseEvent &event)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(event.data, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        protocolError(tr("a \"%1\" event is not a JSON object (%2)")
                              .arg(QString::fromUtf8(event.event),
                                   parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                                : tr("not an object")),
                      event.data);
        return;
    }
    const QJsonObject data = doc.object();
    QString type = data.value(QStringLiteral("type")).toString();
    if (type.isEmpty())
        type = QString::fromUtf8(event.event);
    const int index = data.value(QStringLiteral("index")).toInt(0);

    if (type == QLatin1String("message_start")) {
        const QJsonObject message = data.value(QStringLiteral("message")).toObject();
        if (message.value(QStringLiteral("model")).isString())
            m_model = message.value(QStringLiteral("model")).toString();
        const QJsonObject usage = message.value(QStringLiteral("usage")).toObject();
        m_usage.inputTokens = usage.value(QStringLiteral("input_tokens")).toInteger() +
                usage.value(QStringLiteral("cache_creation_input_tokens")).toInteger() +
                usage.value(QStringLiteral("cache_read_input_tokens")).toInteger();
        m_usage.outputTokens = usage.value(QStringLiteral("output_tokens")).toInteger();
    } else if (type == QLatin1String("content_block_start")) {
        const QJsonObject block = data.value(QStringLiteral("content_block")).toObject();
        const QString blockType = block.value(QStringLiteral("type")).toString();
        if (blockType == QLatin1String("text")) {
            addText(block.value(QStringLiteral("text")).toString());
        } else if (blockType == QLatin1String("tool_use")) {
            beginToolCall(index, block.value(QStringLiteral("id")).toString(),
                          block.value(QStringLiteral("name")).toString());
            const QJsonObject input = block.value(QStringLiteral("input")).toObject();
            if (!input.isEmpty())
                m_tools.setArguments(index, input);
        }
    } else if (type == QLatin1String("content_block_delta")) {
        const QJsonObject delta = data.value(QStringLiteral("delta")).toObject();
        const QString deltaType = delta.value(QStringLiteral("type")).toString();
        if (deltaType == QLatin1String("text_delta"))
            addText(delta.value(QStringLiteral("text")).toString());
        else if (deltaType == QLatin1String("input_json_delta"))
            addToolArguments(index, delta.value(QStringLiteral("partial_json")).toString().toUtf8());
    } else if (type == QLatin1String("message_delta")) {
        const QJsonObject delta = data.value(QStringLiteral("delta")).toObject();
        if (delta.value(QStringLiteral("stop_reason")).isString())
            m_stopReason = delta.value(QStringLiteral("stop_reason")).toString();
        const QJsonObject usage = data.value(QStringLiteral("usage")).toObject();
        if (usage.contains(QStringLiteral("output_tokens")))
            m_usage.outputTokens = usage.value(QStringLiteral("output_tokens")).toInteger();
        if (usage.contains(QStringLiteral("input_tokens")))
            m_usage.inputTokens = usage.value(QStringLiteral("input_tokens")).toInteger();
    } else if (type == QLatin1String("message_stop")) {
        completeAnswer();
    } else if (type == QLatin1String("error")) {
        const QJsonObject error = data.value(QStringLiteral("error")).toObject();
        const QString errorType = error.value(QStringLiteral("type")).toString();
        const QString message = error.value(QStringLiteral("message")).toString();
        AgentError::Kind kind = AgentError::Kind::Protocol;
        if (errorType == QLatin1String("overloaded_error") || errorType == QLatin1String("api_error"))
            kind = AgentError::Kind::Server;
        else if (errorType == QLatin1String("rate_limit_error"))
            kind = AgentError::Kind::RateLimited;
        else if (errorType == QLatin1String("authentication_error") ||
                 errorType == QLatin1String("permission_error"))
            kind = AgentError::Kind::KeyRejected;
        streamError(AgentError::make(
                kind,
                tr("%1 reported %2 in the middle of its answer: %3").arg(providerName(), errorType, message),
                rawExcerpt(event.data)));
    }
    // "ping", "content_block_stop" and unknown event types carry nothing the harness needs.
}

} // namespace harness
