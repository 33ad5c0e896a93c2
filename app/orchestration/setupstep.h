// SetupStep: a new run gets its own worktree and branch (run_created), then its first plan round.
// A kill between making the worktree and recording it leaves the worktree behind: it is found and reused.
#pragma once

#include "phasestep.h"

namespace harness {

class SetupStep : public PhaseStep
{
public:
    StepResult step(StepContext &ctx) override;
};

} // namespace harness
