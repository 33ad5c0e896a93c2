// Agent payloads: JSON round trips. Fields a payload does not model are kept in its extra object, so a
// record written by a richer writer survives a read and a write.
#include "agentevents.h"

namespace harness {

namespace {
QJsonObject without(QJsonObject o, std::initializer_list<const char *> keys)
{
    for (const char *k : keys)
        o.remove(QLatin1String(k));
    o.remove(kPayloadVersionKey);
    return o;
}

void merge(QJsonObject &into, const QJsonObject &extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it)
        if (!into.contains(it.key()))
            into.insert(it.key(), it.value());
}
} // namespace

QJsonObject ContextAssembledPayload::toJson() const
{
    QJsonObject o = assembly;
    o.insert(QStringLiteral("phase"), phase);
    if (iteration > 0)
        o.insert(QStringLiteral("iteration"), iteration);
    o.insert(QStringLiteral("prompt"), prompt);
    return withVersion(o, kVersion);
}

Result<ContextAssembledPayload> ContextAssembledPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<ContextAssembledPayload>(json, kind);
    ContextAssembledPayload p;
    p.phase = r.optionalString(QStringLiteral("phase"));
    p.iteration = int(r.integer(QStringLiteral("iteration"), false, 0));
    p.prompt = r.optionalString(QStringLiteral("prompt"));
    if (!r.ok())
        return r.error();
    p.assembly = without(json, {"phase", "iteration", "prompt"});
    return p;
}

QJsonObject ModelCallPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("phase"), phase},
                   {QStringLiteral("turn"), turn},
                   {QStringLiteral("model"), model},
                   {QStringLiteral("input_tokens"), inputTokens},
                   {QStringLiteral("output_tokens"), outputTokens},
                   {QStringLiteral("cost"), cost},
                   {QStringLiteral("latency_ms"), latencyMs}};
    if (iteration > 0)
        o.insert(QStringLiteral("iteration"), iteration);
    if (!provider.isEmpty())
        o.insert(QStringLiteral("provider"), provider);
    if (!stopReason.isEmpty())
        o.insert(QStringLiteral("stop_reason"), stopReason);
    merge(o, extra);
    return withVersion(o, kVersion);
}

Result<ModelCallPayload> ModelCallPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<ModelCallPayload>(json, kind);
    ModelCallPayload p;
    p.phase = r.optionalString(QStringLiteral("phase"));
    p.iteration = int(r.integer(QStringLiteral("iteration"), false, 0));
    p.turn = int(r.integer(QStringLiteral("turn"), false, 0));
    p.provider = r.optionalString(QStringLiteral("provider"));
    p.model = r.optionalString(QStringLiteral("model"));
    p.inputTokens = r.integer(QStringLiteral("input_tokens"), false, 0);
    p.outputTokens = r.integer(QStringLiteral("output_tokens"), false, 0);
    p.cost = r.number(QStringLiteral("cost"), false, 0.0);
    p.latencyMs = r.integer(QStringLiteral("latency_ms"), false, 0);
    p.stopReason = r.optionalString(QStringLiteral("stop_reason"));
    if (!r.ok())
        return r.error();
    p.extra = without(json,
                      {"phase", "iteration", "turn", "provider", "model", "input_tokens", "output_tokens",
                       "cost", "latency_ms", "stop_reason"});
    return p;
}

QJsonObject ModelErrorPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("message"), message}, {QStringLiteral("kind"), errorKind},
                   {QStringLiteral("phase"), phase},     {QStringLiteral("iteration"), iteration},
                   {QStringLiteral("turn"), turn},       {QStringLiteral("provider"), provider},
                   {QStringLiteral("model"), model},     {QStringLiteral("latency_ms"), latencyMs}};
    merge(o, detail);
    return withVersion(o, kVersion);
}

