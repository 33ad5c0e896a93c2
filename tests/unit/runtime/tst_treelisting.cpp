// Tests for TreeListing and GitIndexPaths on real git repositories: the kept list equals what
// `git ls-files -cdo --exclude-standard` says after every one of a few hundred random changes
// (files, ignored files, directories, renames, .gitignore edits, links, checkpoints), the index is read
// in every format git writes (versions 2-4, SHA-256) and refused where it means something else (split
// index, truncation), and a tree the list cannot be kept for is always asked of git.
#include "knowledge/repomap.h"
#include "runtime/gitdirlayout.h"
#include "runtime/gitindexpaths.h"
#include "runtime/treelisting.h"
#include "runtime/worktreemanager.h"
#include "runtimetesthelpers.h"

#include <QRandomGenerator>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace harness;
using namespace harness::testing;

namespace {

QStringList gitList(const QString &root)
{
    bool fromGit = false;
    QString error;
    const QStringList files = RepoMap::listFiles(root, 30000, &fromGit, &error);
    if (!fromGit || !error.isEmpty())
        qWarning("git ls-files failed in %s: %s", qPrintable(root), qPrintable(error));
    return files;
}

TreeListing::Lister gitLister()
{
    return [](const QString &root, bool *fromGit, QString *error) {
        return RepoMap::listFiles(root, 30000, fromGit, error);
    };
}

QStringList indexFromGit(const QString &root)
{
    QStringList out = git(root, {QStringLiteral("ls-files"), QStringLiteral("-z")})
                              .split(QLatin1Char('\0'), Qt::SkipEmptyParts);
    out.removeDuplicates();
    return out;
}

} // namespace

