// WorktreeManager: one git worktree per run on branch harness/<task>/<run>, checkpoints (a commit per
// Build step), rollback, diffs, merge into the target branch, and cleanup with disk use shown
// (docs/architecture.md, "One log" and "Containment"). Uses the git command (see gitrunner.h for why).
// Worktrees live under <git-common-dir>/harness-worktrees/<run> (e.g. <repo>/.git/harness-worktrees/R1)
// unless another root is given: inside .git they never show up in the user's `git status` or editor.
// Every method BLOCKS on git: call from a worker thread. Methods touching different worktrees may run
// concurrently; git serialises its own ref updates.
#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <functional>

namespace harness {

struct WorktreeInfo
{
    QString path; // absolute
    QString branch; // harness/<task>/<run>
    QString baseCommit; // full id the branch started from
    QString head; // current HEAD (filled by list())
    bool dirty = false; // uncommitted changes (filled by list())
    qint64 diskBytes = -1; // filled by list()
    QJsonObject toJson() const;
};

enum class MergeMode { FastForward, MergeCommit };

struct MergeOutcome
{
    bool merged = false;
    QString commit; // the target branch's new head when merged
    QStringList conflictFiles; // when not merged because of conflicts (nothing is left half-merged)
    QJsonObject toJson() const;
};

class WorktreeManager
{
public:
    explicit WorktreeManager(QString repoRoot, QString worktreesRoot = {});

    QString repoRoot() const { return m_repoRoot; }
    // The directory the run worktrees go in (created on first use).
    QString worktreesRoot() const;

    // New worktree for a run on a new branch from baseRef. Refuses an existing path or branch (never
    // reuses a worktree). Copies the ignored files listed in .worktreeinclude (gitignore syntax).
    Result<WorktreeInfo> create(const QString &taskId, const QString &runId, const QString &baseRef);
    // Commits everything (respecting .gitignore) and returns the commit id; with nothing to commit it
    // returns the current HEAD id, so a resumed Build step is idempotent. An index.lock left by a git
    // that a killed harness started is waited for (about 20 s), then removed if no process touched it.
    Result<QString> checkpoint(const QString &worktreePath, const QString &message);
    // Resets the worktree to the commit (tracked and untracked non-ignored changes are discarded).
    Status rollback(const QString &worktreePath, const QString &commit);
    // Unified diff between two revisions in the worktree or repository at `path`; an empty toRev
    // compares with the working tree (tracked files).
    Result<QString> diff(const QString &path, const QString &fromRev, const QString &toRev = {});
    // Files changed between two revisions (name-status "M\tpath").
    Result<QStringList> changedFiles(const QString &path, const QString &fromRev, const QString &toRev = {});
    // Merges branch into targetBranch. Where targetBranch is checked out, that checkout must be clean;
    // otherwise a temporary worktree is used. A conflict is aborted and reported with its files.
    Result<MergeOutcome> merge(const QString &branch, const QString &targetBranch, MergeMode mode);
    // Removes the worktree; refused while it has uncommitted changes unless force. The branch stays.
    Status remove(const QString &worktreePath, bool force);
    // Deletes a run branch; an unmerged branch only with force.
    Status deleteBranch(const QString &branch, bool force);
    Result<qint64> diskUsage(const QString &worktreePath);
    Result<bool> hasUncommittedChanges(const QString &worktreePath);
    // The run worktrees under worktreesRoot(), with head, dirty flag and disk use.
    Result<QList<WorktreeInfo>> list();
    Result<QString> headOf(const QString &path);
    // HEAD right after this process moved it: read from git's files when they are plain (no process),
    // otherwise from `git rev-parse`.
    Result<QString> committedHead(const QString &path);

    static QString branchName(const QString &taskId, const QString &runId);

    static QString staleIndexLock(const QString &gitError);
    // Runs a git operation on a worktree's index, and again while another git process holds the index's
    // lock (up to about 20 s, a git left running by a killed harness included); a lock nobody has touched
    // for kStaleIndexLockSeconds is removed, as git itself advises.
    static Result<QString> whileIndexLocked(const std::function<Result<QString>()> &operation);

private:
    static constexpr int kIndexLockAttempts = 40;
    static constexpr int kStaleIndexLockSeconds = 20;
    Result<QString> commitAll(const QString &worktreePath, const QString &message);
    Result<QString> commonDir() const;
    Status copyIncludedFiles(const QString &worktreePath);
    Result<QString> checkedOutAt(const QString &branch);
    bool isRunWorktree(const QString &path);

    QString m_repoRoot;
    QString m_worktreesRoot;
};

} // namespace harness
