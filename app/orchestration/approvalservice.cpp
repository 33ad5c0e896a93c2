// ApprovalService: an edited plan travels in the decision's feedback as {"edited_plan": {...}}, so the
// store's approval row stays the single place a decision is made.
#include "approvalservice.h"

#include <QJsonDocument>

namespace harness {

Result<Approval> ApprovalService::decide(const QString &approvalId, ApprovalState state, const QString &actor,
                                         const QString &feedback)
{
    auto current = m_store.approval(approvalId);
    if (!current)
        return Result<Approval>::failure(
                QStringLiteral("there is no approval %1; \"harness status\" lists the pending ones")
                        .arg(approvalId));
    if (!current->isPending())
        return Result<Approval>::failure(
                QStringLiteral("approval %1 was already decided (%2 by %3)")
                        .arg(approvalId, approvalStateName(current->state), current->decidedBy));
    // Binding: the decision is for exactly the subject the approval was created for.
    return m_store.decideApproval(approvalId, state, actor, feedback, current->subjectHash);
}

Result<Approval> ApprovalService::approve(const QString &approvalId, const QString &actor,
                                          const QString &feedback)
{
    return decide(approvalId, ApprovalState::Approved, actor, feedback);
}

Result<Approval> ApprovalService::approveEdited(const QString &approvalId, const Plan &edited,
                                                const QString &actor)
{
    auto valid = Plan::fromJson(edited.toJson());
    if (!valid)
        return Result<Approval>::failure(
                QStringLiteral("the edited plan is not valid: %1").arg(valid.errorText()));
    const QJsonObject carrier {{QStringLiteral("edited_plan"), edited.toJson()}};
    return decide(approvalId, ApprovalState::Approved, actor,
                  QString::fromUtf8(QJsonDocument(carrier).toJson(QJsonDocument::Compact)));
}

Result<Approval> ApprovalService::requestChanges(const QString &approvalId, const QString &actor,
                                                 const QString &feedback)
{
    if (feedback.trimmed().isEmpty())
        return Result<Approval>::failure(
                QStringLiteral("say what should change: the feedback goes to the agent"));
    return decide(approvalId, ApprovalState::ChangesRequested, actor, feedback);
}

Result<Approval> ApprovalService::reject(const QString &approvalId, const QString &actor,
                                         const QString &feedback)
{
    auto current = m_store.approval(approvalId);
    if (current && current->kind == ApprovalKind::Plan && feedback.trimmed().isEmpty())
        return Result<Approval>::failure(QStringLiteral(
                "give feedback with the rejection (--feedback): the agent plans again from it"));
    return decide(approvalId, ApprovalState::Rejected, actor, feedback);
}

std::optional<Plan> ApprovalService::editedPlan(const Approval &approval)
{
    if (approval.state != ApprovalState::Approved || !approval.feedback.startsWith(QLatin1Char('{')))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(approval.feedback.toUtf8()).object();
    if (!o.contains(QStringLiteral("edited_plan")))
        return std::nullopt;
    auto plan = Plan::fromJson(o.value(QStringLiteral("edited_plan")).toObject());
    if (!plan)
        return std::nullopt;
    return *plan;
}

} // namespace harness
