// VerifyingStep: the iteration's checkpoint goes through the gate pipeline — the project's gates
// (.harness/gates.json) and the contract's acceptance criteria as gates of their own — and the verdict
// is recorded with the findings kept for the agent. Passing opens review; failing opens a fix iteration
// until the contract's iteration limit, then escalates to the human. The verdict and what follows from it
// are one commit.
#pragma once

#include "phasestep.h"

#include "core/gateresult.h"

#include <QMap>

namespace harness {

class VerifyingStep : public PhaseStep
{
public:
    StepResult step(StepContext &ctx) override;

    static constexpr int kFindingsForTheAgent = 50;

    // What one gate's result means for the verdict, given the findings the human accepted.
    struct GateVerdict
    {
        bool passes = false;
        bool agentBlocks = false; // it fails for something the agent can fix
        QList<Finding> open; // its findings, without the accepted ones
        QList<Finding> awaitingHuman; // its error findings that need a human and are not accepted
    };
    static GateVerdict judge(const GateResult &result, const QMap<QString, QString> &accepted);

private:
    // What follows a verdict: review, a fix iteration, or the end of the run.
    struct Decision
    {
        QList<Event> events;
        StepOutcome outcome = StepOutcome::Progressed;
    };
    static Decision decision(const RunState &state, const Task &task, const QString &runId);
    static StepResult verify(StepContext &ctx);
    static StepResult decide(StepContext &ctx);
};

} // namespace harness
