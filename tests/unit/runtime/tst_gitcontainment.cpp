// The harness's own git on a worktree where the agent planted a repository armed to run a command:
// every runtime entry point (checkpoint, working-tree diff and changed files, status, rollback, merge,
// discard, the list_files tool, GitRunner itself) runs nothing of it, and those that read the working
// tree refuse it with a security finding. Each case first proves with plain git that the attack is live.
// Also: secrets in the harness's environment never reach a program git starts.
#include "common/hostiletree.h"
#include "core/gitrunner.h"
#include "runtime/nestedrepositoryscan.h"
#include "runtime/toolexecutor.h"
#include "runtime/worktreemanager.h"
#include "runtimetesthelpers.h"

#include <QHash>
#include <QJsonDocument>
#include <QTest>

using namespace harness;
using namespace harness::testing;
using harness::test::Attack;
using harness::test::HostileTree;

namespace {

bool isRefusal(const Error &e, const QString &where)
{
    return e.field == NestedRepositoryScan::kErrorCode && e.message.contains(where) &&
            e.message.contains(QStringLiteral("submodule"));
}

} // namespace

class TestGitContainment : public QObject
{
    Q_OBJECT

    std::unique_ptr<HostileTree> m_t;

    void attacks()
    {
        QTest::addColumn<int>("attack");
        for (const auto &[name, attack] : harness::test::allAttacks())
            QTest::newRow(name) << int(attack);
    }

