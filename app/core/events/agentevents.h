// Payloads of the agent's side: the context assembled for a phase, each model call (usage and cost),
// the agent's answer with the tool calls it asks the harness to run, and the budget's degrade and stop.
#pragma once

#include "payload.h"

namespace harness {

struct ContextAssembledPayload
{
    static constexpr QLatin1StringView kKind = kinds::ContextAssembled;
    static constexpr int kVersion = 1;
    QString phase; // plan, build, fix
    int iteration = 0; // build and fix
    QString prompt; // the rendered context: what the agent is given
    QJsonObject assembly; // what went in and what was left out (the knowledge layer's record), kept as is

    QJsonObject toJson() const;
    static Result<ContextAssembledPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct ModelCallPayload
{
    static constexpr QLatin1StringView kKind = kinds::ModelCall;
    static constexpr int kVersion = 1;
    QString phase;
    int iteration = 0;
    int turn = 0;
    QString provider;
    QString model;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    double cost = 0.0;
    qint64 latencyMs = 0;
    QString stopReason;
    QJsonObject extra; // what a budget tracker adds (priced, degraded, run_tokens, run_cost), kept as is

    qint64 tokens() const { return inputTokens + outputTokens; }
    QJsonObject toJson() const;
    static Result<ModelCallPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct ModelErrorPayload
{
    static constexpr QLatin1StringView kKind = kinds::ModelError;
    static constexpr int kVersion = 1;
    QString message;
    QString errorKind; // "rate_limited", "key_rejected", ...
    QString phase;
    int iteration = 0;
    int turn = 0;
    QString provider;
    QString model;
    qint64 latencyMs = 0;
    QJsonObject detail; // http_status, attempts, raw_excerpt

    QJsonObject toJson() const;
    static Result<ModelErrorPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// A tool call the agent asks the harness to run (an external agent's own tool calls are not these).
struct RequestedToolCall
{
    QString id;
    QString name;
    QJsonObject arguments;

    QJsonObject toJson() const;
    static Result<RequestedToolCall> fromJson(const QJsonObject &json, const QString &path);
};

struct AgentResponsePayload
{
    static constexpr QLatin1StringView kKind = kinds::AgentResponse;
    static constexpr int kVersion = 1;
    QString phase;
    int iteration = 0;
    int turn = 0;
    QString text;
    QList<RequestedToolCall> toolCalls; // none: the agent is done with this iteration
    QString stopReason;

    QJsonObject toJson() const;
    static Result<AgentResponsePayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct BudgetDegradedPayload
{
    static constexpr QLatin1StringView kKind = kinds::BudgetDegraded;
    static constexpr int kVersion = 1;
    QString phase;
    QString from; // the model used so far
    QString to; // the cheaper model
    double spentFraction = 0.0;
    QJsonObject limits; // a budget tracker's record (scope, limit, run_tokens, ...), kept as is

    QJsonObject toJson() const;
    static Result<BudgetDegradedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct BudgetExhaustedPayload
{
    static constexpr QLatin1StringView kKind = kinds::BudgetExhausted;
    static constexpr int kVersion = 1;
    QString reason;
    qint64 tokens = 0; // spent by the run
    double cost = 0.0;
    QJsonObject limits; // a budget tracker's record (scope, limit, run_tokens, ...), kept as is

    QJsonObject toJson() const;
    // Accepts "message" for the reason (what the budget tracker wrote before the schema).
    static Result<BudgetExhaustedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

} // namespace harness
