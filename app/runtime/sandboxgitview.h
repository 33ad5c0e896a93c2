// SandboxGitView: how the repository's git directory looks from inside the sandbox. The directory is
// read-only there already; on top, every git config file (the repository's, per-worktree, submodules')
// is replaced by its GitConfigRedactor copy and credential files are replaced by an empty file, so a
// sandboxed command can run git status/log/diff but cannot read remote tokens or credential helpers.
#pragma once

#include "core/result.h"

#include <QStringList>

namespace harness {

class MemoryFiles;

class SandboxGitView
{
public:
    explicit SandboxGitView(const QString &worktreeRoot);

    // bwrap arguments (--ro-bind-data for the redacted configs, --ro-bind /dev/null for credential
    // files), to come after the git directory's own bind. Empty outside a repository.
    Result<QStringList> bwrapArguments(MemoryFiles &files) const;
    // The config files that get a redacted copy (existing ones, canonical paths).
    QStringList configFiles() const;
    // The credential files that are hidden (existing ones, canonical paths).
    QStringList credentialFiles() const;

private:
    QString m_root;
    QString m_gitDir;
    QString m_commonDir;
};

} // namespace harness
