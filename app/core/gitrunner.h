// GitRunner: the one way the harness starts git outside the sandbox. We use the git command rather than
// libgit2 so that .gitignore, attributes and the user's identity behave exactly as at the terminal. Every
// file an agent can write is hostile input to that git, so every call runs hardened: no hook, no
// fsmonitor, no external diff or textconv, no pager, editor, askpass, credential helper or transport,
// no implicit bare repository, no recursion into submodules, and an environment without secrets
// (docs/security.md, "The harness's own git"). Blocking: call from a worker thread.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>

#include <functional>

namespace harness {

// Whose act a git call is. Both are hardened against the tree; they differ in what of the human's own
// configuration is used.
enum class GitActor {
    Harness, // checkpoints, diffs, status and listings of an agent's tree: commits are not signed
    Human, // the human's own act on their branch (the merge they chose): their signing keeps working
};

struct GitOutput
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool cancelled = false; // stopped because the caller's poll said so
    bool ok() const { return exitCode == 0; }
    QString errorText() const;
};

class GitRunner
{
public:
    explicit GitRunner(QString workDir, int timeoutMs = 5 * 60 * 1000, GitActor actor = GitActor::Harness);

    // poll, when given, is called about every 50 ms with the bytes of output so far; false stops git.
    GitOutput exec(const QStringList &args, const QByteArray &stdinData = {},
                   const std::function<bool(qint64)> &poll = {}) const;
    // Succeeds with trimmed stdout when git exits 0; otherwise fails with git's message.
    Result<QString> run(const QStringList &args) const;
    QString workDir() const { return m_workDir; }
    GitActor actor() const { return m_actor; }

    // The git program GitRunner starts, as found in PATH; empty when git is not installed.
    static QString executable();
    // The complete argument list git is started with for the caller's args.
    static QStringList commandLine(const QStringList &args, GitActor actor);
    // The environment git is started with: the harness's own without secrets, no GIT_* variable but the
    // identity and config-location ones, nothing interactive.
    static QProcessEnvironment environment(GitActor actor);

    // When core.hooksPath points inside the worktree (husky-style `.husky`), that path relative to the
    // root: the human's own git would run hooks there, so they stay read-only for the agent. Empty when
    // hooks live in the git directory.
    static QString hooksPathInside(const QString &worktreeRoot);

private:
    QString m_workDir;
    int m_timeoutMs;
    GitActor m_actor;
};

} // namespace harness
