// GitDirLayout: where a checkout keeps its git data, read from the files git itself writes (the
// `.git` file of a linked worktree, its `commondir`), so hot paths need no git process for it.
// Every answer is "don't know" (empty) when the layout is not the plain files one; callers then ask
// the git command, which stays the authority.
#pragma once

#include <QString>

namespace harness {

struct GitDirLayout
{
    QString gitDir; // this checkout's own git directory (HEAD, index)
    QString commonDir; // objects and refs shared by all worktrees (equals gitDir for a main checkout)

    // Empty members when `root` has no readable `.git` directory or file.
    static GitDirLayout of(const QString &root);
    bool isValid() const { return !gitDir.isEmpty(); }
    bool isLinkedWorktree() const { return isValid() && gitDir != commonDir; }

    // The commit HEAD names, from HEAD and a loose ref file; empty when the ref is packed, the
    // repository uses another ref storage, or anything looks unusual.
    QString headCommitFromFiles() const;
};

} // namespace harness
