// RemoteReview: fetch the run branch, check it is what was reviewed, then merge and push or leave it
// for a pull request; every outcome is recorded on the run.
#include "remotereview.h"
#include "projectpolicy.h"
#include "securityviolation.h"

#include "core/events/reviewevents.h"
#include "core/events/runevents.h"
#include "runtime/runfetch.h"
#include "runtime/worktreemanager.h"
#include "store/runqueue.h"

namespace harness {

Result<MergeRoute> RemoteReview::routeFor(const QString &repositoryRoot)
{
    auto policy = ProjectPolicy::load(repositoryRoot + QStringLiteral("/.harness/policy.json"));
    if (!policy)
        return Result<MergeRoute>::failure(
                QStringLiteral(".harness/policy.json says nothing usable about how to merge a runner's run "
                               "(%1); fix it and merge again")
                        .arg(policy.errorText()));
    return policy->team.merge == TeamPolicy::Merge::PullRequest ? MergeRoute::PullRequest : MergeRoute::Push;
}

Status RemoteReview::setTaskState(const QString &taskId, TaskState state)
{
    auto task = m_store.task(taskId);
    if (!task)
        return task.error();
    task->state = state;
    return m_store.updateTask(*task);
}

QString RemoteReview::endQueueEntry(const RunState &s, const QString &note)
{
    auto ended = m_store.queue().finish(s.runId, note);
    if (ended)
        return {};
    const QString why = QStringLiteral("its entry in the runners' queue still says it awaits review (%1)")
                                .arg(ended.errorText());
    m_store.record(makeEvent(s.runId, RunErrorPayload {why}));
    return why;
}

Result<QString> RemoteReview::reviewedBranchHead(const RunState &s)
{
    auto head = RunFetch(m_root).fetchBranch(s.runId, s.remote, s.branch);
    if (!head)
        return head.error();
    // What goes on is what the gates passed and the person reviewed: the checkpoint the log names.
    if (*head != s.lastCheckpoint)
        return Result<QString>::failure(
                QStringLiteral("the run branch %1 on %2 is at %3, not at the run's last checkpoint %4 (what "
                               "passed the gates and was reviewed): someone moved it there. Look at %1 on "
                               "the remote; discard the run if it is not the run's work")
                        .arg(s.branch, s.remote, head->left(10), s.lastCheckpoint.left(10)));
    return *head;
}

Result<MergeReport> RemoteReview::merge(const RunState &s, MergeRoute route, const QString &actor,
                                        const MergeOptions &options)
{
    MergeReport report;
    report.route = route;
    report.branch = s.branch;
    report.target = s.targetBranch;
    report.remote = s.remote;
    if (s.remote.isEmpty())
        return Result<MergeReport>::failure(
                QStringLiteral("run %1 was queued without a git remote: there is no branch to merge")
                        .arg(s.runId));
    auto head = reviewedBranchHead(s);
    if (!head)
        return head.error();

    if (route == MergeRoute::PullRequest) {
        report.commit = *head;
        const LeftForPullRequestPayload left {s.remote, s.branch, s.targetBranch, *head};
        if (auto e = m_store.append(makeEvent(s.runId, left, actor)); !e)
            return e.error();
        // The forge decides now: the task stays in review until its pull request is merged.
        if (auto t = setTaskState(s.taskId, TaskState::Review); !t)
            return t.error();
        if (const QString why = endQueueEntry(s, QStringLiteral("left for a pull request by %1").arg(actor));
            !why.isEmpty())
            report.cleanupError = QStringLiteral("Left for a pull request, but %1.").arg(why);
        return report;
    }

    RunFetch fetch(m_root);
    if (Status made = fetch.makeLocalBranch(s.branch, *head); !made)
        return made.error();
    WorktreeManager worktrees(m_root);
    auto outcome = worktrees.merge(s.branch, s.targetBranch,
                                   options.fastForwardOnly ? MergeMode::FastForward : MergeMode::MergeCommit);
    if (!outcome && SecurityViolation::isRefusal(outcome.error()))
        m_store.record(
                SecurityViolation::event(s.runId, m_root, QStringLiteral("merge"), outcome.error().message));
    if (!outcome)
        return outcome.error();
    if (!outcome->merged) { // the local branch stays: the person may resolve the conflict by hand
        if (auto e = m_store.append(
                    makeEvent(s.runId, MergeConflictPayload {outcome->conflictFiles, s.targetBranch}, actor));
            !e)
            return e.error();
        report.conflictFiles = outcome->conflictFiles;
        return report;
    }
    report.commit = outcome->commit;
    const PushOutcome pushed = fetch.push(s.remote, s.targetBranch);
    report.pushed = pushed.pushed;
    report.pushRejected = pushed.rejected;
    report.pushError = pushed.error;
    MergedPayload merged;
    merged.commit = outcome->commit;
    merged.target = s.targetBranch;
    merged.branch = s.branch;
    merged.deleteBranch = options.deleteBranch;
    merged.remote = s.remote;
    merged.pushed = pushed.pushed;
    merged.pushError = pushed.error;
    if (auto e = m_store.append(makeEvent(s.runId, merged, actor)); !e)
        return e.error();
    if (auto t = setTaskState(s.taskId, TaskState::Merged); !t)
        return t.error();
    const QString notPushed = pushed.pushed ? QString() : QStringLiteral(" (not pushed)");
    if (const QString why = endQueueEntry(s, QStringLiteral("merged by %1%2").arg(actor, notPushed));
        !why.isEmpty())
        report.cleanupError = QStringLiteral("Merged, but %1.").arg(why);
    // Nothing of the runner's is removed here: its worktree is on its machine, its branch on the remote.
    // The local copy of the branch goes when asked (it was made for this merge).
    if (options.deleteBranch)
        if (auto d = worktrees.deleteBranch(s.branch, true); !d) {
            const QString kept = QStringLiteral("merged, but the local branch %1 was kept: %2")
                                         .arg(s.branch, d.errorText());
            m_store.record(makeEvent(s.runId, RunErrorPayload {kept}));
            report.cleanupError = report.cleanupError.isEmpty() ? kept : report.cleanupError + u' ' + kept;
        }
    return report;
}

Status RemoteReview::discard(const RunState &s, const QString &actor)
{
    if (auto e = m_store.append(makeEvent(s.runId, DiscardedPayload {s.worktreePath}, actor)); !e)
        return e.error();
    if (auto t = setTaskState(s.taskId, TaskState::Discarded); !t)
        return t;
    const QString queueEntry = endQueueEntry(s, QStringLiteral("discarded by %1").arg(actor));
    // The refs fetched for the diff go; the remote and a local branch the person may have made stay.
    if (Status forgotten = RunFetch(m_root).forget(s.runId); !forgotten)
        return Status::failure(
                QStringLiteral("discarded, but the refs fetched for it stay: %1").arg(forgotten.errorText()));
    if (!queueEntry.isEmpty())
        return Status::failure(QStringLiteral("discarded, but %1").arg(queueEntry));
    return success();
}

} // namespace harness
