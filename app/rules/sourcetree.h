// SourceTree: the files of a repository that checks look at — `git ls-files` (tracked plus untracked,
// minus ignored) inside a git work tree, a directory walk elsewhere — and git diffs against a revision.
// Runs git synchronously: call from a worker thread.
#pragma once

#include "core/diff/diff.h"

#include "core/result.h"

#include <QStringList>

namespace harness {

class SourceTree
{
public:
    // Whether each path git lists is confirmed to be a regular file of the work tree, or left for the
    // caller to look at (it reads each file anyway; a path may be deleted, a link or a submodule).
    enum class Listing { RegularFiles, Unconfirmed };
    // Relative paths ('/'-separated, sorted) of the files under root, without those matching excludes.
    static Result<QStringList> listFiles(const QString &root, const QStringList &excludes = {},
                                         Listing listing = Listing::RegularFiles);
    // Files changed (added, modified, renamed; not deleted) since a revision, plus untracked files.
    static Result<QStringList> changedFiles(const QString &root, const QString &revision);
    // The diff of the work tree against a revision; untracked files appear as added files.
    static Result<Diff> diffSince(const QString &root, const QString &revision);
    static bool isGitWorkTree(const QString &root);
    // Runs git with the arguments in root; returns stdout or an error with git's stderr.
    static Result<QByteArray> git(const QString &root, const QStringList &arguments, int timeoutMs = 60000);
};

} // namespace harness
