// SandboxLaunch: the command line of a long-lived process (an external agent) under a run's Sandbox — the
// same bubblewrap containment as the run's commands (Sandbox::bwrapArguments), plus what an agent needs:
// its own writable home (SandboxConfig::writablePaths), the worktree read-only until the plan is approved
// (SandboxConfig::worktreeReadOnly), the network proxy alive for as long as the process, and its secrets
// (the model key) handed to bubblewrap through a memory file (`--args FD`), never on a command line or disk,
// and the write audit (SandboxAudit): the process starts as harness-sandbox-exec, whose seccomp filter
// reports each write of its own that the sandbox's read-only mounts refuse as a `sandbox_write_refused`
// event. A sandbox where the audit cannot be set up refuses to start the process.
// The caller starts program() with arguments(), keeping inheritableFds() open across exec.
#pragma once

#include "core/result.h"
#include "memoryfiles.h"
#include "networkpolicy.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QStringList>
#include <memory>

namespace harness {

class NetworkProxy;
class Sandbox;
class SandboxAudit;

class SandboxLaunch
{
public:
    struct Options
    {
        QStringList argv; // the program (absolute) and its arguments, as seen inside the sandbox
        QMap<QString, QString> env; // variables of its own; names that look secret are dropped here
        QMap<QString, QString> secretEnv; // passed through a memory file: the one model key it needs
        NetworkPolicy network; // off, or the allow-list proxy (allow-listed loopback ports are mirrored)
    };

    ~SandboxLaunch();
    SandboxLaunch(const SandboxLaunch &) = delete;
    SandboxLaunch &operator=(const SandboxLaunch &) = delete;

    // Refuses (with the reason) when the sandbox cannot start here and the project did not opt in to
    // unsandboxed commands; an opted-in project runs the process bare, recorded as sandbox_bypassed.
    static Result<std::unique_ptr<SandboxLaunch>> make(const Sandbox &sandbox, const Options &options);

    QString program() const { return m_program; }
    QStringList arguments() const { return m_arguments; }
    // The environment bubblewrap itself starts with (it clears it for the process inside).
    QProcessEnvironment environment() const { return m_environment; }
    QList<int> inheritableFds() const;
    bool sandboxed() const { return m_sandboxed; }
    // The write audit of a sandboxed process (nullptr when it runs bare).
    const SandboxAudit *audit() const { return m_audit.get(); }

private:
    SandboxLaunch();

    QString m_program;
    QStringList m_arguments;
    QProcessEnvironment m_environment;
    MemoryFiles m_files;
    std::unique_ptr<NetworkProxy> m_proxy;
    std::unique_ptr<SandboxAudit> m_audit;
    bool m_sandboxed = true;
};

} // namespace harness
