// Tests for WorktreeManager with real git repositories: per-run worktrees and branches, .worktreeinclude,
// idempotent checkpoints, rollback, diffs, merges (fast-forward, merge commit, conflict left clean),
// removal that never loses uncommitted work, and disk use.
#include "runtime/gitdirlayout.h"
#include "runtime/worktreemanager.h"
#include "runtimetesthelpers.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <thread>
#include <vector>

using namespace harness;
using namespace harness::testing;

class TestWorktreeManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        m_repo = m_dir->path() + QStringLiteral("/repo");
        makeRepo(m_repo);
    }

    void createsWorktreeOnRunBranch()
    {
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        QVERIFY2(wt.ok(), qPrintable(wt.errorText()));
        QCOMPARE(wt->branch, QStringLiteral("harness/T1/R1"));
        QCOMPARE(wt->path,
                 QFileInfo(m_repo + QStringLiteral("/.git/harness-worktrees/R1")).canonicalFilePath());
        QCOMPARE(wt->baseCommit, git(m_repo, {QStringLiteral("rev-parse"), QStringLiteral("main")}));
        QVERIFY(QFile::exists(wt->path + QStringLiteral("/src/main.c")));
        QCOMPARE(git(wt->path, {QStringLiteral("branch"), QStringLiteral("--show-current")}), wt->branch);
        // The user's checkout is untouched and shows nothing new.
        QCOMPARE(git(m_repo, {QStringLiteral("status"), QStringLiteral("--porcelain")}), QString());
    }
    void refusesReuseAndBadIds()
    {
        WorktreeManager m(m_repo);
        QVERIFY(m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main")).ok());
        auto again = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        QVERIFY(!again.ok());
        QVERIFY(again.errorText().contains(QStringLiteral("never reused")));
        QVERIFY(!m.create(QStringLiteral("T1"), QStringLiteral("../x"), QStringLiteral("main")).ok());
        QVERIFY(!m.create(QStringLiteral("-rf"), QStringLiteral("R2"), QStringLiteral("main")).ok());
        auto badBase = m.create(QStringLiteral("T1"), QStringLiteral("R3"), QStringLiteral("no-such-branch"));
        QVERIFY(!badBase.ok());
        QCOMPARE(badBase.error().field, QStringLiteral("base_ref"));
    }
    void copiesWorktreeIncludeFiles()
    {
        writeFile(m_repo + QStringLiteral("/.env"), "SECRET_FOR_BUILD=1\n");
        writeFile(m_repo + QStringLiteral("/build/big.o"), "object");
        writeFile(m_repo + QStringLiteral("/.worktreeinclude"), ".env\n");
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        QVERIFY2(wt.ok(), qPrintable(wt.errorText()));
        QCOMPARE(readFile(wt->path + QStringLiteral("/.env")), QByteArray("SECRET_FOR_BUILD=1\n"));
        QVERIFY(!QFile::exists(wt->path + QStringLiteral("/build/big.o"))); // ignored but not listed
        auto dirty = m.hasUncommittedChanges(wt->path);
        QVERIFY(dirty.ok());
        QVERIFY(!*dirty); // the copied file is ignored, so the worktree is clean
    }
    void checkpointIsIdempotent()
    {
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        writeFile(wt->path + QStringLiteral("/src/util.c"), "int util(void) { return 1; }\n");
        writeFile(wt->path + QStringLiteral("/build/out.o"), "ignored");
        auto c1 = m.checkpoint(wt->path, QStringLiteral("Build step 1"));
        QVERIFY2(c1.ok(), qPrintable(c1.errorText()));
        QVERIFY(*c1 != wt->baseCommit);
        QCOMPARE(git(wt->path, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%s")}),
                 QStringLiteral("Build step 1"));
        QCOMPARE(git(wt->path, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%an")}),
                 QStringLiteral("Test User")); // the user's configured identity
        QVERIFY(!git(wt->path, {QStringLiteral("ls-files")}).contains(QStringLiteral("build/out.o")));
        auto c2 = m.checkpoint(wt->path, QStringLiteral("nothing new"));
        QVERIFY(c2.ok());
        QCOMPARE(*c2, *c1);
    }
    void checkpointHeadMatchesGitEverywhere()
    {
        // The checkpoint reads HEAD from git's files; each layout must give what `git rev-parse` says.
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        QVERIFY2(wt.ok(), qPrintable(wt.errorText()));
        const GitDirLayout linked = GitDirLayout::of(wt->path);
        QVERIFY(linked.isLinkedWorktree());
        QCOMPARE(GitDirLayout::of(m_repo).commonDir, QDir::cleanPath(m_repo + QStringLiteral("/.git")));
        const auto revParse = [](const QString &dir) {
            return git(dir, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
        };
        // A linked worktree, its branch ref loose in the common directory.
        writeFile(wt->path + QStringLiteral("/a.txt"), "1\n");
        auto c1 = m.checkpoint(wt->path, QStringLiteral("one"));
        QVERIFY2(c1.ok(), qPrintable(c1.errorText()));
        QCOMPARE(*c1, revParse(wt->path));
        QCOMPARE(linked.headCommitFromFiles(), *c1);
        // Packed refs: nothing loose to read, so git answers.
        git(m_repo, {QStringLiteral("pack-refs"), QStringLiteral("--all")});
        QVERIFY(linked.headCommitFromFiles().isEmpty());
        QCOMPARE(*m.checkpoint(wt->path, QStringLiteral("nothing new")), *c1);
        // A detached HEAD.
        git(wt->path, {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("--detach")});
        writeFile(wt->path + QStringLiteral("/b.txt"), "2\n");
        auto c2 = m.checkpoint(wt->path, QStringLiteral("two"));
        QVERIFY2(c2.ok(), qPrintable(c2.errorText()));
        QVERIFY(*c2 != *c1);
        QCOMPARE(*c2, revParse(wt->path));
        QCOMPARE(linked.headCommitFromFiles(), *c2);
        // The main checkout, and a directory that is no repository at all.
        writeFile(m_repo + QStringLiteral("/c.txt"), "3\n");
        auto c3 = m.checkpoint(m_repo, QStringLiteral("three"));
        QVERIFY2(c3.ok(), qPrintable(c3.errorText()));
        QCOMPARE(*c3, revParse(m_repo));
        QVERIFY(!GitDirLayout::of(m_dir->path()).isValid());
        QVERIFY(!m.checkpoint(m_dir->path(), QStringLiteral("no repository")).ok());
    }
    void concurrentCreatesAllSucceed()
    {
        // Runs started together (run --ready --jobs N, two windows, two `harness run`s): git's
        // `worktree add` reads the other worktrees' admin files and fails on one that is half made.
        // Threads of this process and plain git processes beside them create worktrees at once.
        constexpr int kRounds = 10, kOurs = 8, kOthers = 6;
        for (int round = 0; round < kRounds; ++round) {
            QList<QProcess *> others;
            for (int i = 0; i < kOthers; ++i) {
                auto *p = new QProcess;
                p->setWorkingDirectory(m_repo);
                p->start(QStringLiteral("git"),
                         {QStringLiteral("worktree"), QStringLiteral("add"), QStringLiteral("-q"),
                          QStringLiteral("-b"), QStringLiteral("other/%1/%2").arg(round).arg(i),
                          m_dir->path() + QStringLiteral("/other-%1-%2").arg(round).arg(i),
                          QStringLiteral("main")});
                others << p;
            }
            std::vector<std::thread> threads;
            QList<QString> errors(kOurs);
            for (int i = 0; i < kOurs; ++i)
                threads.emplace_back([this, round, i, &errors] {
                    WorktreeManager m(m_repo);
                    auto wt = m.create(QStringLiteral("T%1").arg(i),
                                       QStringLiteral("R%1x%2").arg(round).arg(i), QStringLiteral("main"));
                    if (!wt)
                        errors[i] = wt.errorText();
                });
            for (auto &t : threads)
                t.join();
            for (QProcess *p : others) {
                p->waitForFinished(30000);
                delete p;
            }
            for (const QString &e : errors)
                QVERIFY2(e.isEmpty(), qPrintable(e));
        }
        WorktreeManager m(m_repo);
        auto listed = m.list();
        QVERIFY2(listed, qPrintable(listed.errorText()));
        QCOMPARE(listed->size(), kRounds * kOurs);
    }
    void rollbackAndDiff()
    {
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        writeFile(wt->path + QStringLiteral("/a.txt"), "one\n");
        const QString c1 = *m.checkpoint(wt->path, QStringLiteral("one"));
        writeFile(wt->path + QStringLiteral("/a.txt"), "two\n");
        const QString c2 = *m.checkpoint(wt->path, QStringLiteral("two"));
        writeFile(wt->path + QStringLiteral("/stray.txt"), "uncommitted\n");

        auto d = m.diff(wt->path, c1, c2);
        QVERIFY(d.ok());
        QVERIFY(d->contains(QStringLiteral("-one")));
        QVERIFY(d->contains(QStringLiteral("+two")));
        auto base = m.diff(wt->path, wt->baseCommit, c2);
        QVERIFY(base->contains(QStringLiteral("+++ b/a.txt")));
        auto files = m.changedFiles(wt->path, wt->baseCommit, c2);
        QCOMPARE(*files, QStringList {QStringLiteral("A\ta.txt")});

        QVERIFY(m.rollback(wt->path, c1).ok());
        QCOMPARE(readFile(wt->path + QStringLiteral("/a.txt")), QByteArray("one\n"));
        QVERIFY(!QFile::exists(wt->path + QStringLiteral("/stray.txt")));
        QCOMPARE(*m.headOf(wt->path), c1);
        QVERIFY(!m.rollback(wt->path, QStringLiteral("deadbeef")).ok());
    }
    void fastForwardMerge()
    {
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        writeFile(wt->path + QStringLiteral("/feature.txt"), "feature\n");
        const QString c = *m.checkpoint(wt->path, QStringLiteral("feature"));
        auto out = m.merge(wt->branch, QStringLiteral("main"), MergeMode::FastForward);
        QVERIFY2(out.ok(), qPrintable(out.errorText()));
        QVERIFY(out->merged);
        QCOMPARE(out->commit, c);
        // main is checked out in the user's checkout: its files follow.
        QCOMPARE(readFile(m_repo + QStringLiteral("/feature.txt")), QByteArray("feature\n"));
    }
    void mergeCommitIntoBranchNotCheckedOut()
    {
        git(m_repo, {QStringLiteral("branch"), QStringLiteral("release")});
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        writeFile(wt->path + QStringLiteral("/feature.txt"), "feature\n");
        QVERIFY(m.checkpoint(wt->path, QStringLiteral("feature")).ok());
        auto out = m.merge(wt->branch, QStringLiteral("release"), MergeMode::MergeCommit);
        QVERIFY2(out.ok(), qPrintable(out.errorText()));
        QVERIFY(out->merged);
        QCOMPARE(git(m_repo, {QStringLiteral("rev-parse"), QStringLiteral("release")}), out->commit);
        QCOMPARE(git(m_repo,
                     {QStringLiteral("rev-list"), QStringLiteral("--parents"), QStringLiteral("-1"),
                      QStringLiteral("release")})
                         .split(QLatin1Char(' '))
                         .size(),
                 3); // a merge commit has two parents
        QVERIFY(!QFile::exists(m_repo + QStringLiteral("/feature.txt"))); // main checkout untouched
        auto list = m.list();
        QCOMPARE(list->size(), 1); // the temporary merge worktree is gone
    }
    void conflictIsReportedAndNothingHalfMerged()
    {
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        writeFile(wt->path + QStringLiteral("/README.md"), "# Agent\n");
        QVERIFY(m.checkpoint(wt->path, QStringLiteral("agent edit")).ok());
        writeFile(m_repo + QStringLiteral("/README.md"), "# Human\n");
        git(m_repo, {QStringLiteral("commit"), QStringLiteral("-qam"), QStringLiteral("human edit")});
        const QString mainBefore = git(m_repo, {QStringLiteral("rev-parse"), QStringLiteral("main")});

        auto ff = m.merge(wt->branch, QStringLiteral("main"), MergeMode::FastForward);
        QVERIFY(!ff.ok());
        QVERIFY(ff.errorText().contains(QStringLiteral("fast-forward")));

        auto out = m.merge(wt->branch, QStringLiteral("main"), MergeMode::MergeCommit);
        QVERIFY2(out.ok(), qPrintable(out.errorText()));
        QVERIFY(!out->merged);
        QCOMPARE(out->conflictFiles, QStringList {QStringLiteral("README.md")});
        QCOMPARE(git(m_repo, {QStringLiteral("rev-parse"), QStringLiteral("main")}), mainBefore);
        QCOMPARE(git(m_repo, {QStringLiteral("status"), QStringLiteral("--porcelain")}), QString());
        QCOMPARE(readFile(m_repo + QStringLiteral("/README.md")), QByteArray("# Human\n"));
    }
    void mergeRefusesDirtyTargetCheckout()
    {
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        writeFile(wt->path + QStringLiteral("/f.txt"), "f\n");
        QVERIFY(m.checkpoint(wt->path, QStringLiteral("f")).ok());
        writeFile(m_repo + QStringLiteral("/README.md"), "user is typing\n");
        auto out = m.merge(wt->branch, QStringLiteral("main"), MergeMode::FastForward);
        QVERIFY(!out.ok());
        QVERIFY(out.errorText().contains(QStringLiteral("uncommitted")));
        QCOMPARE(readFile(m_repo + QStringLiteral("/README.md")), QByteArray("user is typing\n"));
    }
    void removeNeverLosesUncommittedWork()
    {
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        writeFile(wt->path + QStringLiteral("/wip.txt"), "work in progress\n");
        QVERIFY(*m.hasUncommittedChanges(wt->path));
        auto refused = m.remove(wt->path, false);
        QVERIFY(!refused.ok());
        QVERIFY(refused.errorText().contains(QStringLiteral("uncommitted")));
        QVERIFY(QFile::exists(wt->path + QStringLiteral("/wip.txt")));
        QVERIFY(m.remove(wt->path, true).ok());
        QVERIFY(!QFileInfo::exists(wt->path));
        // The branch stays until deleted explicitly.
        QVERIFY(!git(m_repo, {QStringLiteral("branch"), QStringLiteral("--list"), wt->branch}).isEmpty());
        QVERIFY(m.deleteBranch(wt->branch, true).ok());
        QVERIFY(git(m_repo, {QStringLiteral("branch"), QStringLiteral("--list"), wt->branch}).isEmpty());
        QVERIFY(!m.remove(m_repo, true).ok()); // the main checkout is never a run worktree
    }
    void cleanWorktreeRemovedWithoutForce()
    {
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        writeFile(wt->path + QStringLiteral("/build/x.o"), "ignored build output");
        QVERIFY(m.remove(wt->path, false).ok());
        QVERIFY(!QFileInfo::exists(wt->path));
    }
    void listShowsDiskUse()
    {
        WorktreeManager m(m_repo);
        auto a = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        auto b = m.create(QStringLiteral("T2"), QStringLiteral("R2"), QStringLiteral("main"));
        writeFile(b->path + QStringLiteral("/build/blob.bin"), QByteArray(100000, 'x'));
        auto usage = m.diskUsage(b->path);
        QVERIFY(usage.ok());
        QVERIFY(*usage >= 100000);
        auto list = m.list();
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 2);
        for (const WorktreeInfo &i : *list) {
            QVERIFY(i.diskBytes > 0);
            QVERIFY(!i.head.isEmpty());
            QVERIFY(!i.dirty);
        }
    }
    void customWorktreesRoot()
    {
        const QString root = m_dir->path() + QStringLiteral("/elsewhere");
        WorktreeManager m(m_repo, root);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R9"), QStringLiteral("HEAD"));
        QVERIFY2(wt.ok(), qPrintable(wt.errorText()));
        QVERIFY(wt->path.startsWith(QFileInfo(root).canonicalFilePath()));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_repo;
};

QTEST_GUILESS_MAIN(TestWorktreeManager)
#include "tst_worktreemanager.moc"
