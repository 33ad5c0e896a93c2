// RunControl: the human's pause, resume and abort. Each is an audited event in the run's log; the
// engine (in this process or another) sees it at its next step.
#pragma once

#include "runstate.h"
#include "store/store.h"

namespace harness {

class RunControl
{
public:
    explicit RunControl(Store &store) : m_store(store) { }

    Result<RunState> state(const QString &runId);
    Status pause(const QString &runId, const QString &actor);
    Status resume(const QString &runId, const QString &actor);
    // Abort leaves the worktree and the log as they are, for inspection.
    Status abort(const QString &runId, const QString &actor, const QString &reason = {});

    // Sets the task of an ended run to taskState and closes the run's pending approvals.
    static Status settleEndedRun(Store &store, const QString &runId, TaskState taskState,
                                 const QString &actor);

private:
    Result<RunState> liveState(const QString &runId);
    Store &m_store;
};

} // namespace harness
