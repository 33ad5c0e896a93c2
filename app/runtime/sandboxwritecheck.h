// SandboxWriteCheck: what one notification of the sandbox's write audit means. It reads the call's path
// arguments from the process's memory (/proc/<pid>/mem, at most PATH_MAX bytes each; bind's Unix socket
// address), takes the directory they are relative to (/proc/<pid>/cwd or /proc/<pid>/fd/<n>: paths as seen
// in the sandbox), opens the process's root (/proc/<pid>/root), and only then checks that the notification
// is still valid, so all of it was the waiting caller's and not a process that reused its pid. Then it
// resolves each path, bytes as given, the way the kernel will: under that root with RESOLVE_IN_ROOT (".."
// after a symbolic link, absolute links and the path itself stay in the sandbox's view; magic links are
// refused; O_PATH, so nothing is opened for reading and a FIFO cannot block it), and asks the mount it
// lands on whether it is read-only (statvfs's ST_RDONLY) — the path itself, or its parent for a name being
// created. The path recorded is where the write really lands (the resolved directory as the sandbox sees
// it), printable: bytes that are not UTF-8, control characters and bidirectional overrides are escaped.
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
        QString path; // where it lands, as the sandbox sees it; printable(), clipped to kMaxPathChars
        QString syscall;
        QString reason;
    };

    explicit SandboxWriteCheck(Scope scope);

    // The write the sandbox refuses, or nothing: not a write (a read-only open, a name that exists for
    // mkdir), a writable place, or a process or notification that is gone. listener: the audit's
    // listener, for SECCOMP_IOCTL_NOTIF_ID_VALID.
    std::optional<Refusal> inspect(int listener, const Call &call) const;

    // Why a write to this path (resolved, inside the sandbox) is refused.
    QString reasonFor(const QString &path) const;
    // Bytes a process chose (a path, its name) as text a log and a terminal show safely: UTF-8 as such;
    // an invalid byte as \xNN, control characters as \n, \t, \r or \xNN, a backslash doubled,
    // bidirectional controls as \uNNNN; at most maxChars characters, "..." when clipped.
    static QString printable(const QByteArray &bytes, int maxChars);

    static constexpr int kMaxPathChars = 500;

private:
    Scope m_scope;
};

} // namespace harness
