// StepContext helpers shared by the phase steps.
#include "phasestep.h"
#include "project.h"

#include "core/events/runevents.h"
#include "runtime/worktreemanager.h"

namespace harness {

std::unique_ptr<WorktreeManager> StepContext::worktrees() const
{
    if (services.makeWorktrees)
        return services.makeWorktrees(project.root());
    return std::make_unique<WorktreeManager>(project.root());
}

StepResult StepContext::escalate(const ExecutorReply &reply, const QString &phase)
{
    const QString reason = reply.reason.isEmpty() ? reply.error : reply.reason;
    return journal.commit({makeEvent(journal.runId(), RunErrorPayload {reply.error, phase, reply.errorKind}),
                           makeEvent(journal.runId(), kinds::Escalated, RunEndedPayload {reason, {}})},
                          StepOutcome::Finished);
}

} // namespace harness
