// Sandbox: runs commands (agent run_command calls and gate commands) under bubblewrap: the worktree
// read-write, the rest of the file system read-only, home directories, ~/.ssh, keyrings, the D-Bus
// session, the main checkout and other repositories hidden, .git/.harness read-only with credentials
// redacted from git's config, always a network namespace of its own (network on = the allow-list proxy
// of NetworkProxy), --die-with-parent, a wall-time limit, an output cap, a process-count limit where
// cgroups allow, and an environment scrubbed of secrets. A shell command reaches the sandbox as a file,
// never as an argument, so its size is bounded by kMaxCommandBytes and not by the kernel's argv limit.
// run() BLOCKS until the command ends: call it from a worker thread, never from a GUI thread. A Sandbox
// is immutable after construction and run() may be called from several threads at once.
#pragma once

#include "commandspec.h"
#include "core/result.h"
#include "networkpolicy.h"

#include <QString>
#include <QStringList>

namespace harness {

class EventSink;
class MemoryFiles;
class NetworkProxy;
struct SandboxPayload;

struct SandboxStatus
{
    bool available = false;
    QString executable; // absolute path of bwrap
    QString version; // e.g. "0.8.0"
    QString reason; // why not available, written for a user
    QString socat; // absolute path of socat (the network bridge); empty: network-on commands are refused
    QJsonObject toJson() const;
};

struct SandboxConfig
{
    QString worktreeRoot; // read-write inside the sandbox
    QString bwrapPath; // empty: `bwrap` from PATH
    bool allowUnsandboxed = false; // per-project opt-in: run bare (with a warning) when bwrap is unusable
    QStringList readOnlyPaths; // re-exposed read-only after hiding (e.g. a toolchain under $HOME)
    QStringList hiddenPaths; // more directories to hide (e.g. where other repositories live)
    QStringList writablePaths; // bound read-write (an external agent's own home), after hiding
    bool worktreeReadOnly = false; // the worktree read-only too (an external agent before the approval)
    QStringList protectedPaths {QStringLiteral(".git"), QStringLiteral(".harness")}; // read-only in the tree
    int maxProcesses = 1024; // cgroup pids.max per command
    qint64 maxFileSizeBytes = qint64(8) * 1024 * 1024 * 1024; // RLIMIT_FSIZE
    EventSink *events = nullptr; // receives sandbox_unavailable / sandbox_bypassed events
    QString runId;
    // The root whose core.hooksPath is already in protectedPaths (set by Sandbox; a copy of its
    // config() for the same root skips the git process that finds it).
    QString hooksResolvedFor;
};

class Sandbox
{
public:
    explicit Sandbox(SandboxConfig config);

    // Finds bwrap and starts a trivial sandbox once to see that it really works here (cached per path).
    static SandboxStatus probe(const QString &bwrapPath = {});

    const SandboxConfig &config() const { return m_config; }
    // Runs the command in the worktree. Blocking; see the header comment. Never throws; a refusal or
    // a start failure comes back with started == false and the reason in error.
    CommandResult run(const CommandSpec &spec) const;
    // For gate commands: a shell command line ("cmake --build b && ctest") in the worktree; output past
    // the cap keeps its head and tail instead of stopping the command.
    CommandResult runShell(const QString &commandLine, int timeoutMs, qint64 outputCap = 4 * 1024 * 1024,
                           const NetworkPolicy &network = {}, const QString &cwd = {},
                           const std::atomic_bool *cancel = nullptr) const;

    // The scrubbed environment a command sees (without the proxy variables of a network-on command).
    QStringList environmentFor(const CommandSpec &spec) const;
    // True for variable names that may carry credentials (API_KEY, *_TOKEN, *SECRET*, PASSWORD, ...).
    static bool looksSecret(const QString &name);

    // The largest shell command (or sum of argv) accepted: beyond it the command is refused with a message.
    static constexpr qint64 kMaxCommandBytes = 1024 * 1024;
    // Where the shell command's text appears inside the sandbox (`/bin/sh <file>`: stdin stays the
    // command's own).
    static QString commandFile() { return QStringLiteral("/tmp/.harness-sandbox/command.sh"); }

private:
    Result<QString> resolveCwd(const QString &cwd) const;
    friend class SandboxLaunch; // the same command line for a long-lived process
    // beforeCommand: more bubblewrap options after the environment (e.g. `--args FD`).
    Result<QStringList> bwrapArguments(const CommandSpec &spec, MemoryFiles &files, const NetworkProxy *proxy,
                                       const QString &socat, const QStringList &beforeCommand = {}) const;
    CommandResult execute(const QString &program, const QStringList &arguments, const QStringList &env,
                          const QString &workingDir, const CommandSpec &spec,
                          const QList<int> &inheritFds) const;
    void recordEvent(QLatin1StringView kind, const SandboxPayload &payload) const;

    SandboxConfig m_config;
    QString m_root; // canonical worktree root
    QString m_gitCommonDir; // canonical, when the worktree's .git points elsewhere
    QString m_mainCheckout; // the main working tree owning m_gitCommonDir, hidden inside
};

} // namespace harness
