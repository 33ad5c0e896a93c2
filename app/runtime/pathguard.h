// PathGuard: resolves a path an agent names to a canonical location inside the worktree, refusing `..`,
// absolute paths outside, symlink escapes, odd names (newlines, control characters, invalid UTF-8) and
// the protected places (.git, .harness, hooks) that the agent may never write.
#pragma once

#include "core/result.h"

#include <QStringList>

namespace harness {

struct ResolvedPath
{
    QString absolute; // canonical: every existing component resolved, no symlink left
    QString relative; // relative to the worktree root, "/"-separated, "" for the root itself
    bool exists = false;
};

class PathGuard
{
public:
    // worktreeRoot must exist. extraProtected: more worktree-relative paths never writable
    // (e.g. a core.hooksPath inside the tree).
    explicit PathGuard(const QString &worktreeRoot, const QStringList &extraProtected = {});

    QString root() const { return m_root; }
    // Canonicalises `requested` (relative to the root, or absolute inside it). Fails with a reason.
    Result<ResolvedPath> resolve(const QString &requested) const;
    // True when the relative path is, or lies under, a protected place: any `.git` component, the
    // top-level `.harness`, or an extra protected path.
    bool isProtected(const QString &relative) const;

    static const QStringList &alwaysProtected();

private:
    QString m_root;
    QStringList m_extraProtected;
};

} // namespace harness