Result<ModelErrorPayload> ModelErrorPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<ModelErrorPayload>(json, kind);
    ModelErrorPayload p;
    p.message = r.optionalString(QStringLiteral("message"));
    p.errorKind = r.optionalString(QStringLiteral("kind"));
    p.phase = r.optionalString(QStringLiteral("phase"));
    p.iteration = int(r.integer(QStringLiteral("iteration"), false, 0));
    p.turn = int(r.integer(QStringLiteral("turn"), false, 0));
    p.provider = r.optionalString(QStringLiteral("provider"));
    p.model = r.optionalString(QStringLiteral("model"));
    p.latencyMs = r.integer(QStringLiteral("latency_ms"), false, 0);
    if (!r.ok())
        return r.error();
    p.detail = without(json,
                       {"message", "kind", "phase", "iteration", "turn", "provider", "model", "latency_ms"});
    return p;
}

QJsonObject RequestedToolCall::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("arguments"), arguments}};
}

Result<RequestedToolCall> RequestedToolCall::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    RequestedToolCall c;
    c.id = r.optionalString(QStringLiteral("id"));
    c.name = r.optionalString(QStringLiteral("name"));
    c.arguments = r.object(QStringLiteral("arguments"), false);
    if (!r.ok())
        return r.error();
    return c;
}

QJsonObject AgentResponsePayload::toJson() const
{
    QJsonArray calls;
    for (const auto &c : toolCalls)
        calls.append(c.toJson());
    return withVersion({{QStringLiteral("phase"), phase},
                        {QStringLiteral("iteration"), iteration},
                        {QStringLiteral("turn"), turn},
                        {QStringLiteral("text"), text},
                        {QStringLiteral("tool_calls"), calls},
                        {QStringLiteral("stop_reason"), stopReason}},
                       kVersion);
}

Result<AgentResponsePayload> AgentResponsePayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<AgentResponsePayload>(json, kind);
    AgentResponsePayload p;
    p.phase = r.optionalString(QStringLiteral("phase"));
    p.iteration = int(r.integer(QStringLiteral("iteration"), false, 0));
    p.turn = int(r.integer(QStringLiteral("turn"), false, 0));
    p.text = r.optionalString(QStringLiteral("text"));
    p.stopReason = r.optionalString(QStringLiteral("stop_reason"));
    const QJsonArray calls = r.array(QStringLiteral("tool_calls"));
    for (qsizetype i = 0; i < calls.size() && r.ok(); ++i) {
        auto call = RequestedToolCall::fromJson(calls.at(i).toObject(),
                                                r.fieldPath(QStringLiteral("tool_calls[%1]").arg(i)));
        if (call)
            p.toolCalls << *call;
        else
            r.adopt(call.error());
    }
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject BudgetDegradedPayload::toJson() const
{
    QJsonObject o = limits;
    if (!phase.isEmpty())
        o.insert(QStringLiteral("phase"), phase);
    if (!from.isEmpty())
        o.insert(QStringLiteral("from"), from);
    if (!to.isEmpty())
        o.insert(QStringLiteral("to"), to);
    o.insert(QStringLiteral("spent_fraction"), spentFraction);
    return withVersion(o, kVersion);
}

Result<BudgetDegradedPayload> BudgetDegradedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<BudgetDegradedPayload>(json, kind);
    BudgetDegradedPayload p;
    p.phase = r.optionalString(QStringLiteral("phase"));
    p.from = r.optionalString(QStringLiteral("from"));
    p.to = r.optionalString(QStringLiteral("to"));
    p.spentFraction = r.number(QStringLiteral("spent_fraction"), false, 0.0);
    if (!r.ok())
        return r.error();
    p.limits = without(json, {"phase", "from", "to", "spent_fraction"});
    return p;
}

QJsonObject BudgetExhaustedPayload::toJson() const
{
    QJsonObject o = limits;
    o.insert(QStringLiteral("reason"), reason);
    o.insert(QStringLiteral("tokens"), tokens);
    o.insert(QStringLiteral("cost"), cost);
    return withVersion(o, kVersion);
}

Result<BudgetExhaustedPayload> BudgetExhaustedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<BudgetExhaustedPayload>(json, kind);
    BudgetExhaustedPayload p;
    p.reason = r.optionalString(QStringLiteral("reason"), r.optionalString(QStringLiteral("message")));
    p.tokens = r.integer(QStringLiteral("tokens"), false, 0);
    p.cost = r.number(QStringLiteral("cost"), false, 0.0);
    if (!r.ok())
        return r.error();
    p.limits = without(json, {"reason", "message", "tokens", "cost"});
    return p;
}

} // namespace harness
