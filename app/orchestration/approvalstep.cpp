// ApprovalStep: the store's approval row is the human's answer; the events record it with the actor.
#include "approvalstep.h"
#include "approvalservice.h"

#include "core/events/planevents.h"
#include "core/events/runevents.h"
#include "store/store.h"

namespace harness {

Status ApprovalStep::request(StepContext &ctx)
{
    const RunState &state = ctx.state();
    Store &store = ctx.journal.store();
    auto pending = store.approvals(true, ctx.journal.runId());
    if (!pending)
        return pending.error();
    QString id;
    for (const auto &a : *pending)
        if (a.kind == ApprovalKind::Plan && a.subjectHash == state.planHash)
            id = a.id;
    if (id.isEmpty()) {
        Approval a;
        a.runId = ctx.journal.runId();
        a.kind = ApprovalKind::Plan;
        a.subjectHash = state.planHash;
        a.subject = state.plan->toJson();
        auto added = store.addApproval(a);
        if (!added)
            return added.error();
        id = added->id;
    }
    ApprovalRequestedPayload requested;
    requested.approval = id;
    requested.approvalKind = ApprovalRequestedPayload::kPlan;
    requested.planHash = state.planHash;
    return ctx.journal.append(requested);
}

StepResult ApprovalStep::step(StepContext &ctx)
{
    const RunState &state = ctx.state();
    RunJournal &journal = ctx.journal;
    if (state.pendingApprovalId.isEmpty())
        return StepOutcome::Waiting;
    auto approval = journal.store().approval(state.pendingApprovalId);
    if (!approval)
        return approval.error();
    const QString actor =
            approval->decidedBy.isEmpty() ? QStringLiteral("human:unknown") : approval->decidedBy;
    switch (approval->state) {
    case ApprovalState::Pending:
        return StepOutcome::Waiting;
    case ApprovalState::Approved: {
        if (approval->subjectHash != state.planHash) {
            // The approval was given to another plan: it does not carry over.
            if (auto s = journal.append(RunErrorPayload {
                        QStringLiteral("approval %1 was for plan %2, not the current plan %3; asking again")
                                .arg(approval->id, QString::fromLatin1(approval->subjectHash.left(12)),
                                     QString::fromLatin1(state.planHash.left(12)))});
                !s)
                return s.error();
            if (auto s = request(ctx); !s)
                return s.error();
            return StepOutcome::Progressed;
        }
        if (auto edited = ApprovalService::editedPlan(*approval)) {
            if (auto s = journal.append(PlanEditedPayload {approval->id, *edited, edited->hash()}, actor); !s)
                return s.error();
        }
        PlanApprovedPayload approved;
        approved.approval = approval->id;
        approved.planHash = state.planHash;
        approved.edited = state.planHash != approval->subjectHash;
        return journal.commit(approved, StepOutcome::Progressed, actor);
    }
    case ApprovalState::ChangesRequested:
    case ApprovalState::Rejected: {
        const bool rejected = approval->state == ApprovalState::Rejected;
        if (auto s = journal.append(rejected ? kinds::PlanRejected : kinds::PlanChangesRequested,
                                    PlanDecisionPayload {approval->id, approval->feedback}, actor);
            !s)
            return s.error();
        return journal.commit(PhaseStartedPayload::plan(state.planRound + 1));
    }
    }
    return StepOutcome::Waiting;
}

} // namespace harness
