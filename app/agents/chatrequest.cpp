// JSON forms of ToolCall, ChatMessage and ChatRequest, validated field by field.
#include "chatrequest.h"
#include "core/jsonreader.h"

namespace harness {

QJsonObject ToolCall::toJson() const
{
    return QJsonObject {{QStringLiteral("id"), id},
                        {QStringLiteral("name"), name},
                        {QStringLiteral("arguments"), arguments}};
}

Result<ToolCall> ToolCall::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    ToolCall c;
    c.id = r.optionalString(QStringLiteral("id"));
    c.name = r.string(QStringLiteral("name"));
    c.arguments = r.object(QStringLiteral("arguments"), false);
    if (r.ok() && c.name.isEmpty())
        r.fail(QStringLiteral("name"), QStringLiteral("must not be empty"));
    if (!r.ok())
        return r.error();
    return c;
}

ChatMessage ChatMessage::user(QString text)
{
    ChatMessage m;
    m.role = QStringLiteral("user");
    m.content = std::move(text);
    return m;
}

ChatMessage ChatMessage::assistant(QString text, QList<ToolCall> calls)
{
    ChatMessage m;
    m.role = QStringLiteral("assistant");
    m.content = std::move(text);
    m.toolCalls = std::move(calls);
    return m;
}

ChatMessage ChatMessage::toolResult(QString callId, QString content, bool isError)
{
    ChatMessage m;
    m.role = QStringLiteral("tool");
    m.toolCallId = std::move(callId);
    m.content = std::move(content);
    m.isError = isError;
    return m;
}

QJsonObject ChatMessage::toJson() const
{
    QJsonObject o {{QStringLiteral("role"), role}, {QStringLiteral("content"), content}};
    if (!toolCalls.isEmpty()) {
        QJsonArray calls;
        for (const auto &c : toolCalls)
            calls.append(c.toJson());
        o.insert(QStringLiteral("tool_calls"), calls);
    }
    if (!toolCallId.isEmpty())
        o.insert(QStringLiteral("tool_call_id"), toolCallId);
    if (isError)
        o.insert(QStringLiteral("is_error"), true);
    return o;
}

Result<ChatMessage> ChatMessage::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    ChatMessage m;
    m.role = r.string(QStringLiteral("role"));
    m.content = r.optionalString(QStringLiteral("content"));
    m.toolCallId = r.optionalString(QStringLiteral("tool_call_id"));
    m.isError = r.boolean(QStringLiteral("is_error"));
    const QJsonArray calls = r.array(QStringLiteral("tool_calls"));
    for (qsizetype i = 0; i < calls.size() && r.ok(); ++i) {
        auto call = ToolCall::fromJson(calls.at(i).toObject(),
                                       r.fieldPath(QStringLiteral("tool_calls[%1]").arg(i)));
        if (!call)
            r.adopt(call.error());
        else
            m.toolCalls.append(*call);
    }
    if (r.ok() && m.role != QLatin1String("user") && m.role != QLatin1String("assistant") &&
        m.role != QLatin1String("tool"))
        r.fail(QStringLiteral("role"), QStringLiteral("must be \"user\", \"assistant\" or \"tool\""));
    if (r.ok() && m.role == QLatin1String("tool") && m.toolCallId.isEmpty())
        r.fail(QStringLiteral("tool_call_id"), QStringLiteral("is required for a tool message"));
    if (!r.ok())
        return r.error();
    return m;
}

bool ChatRequest::isValidPhase(const QString &phase)
{
    return phase == QLatin1String("plan") || phase == QLatin1String("build") ||
            phase == QLatin1String("fix") || phase == QLatin1String("summarise");
}

QJsonObject ChatRequest::toJson() const
{
    QJsonArray msgs;
    for (const auto &m : messages)
        msgs.append(m.toJson());
    return QJsonObject {
            {QStringLiteral("phase"), phase},   {QStringLiteral("iteration"), iteration},
            {QStringLiteral("turn"), turn},     {QStringLiteral("model"), model},
            {QStringLiteral("system"), system}, {QStringLiteral("messages"), msgs},
            {QStringLiteral("tools"), tools},   {QStringLiteral("max_output_tokens"), maxOutputTokens}};
}

Result<ChatRequest> ChatRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("request"));
    ChatRequest q;
    q.phase = r.string(QStringLiteral("phase"));
    q.iteration = int(r.integer(QStringLiteral("iteration"), false, 1));
    q.turn = int(r.integer(QStringLiteral("turn"), false, 0));
    q.model = r.optionalString(QStringLiteral("model"));
    q.system = r.optionalString(QStringLiteral("system"));
    q.tools = r.array(QStringLiteral("tools"));
    q.maxOutputTokens = int(r.integer(QStringLiteral("max_output_tokens"), false, 4096));
    const QJsonArray msgs = r.array(QStringLiteral("messages"));
    for (qsizetype i = 0; i < msgs.size() && r.ok(); ++i) {
        auto m = ChatMessage::fromJson(msgs.at(i).toObject(),
                                       r.fieldPath(QStringLiteral("messages[%1]").arg(i)));
        if (!m)
            r.adopt(m.error());
        else
            q.messages.append(*m);
    }
    if (r.ok() && !isValidPhase(q.phase))
        r.fail(QStringLiteral("phase"), QStringLiteral("must be plan, build, fix or summarise"));
    if (!r.ok())
        return r.error();
    return q;
}

} // namespace harness
