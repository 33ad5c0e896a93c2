// VerifyingStep: the iteration's checkpoint goes through the gate pipeline — the project's gates
// (.harness/gates.json) and the contract's acceptance criteria as gates of their own — and the verdict
// is recorded with the findings kept for the agent. Passing opens review; failing opens a fix iteration
// until the contract's iteration limit, then escalates to the human.
#pragma once

#include "phasestep.h"

namespace harness {

class VerifyingStep : public PhaseStep
{
public:
    StepResult step(StepContext &ctx) override;

    static constexpr int kFindingsForTheAgent = 50;

private:
    static StepResult verify(StepContext &ctx);
    static StepResult decide(StepContext &ctx);
};

} // namespace harness
