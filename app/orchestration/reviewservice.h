// ReviewService: the human's review of a run that passed its gates — line comments that go back to
// the agent, merge into the target branch, or discard. Each action is an audited event.
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

struct MergeOptions
{
    bool fastForwardOnly = false;
    // After a clean merge the worktree always goes; with this the run's branch goes too (its commits
    // are in the target branch now).
    bool deleteBranch = false;
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
    // Discards the run: its worktree is removed (the human's word covers uncommitted changes).
    Status discard(const QString &runId, const QString &actor);

private:
    Result<RunState> reviewState(const QString &runId);
    Status setTaskState(const QString &taskId, TaskState state);
    Store &m_store;
    QString m_root;
};

} // namespace harness
