// Planning and approval payloads: JSON round trips.
#include "planevents.h"

namespace harness {

namespace {
Plan readPlan(JsonReader &r)
{
    const QJsonObject json = r.object(QStringLiteral("plan"));
    if (!r.ok())
        return {};
    auto plan = Plan::fromJson(json);
    if (!plan) {
        r.adopt(Error {plan.error().message, r.fieldPath(QStringLiteral("plan.") + plan.error().field)});
        return {};
    }
    return *plan;
}
} // namespace

QJsonObject PlanProposedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("plan"), plan.toJson()},
                   {QStringLiteral("plan_hash"), QString::fromLatin1(planHash)}};
    if (round > 0)
        o.insert(QStringLiteral("round"), round);
    return withVersion(o, kVersion);
}

Result<PlanProposedPayload> PlanProposedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<PlanProposedPayload>(json, kind);
    PlanProposedPayload p;
    p.plan = readPlan(r);
    p.planHash = r.optionalString(QStringLiteral("plan_hash")).toLatin1();
    p.round = int(r.integer(QStringLiteral("round"), false, 0));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject PlanInvalidPayload::toJson() const
{
    return withVersion({{QStringLiteral("error"), error}, {QStringLiteral("excerpt"), excerpt}}, kVersion);
}

Result<PlanInvalidPayload> PlanInvalidPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<PlanInvalidPayload>(json, kind);
    PlanInvalidPayload p;
    p.error = r.optionalString(QStringLiteral("error"));
    p.excerpt = r.optionalString(QStringLiteral("excerpt"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject PlanEditedPayload::toJson() const
{
    return withVersion({{QStringLiteral("approval"), approval},
                        {QStringLiteral("plan"), plan.toJson()},
                        {QStringLiteral("plan_hash"), QString::fromLatin1(planHash)}},
                       kVersion);
}

Result<PlanEditedPayload> PlanEditedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<PlanEditedPayload>(json, kind);
    PlanEditedPayload p;
    p.approval = r.optionalString(QStringLiteral("approval"));
    p.plan = readPlan(r);
    p.planHash = r.optionalString(QStringLiteral("plan_hash")).toLatin1();
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject PlanApprovedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("plan_hash"), QString::fromLatin1(planHash)}};
    if (!approval.isEmpty())
        o.insert(QStringLiteral("approval"), approval);
    if (automatic) {
        o.insert(QStringLiteral("auto"), true);
        o.insert(QStringLiteral("policy"), policy);
    } else {
        o.insert(QStringLiteral("edited"), edited);
    }
    return withVersion(o, kVersion);
}

Result<PlanApprovedPayload> PlanApprovedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<PlanApprovedPayload>(json, kind);
    PlanApprovedPayload p;
    p.planHash = r.string(QStringLiteral("plan_hash")).toLatin1();
    p.approval = r.optionalString(QStringLiteral("approval"));
    p.automatic = r.boolean(QStringLiteral("auto"));
    p.policy = r.optionalString(QStringLiteral("policy"));
    p.edited = r.boolean(QStringLiteral("edited"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject PlanDecisionPayload::toJson() const
{
    return withVersion({{QStringLiteral("approval"), approval}, {QStringLiteral("feedback"), feedback}},
                       kVersion);
}

Result<PlanDecisionPayload> PlanDecisionPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<PlanDecisionPayload>(json, kind);
    PlanDecisionPayload p;
    p.approval = r.optionalString(QStringLiteral("approval"));
    p.feedback = r.optionalString(QStringLiteral("feedback"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject ApprovalRequestedPayload::toJson() const
{
    QJsonObject o {{QStringLiteral("approval"), approval}, {QStringLiteral("kind"), approvalKind}};
    if (!planHash.isEmpty())
        o.insert(QStringLiteral("plan_hash"), QString::fromLatin1(planHash));
    if (!subject.isEmpty())
        o.insert(QStringLiteral("subject"), subject);
    return withVersion(o, kVersion);
}

Result<ApprovalRequestedPayload> ApprovalRequestedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<ApprovalRequestedPayload>(json, kind);
    ApprovalRequestedPayload p;
    p.approval = r.string(QStringLiteral("approval"));
    p.approvalKind = r.string(QStringLiteral("kind"));
    p.planHash = r.optionalString(QStringLiteral("plan_hash")).toLatin1();
    p.subject = r.object(QStringLiteral("subject"), false);
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject SubtasksProposedPayload::toJson() const
{
    QJsonArray list;
    for (const auto &st : subtasks)
        list.append(QJsonObject {{QStringLiteral("title"), st.title},
                                 {QStringLiteral("goal"), st.goal},
                                 {QStringLiteral("scope"), QJsonArray::fromStringList(st.scope)}});
    return withVersion({{QStringLiteral("subtasks"), list}}, kVersion);
}

Result<SubtasksProposedPayload> SubtasksProposedPayload::fromJson(const QJsonObject &json, QStringView kind)
{
    JsonReader r = payloadReader<SubtasksProposedPayload>(json, kind);
    SubtasksProposedPayload p;
    const QJsonArray list = r.array(QStringLiteral("subtasks"), true);
    for (qsizetype i = 0; i < list.size() && r.ok(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        JsonReader item(o, r.fieldPath(QStringLiteral("subtasks[%1]").arg(i)));
        ProposedSubtask st;
        st.title = item.string(QStringLiteral("title"));
        st.goal = item.optionalString(QStringLiteral("goal"));
        st.scope = item.stringList(QStringLiteral("scope"));
        if (!item.ok())
            r.adopt(item.error());
        p.subtasks << st;
    }
    if (!r.ok())
        return r.error();
    return p;
}

} // namespace harness
