// QueueService: a person's changes to the run queue, shared by the command line (`harness run --queue`,
// `harness queue`) and the workbench (Start when the project's runs go to the runners, the Runners view) —
// queueing a run just created, a queued run's priority and the queue's limits (runs at once, spend). Each
// change is written to the queue and recorded with the person who made it (run_queued and
// run_reprioritized on the run, queue_limits_changed store-wide), so the audit trail says who queued,
// reordered or capped the team's work.
#pragma once

#include "store/runqueue.h"
#include "store/store.h"

namespace harness {

class QueueService
{
public:
    explicit QueueService(Store &store) : m_store(store) { }

    // The git remote a run is queued with: the name of a remote of the repository at repositoryRoot
    // ("origin") as its URL, read with the harness's own git; a URL, or a path (made absolute), as given.
    // A name the repository has no remote for is refused with what to do: add the remote, or orElse.
    // BLOCKS on git.
    static Result<QString> resolveRemote(const QString &repositoryRoot, const QString &remote,
                                         const QString &orElse = QStringLiteral("pass --remote URL"));
    // Queues a run just created (RunEngine::createRun) for the runners: records run_queued with the person
    // (actor) and puts the run in the queue. remote as resolveRemote() takes it; autoApproveActor: whose
    // plan approval the runner may apply (empty: a person approves). The remote's URL comes back. A remote
    // that does not resolve fails with the error field "remote"; the store's errors have no field.
    // BLOCKS on git and the store.
    Result<QString> enqueueCreated(const QString &repositoryRoot, const QString &runId, const QString &taskId,
                                   int priority, const QString &remote, const QString &autoApproveActor,
                                   const QString &actor);

    // Refused for a run that is not in the queue, or has ended (done).
    Status setPriority(const QString &runId, int priority, const QString &actor);
    // The priority the store holds now, plus delta (a view's Raise and Lower: two quick clicks are two
    // steps even when the view has not read the first one back yet). The new priority comes back.
    Result<int> shiftPriority(const QString &runId, int delta, const QString &actor);
    // Negative values are refused; 0 lifts a limit.
    Status setLimits(const QueueLimits &limits, const QString &actor);

private:
    // The run's queue entry, refused when it is not in the queue or has ended.
    Result<QueueEntry> changeable(const QString &runId);
    Status apply(const QueueEntry &entry, int priority, const QString &actor);
    Store &m_store;
};

} // namespace harness
