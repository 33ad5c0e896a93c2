// BuildingStep: checkpoint when the agent is done; otherwise limits, context and budget between turns,
// then the executor's next piece of work.
#include "buildingstep.h"
#include "runcontextbuilder.h"
#include "securityviolation.h"

#include "core/events/agentevents.h"
#include "core/events/reviewevents.h"
#include "core/events/runevents.h"
#include "core/events/verifyevents.h"
#include "runtime/treelisting.h"
#include "runtime/worktreemanager.h"

namespace harness {

StepResult BuildingStep::start(StepContext &ctx)
{
    return ctx.journal.commit(PhaseStartedPayload::of(phases::Build, 1));
}

StepResult BuildingStep::checkpoint(StepContext &ctx, const QString &phase)
{
    const RunState &state = ctx.state();
    if (state.iterationCheckpointed)
        return ctx.journal.commit(PhaseStartedPayload::of(phases::Verify, state.iteration));
    // Committing twice is impossible: after a restart there is nothing new to commit and the current
    // commit comes back.
    const QString message =
            QStringLiteral("harness: %1 %2 iteration %3").arg(ctx.task().id, phase).arg(state.iteration);
    TreeListing &listing = ctx.tools.listing();
    listing.beforeCheckpoint();
    auto commit = ctx.worktrees()->checkpoint(state.worktreePath, message);
    listing.afterCheckpoint(bool(commit));
    if (!commit) // a refused tree is a security finding that stops the run for a human
        return ctx.journal.commit(
                SecurityViolation::checkpointFailed(ctx.journal.runId(), state.worktreePath, commit.error()),
                StepOutcome::Finished);
    // The verification starts in the same commit: nothing is decided between the two.
    return ctx.journal.commit(
            {makeEvent(ctx.journal.runId(), CheckpointPayload {*commit, state.iteration}),
             makeEvent(ctx.journal.runId(), PhaseStartedPayload::of(phases::Verify, state.iteration))});
}

ExecutorTurn BuildingStep::turnFor(StepContext &ctx, const QString &phase, const QString &prompt)
{
    const RunState &state = ctx.state();
    ExecutorTurn turn;
    turn.kind = phase == phases::Build      ? ExecutorTurn::Kind::Build
            : state.reviewFeedbackIteration ? ExecutorTurn::Kind::Feedback
                                            : ExecutorTurn::Kind::Fix;
    turn.phase = phase;
    turn.number = state.iteration;
    turn.prompt = prompt;
    turn.plan = state.plan;
    if (turn.kind == ExecutorTurn::Kind::Fix)
        turn.findings = state.latestFindings;
    if (turn.kind == ExecutorTurn::Kind::Feedback)
        turn.feedback = state.fixFeedback;
    turn.cancel = ctx.cancel;
    return turn;
}

StepResult BuildingStep::step(StepContext &ctx)
{
    const RunState &state = ctx.state();
    if (!state.writeAllowed())
        return ctx.journal.end(kinds::Failed,
                               QStringLiteral("the build phase started without an approved plan"));
    const QString phase = state.phase == RunPhase::Fixing ? QString(phases::Fix) : QString(phases::Build);

    if (state.iterationAgentDone)
        return checkpoint(ctx, phase);
    const bool midTurn = ctx.executor->turnInProgress(state);
    QString prompt;
    if (!midTurn) {
        if (state.iterationTurns >= ctx.services.policy.maxTurnsPerIteration)
            return ctx.journal.end(kinds::Escalated,
                                   QStringLiteral("the agent did not finish iteration %1 within %2 turns")
                                           .arg(state.iteration)
                                           .arg(ctx.services.policy.maxTurnsPerIteration));
        // The iteration's context, assembled once and recorded.
        for (const auto &e : ctx.journal.phaseEvents())
            if (auto p = payloadIf<ContextAssembledPayload>(e))
                prompt = p->prompt;
        if (prompt.isEmpty()) {
            ContextAssembledPayload record;
            record.phase = phase;
            record.iteration = state.iteration;
            record.prompt =
                    RunContextBuilder(ctx.journal, ctx.services.contextTokenBudget, &ctx.tools.listing())
                            .assemble(phase, &record.assembly);
            return ctx.journal.commit(record);
        }
        if (auto stop = ctx.budget.stopIfSpent())
            return *stop;
    }
    ExecutorTurn turn = turnFor(ctx, phase, prompt);
    if (!midTurn)
        turn.model = ctx.budget.modelFor(phase);
    auto reply = ctx.executor->build(turn);
    if (!reply)
        return reply.error();
    switch (reply->status) {
    case ExecutorReply::Status::Paused:
        return StepOutcome::Paused;
    case ExecutorReply::Status::Failed:
        return ctx.escalate(*reply, phase);
    case ExecutorReply::Status::Progressed:
        break;
    }
    return StepOutcome::Progressed;
}

} // namespace harness
