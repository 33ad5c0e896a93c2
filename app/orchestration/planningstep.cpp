// PlanningStep: decide a pending plan, then limits, budget, context, answer, validation — in that order.
#include "planningstep.h"
#include "approvalstep.h"
#include "planextractor.h"
#include "runcontextbuilder.h"

#include "core/events/agentevents.h"
#include "core/events/planevents.h"
#include "core/events/runevents.h"
#include "core/pathglob.h"

namespace harness {

bool PlanningStep::autoApproves(const StepContext &ctx, const Plan &plan)
{
    if (!ctx.services.autoApproveActor.isEmpty())
        return true;
    const AutoApprovePolicy &p = ctx.services.policy.autoApprove;
    if (!p.enabled || plan.steps.size() > p.maxSteps)
        return false;
    const QStringList files = plan.touchedFiles();
    if (files.size() > p.maxFiles)
        return false;
    for (const QString &f : files) {
        bool allowed = false;
        for (const QString &glob : p.paths)
            allowed = allowed || PathGlob(glob).matches(f);
        if (!allowed)
            return false;
    }
    return true;
}

StepResult PlanningStep::approveByPolicy(StepContext &ctx)
{
    const QString &byHuman = ctx.services.autoApproveActor;
    PlanApprovedPayload approved;
    approved.planHash = ctx.state().planHash;
    approved.automatic = true;
    approved.policy = byHuman.isEmpty() ? QStringLiteral("project auto_approve policy")
                                        : QStringLiteral("--approve auto");
    return ctx.journal.commit(approved, StepOutcome::Progressed,
                              byHuman.isEmpty() ? QStringLiteral("harness") : byHuman);
}

std::optional<std::pair<QString, QString>> PlanningStep::unreadAnswer(const QList<Event> &roundEvents)
{
    std::optional<std::pair<QString, QString>> answer;
    for (const auto &e : roundEvents) {
        if (auto p = payloadIf<AgentResponsePayload>(e))
            answer = std::make_pair(p->text, e.actor);
        else if (e.kind == kinds::PlanInvalid || e.kind == kinds::PlanProposed)
            answer.reset();
    }
    return answer;
}

StepResult PlanningStep::readPlan(StepContext &ctx, const QString &answer, const QString &answeredBy)
{
    auto plan = PlanExtractor::extract(answer);
    if (!plan)
        return ctx.journal.commit(PlanInvalidPayload {plan.errorText(), answer.left(400)});
    // The plan and its proposed subtasks are one commit: a crash cannot keep the one and lose the other.
    const QString &runId = ctx.journal.runId();
    QList<Event> proposal {makeEvent(
            runId, PlanProposedPayload {*plan, plan->hash(), ctx.state().planRound + 1}, answeredBy)};
    if (!plan->subtasks.isEmpty())
        proposal << makeEvent(runId, SubtasksProposedPayload {plan->subtasks});
    return ctx.journal.commit(proposal);
}

StepResult PlanningStep::step(StepContext &ctx)
{
    const RunState &state = ctx.state();
    // A proposed plan that awaits a decision: approve by policy or ask the human.
    if (state.planPending) {
        if (autoApproves(ctx, *state.plan))
            return approveByPolicy(ctx);
        if (auto s = ApprovalStep::request(ctx); !s)
            return s.error();
        return StepOutcome::Progressed;
    }
    if (state.planRound >= ctx.services.policy.maxPlanRounds)
        return ctx.journal.end(kinds::Escalated,
                               QStringLiteral("no plan was approved after %1 rounds").arg(state.planRound));
    if (state.invalidPlansThisRound >= kMaxInvalidAnswers)
        return ctx.journal.end(kinds::Escalated,
                               QStringLiteral("the agent gave no valid plan in %1 attempts: %2")
                                       .arg(kMaxInvalidAnswers)
                                       .arg(state.lastPlanError));
    if (auto stop = ctx.budget.stopIfSpent())
        return *stop;

    // The round's context is assembled once and recorded.
    const QList<Event> &events = ctx.journal.phaseEvents();
    QString prompt;
    for (const auto &e : events)
        if (auto p = payloadIf<ContextAssembledPayload>(e))
            prompt = p->prompt;
    if (prompt.isEmpty()) {
        ContextAssembledPayload record;
        record.phase = phases::Plan;
        record.prompt = RunContextBuilder(ctx.journal, ctx.services.contextTokenBudget, &ctx.tools.listing())
                                .assemble(record.phase, &record.assembly);
        return ctx.journal.commit(record);
    }
    // A plan answer recorded just before a crash, whose plan was not read yet, is read now: asking
    // again would repeat (and pay for) a model call, and a replayed session has no second answer.
    if (auto unread = unreadAnswer(events))
        return readPlan(ctx, unread->first, unread->second);

    ExecutorTurn turn;
    turn.kind = ExecutorTurn::Kind::Plan;
    turn.phase = phases::Plan;
    turn.number = state.planRound + 1;
    turn.prompt = prompt;
    turn.model = ctx.budget.modelFor(turn.phase);
    turn.feedback = state.planFeedback;
    turn.cancel = ctx.cancel;
    auto reply = ctx.executor->plan(turn);
    if (!reply)
        return reply.error();
    switch (reply->status) {
    case ExecutorReply::Status::Paused:
        return StepOutcome::Paused;
    case ExecutorReply::Status::Failed:
        return ctx.escalate(*reply, turn.phase);
    case ExecutorReply::Status::Progressed:
        break;
    }
    return readPlan(ctx, reply->answer, reply->actor);
}

} // namespace harness
