// ReviewService: the human's review of a run that passed its gates — line comments that go back to
// the agent, merge into the target branch, or discard. Each action is an audited event. A run a runner
// drove on another machine (queued) is merged through RemoteReview: fetched from the team's remote, then
// merged and pushed, or left there for a pull request, as policy.json's team.merge says.
// Merge and discard BLOCK on git: call them from a worker thread in the workbench.
#pragma once

#include "runstate.h"
#include "store/store.h"

namespace harness {

struct ReviewComment
{
    QString file;
    int line = 0;
    QString text;
};

// What Merge does with a run: merge its local branch (a run driven on this machine); fetch a runner's
// run from the remote, merge it and push the target branch; or leave a runner's branch on the remote
// for a pull request.
enum class MergeRoute { Local, Push, PullRequest };

struct MergeOptions
{
    bool fastForwardOnly = false;
    // After a clean merge the worktree always goes; with this the run's branch goes too (its commits
    // are in the target branch now).
    bool deleteBranch = false;
};

// What a merge did, for the message a view shows.
struct MergeReport
{
    MergeRoute route = MergeRoute::Local;
    QStringList conflictFiles; // not merged: these files conflict with the target (nothing half-merged)
    QString commit; // the target's new head (merged), or the branch's commit (left for a pull request)
    QString branch;
    QString target;
    QString remote; // a runner's run: the team's remote
    bool pushed = false; // route Push: the target branch reached the remote
    bool pushRejected = false; // the remote's target moved on: the merge is local, for the person to push
    QString pushError;
    QString cleanupError; // merged, but something was left behind (the worktree, the branch)
    bool merged() const { return conflictFiles.isEmpty(); }
};

class ReviewService
{
public:
    ReviewService(Store &store, QString repositoryRoot)
        : m_store(store), m_root(std::move(repositoryRoot)) { }

    // The run as its log tells it (phase, worktree, branch, base commit, checkpoints, why it ended):
    // what a review view shows and which actions it offers.
    Result<RunState> runState(const QString &runId);
    Status comment(const QString &runId, const ReviewComment &comment, const QString &actor);
    // Records the comments and sends them as one feedback: nothing is recorded unless the run is in
    // review, so a refused send leaves the reviewer's comments theirs to keep.
    Status sendComments(const QString &runId, const QList<ReviewComment> &comments, const QString &actor);
    // The comments made since the last feedback, in order.
    Result<QList<ReviewComment>> openComments(const QString &runId);
    // Sends the open comments (and an optional note) to the agent: the run goes to another Fix iteration.
    Status sendFeedback(const QString &runId, const QString &actor, const QString &note = {});
    // Merges the run's branch into its target; a conflict is recorded with its files and the run stays
    // in review with nothing half-merged. The worktree is removed after a merge.
    Result<QStringList> merge(const QString &runId, const QString &actor, bool fastForwardOnly = false);
    Result<QStringList> merge(const QString &runId, const QString &actor, const MergeOptions &options);
    // The same, with what happened (a runner's run: pushed or not, left for a pull request).
    Result<MergeReport> mergeRun(const QString &runId, const QString &actor, const MergeOptions &options);
    // What Merge does with the run (a runner's run: policy.json's team.merge).
    Result<MergeRoute> mergeRoute(const RunState &state) const;
    // Discards the run: its worktree is removed (the human's word covers uncommitted changes). A runner's
    // run: the decision is recorded and the refs fetched for it go; its branch on the remote stays. A
    // runner's run's queue entry ends with it (as with a merge or a pull request; RunQueue::finish).
    Status discard(const QString &runId, const QString &actor);

private:
    Result<RunState> reviewState(const QString &runId);
    Status setTaskState(const QString &taskId, TaskState state);
    Store &m_store;
    QString m_root;
};

} // namespace harness
