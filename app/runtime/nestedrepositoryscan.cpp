// NestedRepositoryScan: a readdir walk through directory descriptors (openat with O_NOFOLLOW, so no
// link is ever followed and no path is resolved twice), then git for the few allowed exceptions.
#include "nestedrepositoryscan.h"
#include "gitdirlayout.h"

#include "core/gitrunner.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

namespace harness {

namespace {

constexpr int kMaxDepth = 256;

bool isDotGit(const char *name)
{
    return strcasecmp(name, ".git") == 0; // .GIT is .git on a case-insensitive file system
}

unsigned char entryType(int dirFd, const dirent *e)
{
    if (e->d_type != DT_UNKNOWN)
        return e->d_type;
    struct stat st;
    if (fstatat(dirFd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return DT_UNKNOWN;
    if (S_ISDIR(st.st_mode))
        return DT_DIR;
    if (S_ISREG(st.st_mode))
        return DT_REG;
    if (S_ISLNK(st.st_mode))
        return DT_LNK;
    return DT_UNKNOWN;
}

// The first line of a small regular file, read without following a link.
QByteArray firstLineAt(int dirFd, const char *name)
{
    const int fd = openat(dirFd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return {};
    char buffer[4096];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    close(fd);
    if (n <= 0)
        return {};
    QByteArray line(buffer, int(n));
    const qsizetype end = line.indexOf('\n');
    return (end >= 0 ? line.left(end) : line).trimmed();
}

QByteArray linkTarget(int dirFd, const char *name)
{
    char buffer[4096];
    const ssize_t n = readlinkat(dirFd, name, buffer, sizeof buffer);
    return n > 0 ? QByteArray(buffer, int(n)) : QByteArray();
}

QString gitdirOf(const QByteArray &line, const QString &base)
{
    if (!line.startsWith("gitdir:"))
        return {};
    const QString target = QString::fromUtf8(line.mid(7).trimmed());
    return QDir::cleanPath(QDir::isRelativePath(target) ? base + QLatin1Char('/') + target : target);
}

bool inside(const QString &path, const QString &dir)
{
    return path == dir || path.startsWith(dir + QLatin1Char('/'));
}

struct Walker
{
    QString root; // canonical
    int limit;
    QList<NestedRepository> found;

    bool full() const { return found.size() >= limit; }

    void add(const QByteArray &rel, const char *what, const QString &detail = {})
    {
        found.append(
                {rel.isEmpty() ? QStringLiteral(".") : QString::fromUtf8(rel), QLatin1String(what), detail});
    }

    void dotGit(int dirFd, const dirent *e, unsigned char type, const QByteArray &rel)
    {
        const QString dir = rel.isEmpty() ? root : root + QLatin1Char('/') + QString::fromUtf8(rel);
        if (rel.isEmpty()) {
            // The root's own: git's directory (a main checkout) or a pointer to it outside the tree.
            if (type == DT_DIR && strcmp(e->d_name, ".git") == 0)
                return;
            if (type == DT_REG && strcmp(e->d_name, ".git") == 0) {
                const QString target = gitdirOf(firstLineAt(dirFd, e->d_name), dir);
                const QString canonical = QFileInfo(target).canonicalFilePath();
                if (!target.isEmpty() && !canonical.isEmpty() && !inside(canonical, root))
                    return;
                add(rel, "git_pointer", target);
                return;
            }
            add(rel, "git_pointer",
                type == DT_LNK ? QString::fromUtf8(linkTarget(dirFd, e->d_name))
                               : QString::fromUtf8(e->d_name));
            return;
        }
        if (type == DT_DIR)
            add(rel, "git_directory");
        else if (type == DT_REG)
            add(rel, "git_file", gitdirOf(firstLineAt(dirFd, e->d_name), dir));
        else if (type == DT_LNK)
            add(rel, "git_link", QString::fromUtf8(linkTarget(dirFd, e->d_name)));
        else
            add(rel, "git_directory", QString::fromUtf8(e->d_name));
    }

    // Takes ownership of dirFd.
    void walk(int dirFd, const QByteArray &rel, int depth)
    {
        DIR *d = fdopendir(dirFd);
        if (!d) {
            close(dirFd);
            return;
        }
        if (depth > kMaxDepth) {
            add(rel, "too_deep");
            closedir(d);
            return;
        }
        std::vector<QByteArray> subdirs;
        bool head = false, objects = false, refs = false;
        while (const dirent *e = readdir(d)) {
            const char *name = e->d_name;
            if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
                continue;
            const unsigned char type = entryType(::dirfd(d), e);
            if (isDotGit(name)) {
                dotGit(::dirfd(d), e, type, rel);
                continue; // a repository's own directory is never walked
            }
            if (type == DT_DIR)
                subdirs.emplace_back(name);
            if (strcmp(name, "HEAD") == 0)
                head = type == DT_REG || type == DT_LNK;
            else if (strcmp(name, "objects") == 0)
                objects = type == DT_DIR;
            else if (strcmp(name, "refs") == 0)
                refs = type == DT_DIR;
        }
        if (head && objects && refs && !rel.isEmpty()) {
            add(rel, "bare_repository"); // what git would take for a repository if run in here
            closedir(d);
            return;
        }
        for (const QByteArray &name : subdirs) {
            if (full())
                break;
            const int fd =
                    openat(::dirfd(d), name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (fd >= 0)
                walk(fd, rel.isEmpty() ? name : rel + '/' + name, depth + 1);
        }
        closedir(d);
    }
};

QString canonicalRoot(const QString &root)
{
    const QString c = QFileInfo(root).canonicalFilePath();
    return c.isEmpty() ? QDir::cleanPath(QFileInfo(root).absoluteFilePath()) : c;
}

// A submodule the base commit registers: a gitlink at HEAD (the run's checkpoints refuse any other, so
// HEAD's gitlinks are the base's) whose .git file points into the repository's own modules directory,
// which the sandbox keeps read-only.
bool registeredSubmodule(const QString &root, const NestedRepository &n)
{
    if (n.found != QLatin1String("git_file") || n.detail.isEmpty())
        return false;
    const GitDirLayout layout = GitDirLayout::of(root);
    if (!layout.isValid())
        return false;
    const QString target = QFileInfo(n.detail).canonicalFilePath();
    bool intoModules = false;
    for (const QString &dir : {layout.gitDir, layout.commonDir}) {
        const QString modules = QFileInfo(dir + QStringLiteral("/modules")).canonicalFilePath();
        if (!modules.isEmpty() && !target.isEmpty() && inside(target, modules) && target != modules)
            intoModules = true;
    }
    if (!intoModules)
        return false;
    const GitOutput o = GitRunner(root, 30000)
                                .exec({QStringLiteral("ls-tree"), QStringLiteral("-z"),
                                       QStringLiteral("HEAD"), QStringLiteral("--"), n.path});
    return o.ok() && o.out.startsWith("160000 commit ") && o.out.endsWith('\t' + n.path.toUtf8() + '\0');
}

// A bare repository kept in the project on purpose (test fixtures of git tools): tracked at HEAD, and
// nothing in it changed, added or ignored since.
bool trackedFixture(const QString &root, const NestedRepository &n)
{
    if (n.found != QLatin1String("bare_repository"))
        return false;
    const GitRunner git(root, 30000);
    const GitOutput tracked = git.exec({QStringLiteral("ls-tree"), QStringLiteral("-d"),
                                        QStringLiteral("HEAD"), QStringLiteral("--"), n.path});
    if (!tracked.ok() || tracked.out.trimmed().isEmpty())
        return false;
    const GitOutput status = git.exec({QStringLiteral("status"), QStringLiteral("--porcelain"),
                                       QStringLiteral("-z"), QStringLiteral("--untracked-files=all"),
                                       QStringLiteral("--ignored"), QStringLiteral("--"), n.path});
    return status.ok() && status.out.isEmpty();
}

} // namespace

QJsonObject NestedRepository::toJson() const
{
    QJsonObject o {{QStringLiteral("path"), path}, {QStringLiteral("found"), found}};
    if (!detail.isEmpty())
        o.insert(QStringLiteral("detail"), detail);
    return o;
}

QString NestedRepository::describe() const
{
    QString what;
    if (found == QLatin1String("git_directory"))
        what = QStringLiteral("a .git directory: a repository of its own");
    else if (found == QLatin1String("git_file"))
        what = QStringLiteral("a .git file pointing to %1")
                       .arg(detail.isEmpty() ? QStringLiteral("?") : detail);
    else if (found == QLatin1String("git_link"))
        what = QStringLiteral("a .git symbolic link to %1").arg(detail);
    else if (found == QLatin1String("bare_repository"))
        what = QStringLiteral("a bare repository: HEAD, objects and refs");
    else if (found == QLatin1String("git_pointer"))
        what = QStringLiteral("the worktree's own .git no longer points to the repository (%1)").arg(detail);
    else if (found == QLatin1String("too_deep"))
        what = QStringLiteral("directories nested too deep to inspect");
    else
        what = found;
    return QStringLiteral("%1 (%2)").arg(path, what);
}

QList<NestedRepository> NestedRepositoryScan::candidates(const QString &root, int limit)
{
    Walker walker {canonicalRoot(root), qMax(1, limit), {}};
    const int fd =
            open(QFile::encodeName(walker.root).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0)
        walker.walk(fd, QByteArray(), 0);
    return walker.found;
}

QList<NestedRepository> NestedRepositoryScan::violations(const QString &root)
{
    QList<NestedRepository> out;
    for (const NestedRepository &n : candidates(root))
        if (!registeredSubmodule(root, n) && !trackedFixture(root, n))
            out << n;
    return out;
}

QString NestedRepositoryScan::message(const QString &root, const QList<NestedRepository> &found)
{
    QStringList where;
    for (const NestedRepository &n : found)
        where << n.describe();
    return QStringLiteral("the worktree %1 holds a git repository of its own at %2. The harness runs git on "
                          "this tree outside the sandbox, and git would obey that repository's "
                          "configuration, which can name programs to run; so nothing more is done with "
                          "the tree. Delete that repository (its .git), or register it as a submodule in "
                          "the base commit.")
            .arg(root, where.join(QStringLiteral("; ")));
}

Status NestedRepositoryScan::check(const QString &root)
{
    const QList<NestedRepository> found = violations(root);
    if (found.isEmpty())
        return success();
    return Status::failure(message(root, found), QString(kErrorCode));
}

} // namespace harness
