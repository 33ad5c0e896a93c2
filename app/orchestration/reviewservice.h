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

class ReviewService
{
public:
    ReviewService(Store &store, QString repositoryRoot)
        : m_store(store), m_root(std::move(repositoryRoot)) { }

    Status comment(const QString &runId, const ReviewComment &comment, const QString &actor);
    // The comments made since the last feedback, in order.
    Result<QList<ReviewComment>> openComments(const QString &runId);
    // Sends the open comments (and an optional note) to the agent: the run goes to another Fix iteration.
    Status sendFeedback(const QString &runId, const QString &actor, const QString &note = {});
    // Merges the run's branch into its target; a conflict is recorded with its files and the run stays
    // in review with nothing half-merged. The worktree is removed after a merge.
    Result<QStringList> merge(const QString &runId, const QString &actor, bool fastForwardOnly = false);
    // Discards the run: its worktree is removed (the human's word covers uncommitted changes).
    Status discard(const QString &runId, const QString &actor);

private:
    Result<RunState> reviewState(const QString &runId);
    Status setTaskState(const QString &taskId, TaskState state);
    Store &m_store;
    QString m_root;
};

} // namespace harness
