// QueueService: the queue's change first, then its audit event with the person (a run is queued the other
// way round: run_queued first, so a queued run's log always says who queued it and from which remote).
#include "queueservice.h"

#include "core/events/projectevents.h"
#include "core/events/runevents.h"
#include "core/gitrunner.h"

#include <QDir>
#include <QFileInfo>

namespace harness {

Result<QString> QueueService::resolveRemote(const QString &repositoryRoot, const QString &remote,
                                            const QString &orElse)
{
    if (auto url =
                GitRunner(repositoryRoot).run({QStringLiteral("remote"), QStringLiteral("get-url"), remote}))
        return url->trimmed();
    if (remote.contains(QLatin1Char('/')) || remote.contains(QLatin1Char(':'))) {
        const QFileInfo local(QDir(repositoryRoot), remote);
        return local.exists() ? local.absoluteFilePath() : remote;
    }
    return Result<QString>::failure(
            QStringLiteral("the repository has no git remote named \"%1\": add one (git remote add %1 URL) "
                           "that the runners can clone, or %2")
                    .arg(remote, orElse),
            QStringLiteral("remote"));
}

Result<QString> QueueService::enqueueCreated(const QString &repositoryRoot, const QString &runId,
                                             const QString &taskId, int priority, const QString &remote,
                                             const QString &autoApproveActor, const QString &actor)
{
    auto url = resolveRemote(repositoryRoot, remote);
    if (!url)
        return url;
    const RunQueuedPayload queued {priority, *url, autoApproveActor};
    if (auto recorded = m_store.append(makeEvent(runId, queued, actor)); !recorded)
        return Result<QString>::failure(recorded.errorText());
    if (Status put = m_store.queue().enqueue(runId, taskId, priority, *url); !put)
        return Result<QString>::failure(put.errorText());
    return *url;
}

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
