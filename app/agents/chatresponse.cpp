// JSON forms of TokenUsage and ChatResponse (the replay transcript's "response" object).
#include "chatresponse.h"
#include "core/jsonreader.h"

namespace harness {

QJsonObject TokenUsage::toJson() const
{
    return QJsonObject {{QStringLiteral("input_tokens"), inputTokens},
                        {QStringLiteral("output_tokens"), outputTokens}};
}

Result<TokenUsage> TokenUsage::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    TokenUsage u;
    u.inputTokens = r.integer(QStringLiteral("input_tokens"), false, 0);
    u.outputTokens = r.integer(QStringLiteral("output_tokens"), false, 0);
    if (r.ok() && (u.inputTokens < 0 || u.outputTokens < 0))
        r.fail(u.inputTokens < 0 ? QStringLiteral("input_tokens") : QStringLiteral("output_tokens"),
               QStringLiteral("must not be negative"));
    if (!r.ok())
        return r.error();
    return u;
}

QJsonObject ChatResponse::toJson() const
{
    QJsonArray calls;
    for (const auto &c : toolCalls)
        calls.append(c.toJson());
    QJsonObject o {{QStringLiteral("text"), text},
                   {QStringLiteral("tool_calls"), calls},
                   {QStringLiteral("usage"), usage.toJson()},
                   {QStringLiteral("stop_reason"), stopReason}};
    if (!model.isEmpty())
        o.insert(QStringLiteral("model"), model);
    if (latencyMs)
        o.insert(QStringLiteral("latency_ms"), latencyMs);
    return o;
}

Result<ChatResponse> ChatResponse::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    ChatResponse resp;
    resp.text = r.optionalString(QStringLiteral("text"));
    resp.stopReason = r.optionalString(QStringLiteral("stop_reason"));
    resp.model = r.optionalString(QStringLiteral("model"));
    resp.latencyMs = r.integer(QStringLiteral("latency_ms"), false, 0);
    const QJsonArray calls = r.array(QStringLiteral("tool_calls"));
    for (qsizetype i = 0; i < calls.size() && r.ok(); ++i) {
        const QString key = QStringLiteral("tool_calls[%1]").arg(i);
        if (!calls.at(i).isObject()) {
            r.fail(key, QStringLiteral("must be an object with \"name\" and \"arguments\""));
            break;
        }
        auto c = ToolCall::fromJson(calls.at(i).toObject(), r.fieldPath(key));
        if (!c)
            r.adopt(c.error());
        else
            resp.toolCalls.append(*c);
    }
    if (r.ok() && json.contains(QStringLiteral("usage"))) {
        auto u =
                TokenUsage::fromJson(r.object(QStringLiteral("usage")), r.fieldPath(QStringLiteral("usage")));
        if (!u)
            r.adopt(u.error());
        else
            resp.usage = *u;
    }
    if (r.ok() && resp.stopReason.isEmpty())
        resp.stopReason = resp.toolCalls.isEmpty() ? QStringLiteral("end_turn") : QStringLiteral("tool_use");
    if (!r.ok())
        return r.error();
    return resp;
}

} // namespace harness
