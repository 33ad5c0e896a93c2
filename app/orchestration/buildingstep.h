// BuildingStep: one build or fix iteration. The executor works (model turns and tool calls for the
// built-in agent, whole prompt turns for an external one) until it says it is done; then the worktree
// is checkpointed (one commit per iteration, never two) and verification starts. Nothing runs without
// the approval of exactly the current plan; an iteration that takes too many turns, or a budget that
// is spent, escalates.
#pragma once

#include "phasestep.h"

namespace harness {

class BuildingStep : public PhaseStep
{
public:
    StepResult step(StepContext &ctx) override;
    // The approval opens the first build iteration.
    static StepResult start(StepContext &ctx);

private:
    static StepResult checkpoint(StepContext &ctx, const QString &phase);
    static ExecutorTurn turnFor(StepContext &ctx, const QString &phase, const QString &prompt);
};

} // namespace harness
