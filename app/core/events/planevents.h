// Payloads of planning and approval: the plan the agent proposed (or why its answer was no plan), the
// subtasks it proposed, the approval asked for, and the human's (or the policy's) decision. An approval
// binds to a plan hash; plan_approved counts only for the plan whose hash it names.
#pragma once

#include "payload.h"

#include "core/plan.h"

namespace harness {

struct PlanProposedPayload
{
    static constexpr QLatin1StringView kKind = kinds::PlanProposed;
    static constexpr int kVersion = 1;
    Plan plan;
    QByteArray planHash; // as written; readers use plan.hash(), which is what approvals bind to
    int round = 0;

    QJsonObject toJson() const;
    static Result<PlanProposedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct PlanInvalidPayload
{
    static constexpr QLatin1StringView kKind = kinds::PlanInvalid;
    static constexpr int kVersion = 1;
    QString error; // what is wrong with the answer, quoted back to the agent
    QString excerpt; // the start of the answer

    QJsonObject toJson() const;
    static Result<PlanInvalidPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct PlanEditedPayload
{
    static constexpr QLatin1StringView kKind = kinds::PlanEdited;
    static constexpr int kVersion = 1;
    QString approval;
    Plan plan;
    QByteArray planHash;

    QJsonObject toJson() const;
    static Result<PlanEditedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct PlanApprovedPayload
{
    static constexpr QLatin1StringView kKind = kinds::PlanApproved;
    static constexpr int kVersion = 1;
    QString approval; // empty for an approval by policy
    QByteArray planHash; // the plan this approval is for
    bool automatic = false; // approved by policy or --approve auto
    QString policy; // which policy, when automatic
    bool edited = false; // the human edited the plan before approving it

    QJsonObject toJson() const;
    static Result<PlanApprovedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// plan_changes_requested and plan_rejected: the human's feedback goes to the next plan round.
struct PlanDecisionPayload
{
    static constexpr int kVersion = 1;
    static bool accepts(QStringView kind)
    {
        return kind == kinds::PlanChangesRequested || kind == kinds::PlanRejected;
    }
    QString approval;
    QString feedback;

    QJsonObject toJson() const;
    static Result<PlanDecisionPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct ApprovalRequestedPayload
{
    static constexpr QLatin1StringView kKind = kinds::ApprovalRequested;
    static constexpr int kVersion = 1;
    static constexpr QLatin1StringView kPlan {"plan"};
    static constexpr QLatin1StringView kPermission {"permission"};
    QString approval;
    QString approvalKind; // kPlan or kPermission
    QByteArray planHash; // plan approvals
    QJsonObject subject; // permission approvals: {kind, tool, subject, reason}

    bool isPlan() const { return approvalKind == kPlan; }
    QJsonObject toJson() const;
    static Result<ApprovalRequestedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct SubtasksProposedPayload
{
    static constexpr QLatin1StringView kKind = kinds::SubtasksProposed;
    static constexpr int kVersion = 1;
    QList<ProposedSubtask> subtasks;

    QJsonObject toJson() const;
    static Result<SubtasksProposedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

} // namespace harness
