// SandboxWriteCheck: a notification's paths read, resolved and held against the sandbox's mounts.
#include "sandboxwritecheck.h"
#include "auditedsyscalls.h"

#include "core/uniquefd.h"

#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstring>
#include <fcntl.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include <sys/un.h>
#include <unistd.h>

#include <utility>

namespace harness {

namespace {

using Fd = UniqueFd;

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

// The file a Unix socket's bind creates; nothing for another family or an abstract name.
std::optional<QByteArray> readSocketPath(int mem, quint64 addr, quint64 length)
{
    sockaddr_un address {};
    constexpr quint64 pathAt = offsetof(sockaddr_un, sun_path);
    if (addr == 0 || length <= pathAt || length > sizeof(address) ||
        ::pread(mem, &address, size_t(length), off_t(addr)) != ssize_t(length) ||
        address.sun_family != AF_UNIX)
        return std::nullopt;
    const QByteArray path(address.sun_path, qsizetype(length - pathAt));
    const qsizetype nul = path.indexOf('\0');
    if (nul == 0)
        return std::nullopt; // abstract: no file
    return nul < 0 ? path : path.left(nul);
}

QByteArray readLink(const QByteArray &path)
{
    char target[PATH_MAX];
    const ssize_t n = ::readlink(path.constData(), target, sizeof(target));
    return n > 0 ? QByteArray(target, qsizetype(n)) : QByteArray();
}

// An O_PATH descriptor of path resolved under root as the kernel resolves it for the process, or -1.
Fd resolveIn(int root, const QByteArray &path, bool follow)
{
    open_how how {};
    how.flags = O_PATH | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW);
    how.resolve = RESOLVE_IN_ROOT;
    return Fd(int(::syscall(__NR_openat2, root, path.constData(), &how, sizeof(how))));
}

enum class Place { Writable, ReadOnly };

Place placeOf(const Fd &fd)
{
    struct statvfs st
    {
    };
    return ::fstatvfs(fd.get(), &st) == 0 && (st.f_flag & ST_RDONLY) ? Place::ReadOnly : Place::Writable;
}

// Where a descriptor opened under the process's root is, as the sandbox sees it (the kernel names a path
// of another mount namespace from that namespace's root).
QByteArray whereIs(const Fd &fd)
{
    QByteArray path = readLink(QByteArray("/proc/self/fd/") + QByteArray::number(fd.get()));
    // A file bound into the sandbox and replaced on the host since (git rewrites .git/config by a rename)
    // is still where the process reaches it.
    if (path.endsWith(" (deleted)"))
        path.chop(10);
    return path;
}

bool writesExisting(const audit::AuditedSyscall &s, quint64 openFlags)
{
    if (s.flagsArg < 0 && !s.openHow)
        return true;
    // O_CREAT or O_APPEND alone on a file that exists writes nothing.
    return (openFlags & O_ACCMODE) != O_RDONLY || (openFlags & O_TRUNC);
}

// A path split into its directory and its last name (trailing slashes dropped).
std::pair<QByteArray, QByteArray> splitLast(QByteArray path)
{
    while (path.size() > 1 && path.endsWith('/'))
        path.chop(1);
    const qsizetype slash = path.lastIndexOf('/');
    if (slash < 0)
        return {QByteArray("."), path};
    return {slash == 0 ? QByteArray("/") : path.left(slash), path.mid(slash + 1)};
}

bool isBidiControl(char32_t c)
{
    return c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
            c == 0x2028 || c == 0x2029;
}

// One path argument: the bytes the kernel will resolve and the root it resolves them under (the
// process's root, or openat2's directory when it asked for RESOLVE_IN_ROOT).
struct Target
{
    QByteArray path;
    Fd scopedRoot;
};

} // namespace

SandboxWriteCheck::SandboxWriteCheck(Scope scope) : m_scope(std::move(scope)) { }

