// ScratchTree: a throw-away copy of a tree for the held-out-tests gate — the base commit's files from git's
// objects, or the candidate worktree's files (tracked and untracked, not ignored) read without following a
// link. Links are copied as links (their target is text, never opened); nothing is written through a link
// already in the copy; every git call goes through GitRunner. The worktree must hold no repository of its
// own (NestedRepositoryScan) before it is copied: the gate pipeline refuses such a tree first.
#pragma once

#include "core/result.h"

#include <QStringList>

#include <functional>

namespace harness {

class ScratchTree
{
public:
    // Writes the tree of revision (in the repository at repoDir) into dir; returns the paths written.
    static Result<QStringList> fromCommit(const QString &repoDir, const QString &revision,
                                          const QString &dir);
    // Copies the worktree's files git knows or would add (not ignored) into dir, leaving out the paths
    // skip says; returns the paths written.
    static Result<QStringList> fromWorktree(const QString &worktree, const QString &dir,
                                            const std::function<bool(const QString &)> &skip);
    // Copies one path (a file or a link) from the tree at fromRoot into the tree at toRoot.
    static Status copy(const QString &fromRoot, const QString &relative, const QString &toRoot);
    // Removes a path of the tree at root (a file or a link; a link is removed, not its target).
    static Status remove(const QString &root, const QString &relative);

    static constexpr qint64 kMaxFileBytes = 256 * 1024 * 1024;
    static constexpr qint64 kMaxTotalBytes = qint64(2) * 1024 * 1024 * 1024;
    static constexpr int kMaxFiles = 200000;
};

} // namespace harness
