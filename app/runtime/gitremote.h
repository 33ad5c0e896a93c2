// GitRemote: a runner's clone of a project's shared git remote (in the runner's cache) and the refs
// through which a run's code travels between machines. Per lease (fencing token k) a runner publishes
// only under refs/harness/runs/<run>/t<k> (the run's last checkpoint) and t<k>-wip (a snapshot of its
// uncommitted tree), plus the run branch harness/<task>/<run> for people; so a runner that lost its
// lease can never move a ref that another runner's restore depends on. Every method BLOCKS on git.
// Operations on one clone take turns (within this process, and across processes for the clone itself).
#pragma once

#include "core/result.h"

#include <QStringList>

class QMutex;

namespace harness {

struct RunRefs
{
    QString checkpoint; // the commit id published under the lease (empty when none)
    QString snapshot; // the uncommitted-tree snapshot published under the lease (empty when none)
    qint64 token = 0;
};

class GitRemote
{
public:
    // url: what `git clone` accepts (a path, file://, ssh or https URL). cacheDir: the runner's cache.
    GitRemote(QString url, QString cacheDir);

    QString url() const { return m_url; }
    // The clone's working directory (a detached checkout; runs get worktrees of their own).
    QString root() const { return m_root; }

    // Clones the remote when the cache has no clone yet, then fetches every branch and sets the local
    // branch `branch` (when given) to the remote's, so a run's base is the remote's, not a stale copy;
    // the clone's own checkout follows it (the project's .harness/ settings are read from there).
    Status sync(const QString &branch = {});
    // Fetches the refs one run published (every lease's).
    Status fetchRun(const QString &runId);
    // What each lease published for the run, by token (after fetchRun).
    Result<QList<RunRefs>> runRefs(const QString &runId);

    // Publishes a commit as the lease's checkpoint and as the run branch.
    Status publishCheckpoint(const QString &runId, qint64 token, const QString &branch,
                             const QString &commit);
    // Snapshots the worktree's uncommitted state as a commit whose parent is its HEAD (nothing is
    // committed on the branch) and publishes it under the lease. Returns the snapshot's tree id, or
    // the same id as lastTree without publishing when nothing changed since.
    Result<QString> publishSnapshot(const QString &runId, qint64 token, const QString &worktree,
                                    const QString &lastTree = {});

    // Makes (or remakes) a worktree at path on branch at commit; when snapshot is given (a commit whose
    // parent is commit), the working tree is set to the snapshot's files, HEAD staying at commit.
    Status restoreWorktree(const QString &path, const QString &branch, const QString &commit,
                           const QString &snapshot = {});
    // Whether rev names a commit in the clone.
    bool hasCommit(const QString &rev) const;
    // The first parent of a commit (empty when it has none or is unknown).
    QString parentOf(const QString &commit) const;

    // The `-c` options that let the hardened git (which allows no transport) reach a remote: the file,
    // https and ssh transports only, and HARNESS_GIT_TOKEN as an HTTP header when it is set.
    static QStringList transportOptions();

    // One lock per repository in this process, for every fetch and push into it (GitRemote's clones, the
    // person's repository for RunFetch): git's own ref locks make concurrent fetches into one repository
    // fail rather than wait.
    static QMutex *repositoryLock(const QString &root);

    static QString checkpointRef(const QString &runId, qint64 token);
    static QString snapshotRef(const QString &runId, qint64 token);
    // The cache folder name for a remote URL (readable, and unique by a hash of the URL).
    static QString cacheKey(const QString &url);

private:
    Result<QString> git(const QString &dir, const QStringList &args, bool transport = false) const;
    Status push(const QStringList &refspecs);

    QString m_url;
    QString m_cacheDir;
    QString m_root;
};

} // namespace harness