class TestTreeListing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        m_repo = m_dir->path() + QStringLiteral("/repo");
        makeRepo(m_repo);
        writeFile(m_repo + QStringLiteral("/.gitignore"), "build/\n.env\n*.log\n");
        writeFile(m_repo + QStringLiteral("/src/lib/deep/x.py"), "x = 1\n");
        writeFile(m_repo + QStringLiteral("/docs/a b.md"), "spaces\n");
        writeFile(m_repo + QStringLiteral("/docs/\u00e9t\u00e9.md"), "utf-8\n");
        git(m_repo, {QStringLiteral("add"), QStringLiteral("-A")});
        git(m_repo, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("more")});
        auto wt = WorktreeManager(m_repo).create(QStringLiteral("T1"), QStringLiteral("R1"),
                                                 QStringLiteral("main"));
        QVERIFY2(wt.ok(), qPrintable(wt.errorText()));
        m_tree = wt->path;
    }

    void indexPathsAreGitsInEveryFormat()
    {
        const GitDirLayout layout = GitDirLayout::of(m_tree);
        const QString index = layout.gitDir + QStringLiteral("/index");
        // Version 2 (git's default), then 3 (an intent-to-add entry needs the extended flags), then 4.
        std::optional<QStringList> v2 = GitIndexPaths::read(index);
        QVERIFY(v2);
        QCOMPARE(*v2, indexFromGit(m_tree));
        QVERIFY(v2->contains(QStringLiteral("docs/\u00e9t\u00e9.md")));
        writeFile(m_tree + QStringLiteral("/new/intent.txt"), "later\n");
        git(m_tree, {QStringLiteral("add"), QStringLiteral("-N"), QStringLiteral("new/intent.txt")});
        QCOMPARE(readFile(index).mid(4, 4), QByteArray("\0\0\0\3", 4));
        QCOMPARE(GitIndexPaths::read(index).value_or(QStringList()), indexFromGit(m_tree));
        git(m_tree, {QStringLiteral("update-index"), QStringLiteral("--index-version"), QStringLiteral("4")});
        QCOMPARE(readFile(index).mid(4, 4), QByteArray("\0\0\0\4", 4));
        QCOMPARE(GitIndexPaths::read(index).value_or(QStringList()), indexFromGit(m_tree));
        // An unmerged path is one file, as ls-files -c names it once per stage and the listing dedupes.
        // Anything the reader does not understand is "don't know".
        QByteArray bytes = readFile(index);
        QVERIFY(!GitIndexPaths::parse(bytes.left(bytes.size() - 1)));
        bytes[bytes.size() / 2] = char(bytes.at(bytes.size() / 2) ^ 0x55);
        QVERIFY(!GitIndexPaths::parse(bytes));
        QVERIFY(!GitIndexPaths::parse(QByteArray("DIRC\0\0\0\2\0\0\0\1", 12) + QByteArray(64, 'x')));
        git(m_tree, {QStringLiteral("update-index"), QStringLiteral("--split-index")});
        QVERIFY2(!GitIndexPaths::read(index), "a split index's entries are partly in another file");
    }

    void sha256IndexIsRead()
    {
        const QString repo = m_dir->path() + QStringLiteral("/sha256");
        QDir().mkpath(repo);
        int code = 0;
        git(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--object-format=sha256")},
            &code);
        QCOMPARE(code, 0);
        writeFile(repo + QStringLiteral("/a.txt"), "a\n");
        writeFile(repo + QStringLiteral("/b/c.txt"), "c\n");
        git(repo, {QStringLiteral("add"), QStringLiteral("-A")});
        const std::optional<QStringList> paths = GitIndexPaths::read(repo + QStringLiteral("/.git/index"));
        QVERIFY(paths);
        QCOMPARE(*paths, (QStringList {QStringLiteral("a.txt"), QStringLiteral("b/c.txt")}));
    }

    // The heart of it: whatever happens to the tree, the answer is git's.
    void keptListIsGitsAfterEveryChange()
    {
        TreeListing listing(m_tree, gitLister());
        QCOMPARE(listing.files(), gitList(m_tree));
        QVERIFY(listing.watching());
        WorktreeManager worktrees(m_repo);
        auto *rng = QRandomGenerator::global();
        const quint32 seed = rng->generate();
        QRandomGenerator r(seed);
        const QStringList dirs {QString(),
                                QStringLiteral("src"),
                                QStringLiteral("src/lib/deep"),
                                QStringLiteral("docs"),
                                QStringLiteral("build"),
                                QStringLiteral("new/a/b")};
        int n = 0;
        const auto pick = [&](const QStringList &from) {
            return from.at(int(r.bounded(quint32(from.size()))));
        };
        const auto existing = [&] {
            QStringList all = gitList(m_tree);
            all.removeIf(
                    [&](const QString &f) { return !QFileInfo(m_tree + QLatin1Char('/') + f).isFile(); });
            return all;
        };
        for (int step = 0; step < 240; ++step) {
            const QString dir = pick(dirs);
            const QString base = m_tree + (dir.isEmpty() ? QString() : QLatin1Char('/') + dir);
            QString what;
            switch (r.bounded(12)) {
            case 0: // a new file, listed or ignored by name
                what = base + QStringLiteral("/f%1%2").arg(++n).arg(r.bounded(2) ? ".txt" : ".log");
                writeFile(what, "new\n");
                break;
            case 1: { // an editor's write: a temporary file renamed over an existing one
                const QStringList files = existing();
                if (files.isEmpty())
                    continue;
                what = m_tree + QLatin1Char('/') + pick(files);
                QSaveFile f(what);
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write("rewritten\n");
                QVERIFY(f.commit());
                break;
            }
            case 2: { // a file removed
                const QStringList files = existing();
                if (files.isEmpty())
                    continue;
                what = m_tree + QLatin1Char('/') + pick(files);
                QVERIFY(QFile::remove(what));
                break;
            }
            case 3: { // a file renamed, maybe to an ignored name
                const QStringList files = existing();
                if (files.isEmpty())
                    continue;
                what = m_tree + QLatin1Char('/') + pick(files);
                QDir().mkpath(base);
                QFile::rename(
                        what,
                        base + QStringLiteral("/moved%1%2").arg(++n).arg(r.bounded(2) ? ".md" : ".log"));
                break;
            }
            case 4: // the harness's checkpoint
                what = QStringLiteral("checkpoint");
                listing.beforeCheckpoint();
                listing.afterCheckpoint(
                        bool(worktrees.checkpoint(m_tree, QStringLiteral("step %1").arg(step))));
                break;
            case 5: // a .gitignore changed: what is ignored changes without a name appearing
                what = base + QStringLiteral("/.gitignore");
                writeFile(what, r.bounded(2) ? "*.txt\n" : "moved*\n");
                break;
            case 6: // a directory with files removed as a whole
                what = m_tree + QStringLiteral("/new");
                QDir(what).removeRecursively();
                break;
            case 7: // a directory renamed
                what = m_tree + QStringLiteral("/docs");
                QFile::rename(what, m_tree + QStringLiteral("/docs%1").arg(++n));
                break;
            case 8: // a link to a file, and one to a directory outside the tree
                what = base + QStringLiteral("/link%1").arg(++n);
                QDir().mkpath(base);
                QVERIFY(QFile::link(r.bounded(2) ? m_repo + QStringLiteral("/README.md") : m_dir->path(),
                                    what));
                break;
            case 9: // a second name for an existing .gitignore, written through that name
                what = base + QStringLiteral("/alias%1").arg(++n);
                QDir().mkpath(base);
                if (::link(QFile::encodeName(m_tree + QStringLiteral("/.gitignore")).constData(),
                           QFile::encodeName(what).constData()) == 0) {
                    QVERIFY(listing.files() == gitList(m_tree));
                    QFile f(what);
                    QVERIFY(f.open(QIODevice::Append));
                    f.write("f*\n");
                }
                break;
            case 10: // the index changed by something other than the harness's checkpoint
                what = QStringLiteral("git rm --cached");
                if (const QStringList files = existing(); !files.isEmpty())
                    git(m_tree,
                        {QStringLiteral("rm"), QStringLiteral("-q"), QStringLiteral("--cached"),
                         pick(files)});
                break;
            default: // nothing: the answer is kept
                what = QStringLiteral("nothing");
                break;
            }
            const QStringList kept = listing.files();
            const QStringList truth = gitList(m_tree);
            if (kept != truth)
                qWarning("seed %u, step %d: %s (last reason: %s)", seed, step, qPrintable(what),
                         qPrintable(listing.lastReason()));
            QCOMPARE(kept, truth);
        }
        const TreeListing::Counts c = listing.counts();
        qInfo("seed %u: %d from git, %d kept, %d read from the index", seed, c.fromLister, c.kept,
              c.fromIndex);
        QVERIFY(c.kept > 20);
        QVERIFY(c.fromIndex > 5);
    }

    void theLoopsPathAsksGitOnce()
    {
        // Plan, build (a tool writes a file, another rewrites one), checkpoint, fix: one git listing.
        TreeListing listing(m_tree, gitLister());
        QCOMPARE(listing.files(), gitList(m_tree));
        QCOMPARE(listing.files(), gitList(m_tree));
        writeFile(m_tree + QStringLiteral("/src/new.py"), "def f():\n    pass\n");
        QSaveFile f(m_tree + QStringLiteral("/src/main.c"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("int main(void) { return 1; }\n");
        QVERIFY(f.commit());
        listing.beforeCheckpoint();
        listing.afterCheckpoint(bool(WorktreeManager(m_repo).checkpoint(m_tree, QStringLiteral("build"))));
        QVERIFY(listing.files().contains(QStringLiteral("src/new.py")));
        QCOMPARE(listing.files(), gitList(m_tree));
        QCOMPARE(listing.counts().fromLister, 1);
        QCOMPARE(listing.counts().fromIndex, 1);
        QCOMPARE(listing.counts().kept, 3);
        // A failed checkpoint leaves nothing to trust.
        listing.beforeCheckpoint();
        listing.afterCheckpoint(false);
        QCOMPARE(listing.files(), gitList(m_tree));
        QCOMPARE(listing.counts().fromLister, 2);
        QCOMPARE(listing.lastReason(), QStringLiteral("the checkpoint did not commit"));
    }

    void aTreeWithTooManyDirectoriesIsAlwaysAskedOfGit()
    {
        TreeListing listing(m_tree, gitLister(), 3);
        QCOMPARE(listing.files(), gitList(m_tree));
        QVERIFY(!listing.watching());
        QCOMPARE(listing.files(), gitList(m_tree));
        listing.beforeCheckpoint();
        listing.afterCheckpoint(true);
        QCOMPARE(listing.files(), gitList(m_tree));
        QCOMPARE(listing.counts().fromLister, 3);
        QCOMPARE(listing.counts().kept + listing.counts().fromIndex, 0);
    }

    void aTreeBuiltToExhaustTheWatchesIsAskedOfGit()
    {
        // An agent that makes thousands of folders, or one folder 200 deep, costs the run its kept list,
        // never more than 2,048 of the user's watches nor more than 128 open descriptors.
        for (int i = 0; i < 2100; ++i)
            QVERIFY(QDir().mkpath(m_tree + QStringLiteral("/many/d%1").arg(i)));
        writeFile(m_tree + QStringLiteral("/many/d7/f.txt"), "f\n");
        TreeListing wide(m_tree, gitLister());
        QCOMPARE(wide.files(), gitList(m_tree));
        QVERIFY(!wide.watching());
        QVERIFY(QDir(m_tree + QStringLiteral("/many")).removeRecursively());
        QString deep = m_tree + QStringLiteral("/deep");
        for (int i = 0; i < 200; ++i)
            deep += QStringLiteral("/d");
        QVERIFY(QDir().mkpath(deep));
        writeFile(deep + QStringLiteral("/f.txt"), "f\n");
        TreeListing tall(m_tree, gitLister());
        QCOMPARE(tall.files(), gitList(m_tree));
        QVERIFY(!tall.watching());
        QCOMPARE(tall.files(), gitList(m_tree));
        QCOMPARE(tall.counts().fromLister, 2);
    }

    void anIndexInsideTheTreeIsNeverRead()
    {
        // A checkout whose .git file points into the tree: its index is the agent's to write.
        const QString tree = m_dir->path() + QStringLiteral("/inner");
        QDir().mkpath(tree);
        git(tree,
            {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--separate-git-dir"),
             tree + QStringLiteral("/meta")});
        writeFile(tree + QStringLiteral("/a.txt"), "a\n");
        git(tree, {QStringLiteral("add"), QStringLiteral("-A")});
        TreeListing listing(tree, gitLister());
        QCOMPARE(listing.files(), gitList(tree));
        listing.beforeCheckpoint();
        listing.afterCheckpoint(true);
        QCOMPARE(listing.counts().fromIndex, 0);
        QCOMPARE(listing.files(), gitList(tree));
        QCOMPARE(listing.counts().fromLister, 2);
    }

    void aNestedRepositoryIsAlwaysAskedOfGit()
    {
        QDir().mkpath(m_tree + QStringLiteral("/vendor/lib"));
        git(m_tree + QStringLiteral("/vendor/lib"), {QStringLiteral("init"), QStringLiteral("-q")});
        TreeListing listing(m_tree, gitLister());
        const QStringList first = listing.files();
        QVERIFY(first.contains(QStringLiteral("vendor/lib/")));
        QCOMPARE(listing.files(), gitList(m_tree));
        QCOMPARE(listing.counts().kept, 0);
    }

    void namesThatAreNotUtf8AreAskedOfGit()
    {
        // A file: two such names can read the same once decoded, so its event asks git.
        TreeListing listing(m_tree, gitLister());
        listing.files();
        const QByteArray file = QFile::encodeName(m_tree) + "/src/odd\xfe.txt";
        const int fd = ::open(file.constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        QVERIFY(fd >= 0);
        ::close(fd);
        QCOMPARE(listing.files(), gitList(m_tree));
        QCOMPARE(listing.lastReason(), QStringLiteral("a name that is not UTF-8"));
        // A folder: events below it could not be told apart, so the tree is never kept.
        QVERIFY(::mkdir((QFile::encodeName(m_tree) + "/dir\xff").constData(), 0755) == 0);
        TreeListing second(m_tree, gitLister());
        QCOMPARE(second.files(), gitList(m_tree));
        QVERIFY(!second.watching());
        QCOMPARE(second.files(), gitList(m_tree));
        QCOMPARE(second.counts().fromLister, 2);
    }

    void lostEventsAskGit()
    {
        QDir().mkpath(m_tree + QStringLiteral("/build"));
        TreeListing listing(m_tree, gitLister());
        listing.files();
        // More changes than the kernel queues (16,384 by default) for one watch.
        const int queue =
                QString::fromLatin1(readFile(QStringLiteral("/proc/sys/fs/inotify/max_queued_events")))
                        .trimmed()
                        .toInt();
        QVERIFY(queue > 0);
        for (int i = 0; i < queue / 2 + 16; ++i) {
            const QString p = m_tree + QStringLiteral("/build/o%1").arg(i);
            writeFile(p, "x");
            QFile::remove(p);
        }
        QCOMPARE(listing.files(), gitList(m_tree));
        QCOMPARE(listing.counts().fromLister, 2);
        QCOMPARE(listing.lastReason(), QStringLiteral("more changes than the kernel queues"));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_repo;
    QString m_tree;
};

QTEST_GUILESS_MAIN(TestTreeListing)
#include "tst_treelisting.moc"
