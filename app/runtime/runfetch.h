// RunFetch: brings what a runner published for one run (GitRemote: per lease the last checkpoint and a
// snapshot of the uncommitted tree, and the run branch) from the team's remote into the person's own
// repository, under refs of the harness's own — refs/harness/remote-runs/<run>/runs/t<k>[-wip] — so the
// workbench can show a runner's run and merge it where the person works; a local branch is made only
// for a merge. A runner's refs are agent-written content: everything goes through the hardened GitRunner
// (no hook, filter, fsmonitor or helper runs), with only the file, https and ssh transports allowed and
// fetched objects checked (fsck). Every method BLOCKS on git: call from a worker thread. Calls for one
// repository take turns within this process.
#pragma once

#include "core/result.h"

#include <QStringList>

namespace harness {

// What a fetch found: the commits a runner's run is at, all present in the person's repository.
struct FetchedRun
{
    QString remote; // where they came from
    QString base; // the commit the run started from
    QString checkpoint; // the run's last checkpoint as its log names it (the base when it has none)
    QString snapshot; // the newest snapshot of uncommitted work taken on that checkpoint (empty: none)
    // The newest state of the run's code: the snapshot when there is one, else the checkpoint.
    QString newest() const { return snapshot.isEmpty() ? checkpoint : snapshot; }
};

struct PushOutcome
{
    bool pushed = false;
    bool rejected = false; // the remote's branch moved on (not a fast-forward): fetch, merge and push again
    QString error; // why it was not pushed
};

class RunFetch
{
public:
    // transportTimeoutMs: how long a fetch or push may take before it is stopped.
    explicit RunFetch(QString repositoryRoot, int transportTimeoutMs = 2 * 60 * 1000);

    // Fetches the run's published refs from remote (a URL or path) and checks that the base and the
    // checkpoint the run's log names are there; the base is fetched with the target branch when the
    // repository lacks it. Errors say what is missing and what to do.
    Result<FetchedRun> fetch(const QString &runId, const QString &remote, const QString &baseCommit,
                             const QString &lastCheckpoint, const QString &targetBranch);
    // Fetches the run branch (refs/harness/remote-runs/<run>/branch) and returns the commit it is at.
    Result<QString> fetchBranch(const QString &runId, const QString &remote, const QString &branch);
    // Makes the local branch `branch` at commit for a merge: refused when a branch of that name exists at
    // another commit (the person's own work is never overwritten).
    Status makeLocalBranch(const QString &branch, const QString &commit);
    // Pushes the local branch to the same branch of the remote, without force.
    PushOutcome push(const QString &remote, const QString &branch);
    // Deletes the refs fetched for the run (after a discard); the local branch, if any, stays.
    Status forget(const QString &runId);

    // refs/harness/remote-runs/<run>/: where the run's refs are kept in the person's repository.
    static QString refPrefix(const QString &runId);

private:
    Result<QString> git(const QStringList &args, bool transport = false) const;
    bool hasCommit(const QString &rev) const;
    QString m_root;
    int m_timeoutMs;
};

} // namespace harness
