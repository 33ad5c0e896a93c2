// ApprovalStep: the run waits for the human's decision on the pending plan approval (made in this
// window, another one, or `harness approve` in any process). An approval binds to the hash of the plan
// it approved: one given to another plan does not carry over and the human is asked again. Changes
// requested or a rejection send the run back to a new plan round with the feedback.
#pragma once

#include "phasestep.h"

namespace harness {

class ApprovalStep : public PhaseStep
{
public:
    StepResult step(StepContext &ctx) override;

    // Asks for the approval of the current plan (approval_requested). After a crash between making the
    // approval and recording it, the pending one is found again.
    static Status request(StepContext &ctx);
};

} // namespace harness
