// TreeListing: a run's answer to "which files are in the worktree" — what `git ls-files -cdo
// --exclude-standard` says — kept across the run without a git process per question.
//
// The first answer comes from the lister (git). From then on the kernel reports every name created,
// removed or renamed in the tree (inotify, one watch per directory), and the answer is kept only while
// each change can be settled exactly without git:
//   - a name that is gone now leaves the list (with everything below it);
//   - a listed file that exists again (an editor's or a tool's write-and-rename) stays;
//   - anything else — a new name whose ignore status only git knows, a new directory, any event on a
//     .gitignore or .git, a changed index or git configuration, a lost event — asks git again.
// After the harness's own checkpoint (`git add -A` and a commit) the list is exactly the index's paths,
// which are read from the index file (GitIndexPaths) instead of asking git.
// A tree with more directories than the watch limit, or no inotify, is always asked of git. Use from
// one thread.
#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace harness {

class TreeListing
{
public:
    // The files of the tree and whether git gave them (a tree outside git is walked; such a list is
    // never kept). Empty with *error when the tree cannot be listed.
    using Lister = std::function<QStringList(const QString &root, bool *fromGit, QString *error)>;

    TreeListing(QString worktreeRoot, Lister lister, int maxWatchedDirectories = 2048);
    ~TreeListing();
    TreeListing(const TreeListing &) = delete;
    TreeListing &operator=(const TreeListing &) = delete;

    // The list as git would give it now, in git's order.
    QStringList files(bool *fromGit = nullptr, QString *error = nullptr);

    // Around the harness's checkpoint of this tree: changes seen before it are superseded by the index
    // it writes; after a commit that succeeded the list is read from that index.
    void beforeCheckpoint();
    void afterCheckpoint(bool committed);

    struct Counts
    {
        int fromLister = 0; // answers that ran the lister (git)
        int kept = 0; // answers from the kept list, changes settled without git
        int fromIndex = 0; // lists read from the index after a checkpoint
    };
    Counts counts() const { return m_counts; }
    // Why the last answer asked git ("first listing", "a new name: src/x.py", ...).
    QString lastReason() const { return m_lastReason; }
    bool watching() const { return m_inotify >= 0 && !m_unwatchable; }

private:
    struct Stamp
    {
        qint64 device = 0, inode = 0, size = -1, mtimeNs = 0, ctimeNs = 0;
        bool operator==(const Stamp &) const = default;
    };

    QStringList relist(bool *fromGit, QString *error);
    bool rebuildWatches();
    bool watchTree(int dirFd, const QString &rel, int depth);
    void closeWatches();
    void drain(bool keep);
    bool settle();
    void forget(const QString &reason);
    QList<Stamp> configStamps() const;
    Stamp indexStamp() const;
    void setList(QStringList files);

    QString m_root;
    Lister m_lister;
    int m_maxDirectories;
    QString m_indexPath; // the run worktree's index, outside the tree; empty: never read
    QStringList m_configFiles; // git configuration and exclude files whose change asks git again
    bool m_askedExcludesFile = false;

    int m_inotify = -1;
    QHash<int, QString> m_watchDirs; // watch descriptor -> repository-relative directory ("" = root)
    bool m_unwatchable = false; // more directories than the limit, or inotify refused
    bool m_watchesStale = true;

    bool m_valid = false; // m_files is what git would say, given the changes in m_touched
    QString m_invalidReason = QStringLiteral("first listing");
    QStringList m_files;
    QSet<QString> m_fileSet;
    QSet<QString> m_touched; // names created, removed or renamed since m_files was right
    QSet<QString> m_written; // files written since then
    QList<Stamp> m_configStamps;
    Stamp m_indexStamp;
    Counts m_counts;
    QString m_lastReason;
};

} // namespace harness