    // The fixture for the current data row, with the attack shown to be live.
    bool arm()
    {
        QFETCH(int, attack);
        m_t = std::make_unique<HostileTree>(Attack(attack));
        if (!m_t->isValid()) {
            qWarning("the fixture could not be made");
            return false;
        }
        if (!m_t->plainGitRunsIt()) {
            qWarning("the attack is not live: plain git did not run the planted command");
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void cleanup() { m_t.reset(); }

    void scanFindsThePlantedRepository_data() { attacks(); }
    void scanFindsThePlantedRepository()
    {
        QVERIFY(arm());
        const QList<NestedRepository> found = NestedRepositoryScan::violations(m_t->tree());
        QStringList paths;
        for (const auto &n : found)
            paths << n.path;
        QVERIFY2(paths.contains(m_t->nested()), qPrintable(paths.join(QLatin1Char(','))));
        QVERIFY(!m_t->tripped());
    }

    void checkpointRefusesAndRunsNothing_data() { attacks(); }
    void checkpointRefusesAndRunsNothing()
    {
        QVERIFY(arm());
        const QString before = HostileTree::git(m_t->tree(), {"rev-parse", "HEAD"});
        auto commit = WorktreeManager(m_t->repo()).checkpoint(m_t->tree(), QStringLiteral("iteration 2"));
        QVERIFY(!commit);
        QVERIFY2(isRefusal(commit.error(), m_t->nested()), qPrintable(commit.errorText()));
        QCOMPARE(HostileTree::git(m_t->tree(), {"rev-parse", "HEAD"}), before); // nothing committed
        QVERIFY(!m_t->tripped());
    }

    void workingTreeDiffRefusesAndRunsNothing_data() { attacks(); }
    void workingTreeDiffRefusesAndRunsNothing()
    {
        QVERIFY(arm());
        WorktreeManager m(m_t->repo());
        auto files = m.changedFiles(m_t->tree(), m_t->base());
        QVERIFY(!files);
        QVERIFY2(isRefusal(files.error(), m_t->nested()), qPrintable(files.errorText()));
        auto diff = m.diff(m_t->tree(), m_t->base());
        QVERIFY(!diff);
        QVERIFY(isRefusal(diff.error(), m_t->nested()));
        QVERIFY(!m_t->tripped());
        // Between commits the working tree is not read: allowed, and still nothing runs.
        auto between = m.changedFiles(m_t->tree(), m_t->base(), QStringLiteral("HEAD"));
        QVERIFY2(between, qPrintable(between.errorText()));
        QVERIFY(!m_t->tripped());
    }

    void statusRefusesAndRunsNothing_data() { attacks(); }
    void statusRefusesAndRunsNothing()
    {
        QVERIFY(arm());
        WorktreeManager m(m_t->repo());
        auto dirty = m.hasUncommittedChanges(m_t->tree());
        QVERIFY(!dirty);
        QVERIFY(isRefusal(dirty.error(), m_t->nested()));
        QVERIFY(!m_t->tripped());
    }

    void rollbackRefusesAndRunsNothing_data() { attacks(); }
    void rollbackRefusesAndRunsNothing()
    {
        QVERIFY(arm());
        auto r = WorktreeManager(m_t->repo()).rollback(m_t->tree(), m_t->base());
        QVERIFY(!r);
        QVERIFY(isRefusal(r.error(), m_t->nested()));
        QVERIFY(!m_t->tripped());
    }

    void mergeRefusesAndRunsNothing_data() { attacks(); }
    void mergeRefusesAndRunsNothing()
    {
        QVERIFY(arm());
        const QString mainBefore = HostileTree::git(m_t->repo(), {"rev-parse", "main"});
        auto merged = WorktreeManager(m_t->repo())
                              .merge(QStringLiteral("run"), QStringLiteral("main"), MergeMode::MergeCommit);
        QVERIFY(!merged);
        QVERIFY2(isRefusal(merged.error(), m_t->nested()), qPrintable(merged.errorText()));
        QCOMPARE(HostileTree::git(m_t->repo(), {"rev-parse", "main"}), mainBefore);
        QVERIFY(!m_t->tripped());
    }

    void discardRemovesTheTreeAndRunsNothing_data() { attacks(); }
    void discardRemovesTheTreeAndRunsNothing()
    {
        QVERIFY(arm());
        WorktreeManager m(m_t->repo());
        // Removing it as if clean needs git's status: refused. Discarding (force) needs no look inside.
        auto kept = m.remove(m_t->tree(), false);
        QVERIFY(!kept);
        QVERIFY(isRefusal(kept.error(), m_t->nested()));
        QVERIFY(QFileInfo::exists(m_t->tree()));
        auto listed = m.list();
        QVERIFY2(listed, qPrintable(listed.errorText()));
        QVERIFY(!m_t->tripped());
        QVERIFY2(m.remove(m_t->tree(), true), "discard");
        QVERIFY(!QFileInfo::exists(m_t->tree()));
        QVERIFY(!m_t->tripped());
    }

    void listFilesToolRunsNothing_data() { attacks(); }
    void listFilesToolRunsNothing()
    {
        QVERIFY(arm());
        CollectingSink sink;
        ToolExecutor tools(m_t->tree(), PermissionProfile::defaultFor(m_t->tree()), nullptr, &sink,
                           QStringLiteral("R1"));
        const ToolResult r = tools.execute(QStringLiteral("list_files"), {});
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(QJsonDocument(r.content).toJson().contains("src/work.c"));
        QVERIFY(!m_t->tripped());
    }

    // The hardening alone, without the refusal: git's own look into the planted repository (status,
    // a working-tree diff, listings) runs nothing of it, and git refuses a bare repository it was not
    // pointed at explicitly. (`git add` is the one command that still runs a planted clean filter: the
    // checkpoint's refusal before it is what stops that.)
    void hardenedGitAloneRunsNothing_data() { attacks(); }
    void hardenedGitAloneRunsNothing()
    {
        QVERIFY(arm());
        const GitRunner git(m_t->tree());
        QVERIFY(git.exec({QStringLiteral("status"), QStringLiteral("--porcelain")}).ok());
        m_t->arm();
        QVERIFY(git.exec({QStringLiteral("diff"), m_t->base()}).ok());
        m_t->arm();
        QVERIFY(git.exec({QStringLiteral("diff"), QStringLiteral("--name-status"), QStringLiteral("HEAD")})
                        .ok());
        QVERIFY(git.exec({QStringLiteral("ls-files"), QStringLiteral("-co"),
                          QStringLiteral("--exclude-standard")})
                        .ok());
        if (m_t->attack() == Attack::BareRepository) {
            const GitOutput inside = GitRunner(m_t->tree() + QLatin1Char('/') + m_t->nested())
                                             .exec({QStringLiteral("status")});
            QVERIFY(!inside.ok());
            QVERIFY2(inside.err.contains("safe.bareRepository"), inside.err.constData());
        }
        QVERIFY(!m_t->tripped());
    }

    // Even a program git does start (the human's own clean filter here, legitimately configured in the
    // repository) sees no secret of the harness's environment, in the harness's commits and in the
    // human's merge; HOME (their identity) and PATH are there.
    void programsGitStartsSeeNoSecret()
    {
        HostileTree t(Attack::Fsmonitor);
        QVERIFY(t.isValid());
        QDir(t.tree() + QStringLiteral("/vendor")).removeRecursively();
        QVERIFY(NestedRepositoryScan::check(t.tree()).ok());
        const QString dump = t.scratch() + QStringLiteral("/filter-env.txt");
        HostileTree::git(t.repo(),
                         {QStringLiteral("config"), QStringLiteral("filter.dump.clean"),
                          QStringLiteral("env >> '%1'; cat").arg(dump)});
        HostileTree::git(t.repo(),
                         {QStringLiteral("config"), QStringLiteral("filter.dump.smudge"),
                          QStringLiteral("env >> '%1'; cat").arg(dump)});
        HostileTree::write(t.tree() + QStringLiteral("/.gitattributes"), "*.c filter=dump\n");
        HostileTree::write(t.tree() + QStringLiteral("/src/work.c"), "int work = 2;\n");
        // The human's checkout of the branch the run merges into (before the environment is poisoned:
        // this test's own plain git would obey it).
        HostileTree::git(t.repo(),
                         {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
                          QStringLiteral("target"), QStringLiteral("main")});
        const QByteArray keys[] = {"OPENAI_API_KEY", "GITHUB_TOKEN", "HARNESS_STORE", "SSH_AUTH_SOCK",
                                   "GIT_CONFIG_PARAMETERS"};
        QHash<QByteArray, QByteArray> saved;
        for (const QByteArray &k : keys)
            saved.insert(k, qgetenv(k.constData()));
        qputenv("OPENAI_API_KEY", "sk-harness-test-canary-openai");
        qputenv("GITHUB_TOKEN", "ghp-harness-test-canary-github");
        qputenv("HARNESS_STORE", "postgresql://runner:harness-test-canary-pw@db.invalid/harness");
        qputenv("SSH_AUTH_SOCK", "/run/harness-test-canary-agent.sock");
        qputenv("GIT_CONFIG_PARAMETERS", "'core.fsmonitor'='touch /tmp/harness-pwned'");
        WorktreeManager m(t.repo());
        auto commit = m.checkpoint(t.tree(), QStringLiteral("with the filter"));
        const QByteArray harnessEnv = readFile(dump);
        QFile::remove(dump);
        auto merged = m.merge(QStringLiteral("run"), QStringLiteral("target"), MergeMode::MergeCommit);
        const QByteArray humanEnv = readFile(dump);
        for (const QByteArray &k : keys)
            saved.value(k).isNull() ? qunsetenv(k.constData()) : qputenv(k.constData(), saved.value(k));
        QVERIFY2(commit, qPrintable(commit.errorText()));
        QVERIFY2(merged && merged->merged, qPrintable(merged.errorText()));
        QVERIFY2(!harnessEnv.isEmpty(), "the filter did not run on the checkpoint");
        QVERIFY2(!humanEnv.isEmpty(), "the filter did not run on the merge");
        for (const QByteArray &env : {harnessEnv, humanEnv}) {
            QVERIFY(!env.contains("harness-test-canary-openai"));
            QVERIFY(!env.contains("harness-test-canary-github"));
            QVERIFY(!env.contains("harness-test-canary-pw"));
            QVERIFY(!env.contains("GIT_CONFIG_PARAMETERS=") || !env.contains("harness-pwned"));
            QVERIFY(env.contains("\nHOME=") || env.startsWith("HOME="));
            QVERIFY(env.contains("PATH="));
        }
        // The human's merge may sign through their agent; the harness's commits are never signed.
        QVERIFY(!harnessEnv.contains("harness-test-canary-agent"));
        QVERIFY(humanEnv.contains("harness-test-canary-agent"));
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/harness-pwned")));
    }
};

QTEST_GUILESS_MAIN(TestGitContainment)
#include "tst_gitcontainment.moc"
