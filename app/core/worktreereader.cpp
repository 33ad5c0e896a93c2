// WorktreeReader: openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS) from the root's descriptor, with an
// O_NOFOLLOW | O_DIRECTORY walk where the kernel lacks openat2; fstat decides what is read.
#include "worktreereader.h"
#include "prefault.h"
#include "uniquefd.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(Q_OS_LINUX)
#include <linux/openat2.h>
#include <sys/syscall.h>
#endif
#ifndef O_PATH
#define O_PATH 0 // only Linux has it; elsewhere a plain descriptor serves
#endif

namespace harness {

struct WorktreeReader::Handle
{
    int fd = -1;
    QString root;
    ~Handle()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

namespace {

using Fd = UniqueFd;

qint64 modifiedMs(const struct stat &st)
{
#if defined(Q_OS_DARWIN)
    return qint64(st.st_mtimespec.tv_sec) * 1000 + st.st_mtimespec.tv_nsec / 1000000;
#else
    return qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
#endif
}

int retryingOpenat(int dirfd, const char *name, int flags)
{
    int fd;
    do
        fd = ::openat(dirfd, name, flags | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    return fd;
}

// 1: openat2 works, 0: not tried yet, -1: missing (old kernel, or a seccomp filter refusing it).
std::atomic_int g_openat2 {0};

// Opens `path` below dirfd with openat2; returns -1 with errno set, and errno ENOSYS when openat2 is
// not available.
int openBeneath(int dirfd, const QByteArray &path, int flags)
{
#if defined(Q_OS_LINUX) && defined(SYS_openat2)
    const int known = g_openat2.load(std::memory_order_relaxed);
    if (known >= 0) {
        open_how how {};
        how.flags = quint64(flags | O_CLOEXEC);
        how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
        long fd;
        do
            fd = ::syscall(SYS_openat2, dirfd, path.constData(), &how, sizeof how);
        while (fd < 0 && errno == EINTR);
        if (fd >= 0) {
            g_openat2.store(1, std::memory_order_relaxed);
            return int(fd);
        }
        // A seccomp filter may answer EPERM for a system call it does not know.
        if (errno != ENOSYS && !(errno == EPERM && known == 0))
            return -1;
        g_openat2.store(-1, std::memory_order_relaxed);
    }
#else
    Q_UNUSED(dirfd)
    Q_UNUSED(path)
    Q_UNUSED(flags)
#endif
    errno = ENOSYS;
    return -1;
}

QString readLinkAt(int dirfd, const QByteArray &name)
{
    char buffer[PATH_MAX];
    const ssize_t n = ::readlinkat(dirfd, name.constData(), buffer, sizeof buffer);
    return n < 0 ? QString() : QFile::decodeName(QByteArray(buffer, qsizetype(n)));
}

struct Normalised
{
    QByteArray path; // encoded, "/"-separated, no ".", "..", or empty component; empty for the root
    QString relative;
    QString error;
    bool isEmpty() const { return path.isEmpty(); }
    bool single() const { return !path.contains('/'); }
    QList<QByteArray> parts() const { return path.isEmpty() ? QList<QByteArray>() : path.split('/'); }
    QByteArray parent() const { return path.left(qMax<qsizetype>(0, path.lastIndexOf('/'))); }
    QByteArray last() const { return path.mid(path.lastIndexOf('/') + 1); }
};

// A path as git or a plan names it ("src/a.cpp"): nothing to clean.
bool plainRelative(const QString &rel)
{
    if (rel.isEmpty() || rel.startsWith(QLatin1Char('/')) || rel.endsWith(QLatin1Char('/')) ||
        rel.startsWith(QLatin1String("./")) || rel == QLatin1String(".") ||
        rel.contains(QLatin1String("..")) || rel.contains(QLatin1String("//")) ||
        rel.contains(QLatin1String("/./")) || rel.endsWith(QLatin1String("/.")) || rel.contains(QChar(0)) ||
        rel.contains(QLatin1Char('\\')))
        return false;
    return true;
}

Normalised normalise(const QString &root, const QString &requested)
{
    Normalised n;
    if (plainRelative(requested)) {
        n.relative = requested;
        n.path = QFile::encodeName(requested);
        return n;
    }
    QString rel = QDir::fromNativeSeparators(requested);
    if (rel.contains(QChar(0))) {
        n.error = QStringLiteral("a path containing a NUL character is refused");
        return n;
    }
    if (QDir::isAbsolutePath(rel)) {
        const QString clean = QDir::cleanPath(rel);
        if (clean == root) {
            rel.clear();
        } else if (clean.startsWith(root + QLatin1Char('/'))) {
            rel = clean.mid(root.size() + 1);
        } else {
            n.error = QStringLiteral("%1 is outside the worktree").arg(requested.left(200));
            return n;
        }
    }
    QStringList kept;
    for (const QString &part : rel.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..")) {
            n.error = QStringLiteral("%1 contains \"..\"; paths are read relative to the worktree root")
                              .arg(requested.left(200));
            return n;
        }
        kept.append(part);
    }
    n.relative = kept.join(QLatin1Char('/'));
    n.path = QFile::encodeName(n.relative);
    return n;
}

QString prefix(const QList<QByteArray> &parts, qsizetype count)
{
    QStringList out;
    for (qsizetype i = 0; i < count; ++i)
        out.append(QFile::decodeName(parts.at(i)));
    return out.join(QLatin1Char('/'));
}

// Opens the directory holding the last part by walking from rootfd with O_NOFOLLOW | O_DIRECTORY.
// Fills `entry` (Symlink, Missing, Other) and returns -1 when a component on the way is not a directory.
int walkToParent(int rootfd, const QList<QByteArray> &parts, WorktreeEntry *entry)
{
    Fd current(::fcntl(rootfd, F_DUPFD_CLOEXEC, 0));
    if (current.get() < 0) {
        entry->type = WorktreeEntry::Type::Refused;
        entry->error = QString::fromLocal8Bit(strerror(errno));
        return -1;
    }
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        const int next = retryingOpenat(current.get(), parts.at(i).constData(),
                                        O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK);
        if (next >= 0) {
            current.reset(next);
            continue;
        }
        const int openError = errno;
        struct stat st;
        if (::fstatat(current.get(), parts.at(i).constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            entry->type = WorktreeEntry::Type::Missing;
        } else if (S_ISLNK(st.st_mode)) {
            entry->type = WorktreeEntry::Type::Symlink;
            entry->linkPath = prefix(parts, i + 1);
            entry->linkTarget = readLinkAt(current.get(), parts.at(i));
        } else if (!S_ISDIR(st.st_mode)) {
            entry->type = WorktreeEntry::Type::Missing; // a file where a directory would be
        } else {
            entry->type = WorktreeEntry::Type::Refused;
            entry->error = QString::fromLocal8Bit(strerror(openError));
        }
        return -1;
    }
    return current.release();
}

WorktreeEntry classifyAt(int dirfd, const QList<QByteArray> &parts)
{
    WorktreeEntry e;
    struct stat st;
    const QByteArray &name = parts.last();
    if (::fstatat(dirfd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        e.type = errno == ENOENT || errno == ENOTDIR ? WorktreeEntry::Type::Missing
                                                     : WorktreeEntry::Type::Refused;
        if (e.type == WorktreeEntry::Type::Refused)
            e.error = QString::fromLocal8Bit(strerror(errno));
    } else if (S_ISLNK(st.st_mode)) {
        e.type = WorktreeEntry::Type::Symlink;
        e.modifiedMs = modifiedMs(st);
        e.linkPath = prefix(parts, parts.size());
        e.linkTarget = readLinkAt(dirfd, name);
    } else if (S_ISDIR(st.st_mode)) {
        e.type = WorktreeEntry::Type::Directory;
    } else if (S_ISREG(st.st_mode)) {
        e.type = WorktreeEntry::Type::File;
        e.size = qint64(st.st_size);
        e.modifiedMs = modifiedMs(st);
    } else {
        e.type = WorktreeEntry::Type::Other;
    }
    return e;
}

WorktreeEntry entryOf(int rootfd, const QList<QByteArray> &parts)
{
    if (parts.isEmpty())
        return WorktreeEntry {WorktreeEntry::Type::Directory, 0, {}, {}, {}};
    if (parts.size() == 1)
        return classifyAt(rootfd, parts);
    QByteArray parentPath = parts.first();
    for (qsizetype i = 1; i + 1 < parts.size(); ++i)
        parentPath += '/' + parts.at(i);
    const int fast = openBeneath(rootfd, parentPath, O_PATH | O_DIRECTORY);
    if (fast >= 0) {
        Fd guard(fast);
        return classifyAt(fast, parts);
    }
    // No openat2, or a link or a missing directory on the way: the walk says which.
    WorktreeEntry e;
    const int parent = walkToParent(rootfd, parts, &e);
    if (parent < 0)
        return e;
    Fd guard(parent);
    return classifyAt(parent, parts);
}

WorktreeRead fromEntry(const WorktreeEntry &e, const QString &relative)
{
    WorktreeRead r;
    r.relative = relative;
    r.linkPath = e.linkPath;
    r.linkTarget = e.linkTarget;
    r.error = e.error;
    switch (e.type) {
    case WorktreeEntry::Type::Missing:
        r.status = WorktreeRead::Status::Missing;
        break;
    case WorktreeEntry::Type::Symlink:
        r.status = WorktreeRead::Status::Symlink;
        break;
    case WorktreeEntry::Type::Directory:
        r.status = WorktreeRead::Status::Directory;
        break;
    case WorktreeEntry::Type::Other:
        r.status = WorktreeRead::Status::NotRegular;
        break;
    case WorktreeEntry::Type::Refused:
        r.status = WorktreeRead::Status::Error;
        break;
    case WorktreeEntry::Type::File: // changed between the open and the look: report it as unreadable
        r.status = WorktreeRead::Status::Error;
        r.error = QStringLiteral("the file changed while it was opened");
        break;
    }
    return r;
}

} // namespace

QString WorktreeRead::describe() const
{
    const QString name = relative.isEmpty() ? QStringLiteral("the worktree root") : relative;
    switch (status) {
    case Status::Ok:
        return QStringLiteral("%1 (%2 bytes)").arg(name).arg(size);
    case Status::Truncated:
        return QStringLiteral("%1 is %2 bytes; the first %3 were read").arg(name).arg(size).arg(data.size());
    case Status::TooLarge:
        return QStringLiteral("%1 is %2 bytes, over the limit for this reader").arg(name).arg(size);
    case Status::Missing:
        return QStringLiteral("%1 does not exist").arg(name);
    case Status::Symlink:
        return QStringLiteral("%1 is a symbolic link (-> %2); the harness does not follow links")
                .arg(linkPath.isEmpty() ? name : linkPath, linkTarget.left(200));
    case Status::Directory:
        return QStringLiteral("%1 is a directory").arg(name);
    case Status::NotRegular:
        return QStringLiteral("%1 is not a regular file (a FIFO, socket or device); not read").arg(name);
    case Status::Refused:
        return QStringLiteral("refused: %1").arg(error);
    case Status::Error:
        return QStringLiteral("cannot read %1: %2").arg(name, error);
    }
    return name;
}

WorktreeReader::WorktreeReader(const QString &root)
{
    auto handle = std::make_shared<Handle>();
    handle->root = QDir::cleanPath(QDir(root).absolutePath());
    handle->fd = ::open(QFile::encodeName(handle->root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    m_handle = std::move(handle);
}

bool WorktreeReader::isOpen() const
{
    return m_handle->fd >= 0;
}

QString WorktreeReader::root() const
{
    return m_handle->root;
}

WorktreeEntry WorktreeReader::entry(const QString &relative) const
{
    const Normalised n = normalise(m_handle->root, relative);
    if (!n.error.isEmpty())
        return WorktreeEntry {WorktreeEntry::Type::Refused, 0, {}, {}, n.error};
    if (!isOpen())
        return WorktreeEntry {
                WorktreeEntry::Type::Refused, 0, {}, {}, QStringLiteral("the worktree is not readable")};
    return entryOf(m_handle->fd, n.parts());
}

WorktreeRead WorktreeReader::read(const QString &relative, qint64 maxBytes, OverLimit over,
                                  qint64 sniffBytes) const
{
    const Normalised n = normalise(m_handle->root, relative);
    WorktreeRead r;
    r.relative = n.relative;
    if (!n.error.isEmpty()) {
        r.status = WorktreeRead::Status::Refused;
        r.error = n.error;
        return r;
    }
    if (!isOpen()) {
        r.status = WorktreeRead::Status::Error;
        r.error = QStringLiteral("the worktree %1 cannot be opened").arg(m_handle->root);
        return r;
    }
    if (n.isEmpty()) {
        r.status = WorktreeRead::Status::Directory;
        return r;
    }
    // O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOCTTY: a terminal never becomes ours.
    constexpr int kFlags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY;
    int fd = -1;
    if (n.single()) {
        fd = retryingOpenat(m_handle->fd, n.path.constData(), kFlags);
    } else {
        fd = openBeneath(m_handle->fd, n.path, kFlags);
        if (fd < 0 && errno == ENOSYS) {
            WorktreeEntry e;
            const int parent = walkToParent(m_handle->fd, n.parts(), &e);
            if (parent < 0)
                return fromEntry(e, n.relative);
            Fd guard(parent);
            fd = retryingOpenat(parent, n.last().constData(), kFlags);
        }
    }
    if (fd < 0) {
        const int openError = errno;
        WorktreeRead detail = fromEntry(entryOf(m_handle->fd, n.parts()), n.relative);
        if (detail.status == WorktreeRead::Status::Error && detail.error.isEmpty())
            detail.error = QString::fromLocal8Bit(strerror(openError));
        if (openError == EACCES || openError == EPERM) {
            detail.status = WorktreeRead::Status::Error;
            detail.error = QString::fromLocal8Bit(strerror(openError));
        }
        return detail;
    }
    Fd file(fd);
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        r.status = WorktreeRead::Status::Error;
        r.error = QString::fromLocal8Bit(strerror(errno));
        return r;
    }
    if (S_ISDIR(st.st_mode)) {
        r.status = WorktreeRead::Status::Directory;
        return r;
    }
    if (!S_ISREG(st.st_mode)) {
        r.status = WorktreeRead::Status::NotRegular;
        return r;
    }
    r.size = qint64(st.st_size);
    const qint64 limit = qMax<qint64>(0, maxBytes);
    if (r.size > limit && over == OverLimit::Refuse) {
        r.status = WorktreeRead::Status::TooLarge;
        return r;
    }
    // fstat's size decides: a file that grows while it is read is read as it was.
    const qint64 want = qMin(r.size, limit);
    QByteArray data;
    qsizetype sniff = sniffBytes > 0 && sniffBytes < want ? qsizetype(sniffBytes) : 0; // read first
    data.resize(sniff ? sniff : qsizetype(want));
    if (!sniff)
        Prefault::forWriting(data.data(), data.size());
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t got = ::read(fd, data.data() + done, size_t(data.size() - done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            r.status = WorktreeRead::Status::Error;
            r.error = QString::fromLocal8Bit(strerror(errno));
            return r;
        }
        if (got == 0)
            break;
        done += got;
        if (sniff && done == sniff) {
            if (std::memchr(data.constData(), 0, size_t(sniff)))
                break; // binary data: read no further
            sniff = 0;
            data.resize(qsizetype(want));
            Prefault::forWriting(data.data() + done, data.size() - done);
        }
    }
    data.truncate(done);
    const bool binary = sniff && done == sniff; // (sniff is 0 once the first bytes are known to be text)
    r.status = r.size > limit || (binary && done < r.size) ? WorktreeRead::Status::Truncated
                                                           : WorktreeRead::Status::Ok;
    if (r.status == WorktreeRead::Status::Ok)
        r.size = done;
    r.data = std::move(data);
    return r;
}

QStringList WorktreeReader::regularFiles(const QStringList &relatives) const
{
    QStringList out;
    if (!isOpen())
        return out;
    out.reserve(relatives.size());
    QByteArray openedParent;
    bool haveParent = false;
    Fd parent;
    for (const QString &rel : relatives) {
        const Normalised n = normalise(m_handle->root, rel);
        if (!n.error.isEmpty() || n.isEmpty())
            continue;
        int dirfd = m_handle->fd;
        if (!n.single()) {
            const QByteArray parentPath = n.parent();
            if (!haveParent || parentPath != openedParent) {
                int fd = openBeneath(m_handle->fd, parentPath, O_PATH | O_DIRECTORY);
                if (fd < 0 && errno == ENOSYS) {
                    WorktreeEntry ignored;
                    fd = walkToParent(m_handle->fd, n.parts(), &ignored);
                }
                parent.reset(fd);
                openedParent = parentPath;
                haveParent = true;
            }
            dirfd = parent.get();
            if (dirfd < 0)
                continue; // a link, a file or nothing where the directory would be
        }
        struct stat st;
        if (::fstatat(dirfd, n.last().constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
            out.append(rel);
    }
    return out;
}

QStringList WorktreeReader::walk(const QString &relativeDir, const WalkOptions &options,
                                 bool *truncated) const
{
    QStringList out;
    if (truncated)
        *truncated = false;
    const Normalised n = normalise(m_handle->root, relativeDir);
    if (!n.error.isEmpty() || !isOpen())
        return out;
    // A new open file description (not a dup): readdir's position must not be shared between walks.
    Fd start(retryingOpenat(m_handle->fd, ".", O_RDONLY | O_DIRECTORY));
    for (const QByteArray &part : n.parts()) {
        if (start.get() < 0)
            return out;
        start.reset(retryingOpenat(start.get(), part.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW));
    }
    if (start.get() < 0)
        return out;
    struct Pending
    {
        int fd;
        QString prefix; // "" or "a/b/"
    };
    QList<Pending> stack {
            {start.release(), n.relative.isEmpty() ? QString() : n.relative + QLatin1Char('/')}};
    bool full = false;
    while (!stack.isEmpty()) {
        const Pending dir = stack.takeLast();
        DIR *d = ::fdopendir(dir.fd);
        if (!d) {
            ::close(dir.fd);
            continue;
        }
        while (const dirent *ent = ::readdir(d)) {
            const char *name = ent->d_name;
            if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
                continue;
            unsigned char type = ent->d_type;
            if (type == DT_UNKNOWN) {
                struct stat st;
                if (::fstatat(::dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
                    continue;
                type = S_ISDIR(st.st_mode)    ? DT_DIR
                        : S_ISREG(st.st_mode) ? DT_REG
                        : S_ISLNK(st.st_mode) ? DT_LNK
                                              : DT_FIFO;
            }
            const QString fileName = QFile::decodeName(name);
            if (type == DT_DIR) {
                if (options.skipDirectoryNames.contains(fileName))
                    continue;
                const int child = retryingOpenat(::dirfd(d), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
                if (child >= 0)
                    stack.append({child, dir.prefix + fileName + QLatin1Char('/')});
                continue;
            }
            if (type == DT_REG || (type == DT_LNK && options.includeSymlinks)) {
                if (out.size() >= options.maxEntries) {
                    full = true;
                    break;
                }
                out.append(dir.prefix + fileName);
            }
        }
        ::closedir(d);
        if (full) {
            for (const Pending &p : std::as_const(stack))
                ::close(p.fd);
            stack.clear();
        }
    }
    if (truncated)
        *truncated = full;
    out.sort();
    return out;
}

void WorktreeReader::setOpenat2Allowed(bool allowed)
{
    g_openat2.store(allowed ? 0 : -1, std::memory_order_relaxed);
}

WorktreeRead WorktreeReader::readFile(const QString &root, const QString &relative, qint64 maxBytes,
                                      OverLimit over)
{
    return WorktreeReader(root).read(relative, maxBytes, over);
}

} // namespace harness
