// QueueService: a person's changes to the run queue, shared by `harness queue` and the workbench's Runners
// view — a queued run's priority and the queue's limits (runs at once, spend). Each change is written to
// the queue and recorded with the person who made it (run_reprioritized on the run, queue_limits_changed
// store-wide), so the audit trail says who reordered or capped the team's work.
#pragma once

#include "store/runqueue.h"
#include "store/store.h"

namespace harness {

class QueueService
{
public:
    explicit QueueService(Store &store) : m_store(store) { }

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
