// TreeListing: git's file list of a run's worktree, kept exact between git listings by inotify.
#include "treelisting.h"

#include "core/gitrunner.h"
#include "gitdirlayout.h"
#include "gitindexpaths.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

namespace harness {

namespace {

constexpr uint32_t kWatchMask = IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY |
        IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK;
constexpr int kMaxDepth = 128; // one open descriptor per level while the walk is below it

qint64 ns(const timespec &t)
{
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

bool insideOf(const QString &path, const QString &root)
{
    return path == root || path.startsWith(root + QLatin1Char('/'));
}

} // namespace

TreeListing::TreeListing(QString worktreeRoot, Lister lister, int maxWatchedDirectories)
    : m_root(QFileInfo(worktreeRoot).canonicalFilePath()), m_lister(std::move(lister)),
      m_maxDirectories(maxWatchedDirectories)
{
    if (m_root.isEmpty())
        m_root = QDir::cleanPath(worktreeRoot);
    // The index and configuration live outside the tree, where nothing the agent runs can write; one
    // that a `.git` file points into the tree is never trusted.
    const GitDirLayout layout = GitDirLayout::of(m_root);
    if (layout.isValid()) {
        const QString gitDir = QFileInfo(layout.gitDir).canonicalFilePath();
        const QString commonDir = QFileInfo(layout.commonDir).canonicalFilePath();
        if (!gitDir.isEmpty() && !commonDir.isEmpty() && !insideOf(gitDir, m_root) &&
            !insideOf(commonDir, m_root)) {
            m_indexPath = gitDir + QStringLiteral("/index");
            m_configFiles << commonDir + QStringLiteral("/config")
                          << commonDir + QStringLiteral("/info/exclude")
                          << gitDir + QStringLiteral("/config.worktree");
        }
    }
    const QString home = QDir::homePath();
    const QString xdg = qEnvironmentVariable("XDG_CONFIG_HOME", home + QStringLiteral("/.config"));
    m_configFiles << qEnvironmentVariable("GIT_CONFIG_GLOBAL", home + QStringLiteral("/.gitconfig"))
                  << xdg + QStringLiteral("/git/config") << xdg + QStringLiteral("/git/ignore")
                  << qEnvironmentVariable("GIT_CONFIG_SYSTEM", QStringLiteral("/etc/gitconfig"));
}

TreeListing::~TreeListing()
{
    closeWatches();
}

QStringList TreeListing::files(bool *fromGit, QString *error)
{
    if (m_valid && watching()) {
        drain(true);
        if (settle()) {
            ++m_counts.kept;
            m_lastReason.clear();
            if (fromGit)
                *fromGit = true;
            return m_files;
        }
    }
    return relist(fromGit, error);
}

void TreeListing::beforeCheckpoint()
{
    if (!watching())
        return;
    // What changed so far is in the index the checkpoint writes. A directory made since the last walk
    // is watched now, before git reads the tree, so nothing written after git read it goes unseen.
    drain(false);
    if (m_watchesStale) {
        m_watchesStale = false;
        if (!rebuildWatches())
            return;
        drain(false);
    }
}

void TreeListing::afterCheckpoint(bool committed)
{
    m_touched.clear();
    m_written.clear();
    if (!committed || !watching() || m_indexPath.isEmpty() || m_watchesStale) {
        forget(committed ? QStringLiteral("the tree changed while it was checkpointed")
                         : QStringLiteral("the checkpoint did not commit"));
        m_valid = false;
        return;
    }
    // After `git add -A`, git's list is the index: every file on disk that is not ignored is in it,
    // and nothing in it is missing from the disk. Changes after this are still queued.
    const Stamp before = indexStamp();
    std::optional<QStringList> paths = GitIndexPaths::read(m_indexPath);
    if (!paths || indexStamp() != before) {
        forget(QStringLiteral("the index could not be read"));
        m_valid = false;
        return;
    }
    m_indexStamp = before;
    m_configStamps = configStamps();
    setList(std::move(*paths));
    m_valid = true;
    m_invalidReason.clear();
    ++m_counts.fromIndex;
}

QStringList TreeListing::relist(bool *fromGit, QString *error)
{
    m_lastReason = m_invalidReason.isEmpty() ? QStringLiteral("not kept") : m_invalidReason;
    m_valid = false;
    m_touched.clear();
    m_written.clear();
    if (!m_unwatchable) {
        if (m_inotify < 0 || m_watchesStale) {
            m_watchesStale = false;
            rebuildWatches();
        }
        // What happened before git runs is in its answer.
        drain(false);
    }
    if (!m_askedExcludesFile) {
        // A core.excludesFile of the human's own is one more file whose change asks git again.
        m_askedExcludesFile = true;
        const GitOutput excludes =
                GitRunner(m_root).exec({QStringLiteral("config"), QStringLiteral("--path"),
                                        QStringLiteral("--get"), QStringLiteral("core.excludesFile")});
        const QString file = QString::fromUtf8(excludes.out).trimmed();
        if (excludes.ok() && !file.isEmpty())
            m_configFiles << QDir(m_root).absoluteFilePath(file);
    }
    m_configStamps = configStamps();
    m_indexStamp = indexStamp();
    bool git = false;
    QString failure;
    QStringList listed = m_lister(m_root, &git, &failure);
    ++m_counts.fromLister;
    if (fromGit)
        *fromGit = git;
    if (error)
        *error = failure;
    // A nested repository is listed as its directory ("dir/"); such a tree is always asked of git.
    const bool plain = std::none_of(listed.cbegin(), listed.cend(),
                                    [](const QString &f) { return f.endsWith(QLatin1Char('/')); });
    if (git && failure.isEmpty() && watching() && !m_watchesStale && plain) {
        setList(listed);
        m_valid = true;
        m_invalidReason.clear();
    } else {
        m_invalidReason = QStringLiteral("not kept");
    }
    return listed;
}

bool TreeListing::rebuildWatches()
{
    if (m_inotify < 0) {
        m_inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (m_inotify < 0) {
            m_unwatchable = true;
            return false;
        }
    }
    // Watches are added to the same descriptor, so events already queued stay; a directory watched
    // before keeps its descriptor and gets its current path.
    const int rootFd = open(QFile::encodeName(m_root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const bool ok = rootFd >= 0 && watchTree(rootFd, QString(), 0);
    if (rootFd >= 0)
        close(rootFd);
    if (!ok) {
        closeWatches();
        m_unwatchable = true;
    }
    return ok;
}

bool TreeListing::watchTree(int dirFd, const QString &rel, int depth)
{
    if (depth > kMaxDepth)
        return false;
    // Through the descriptor, so the watch is on the directory opened here even if a name is swapped.
    const QByteArray self = "/proc/self/fd/" + QByteArray::number(dirFd);
    const int wd = inotify_add_watch(m_inotify, self.constData(), kWatchMask);
    if (wd < 0)
        return false;
    m_watchDirs.insert(wd, rel);
    if (m_watchDirs.size() > m_maxDirectories)
        return false;
    const int listFd = dup(dirFd);
    DIR *dir = listFd >= 0 ? fdopendir(listFd) : nullptr;
    if (!dir) {
        if (listFd >= 0)
            close(listFd);
        return false;
    }
    bool ok = true;
    while (ok) {
        errno = 0;
        const dirent *e = readdir(dir);
        if (!e) {
            ok = errno == 0;
            break;
        }
        const char *name = e->d_name;
        if (!strcmp(name, ".") || !strcmp(name, "..") || !strcmp(name, ".git"))
            continue;
        bool isDir = e->d_type == DT_DIR;
        if (e->d_type == DT_UNKNOWN) {
            struct stat st;
            isDir = fstatat(dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
        }
        if (!isDir)
            continue;
        const int child = openat(dirfd(dir), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (child < 0) {
            ok = errno == ENOENT; // gone since it was listed: its parent's watch reports that
            continue;
        }
        const QString childName = QString::fromUtf8(name);
        if (childName.toUtf8() != QByteArrayView(name)) {
            close(child); // events below it could not be told from another folder's: never kept
            ok = false;
            break;
        }
        const QString childRel = (rel.isEmpty() ? QString() : rel + QLatin1Char('/')) + childName;
        ok = watchTree(child, childRel, depth + 1);
        close(child);
    }
    closedir(dir);
    return ok;
}

void TreeListing::closeWatches()
{
    if (m_inotify >= 0)
        close(m_inotify);
    m_inotify = -1;
    m_watchDirs.clear();
    m_valid = false;
}

void TreeListing::drain(bool keep)
{
    if (m_inotify < 0)
        return;
    alignas(inotify_event) char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = read(m_inotify, buffer, sizeof buffer);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            break;
        }
        for (ssize_t at = 0; at < n;) {
            const auto *ev = reinterpret_cast<const inotify_event *>(buffer + at);
            at += ssize_t(sizeof(inotify_event)) + ev->len;
            if (ev->mask & IN_Q_OVERFLOW) {
                m_watchesStale = true;
                forget(QStringLiteral("more changes than the kernel queues"));
                continue;
            }
            const auto dirIt = m_watchDirs.constFind(ev->wd);
            if (dirIt == m_watchDirs.constEnd())
                continue;
            const QString dirRel = *dirIt;
            if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) {
                if (ev->mask & IN_IGNORED)
                    m_watchDirs.remove(ev->wd);
                if (dirRel.isEmpty() || (ev->mask & IN_UNMOUNT)) {
                    m_watchesStale = true;
                    forget(QStringLiteral("the worktree itself moved"));
                }
                continue; // otherwise its parent reports the directory's removal or move
            }
            const QByteArray rawName(ev->len ? ev->name : "");
            const QString name = QString::fromUtf8(rawName);
            if (keep && name.toUtf8() != rawName) {
                forget(QStringLiteral("a name that is not UTF-8")); // two such names may read the same
                continue;
            }
            const bool isDir = ev->mask & IN_ISDIR;
            if (name.isEmpty()) {
                if (ev->mask & IN_ATTRIB)
                    forget(QStringLiteral("the permissions of a directory changed"));
                continue;
            }
            const QString path = dirRel.isEmpty() ? name : dirRel + QLatin1Char('/') + name;
            if (isDir && (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
                m_watchesStale = true; // not watched yet
                forget(QStringLiteral("a new directory: ") + path);
                continue;
            }
            if (!keep)
                continue;
            if (name == QLatin1String(".gitignore") || name == QLatin1String(".git")) {
                forget(QStringLiteral("a change to ") + path);
            } else if (isDir && (ev->mask & IN_ATTRIB)) {
                forget(QStringLiteral("the permissions of ") + path);
            } else if (ev->mask & (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)) {
                m_touched.insert(path);
            } else if (!isDir && (ev->mask & (IN_MODIFY | IN_CLOSE_WRITE))) {
                m_written.insert(path); // a .gitignore may be written through another name of its file
            }
        }
    }
}

bool TreeListing::settle()
{
    if (!m_valid)
        return false;
    if (indexStamp() != m_indexStamp || configStamps() != m_configStamps) {
        forget(QStringLiteral("the index or git's configuration changed"));
        return false;
    }
    for (const QString &path : std::as_const(m_touched)) {
        struct stat st;
        const QByteArray full = QFile::encodeName(m_root + QLatin1Char('/') + path);
        if (lstat(full.constData(), &st) != 0) {
            if (errno != ENOENT && errno != ENOTDIR) {
                forget(QStringLiteral("cannot see ") + path);
                return false;
            }
            // Gone: git lists nothing there, tracked or not.
            const QString below = path + QLatin1Char('/');
            const auto goneToo = [&](const QString &f) {
                return f == path || f.startsWith(below);
            };
            m_files.removeIf(goneToo);
            m_fileSet.removeIf(goneToo);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            forget(QStringLiteral("a directory at ") + path);
            return false;
        }
        if (!m_fileSet.contains(path)) {
            forget(QStringLiteral("a new name: ") + path); // ignored or not: git knows
            return false;
        }
    }
    for (const QString &path : std::as_const(m_written)) {
        struct stat st;
        if (lstat(QFile::encodeName(m_root + QLatin1Char('/') + path).constData(), &st) == 0 &&
            st.st_nlink > 1) {
            forget(QStringLiteral("a file with more than one name was written: ") + path);
            return false;
        }
    }
    m_touched.clear();
    m_written.clear();
    return true;
}

void TreeListing::forget(const QString &reason)
{
    if (m_valid || m_invalidReason.isEmpty())
        m_invalidReason = reason;
    m_valid = false;
}

TreeListing::Stamp TreeListing::indexStamp() const
{
    Stamp s;
    struct stat st;
    if (!m_indexPath.isEmpty() && stat(QFile::encodeName(m_indexPath).constData(), &st) == 0)
        s = {qint64(st.st_dev), qint64(st.st_ino), qint64(st.st_size), ns(st.st_mtim), ns(st.st_ctim)};
    return s;
}

QList<TreeListing::Stamp> TreeListing::configStamps() const
{
    QList<Stamp> stamps;
    stamps.reserve(m_configFiles.size());
    for (const QString &file : m_configFiles) {
        Stamp s;
        struct stat st;
        if (stat(QFile::encodeName(file).constData(), &st) == 0)
            s = {qint64(st.st_dev), qint64(st.st_ino), qint64(st.st_size), ns(st.st_mtim), ns(st.st_ctim)};
        stamps << s;
    }
    return stamps;
}

void TreeListing::setList(QStringList files)
{
    m_files = std::move(files);
    m_fileSet = QSet<QString>(m_files.cbegin(), m_files.cend());
    m_touched.clear();
    m_written.clear();
}

} // namespace harness
