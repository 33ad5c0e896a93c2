// ApprovalService: the human's side of approvals, shared by the CLI and the workbench. Decisions go
// into the store; the run that waits turns them into audited events with the deciding actor.
#pragma once

#include "core/plan.h"
#include "store/store.h"

namespace harness {

class ApprovalService
{
public:
    explicit ApprovalService(Store &store) : m_store(store) { }

    Result<Approval> approve(const QString &approvalId, const QString &actor, const QString &feedback = {});
    // Approves a plan the human edited: the run will build exactly the edited plan.
    Result<Approval> approveEdited(const QString &approvalId, const Plan &edited, const QString &actor);
    // Back to Plan with the feedback (the feedback is required: the agent needs to know what to change).
    Result<Approval> requestChanges(const QString &approvalId, const QString &actor, const QString &feedback);
    Result<Approval> reject(const QString &approvalId, const QString &actor, const QString &feedback);

    Result<QList<Approval>> pending(const QString &runId = {}) { return m_store.approvals(true, runId); }

    // The edited plan an approval carries, if the human edited the plan while approving.
    static std::optional<Plan> editedPlan(const Approval &approval);

private:
    Result<Approval> decide(const QString &approvalId, ApprovalState state, const QString &actor,
                            const QString &feedback);
    Store &m_store;
};

} // namespace harness
