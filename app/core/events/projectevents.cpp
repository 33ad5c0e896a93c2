// Project file change payloads (rules_changed, rule_suggested): JSON round trips.
#include "projectevents.h"

#include <QJsonArray>

namespace harness {

QJsonObject RulesChangedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("path"), path},
                   {QStringLiteral("before"), before},
                   {QStringLiteral("after"), after},
                   {QStringLiteral("added"), QJsonArray::fromStringList(added)},
                   {QStringLiteral("removed"), QJsonArray::fromStringList(removed)},
                   {QStringLiteral("changed"), QJsonArray::fromStringList(changed)},
                   {QStringLiteral("settings_changed"), settingsChanged}};
    if (!backup.isEmpty())
        o.insert(QStringLiteral("backup"), backup);
    return withVersion(o, kVersion);
}

Result<RulesChangedPayload> RulesChangedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<RulesChangedPayload>(json, kind);
    RulesChangedPayload p;
    p.path = r.string(QStringLiteral("path"));
    p.before = r.optionalString(QStringLiteral("before"));
    p.after = r.optionalString(QStringLiteral("after"));
    p.added = r.stringList(QStringLiteral("added"));
    p.removed = r.stringList(QStringLiteral("removed"));
    p.changed = r.stringList(QStringLiteral("changed"));
    p.settingsChanged = r.boolean(QStringLiteral("settings_changed"));
    p.backup = r.optionalString(QStringLiteral("backup"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject RuleSuggestedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("suggestion"), suggestion},
                   {QStringLiteral("kind"), ruleKind},
                   {QStringLiteral("rule"), rule},
                   {QStringLiteral("reason"), reason}};
    if (!run.isEmpty())
        o.insert(QStringLiteral("run"), run);
    return withVersion(o, kVersion);
}

Result<RuleSuggestedPayload> RuleSuggestedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<RuleSuggestedPayload>(json, kind);
    RuleSuggestedPayload p;
    p.suggestion = r.string(QStringLiteral("suggestion"));
    p.run = r.optionalString(QStringLiteral("run"));
    p.ruleKind = r.string(QStringLiteral("kind"));
    p.rule = r.object(QStringLiteral("rule"));
    p.reason = r.optionalString(QStringLiteral("reason"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject RuleSuggestionDecidedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("suggestion"), suggestion},
                   {QStringLiteral("event_seq"), eventSeq},
                   {QStringLiteral("decision"), decision},
                   {QStringLiteral("kind"), ruleKind},
                   {QStringLiteral("rule_id"), ruleId}};
    if (!run.isEmpty())
        o.insert(QStringLiteral("run"), run);
    return withVersion(o, kVersion);
}

Result<RuleSuggestionDecidedPayload> RuleSuggestionDecidedPayload::fromJson(const QJsonObject &json,
                                                                            QStringView kind)
{
    JsonReader r = payloadReader<RuleSuggestionDecidedPayload>(json, kind);
    RuleSuggestionDecidedPayload p;
    p.suggestion = r.string(QStringLiteral("suggestion"));
    p.eventSeq = r.integer(QStringLiteral("event_seq"));
    p.decision = r.string(QStringLiteral("decision"));
    if (r.ok() && p.decision != kAccepted && p.decision != kDismissed)
        r.fail(QStringLiteral("decision"), QStringLiteral("must be accepted or dismissed"));
    p.ruleKind = r.optionalString(QStringLiteral("kind"));
    p.ruleId = r.optionalString(QStringLiteral("rule_id"));
    p.run = r.optionalString(QStringLiteral("run"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject QueueLimitsChangedPayload::toJson() const
{
    return withVersion({{QStringLiteral("max_concurrent"), maxConcurrent},
                        {QStringLiteral("max_spend"), maxSpend},
                        {QStringLiteral("previous_max_concurrent"), previousMaxConcurrent},
                        {QStringLiteral("previous_max_spend"), previousMaxSpend}},
                       kVersion);
}

Result<QueueLimitsChangedPayload> QueueLimitsChangedPayload::fromJson(const QJsonObject &json,
                                                                      QStringView kind)
{
    JsonReader r = payloadReader<QueueLimitsChangedPayload>(json, kind);
    QueueLimitsChangedPayload p;
    p.maxConcurrent = int(r.integer(QStringLiteral("max_concurrent"), true, 0));
    p.maxSpend = r.number(QStringLiteral("max_spend"), true, 0);
    p.previousMaxConcurrent = int(r.integer(QStringLiteral("previous_max_concurrent"), false, 0));
    p.previousMaxSpend = r.number(QStringLiteral("previous_max_spend"), false, 0);
    if (!r.ok())
        return r.error();
    return p;
}

} // namespace harness