QString SandboxWriteCheck::printable(const QByteArray &bytes, int maxChars)
{
    QString out;
    for (qsizetype i = 0; i < bytes.size();) {
        const uchar b = uchar(bytes.at(i));
        qsizetype n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        QString piece;
        if (n > 1) {
            const QByteArray sequence = bytes.mid(i, n);
            piece = QString::fromUtf8(sequence);
            if (sequence.size() != n || piece.toUtf8() != sequence) // cut short, overlong or a surrogate
                n = 0;
            else if (const char32_t c = piece.toUcs4().value(0); (c >= 0x80 && c < 0xa0) || isBidiControl(c))
                piece = QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
        } else if (n == 1) {
            switch (b) {
            case '\n':
                piece = QStringLiteral("\\n");
                break;
            case '\t':
                piece = QStringLiteral("\\t");
                break;
            case '\r':
                piece = QStringLiteral("\\r");
                break;
            case '\\':
                piece = QStringLiteral("\\\\");
                break;
            default:
                if (b >= 0x20 && b != 0x7f)
                    piece = QChar(b);
                else
                    piece = QStringLiteral("\\x%1").arg(uint(b), 2, 16, QLatin1Char('0'));
            }
        }
        if (n == 0) {
            piece = QStringLiteral("\\x%1").arg(uint(b), 2, 16, QLatin1Char('0'));
            n = 1;
        }
        if (out.size() + piece.size() > maxChars - 3 && i + n < bytes.size()) {
            out += QStringLiteral("...");
            break;
        }
        out += piece;
        i += n;
    }
    return out;
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
    const bool isOpen = s->flagsArg >= 0 || s->openHow;
    quint64 openFlags = s->flagsArg >= 0 ? call.args[s->flagsArg] : 0;
    quint64 resolve = 0;
    if (s->openHow) {
        open_how how {};
        if (::pread(mem.get(), &how, sizeof(how), off_t(call.args[2])) != ssize_t(sizeof(how)))
            return std::nullopt;
        openFlags = how.flags;
        resolve = how.resolve;
    }
    if (isOpen && !(openFlags & audit::kWriteOpenFlags))
        return std::nullopt;
    // The process's root, opened before the validity check below: a pid reused after it would be
    // another process's.
    const Fd root(::open(proc(call.pid, "root").constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root.ok())
        return std::nullopt;
    // Each path as the kernel will resolve it: bytes as given, from the directory the process names.
    Target targets[2];
    for (int i = 0; i < 2 && s->path[i] >= 0; ++i) {
        const auto raw = s->socketAddress ? readSocketPath(mem.get(), call.args[s->path[i]], call.args[2])
                                          : readString(mem.get(), call.args[s->path[i]]);
        if (!raw)
            continue; // NULL (utimensat on a descriptor), unreadable, too long, not a Unix socket's file
        const int dirfd = s->dirfd[i] >= 0 ? int(qint32(call.args[s->dirfd[i]])) : AT_FDCWD;
        const QByteArray dir =
                dirfd == AT_FDCWD ? proc(call.pid, "cwd") : proc(call.pid, "fd/") + QByteArray::number(dirfd);
        if (resolve & RESOLVE_IN_ROOT) {
            // openat2 scoped to its directory: the root of absolute and relative paths alike. The
            // process's own descriptor, opened as a directory without reading: no FIFO, no device.
            targets[i].scopedRoot = Fd(::open(dir.constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
            if (!targets[i].scopedRoot.ok())
                continue;
            targets[i].path = raw->isEmpty() ? QByteArray(".") : *raw;
        } else if (raw->startsWith('/')) {
            targets[i].path = *raw;
        } else {
            const QByteArray base = readLink(dir); // as the sandbox sees it
            if (!base.startsWith('/'))
                continue; // a descriptor that is no directory (a socket, a pipe): the call fails
            targets[i].path = raw->isEmpty() ? base : base + '/' + *raw;
        }
    }
    // What was read was the caller's only if it is still waiting in this call.
    quint64 id = call.id;
    if (::ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) != 0)
        return std::nullopt;
    for (int i = 0; i < 2; ++i) {
        if (targets[i].path.isEmpty())
            continue;
        const int under = targets[i].scopedRoot.ok() ? targets[i].scopedRoot.get() : root.get();
        const bool exclusive = isOpen && (openFlags & O_CREAT) && (openFlags & O_EXCL);
        const bool follow = s->follows && !(isOpen && (openFlags & O_NOFOLLOW)) && !exclusive;
        QByteArray path = targets[i].path;
        std::optional<QByteArray> landed;
        Place place = Place::Writable;
        for (int hops = 0; hops < 40; ++hops) { // the kernel's own limit of links followed
            if (const Fd target = resolveIn(under, path, follow); target.ok()) {
                if (s->role[i] == audit::PathRole::New || exclusive || !writesExisting(*s, openFlags))
                    break; // EEXIST, or an open that only reads
                place = placeOf(target);
                landed = whereIs(target);
                break;
            }
            if (s->role[i] == audit::PathRole::Existing || (isOpen && !(openFlags & O_CREAT)))
                break; // ENOENT
            const auto [dir, name] = splitLast(path);
            if (follow) {
                // A dangling symbolic link: the call creates what it points to.
                if (const Fd link = resolveIn(under, path, false); link.ok()) {
                    char target[PATH_MAX];
                    const ssize_t n = ::readlinkat(link.get(), "", target, sizeof(target));
                    if (n <= 0)
                        break;
                    const QByteArray to(target, qsizetype(n));
                    path = to.startsWith('/') ? to : dir + '/' + to;
                    continue;
                }
            }
            const Fd parent = resolveIn(under, dir, true);
            if (!parent.ok())
                break; // ENOENT
            place = placeOf(parent);
            const QByteArray at = whereIs(parent);
            landed = at.endsWith('/') ? at + name : at + '/' + name;
            break;
        }
        if (landed && place == Place::ReadOnly)
            return Refusal {printable(*landed, kMaxPathChars), QString::fromLatin1(s->name),
                            reasonFor(QString::fromUtf8(*landed))};
    }
    return std::nullopt;
}

} // namespace harness
