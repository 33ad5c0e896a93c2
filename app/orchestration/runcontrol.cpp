// RunControl implementation.
#include "runcontrol.h"
#include "core/events/runevents.h"
#include "store/runqueue.h"

namespace harness {

Result<RunState> RunControl::state(const QString &runId)
{
    if (!m_store.run(runId))
        return Result<RunState>::failure(QStringLiteral("there is no run %1").arg(runId));
    auto events = m_store.events(runId);
    if (!events)
        return events.error();
    return RunState::fold(*events);
}

Result<RunState> RunControl::liveState(const QString &runId)
{
    auto s = state(runId);
    if (s && isTerminal(s->phase))
        return Result<RunState>::failure(QStringLiteral("run %1 has ended (%2); nothing to change")
                                                 .arg(runId, runPhaseName(s->phase)));
    return s;
}

Status RunControl::pause(const QString &runId, const QString &actor)
{
    auto s = liveState(runId);
    if (!s)
        return s.error();
    if (s->paused)
        return Status::failure(QStringLiteral("run %1 is already paused").arg(runId));
    auto e = m_store.append(makeEvent(runId, kinds::Paused, RunControlPayload {}, actor));
    return e ? success() : Status(e.error());
}

Status RunControl::resume(const QString &runId, const QString &actor)
{
    auto s = liveState(runId);
    if (!s)
        return s.error();
    if (!s->paused)
        return success();
    auto e = m_store.append(makeEvent(runId, kinds::Resumed, RunControlPayload {}, actor));
    return e ? success() : Status(e.error());
}

Status RunControl::abort(const QString &runId, const QString &actor, const QString &reason)
{
    auto s = liveState(runId);
    if (!s)
        return s.error();
    const RunEndedPayload ended {reason.isEmpty() ? QStringLiteral("aborted by %1").arg(actor) : reason,
                                 s->worktreePath};
    auto e = m_store.append(makeEvent(runId, kinds::Aborted, ended, actor));
    if (!e)
        return e.error();
    if (Status settled = settleEndedRun(m_store, runId, TaskState::Aborted, actor); !settled)
        return settled;
    // A runner's run waiting in the queue (or parked for review) ends there now; one a runner holds ends
    // when that runner sees the abort.
    if (s->queued)
        if (auto finished = m_store.queue().finish(runId, QStringLiteral("aborted by %1").arg(actor));
            !finished)
            return Status::failure(
                    QStringLiteral("aborted, but its entry in the runners' queue was not ended: %1")
                            .arg(finished.errorText()));
    return success();
}

Status RunControl::settleEndedRun(Store &store, const QString &runId, TaskState taskState,
                                  const QString &actor)
{
    // Nobody may be driving the run: its task and its open approvals are settled here, not left stale.
    auto run = store.run(runId);
    if (!run)
        return run.error();
    auto task = store.task(run->taskId);
    if (!task)
        return task.error();
    if (task->state != taskState) {
        task->state = taskState;
        if (auto u = store.updateTask(*task); !u)
            return u;
    }
    auto pending = store.approvals(true, runId);
    if (!pending)
        return pending.error();
    for (const auto &a : *pending) {
        auto d = store.decideApproval(
                a.id, ApprovalState::Rejected, actor,
                QStringLiteral("the run ended (%1) before a decision").arg(taskStateName(taskState)),
                a.subjectHash);
        // The process that drives the run settles it too when it sees the end (at once, now that it is
        // woken by the change): an approval it decided first is settled, not an error.
        if (!d) {
            auto now = store.approval(a.id);
            if (now && now->state != ApprovalState::Pending)
                continue;
            return d.error();
        }
    }
    return success();
}

} // namespace harness
