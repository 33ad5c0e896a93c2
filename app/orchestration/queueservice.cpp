// QueueService: the queue's change first, then its audit event with the person.
#include "queueservice.h"

#include "core/events/projectevents.h"
#include "core/events/runevents.h"

namespace harness {

Result<QueueEntry> QueueService::changeable(const QString &runId)
{
    auto entry = m_store.queue().entry(runId);
    if (!entry)
        return entry.error();
    if (!entry->has_value())
        return Result<QueueEntry>::failure(
                QStringLiteral("run %1 is not in the queue: queue it first (harness run TASK --queue)")
                        .arg(runId));
    if ((*entry)->state == QueueEntry::State::Done)
        return Result<QueueEntry>::failure(
                QStringLiteral("run %1 has ended; its priority no longer matters").arg(runId));
    return **entry;
}

Status QueueService::apply(const QueueEntry &entry, int priority, const QString &actor)
{
    if (entry.priority == priority)
        return success();
    if (Status set = m_store.queue().setPriority(entry.runId, priority); !set)
        return set;
    RunReprioritizedPayload changed {priority, entry.priority};
    if (auto logged = m_store.append(makeEvent(entry.runId, changed, actor)); !logged)
        return Status::failure(
                QStringLiteral("the priority of %1 was changed, but the change could not be recorded: %2")
                        .arg(entry.runId, logged.errorText()));
    return success();
}

Status QueueService::setPriority(const QString &runId, int priority, const QString &actor)
{
    auto entry = changeable(runId);
    if (!entry)
        return entry.error();
    return apply(*entry, priority, actor);
}

Result<int> QueueService::shiftPriority(const QString &runId, int delta, const QString &actor)
{
    auto entry = changeable(runId);
    if (!entry)
        return entry.error();
    const int priority = entry->priority + delta;
    if (Status applied = apply(*entry, priority, actor); !applied)
        return applied.error();
    return priority;
}

Status QueueService::setLimits(const QueueLimits &limits, const QString &actor)
{
    if (limits.maxConcurrent < 0 || limits.maxSpend < 0)
        return Status::failure(QStringLiteral("a queue limit cannot be negative (0 lifts it)"));
    auto before = m_store.queue().limits();
    if (!before)
        return before.error();
    if (before->maxConcurrent == limits.maxConcurrent &&
        qFuzzyCompare(1 + before->maxSpend, 1 + limits.maxSpend))
        return success();
    if (Status set = m_store.queue().setLimits(limits); !set)
        return set;
    QueueLimitsChangedPayload changed;
    changed.maxConcurrent = limits.maxConcurrent;
    changed.maxSpend = limits.maxSpend;
    changed.previousMaxConcurrent = before->maxConcurrent;
    changed.previousMaxSpend = before->maxSpend;
    if (auto logged = m_store.append(makeEvent({}, changed, actor)); !logged)
        return Status::failure(
                QStringLiteral("the queue's limits were changed, but the change could not be recorded: %1")
                        .arg(logged.errorText()));
    return success();
}

} // namespace harness
