// ReviewService implementation.
#include "reviewservice.h"
#include "acpexecutor.h"
#include "core/events/reviewevents.h"
#include "core/events/runevents.h"
#include "findingacceptance.h"
#include "mcpexchange.h"
#include "remotereview.h"
#include "securityviolation.h"

#include "runtime/worktreemanager.h"
#include "store/runqueue.h"

#include <QDir>
#include <QJsonArray>

namespace harness {

Result<RunState> ReviewService::reviewState(const QString &runId)
{
    if (!m_store.run(runId))
        return Result<RunState>::failure(QStringLiteral("there is no run %1").arg(runId));
    auto events = m_store.events(runId);
    if (!events)
        return events.error();
    RunState s = RunState::fold(*events);
    if (s.phase != RunPhase::Review)
        return Result<RunState>::failure(
                QStringLiteral("run %1 is not awaiting review (it is %2)").arg(runId, runPhaseName(s.phase)));
    return s;
}

Status ReviewService::setTaskState(const QString &taskId, TaskState state)
{
    auto task = m_store.task(taskId);
    if (!task)
        return task.error();
    task->state = state;
    return m_store.updateTask(*task);
}

Result<RunState> ReviewService::runState(const QString &runId)
{
    if (!m_store.run(runId))
        return Result<RunState>::failure(QStringLiteral("there is no run %1").arg(runId));
    auto events = m_store.events(runId);
    if (!events)
        return events.error();
    return RunState::fold(*events);
}

Status ReviewService::sendComments(const QString &runId, const QList<ReviewComment> &comments,
                                   const QString &actor)
{
    if (comments.isEmpty())
        return Status::failure(QStringLiteral("there is no comment to send; comment on a line first"));
    if (auto s = reviewState(runId); !s)
        return s.error();
    for (const ReviewComment &c : comments)
        if (Status s = comment(runId, c, actor); !s)
            return s;
    return sendFeedback(runId, actor);
}

Status ReviewService::comment(const QString &runId, const ReviewComment &c, const QString &actor)
{
    if (c.text.trimmed().isEmpty())
        return Status::failure(QStringLiteral("a comment needs text"));
    auto s = reviewState(runId);
    if (!s)
        return s.error();
    auto e = m_store.append(makeEvent(runId, ReviewCommentPayload {c.file, c.line, c.text}, actor));
    return e ? success() : Status(e.error());
}

Result<QList<ReviewComment>> ReviewService::openComments(const QString &runId)
{
    auto events = m_store.events(runId);
    if (!events)
        return events.error();
    QList<ReviewComment> out;
    for (const auto &e : *events) {
        if (e.kind == kinds::ReviewFeedback)
            out.clear();
        else if (auto c = readPayload<ReviewCommentPayload>(e))
            out.append({c->file, c->line, c->text});
    }
    return out;
}

Status ReviewService::sendFeedback(const QString &runId, const QString &actor, const QString &note)
{
    auto s = reviewState(runId);
    if (!s)
        return s.error();
    auto comments = openComments(runId);
    if (!comments)
        return comments.error();
    if (comments->isEmpty() && note.trimmed().isEmpty())
        return Status::failure(
                QStringLiteral("there is no comment to send; comment on a line or write a note first"));
    ReviewFeedbackPayload feedback;
    for (const auto &c : *comments) {
        feedback.feedback += QStringLiteral("- %1:%2: %3\n").arg(c.file).arg(c.line).arg(c.text);
        feedback.comments.append({c.file, c.line, c.text});
    }
    if (!note.trimmed().isEmpty())
        feedback.feedback += note.trimmed() + QLatin1Char('\n');
    auto e = m_store.append({makeEvent(runId, feedback, actor),
                             makeEvent(runId, PhaseStartedPayload::of(phases::Fix, s->iteration + 1))});
    if (!e)
        return e.error();
    if (auto t = setTaskState(s->taskId, TaskState::Running); !t)
        return t;
    // A runner's run waits parked in the queue during review: the next fix is a runner's again.
    if (s->queued)
        if (Status requeued = m_store.queue().requeue(runId); !requeued)
            return Status::failure(QStringLiteral("the feedback is recorded, but run %1 could not be put "
                                                  "back in the runners' queue: %2")
                                           .arg(runId, requeued.errorText()));
    return success();
}

Result<QStringList> ReviewService::merge(const QString &runId, const QString &actor, bool fastForwardOnly)
{
    MergeOptions options;
    options.fastForwardOnly = fastForwardOnly;
    return merge(runId, actor, options);
}

Result<QStringList> ReviewService::merge(const QString &runId, const QString &actor,
                                         const MergeOptions &options)
{
    auto report = mergeRun(runId, actor, options);
    if (!report)
        return report.error();
    return report->conflictFiles;
}

Result<MergeRoute> ReviewService::mergeRoute(const RunState &state) const
{
    if (!state.queued)
        return MergeRoute::Local;
    return RemoteReview::routeFor(m_root);
}

Result<MergeReport> ReviewService::mergeRun(const QString &runId, const QString &actor,
                                            const MergeOptions &options)
{
    const bool fastForwardOnly = options.fastForwardOnly;
    auto s = reviewState(runId);
    if (!s)
        return s.error();
    // Findings only a human can settle block the merge until each is accepted (or the change is redone).
    if (!s->verifyPassed && !s->awaitingHuman.isEmpty())
        return Result<MergeReport>::failure(FindingAcceptance::blockingMessage(runId, s->awaitingHuman));
    auto route = mergeRoute(*s);
    if (!route)
        return route.error();
    if (*route != MergeRoute::Local) // a runner drove it: its code is on the remote, not here
        return RemoteReview(m_store, m_root).merge(*s, *route, actor, options);
    WorktreeManager worktrees(m_root);
    auto outcome = worktrees.merge(s->branch, s->targetBranch,
                                   fastForwardOnly ? MergeMode::FastForward : MergeMode::MergeCommit);
    if (!outcome && SecurityViolation::isRefusal(outcome.error())) // the run's tree grew a repository
        m_store.record(SecurityViolation::event(runId, s->worktreePath, QStringLiteral("merge"),
                                                outcome.error().message));
    if (!outcome)
        return outcome.error();
    MergeReport report;
    report.branch = s->branch;
    report.target = s->targetBranch;
    if (!outcome->merged) {
        auto e = m_store.append(
                makeEvent(runId, MergeConflictPayload {outcome->conflictFiles, s->targetBranch}, actor));
        if (!e)
            return e.error();
        report.conflictFiles = outcome->conflictFiles;
        return report;
    }
    report.commit = outcome->commit;
    MergedPayload merged;
    merged.commit = outcome->commit;
    merged.target = s->targetBranch;
    merged.branch = s->branch;
    merged.deleteBranch = options.deleteBranch;
    auto e = m_store.append(makeEvent(runId, merged, actor));
    if (!e)
        return e.error();
    if (auto t = setTaskState(s->taskId, TaskState::Merged); !t)
        return t.error();
    // The merged work is in the target branch now; the worktree goes, the branch stays for history
    // unless the reviewer asked for it to go too.
    const auto cleanupError = [&](const QString &message) {
        report.cleanupError = message;
        m_store.record(makeEvent(runId, RunErrorPayload {message}));
    };
    if (!s->worktreePath.isEmpty()) { // an external agent's own home goes with the worktree
        QDir(AcpExecutor::homeFor(s->worktreePath)).removeRecursively();
        QDir(McpExchange::folderFor(AcpExecutor::homeFor(s->worktreePath))).removeRecursively();
    }
    if (auto r = worktrees.remove(s->worktreePath, false); !r) {
        cleanupError(QStringLiteral("merged, but the worktree was kept: %1").arg(r.errorText()));
    } else if (options.deleteBranch) {
        if (auto d = worktrees.deleteBranch(s->branch, true); !d)
            cleanupError(
                    QStringLiteral("merged, but the branch %1 was kept: %2").arg(s->branch, d.errorText()));
    }
    return report;
}

Status ReviewService::discard(const QString &runId, const QString &actor)
{
    if (!m_store.run(runId))
        return Status::failure(QStringLiteral("there is no run %1").arg(runId));
    auto events = m_store.events(runId);
    if (!events)
        return events.error();
    const RunState s = RunState::fold(*events);
    if (s.phase == RunPhase::Merged || s.phase == RunPhase::Discarded || s.phase == RunPhase::PullRequest)
        return Status::failure(QStringLiteral("run %1 is already %2").arg(runId, runPhaseName(s.phase)));
    if (s.queued) // the worktree is the runner's, on its machine
        return RemoteReview(m_store, m_root).discard(s, actor);
    auto e = m_store.append(makeEvent(runId, DiscardedPayload {s.worktreePath}, actor));
    if (!e)
        return e.error();
    if (auto t = setTaskState(s.taskId, TaskState::Discarded); !t)
        return t;
    if (!s.worktreePath.isEmpty()) {
        WorktreeManager worktrees(m_root);
        QDir(AcpExecutor::homeFor(s.worktreePath)).removeRecursively();
        QDir(McpExchange::folderFor(AcpExecutor::homeFor(s.worktreePath))).removeRecursively();
        if (auto r = worktrees.remove(s.worktreePath, true); !r)
            return Status::failure(QStringLiteral("discarded, but the worktree could not be removed: %1")
                                           .arg(r.errorText()));
        if (auto r = worktrees.deleteBranch(s.branch, true); !r)
            return Status::failure(QStringLiteral("discarded, but the branch %1 could not be deleted: %2")
                                           .arg(s.branch, r.errorText()));
    }
    return success();
}

} // namespace harness
