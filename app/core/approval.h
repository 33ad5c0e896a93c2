// Approval: a decision a human owes the harness — a plan to approve, or a permission "ask".
// It binds to the exact subject it was created for through subjectHash.
#pragma once

#include "result.h"

#include <QDateTime>
#include <QJsonObject>

namespace harness {

enum class ApprovalKind { Plan, Permission, Merge };
enum class ApprovalState { Pending, Approved, Rejected, ChangesRequested };

QString approvalKindName(ApprovalKind kind);
QString approvalStateName(ApprovalState state);

struct Approval
{
    QString id; // "A1", "A2", ...
    QString runId;
    ApprovalKind kind = ApprovalKind::Plan;
    QByteArray subjectHash; // e.g. Plan::hash() of the plan to approve
    QJsonObject subject; // the plan, or the permission request
    ApprovalState state = ApprovalState::Pending;
    QString decidedBy; // actor
    QString feedback;
    QDateTime created;
    QDateTime decided;

    bool isPending() const { return state == ApprovalState::Pending; }
    QJsonObject toJson() const;
    static Result<Approval> fromJson(const QJsonObject &json);
    bool operator==(const Approval &) const = default;
};

} // namespace harness
