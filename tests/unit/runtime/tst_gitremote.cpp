// GitRemote with real git: a runner's clone of a bare remote, a checkpoint and a snapshot of uncommitted
// work published under a lease, and another runner's clone restoring exactly that tree (changed,
// new and deleted files) at the checkpoint; refs are per lease token; a repository nested in the tree is
// refused before `git add` looks at it.
#include "runtime/gitremote.h"
#include "runtime/worktreemanager.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

QString git(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), args);
    p.waitForFinished(60000);
    if (p.exitCode() != 0)
        qWarning().noquote() << "git" << args << p.readAllStandardError();
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

void write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

} // namespace

class TestGitRemote : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_remote;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString work = m_dir.filePath(QStringLiteral("work"));
        QDir().mkpath(work);
        git(work, {"init", "-q", "-b", "main"});
        git(work, {"config", "user.name", "T"});
        git(work, {"config", "user.email", "t@example.com"});
        write(work + "/a.txt", "one\n");
        write(work + "/gone.txt", "bye\n");
        git(work, {"add", "-A"});
        git(work, {"commit", "-q", "-m", "base"});
        m_remote = m_dir.filePath(QStringLiteral("remote.git"));
        git(m_dir.path(), {"clone", "-q", "--bare", work, m_remote});
    }

    void snapshotTravelsToAnotherClone()
    {
        GitRemote first(m_remote, m_dir.filePath(QStringLiteral("cache-a")));
        QVERIFY2(first.sync(QStringLiteral("main")), "sync");
        QVERIFY(QFile::exists(first.root() + "/a.txt"));
        const QString base = git(first.root(), {"rev-parse", "main"});
        QCOMPARE(base, git(m_remote, {"rev-parse", "main"}));

        // A run's worktree in the first clone, a checkpoint, then uncommitted work on top of it.
        WorktreeManager worktrees(first.root());
        auto wt = worktrees.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        QVERIFY2(wt, qPrintable(wt.errorText()));
        write(wt->path + "/a.txt", "two\n");
        auto checkpoint = worktrees.checkpoint(wt->path, QStringLiteral("iteration 1"));
        QVERIFY2(checkpoint, qPrintable(checkpoint.errorText()));
        QVERIFY(first.publishCheckpoint(QStringLiteral("R1"), 3, wt->branch, *checkpoint));
        write(wt->path + "/a.txt", "three\n");
        write(wt->path + "/new/b.txt", "new\n");
        QFile::remove(wt->path + "/gone.txt");
        auto tree = first.publishSnapshot(QStringLiteral("R1"), 3, wt->path);
        QVERIFY2(tree, qPrintable(tree.errorText()));
        // Nothing changed since: the same tree, nothing pushed.
        auto again = first.publishSnapshot(QStringLiteral("R1"), 3, wt->path, *tree);
        QVERIFY(again);
        QCOMPARE(*again, *tree);
        // The branch on the remote is the checkpoint; the snapshot is only under the lease's ref.
        QCOMPARE(git(m_remote, {"rev-parse", wt->branch}), *checkpoint);
        QCOMPARE(git(m_remote, {"rev-parse", GitRemote::checkpointRef("R1", 3)}), *checkpoint);
        QCOMPARE(git(m_remote, {"rev-parse", GitRemote::snapshotRef("R1", 3) + "^"}), *checkpoint);

        // Another runner restores the run: checkpoint plus snapshot.
        GitRemote second(m_remote, m_dir.filePath(QStringLiteral("cache-b")));
        QVERIFY(second.sync(QStringLiteral("main")));
        QVERIFY(second.fetchRun(QStringLiteral("R1")));
        auto refs = second.runRefs(QStringLiteral("R1"));
        QVERIFY(refs);
        QCOMPARE(refs->size(), 1);
        QCOMPARE(refs->first().token, 3);
        QCOMPARE(refs->first().checkpoint, *checkpoint);
        QVERIFY(second.hasCommit(*checkpoint));
        QCOMPARE(second.parentOf(refs->first().snapshot), *checkpoint);
        const QString path = second.root() + "/.git/harness-worktrees/R1";
        QVERIFY(second.restoreWorktree(path, wt->branch, *checkpoint, refs->first().snapshot));
        QCOMPARE(read(path + "/a.txt"), QByteArray("three\n"));
        QCOMPARE(read(path + "/new/b.txt"), QByteArray("new\n"));
        QVERIFY(!QFile::exists(path + "/gone.txt"));
        QCOMPARE(git(path, {"rev-parse", "HEAD"}), *checkpoint);
        QCOMPARE(git(path, {"rev-parse", "--abbrev-ref", "HEAD"}), wt->branch);
        // The next checkpoint there commits exactly the restored work.
        auto next = WorktreeManager(second.root()).checkpoint(path, QStringLiteral("iteration 2"));
        QVERIFY(next);
        QCOMPARE(git(path, {"rev-parse", *next + "^{tree}"}), *tree);
    }

    void nestedRepositoryIsRefused()
    {
        GitRemote remote(m_remote, m_dir.filePath(QStringLiteral("cache-c")));
        QVERIFY(remote.sync(QStringLiteral("main")));
        WorktreeManager worktrees(remote.root());
        auto wt = worktrees.create(QStringLiteral("T2"), QStringLiteral("R2"), QStringLiteral("main"));
        QVERIFY(wt);
        const QString nested = wt->path + "/vendor/lib";
        QDir().mkpath(nested);
        git(nested, {"init", "-q"});
        auto tree = remote.publishSnapshot(QStringLiteral("R2"), 1, wt->path);
        QVERIFY(!tree);
        QVERIFY2(tree.errorText().contains(QLatin1String("vendor/lib")), qPrintable(tree.errorText()));
    }
};

QTEST_GUILESS_MAIN(TestGitRemote)

#include "tst_gitremote.moc"
