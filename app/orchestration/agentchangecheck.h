// AgentChangeCheck: what an external agent changed in its worktree during a turn, checked like the built-in
// agent's writes are — whatever way the agent wrote (its own file tools, its shell, the client's fs
// methods): no git repository of its making (NestedRepositoryScan, before any git runs on the tree), no
// change at all before the plan is approved, nothing under .harness/ or .git, nothing outside the
// contract's scope, no file over the size bound. A found violation is the reason the run stops.
#pragma once

#include <QString>
#include <QStringList>

namespace harness {

class AgentChangeCheck
{
public:
    // scope: the contract's writable globs (empty: the whole worktree).
    AgentChangeCheck(QString worktree, QStringList scope)
        : m_worktree(std::move(worktree)), m_scope(std::move(scope))
    { }

    // An empty string when the tree is acceptable; else what was found, where, written for the human.
    QString violation(bool writeAllowed) const;
    // The paths changed since the worktree's HEAD (tracked and untracked, not ignored), or an error.
    QStringList changedPaths(QString *error) const;

private:
    QString m_worktree;
    QStringList m_scope;
};

} // namespace harness
