// RemoteReview: the decisions on a run a runner drove on another machine (docs/team.md, "Reviewing a
// runner's run"). Its worktree is on the runner's machine and its code on the team's remote, so Merge
// fetches the run branch into the person's repository and then, as policy.json's team.merge says, merges
// it into the target branch there and pushes that branch ("push"), or merges nothing and leaves the branch
// on the remote for the forge's pull request ("pull_request"). Discard records the decision and forgets
// the fetched refs; the remote is left alone. Each decision is an audited event, and ends the run's entry
// in the runners' queue (parked for review until then). BLOCKS on git.
#pragma once

#include "reviewservice.h"

namespace harness {

class RemoteReview
{
public:
    RemoteReview(Store &store, QString repositoryRoot) : m_store(store), m_root(std::move(repositoryRoot)) { }

    // What policy.json's team.merge says Merge does with a runner's run (an unreadable policy: why).
    static Result<MergeRoute> routeFor(const QString &repositoryRoot);

    // The run is in review (the caller checked), merged by route Push or PullRequest.
    Result<MergeReport> merge(const RunState &state, MergeRoute route, const QString &actor,
                              const MergeOptions &options);
    Status discard(const RunState &state, const QString &actor);

private:
    // The run branch fetched from the remote, checked to be the commit the log says was reviewed.
    Result<QString> reviewedBranchHead(const RunState &state);
    Status setTaskState(const QString &taskId, TaskState state);
    // Ends the run's queue entry after the person's decision (note: what ended it). An error comes back
    // as a sentence for the person; an entry a runner holds is left to it (it sees the end in the log).
    QString endQueueEntry(const RunState &state, const QString &note);
    Store &m_store;
    QString m_root;
};

} // namespace harness
