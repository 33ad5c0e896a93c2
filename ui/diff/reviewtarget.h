// ReviewTarget and Checkpoint: what the Diff view compares — a run's branch (in its worktree) against
// the commit it started from, a runner's run as fetched from the team's remote, or any two revisions of
// the repository — as plain values.
#pragma once

#include <QList>
#include <QString>

namespace harness::ui {

struct ReviewTarget
{
    QString repository; // the main repository (where merges land)
    QString worktree; // the run's worktree; empty = the repository itself
    QString branch; // the run's branch (may be gone after a merge that deleted it)
    QString targetBranch; // where "Merge" puts it
    QString base; // the commit the run started from; empty = no run (the repository's own changes)
    QString head; // the run's newest checkpoint, used when its branch is gone
    QString runId; // empty when this is not a run's review
    // A run a runner drives on another machine: the team's remote its code is fetched from (the
    // worktree is then empty: the runner's is not on this machine).
    QString remote;
    bool operator==(const ReviewTarget &) const = default;
};

struct Checkpoint
{
    // Snapshot: a runner's uncommitted work as it published it (a commit on top of its checkpoint).
    enum class Kind { Base, Commit, WorkingTree, Branch, RecentCommit, Snapshot };
    QString label; // "base 1a2b3c4d", "2. fix the tests (5e6f…)", "working tree", "main"
    QString commit; // a revision git understands; empty = the working tree
    Kind kind = Kind::Commit;
    bool operator==(const Checkpoint &) const = default;
};

} // namespace harness::ui
