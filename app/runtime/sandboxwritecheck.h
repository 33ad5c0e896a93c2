// SandboxWriteCheck: what one notification of the sandbox's write audit means. It reads the call's path
// arguments from the process's memory (/proc/<pid>/mem, at most PATH_MAX bytes each, then checks that the
// notification is still valid so the bytes were the caller's), resolves them against the directory
// descriptor or working directory (/proc/<pid>/fd/<n>, /proc/<pid>/cwd: paths as seen in the sandbox),
// and asks the sandbox's own mounts whether the write lands on a read-only one (the path, or its parent
// for a name being created, opened under /proc/<pid>/root with RESOLVE_IN_ROOT; statvfs's ST_RDONLY).
// It only reports: the kernel's mounts refuse the write whatever this says, and since the process may
// change the path after it was read, a race changes only what is logged, never what is written.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace harness {

class SandboxWriteCheck
{
public:
    struct Scope
    {
        QString root; // the canonical worktree (bound at the same path inside the sandbox)
        QStringList protectedPaths; // relative to root: .git, .harness, a hooks folder
        bool worktreeReadOnly = false;
    };
    // One notification (struct seccomp_notif's fields).
    struct Call
    {
        quint64 id = 0;
        int pid = 0;
        int nr = 0;
        quint64 args[6] = {};
    };
    struct Refusal
    {
        QString path; // normalised, clipped to kMaxPathChars
        QString syscall;
        QString reason;
    };

    explicit SandboxWriteCheck(Scope scope);

    // The write the sandbox refuses, or nothing: not a write (a read-only open, a name that exists for
    // mkdir), a writable place, or a process or notification that is gone. listener: the audit's
    // listener, for SECCOMP_IOCTL_NOTIF_ID_VALID.
    std::optional<Refusal> inspect(int listener, const Call &call) const;

    // Why a write to this path (normalised, inside the sandbox) is refused.
    QString reasonFor(const QString &path) const;
    // An absolute path from a base directory and a path argument: lexically normalised.
    static QString normalise(const QString &base, const QByteArray &path);

    static constexpr int kMaxPathChars = 500;

private:
    Scope m_scope;
};

} // namespace harness
