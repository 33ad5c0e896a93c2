// The system calls the sandbox's write audit watches: every call that writes to the file system through a
// path (open/openat/openat2/creat with a write flag, mkdir, mknod, unlink, rmdir, rename, link, symlink,
// truncate, chmod, chown, utimes, the xattr setters, bind of a Unix socket), with where its path arguments
// are. One table for both sides: harness-sandbox-exec builds its seccomp filter from it (the numbers of the
// architecture it is built for; any other architecture is killed), and SandboxAudit reads a notification with
// it. Plain C++ with the kernel's headers only: the launcher links nothing else.
#pragma once

#include <cstddef>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/syscall.h>

// Newer than some distributions' headers; the same number on every architecture.
#ifndef __NR_openat2
#define __NR_openat2 437
#endif
#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452
#endif
#ifndef __NR_setxattrat
#define __NR_setxattrat 463
#endif
#ifndef __NR_removexattrat
#define __NR_removexattrat 466
#endif
#ifndef __NR_io_uring_setup
#define __NR_io_uring_setup 425
#endif

namespace harness::audit {

// What a path argument names.
enum class PathRole : unsigned char {
    New, // a name the call creates (mkdir, mknod, symlink, link's new name): an existing one is EEXIST
    NewOrReplaced, // created or replaced (rename's new name, creat, open with O_CREAT)
    Existing, // changed in place or removed (unlink, rmdir, truncate, chmod, rename's old name, ...)
};

struct AuditedSyscall
{
    int nr;
    const char *name;
    signed char path[2]; // argument index of each path written; -1: none
    signed char dirfd[2]; // argument index of the directory it is relative to; -1: the working directory
    PathRole role[2];
    signed char flagsArg; // open/openat: the open flags (the filter lets read-only opens through); -1: none
    bool openHow; // openat2: the flags are in the struct open_how its third argument points to
    bool follows; // the last component of the path is followed when it is a symbolic link
    bool socketAddress = false; // bind: the argument is a struct sockaddr; AF_UNIX names a file it creates
};

// The flags of an open that may write: anything else is a read and never reaches the supervisor.
inline constexpr unsigned kWriteOpenFlags = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;

namespace detail {
constexpr PathRole N = PathRole::New, R = PathRole::NewOrReplaced, E = PathRole::Existing;
constexpr AuditedSyscall one(int nr, const char *name, int path, int dirfd, PathRole role, bool follows)
{
    return {nr,
            name,
            {static_cast<signed char>(path), -1},
            {static_cast<signed char>(dirfd), -1},
            {role, role},
            -1,
            false,
            follows};
}
constexpr AuditedSyscall two(int nr, const char *name, int path0, int dirfd0, int path1, int dirfd1)
{
    return {nr,
            name,
            {static_cast<signed char>(path0), static_cast<signed char>(path1)},
            {static_cast<signed char>(dirfd0), static_cast<signed char>(dirfd1)},
            {E, R},
            -1,
            false,
            false};
}
constexpr AuditedSyscall opening(int nr, const char *name, int path, int dirfd, int flags, bool how)
{
    return {nr,
            name,
            {static_cast<signed char>(path), -1},
            {static_cast<signed char>(dirfd), -1},
            {R, R},
            static_cast<signed char>(flags),
            how,
            true};
}
} // namespace detail

inline constexpr AuditedSyscall kAuditedSyscalls[] = {
#ifdef __NR_open
        detail::opening(__NR_open, "open", 0, -1, 1, false),
#endif
        detail::opening(__NR_openat, "openat", 1, 0, 2, false),
        detail::opening(__NR_openat2, "openat2", 1, 0, -1, true),
#ifdef __NR_creat
        detail::one(__NR_creat, "creat", 0, -1, detail::R, true),
#endif
#ifdef __NR_mkdir
        detail::one(__NR_mkdir, "mkdir", 0, -1, detail::N, false),
#endif
        detail::one(__NR_mkdirat, "mkdirat", 1, 0, detail::N, false),
#ifdef __NR_mknod
        detail::one(__NR_mknod, "mknod", 0, -1, detail::N, false),
#endif
        detail::one(__NR_mknodat, "mknodat", 1, 0, detail::N, false),
#ifdef __NR_unlink
        detail::one(__NR_unlink, "unlink", 0, -1, detail::E, false),
#endif
        detail::one(__NR_unlinkat, "unlinkat", 1, 0, detail::E, false),
#ifdef __NR_rmdir
        detail::one(__NR_rmdir, "rmdir", 0, -1, detail::E, false),
#endif
#ifdef __NR_rename
        detail::two(__NR_rename, "rename", 0, -1, 1, -1),
#endif
#ifdef __NR_renameat
        detail::two(__NR_renameat, "renameat", 1, 0, 3, 2),
#endif
        detail::two(__NR_renameat2, "renameat2", 1, 0, 3, 2),
#ifdef __NR_link
        detail::one(__NR_link, "link", 1, -1, detail::N, false),
#endif
        detail::one(__NR_linkat, "linkat", 3, 2, detail::N, false),
#ifdef __NR_symlink
        detail::one(__NR_symlink, "symlink", 1, -1, detail::N, false),
#endif
        detail::one(__NR_symlinkat, "symlinkat", 2, 1, detail::N, false),
        detail::one(__NR_truncate, "truncate", 0, -1, detail::E, true),
#ifdef __NR_chmod
        detail::one(__NR_chmod, "chmod", 0, -1, detail::E, true),
#endif
        detail::one(__NR_fchmodat, "fchmodat", 1, 0, detail::E, true),
        detail::one(__NR_fchmodat2, "fchmodat2", 1, 0, detail::E, true),
#ifdef __NR_chown
        detail::one(__NR_chown, "chown", 0, -1, detail::E, true),
#endif
#ifdef __NR_lchown
        detail::one(__NR_lchown, "lchown", 0, -1, detail::E, false),
#endif
        detail::one(__NR_fchownat, "fchownat", 1, 0, detail::E, true),
#ifdef __NR_utime
        detail::one(__NR_utime, "utime", 0, -1, detail::E, true),
#endif
#ifdef __NR_utimes
        detail::one(__NR_utimes, "utimes", 0, -1, detail::E, true),
#endif
#ifdef __NR_futimesat
        detail::one(__NR_futimesat, "futimesat", 1, 0, detail::E, true),
#endif
        // A NULL path is futimens on the descriptor: no path, nothing to audit.
        detail::one(__NR_utimensat, "utimensat", 1, 0, detail::E, true),
        detail::one(__NR_setxattr, "setxattr", 0, -1, detail::E, true),
        detail::one(__NR_lsetxattr, "lsetxattr", 0, -1, detail::E, false),
        detail::one(__NR_removexattr, "removexattr", 0, -1, detail::E, true),
        detail::one(__NR_lremovexattr, "lremovexattr", 0, -1, detail::E, false),
        detail::one(__NR_setxattrat, "setxattrat", 1, 0, detail::E, true),
        detail::one(__NR_removexattrat, "removexattrat", 1, 0, detail::E, true),
        // A Unix socket bound to a path is a new file (every bind is notified; the supervisor reads the
        // address family: internet and abstract sockets record nothing).
        {__NR_bind, "bind", {1, -1}, {-1, -1}, {detail::N, detail::N}, -1, false, false, true},
};

inline const AuditedSyscall *auditedSyscall(int nr)
{
    for (const AuditedSyscall &s : kAuditedSyscalls)
        if (s.nr == nr)
            return &s;
    return nullptr;
}

// Refused with ENOSYS by the filter: io_uring's operations (openat, mkdirat, renameat, unlinkat, ...) would
// write beside seccomp, unseen by the audit. Programs fall back to plain calls (libuv, liburing's users).
inline constexpr int kRefusedSyscalls[] = {__NR_io_uring_setup};

// The command line of the launcher: harness-sandbox-exec --audit-fd N -- program args...
inline constexpr const char *kAuditFdOption = "--audit-fd";

// The one message between the launcher and the harness: a byte and room for one descriptor (the
// audit's listener, as SCM_RIGHTS). Not copyable: msg points into the object itself.
struct ListenerMessage
{
    char byte = 0;
    iovec io {&byte, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr msg {};
    ListenerMessage()
    {
        msg.msg_iov = &io;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof(control);
    }
    ListenerMessage(const ListenerMessage &) = delete;
    ListenerMessage &operator=(const ListenerMessage &) = delete;
};

} // namespace harness::audit
