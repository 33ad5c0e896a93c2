// SandboxWriteCheck: a notification's paths read, resolved and held against the sandbox's mounts.
#include "sandboxwritecheck.h"
#include "auditedsyscalls.h"

#include <QDir>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <sys/ioctl.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace harness {

namespace {

class Fd
{
public:
    explicit Fd(int fd) : m_fd(fd) { }
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return m_fd; }
    bool ok() const { return m_fd >= 0; }

private:
    int m_fd;
};

QByteArray proc(int pid, const char *what)
{
    return QByteArray("/proc/") + QByteArray::number(pid) + '/' + what;
}

// The NUL-terminated string at addr, read a page at a time so an unmapped page after it is no error.
std::optional<QByteArray> readString(int mem, quint64 addr)
{
    if (addr == 0)
        return std::nullopt;
    static const quint64 page = quint64(::sysconf(_SC_PAGESIZE));
    char buffer[PATH_MAX];
    size_t total = 0;
    while (total < sizeof(buffer)) {
        const quint64 at = addr + total;
        const size_t want = std::min<size_t>(page - at % page, sizeof(buffer) - total);
        const ssize_t n = ::pread(mem, buffer + total, want, off_t(at));
        if (n <= 0)
            return std::nullopt;
        if (const void *nul = std::memchr(buffer + total, 0, size_t(n)))
            return QByteArray(buffer, qsizetype(static_cast<const char *>(nul) - buffer));
        total += size_t(n);
    }
    return std::nullopt; // longer than PATH_MAX: the call fails with ENAMETOOLONG
}

QString link(const QByteArray &path)
{
    char target[PATH_MAX];
    const ssize_t n = ::readlink(path.constData(), target, sizeof(target));
    return n > 0 ? QString::fromUtf8(target, qsizetype(n)) : QString();
}

enum class Place { Missing, Writable, ReadOnly };

// Where path lands in the process's own view of the file system (its root, its mounts).
Place placeOf(int root, const QString &path, bool follow)
{
    open_how how {};
    how.flags = O_PATH | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW);
    how.resolve = RESOLVE_IN_ROOT;
    const QByteArray p = path.toUtf8();
    const Fd fd(int(::syscall(__NR_openat2, root, p.constData(), &how, sizeof(how))));
    if (!fd.ok())
        return Place::Missing;
    struct statvfs st
    {
    };
    if (::fstatvfs(fd.get(), &st) != 0)
        return Place::Missing;
    return (st.f_flag & ST_RDONLY) ? Place::ReadOnly : Place::Writable;
}

bool writesExisting(const audit::AuditedSyscall &s, quint64 openFlags)
{
    if (s.flagsArg < 0 && !s.openHow)
        return true;
    // O_CREAT or O_APPEND alone on a file that exists writes nothing.
    return (openFlags & O_ACCMODE) != O_RDONLY || (openFlags & O_TRUNC);
}

} // namespace

SandboxWriteCheck::SandboxWriteCheck(Scope scope) : m_scope(std::move(scope)) { }

QString SandboxWriteCheck::normalise(const QString &base, const QByteArray &path)
{
    const QString p = QString::fromUtf8(path);
    if (p.startsWith(QLatin1Char('/')))
        return QDir::cleanPath(p);
    if (p.isEmpty()) // AT_EMPTY_PATH: the descriptor itself
        return QDir::cleanPath(base);
    return QDir::cleanPath(base + QLatin1Char('/') + p);
}

QString SandboxWriteCheck::reasonFor(const QString &path) const
{
    const QString &root = m_scope.root;
    if (path != root && !path.startsWith(root + QLatin1Char('/')))
        return QStringLiteral("outside the sandbox's writable paths");
    const QString rel = path.mid(root.size() + 1);
    for (const QString &p : m_scope.protectedPaths)
        if (rel == p || rel.startsWith(p + QLatin1Char('/')))
            return QStringLiteral("%1 is read-only").arg(p);
    if (m_scope.worktreeReadOnly)
        return QStringLiteral("the worktree is read-only until the plan is approved");
    return QStringLiteral("read-only in the sandbox");
}

std::optional<SandboxWriteCheck::Refusal> SandboxWriteCheck::inspect(int listener, const Call &call) const
{
    const audit::AuditedSyscall *s = audit::auditedSyscall(call.nr);
    if (!s)
        return std::nullopt;
    const Fd mem(::open(proc(call.pid, "mem").constData(), O_RDONLY | O_CLOEXEC));
    if (!mem.ok())
        return std::nullopt;
    quint64 openFlags = s->flagsArg >= 0 ? call.args[s->flagsArg] : 0;
    if (s->openHow) {
        open_how how {};
        if (::pread(mem.get(), &how, sizeof(how.flags), off_t(call.args[2])) != sizeof(how.flags))
            return std::nullopt;
        openFlags = how.flags;
        if (!(openFlags & audit::kWriteOpenFlags))
            return std::nullopt;
    }
    if (s->flagsArg >= 0 && !(openFlags & audit::kWriteOpenFlags))
        return std::nullopt;
    // Each path, resolved as the process sees it.
    QString paths[2];
    for (int i = 0; i < 2 && s->path[i] >= 0; ++i) {
        const auto raw = readString(mem.get(), call.args[s->path[i]]);
        if (!raw)
            continue; // NULL (utimensat on a descriptor), unreadable or too long: the call writes no path
        QString base;
        if (!raw->startsWith('/')) {
            const int dirfd = s->dirfd[i] >= 0 ? int(qint32(call.args[s->dirfd[i]])) : AT_FDCWD;
            base = dirfd == AT_FDCWD ? link(proc(call.pid, "cwd"))
                                     : link(proc(call.pid, "fd/") + QByteArray::number(dirfd));
            if (base.isEmpty())
                continue;
        }
        paths[i] = normalise(base, *raw);
    }
    // The bytes read were the caller's only if it is still waiting in this call.
    quint64 id = call.id;
    if (::ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) != 0)
        return std::nullopt;
    const Fd root(::open(proc(call.pid, "root").constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root.ok())
        return std::nullopt;
    for (int i = 0; i < 2; ++i) {
        if (paths[i].isEmpty())
            continue;
        const bool isOpen = s->flagsArg >= 0 || s->openHow;
        const bool follow = s->follows && !(isOpen && (openFlags & O_NOFOLLOW));
        const Place target = placeOf(root.get(), paths[i], follow);
        Place where = target;
        if (target != Place::Missing) {
            if (s->role[i] == audit::PathRole::New || !writesExisting(*s, openFlags))
                continue; // EEXIST, or an open that only reads
        } else {
            if (s->role[i] == audit::PathRole::Existing || (isOpen && !(openFlags & O_CREAT)))
                continue; // ENOENT
            const qsizetype slash = paths[i].lastIndexOf(QLatin1Char('/'));
            where = placeOf(root.get(), slash <= 0 ? QStringLiteral("/") : paths[i].left(slash), true);
        }
        if (where == Place::ReadOnly)
            return Refusal {paths[i].left(kMaxPathChars), QString::fromLatin1(s->name), reasonFor(paths[i])};
    }
    return std::nullopt;
}

} // namespace harness
