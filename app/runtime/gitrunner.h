// GitRunner: runs the `git` command in one directory and returns its output. We use the git command
// rather than libgit2 so that the user's git config (identity, signing, core.* settings), hooks and
// .gitignore/.git/info/exclude behave exactly as they do for the user at the terminal, and so no
// second git implementation with its own quirks has to be kept in step with the installed one.
// Blocking: call from a worker thread.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QStringList>

namespace harness {

struct GitOutput
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool ok() const { return exitCode == 0; }
    QString errorText() const;
};

class GitRunner
{
public:
    explicit GitRunner(QString workDir, int timeoutMs = 5 * 60 * 1000);

    GitOutput exec(const QStringList &args, const QByteArray &stdinData = {}) const;
    // Succeeds with trimmed stdout when git exits 0; otherwise fails with git's message.
    Result<QString> run(const QStringList &args) const;
    QString workDir() const { return m_workDir; }

    // When core.hooksPath points inside the worktree (husky-style `.husky`), that path relative to the
    // root: hooks there run outside the sandbox on the harness's own commits, so they must stay
    // read-only for the agent. Empty when hooks live in the git directory.
    static QString hooksPathInside(const QString &worktreeRoot);

private:
    QString m_workDir;
    int m_timeoutMs;
};

} // namespace harness
