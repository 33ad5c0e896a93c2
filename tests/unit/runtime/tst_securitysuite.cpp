// Security suite: an agent's attempts to leave its worktree, each with the real tools, real git and real
// bubblewrap. Every case asserts that the attempt is denied or has no effect, that nothing outside the
// worktree changed (a snapshot of the surrounding directories, the fake home with ~/.ssh, and a
// read-only-visible sentinel), and that an event was recorded.
#include "runtime/sandbox.h"
#include "runtime/toolexecutor.h"
#include "runtime/worktreemanager.h"
#include "runtimetesthelpers.h"

#include <QJsonDocument>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;
using namespace harness::testing;

namespace {
// Processes whose command line contains needle (and, when cwd is given, that run in cwd).
int countProcesses(const QByteArray &needle, const QString &cwd = {})
{
    int n = 0;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString dir = it.next();
        bool ok = false;
        QFileInfo(dir).fileName().toInt(&ok);
        if (!ok)
            continue;
        QByteArray cmd = readFile(dir + QStringLiteral("/cmdline"));
        cmd.replace('\0', ' ');
        if (cmd.contains(needle) &&
            (cwd.isEmpty() || QFileInfo(dir + QStringLiteral("/cwd")).symLinkTarget() == cwd))
            ++n;
    }
    return n;
}
} // namespace

class TestSecuritySuite : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(Sandbox::probe().available, qPrintable(Sandbox::probe().reason));
        m_oldHome = qgetenv("HOME");
        // A sentinel in a directory the sandbox sees read-only (the build tree), not under /tmp.
        m_visible.reset(new QTemporaryDir(QStringLiteral(HARNESS_BINARY_DIR "/security-sentinel-XXXXXX")));
        QVERIFY(m_visible->isValid());
        writeFile(m_visible->path() + QStringLiteral("/keep.txt"), "must survive\n");
    }
    void cleanupTestCase() { qputenv("HOME", m_oldHome); }

    void init()
    {
        m_dir.reset(new QTemporaryDir);
        m_root = m_dir->path();
        m_home = m_root + QStringLiteral("/home");
        writeFile(m_home + QStringLiteral("/.ssh/id_rsa"),
                  "-----BEGIN PRIVATE KEY----- harness-test-ssh-secret\n");
        writeFile(m_home + QStringLiteral("/other-repo/code.c"), "int other;\n");
        writeFile(m_root + QStringLiteral("/outside/secret.txt"), "outside-secret\n");
        qputenv("HOME", m_home.toUtf8());
        m_repo = m_root + QStringLiteral("/repo");
        makeRepo(m_repo);
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        QVERIFY2(wt.ok(), qPrintable(wt.errorText()));
        m_tree = wt->path;
        m_commonDir = QFileInfo(m_repo + QStringLiteral("/.git")).canonicalFilePath();
        SandboxConfig c;
        c.worktreeRoot = m_tree;
        c.maxProcesses = 128;
        m_sandbox.reset(new Sandbox(c));
        PermissionProfile p = PermissionProfile::defaultFor(m_tree);
        p.commandTimeoutMs = 4000;
        p.outputCapBytes = 64 * 1024;
        m_sink.clear();
        m_tools.reset(new ToolExecutor(m_tree, p, m_sandbox.get(), &m_sink, QStringLiteral("R1")));
        m_tools->setWriteAllowed(true);
        m_before = treeSnapshot(m_root, m_tree);
        m_visibleBefore = treeSnapshot(m_visible->path(), QStringLiteral("/nonexistent"));
    }
    void cleanup()
    {
        // Nothing outside the worktree changed, whatever the attack was.
        const auto after = treeSnapshot(m_root, m_tree);
        for (auto it = after.cbegin(); it != after.cend(); ++it)
            QVERIFY2(m_before.value(it.key()) == it.value(),
                     qPrintable(QStringLiteral("changed: ") + it.key()));
        for (auto it = m_before.cbegin(); it != m_before.cend(); ++it)
            QVERIFY2(after.contains(it.key()), qPrintable(QStringLiteral("removed: ") + it.key()));
        QCOMPARE(treeSnapshot(m_visible->path(), QStringLiteral("/nonexistent")), m_visibleBefore);
        QVERIFY(!QFile::exists(QStringLiteral("/etc/harness-pwned")));
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/harness-pwned")));
    }

    // --- path attacks through the file tools ---
    void pathTraversalRead()
    {
        denied(call("read_file", {{"path", "../../../outside/secret.txt"}}), "..", "outside-secret");
    }
    void pathTraversalWrite()
    {
        denied(call("write_file", {{"path", "src/../../../../outside/pwned.txt"}, {"content", "x"}}), "..");
    }
    void absolutePathRead()
    {
        denied(call("read_file", {{"path", "/etc/passwd"}}), "outside the worktree", "root:");
    }
    void absolutePathWrite()
    {
        denied(call("write_file",
                    {{"path", m_root + QStringLiteral("/outside/pwned.txt")}, {"content", "x"}}),
               "outside");
    }
    void readSshKeyByAbsolutePath()
    {
        denied(call("read_file", {{"path", m_home + QStringLiteral("/.ssh/id_rsa")}}), "outside",
               "ssh-secret");
    }
    void symlinkToEtcThenWriteThrough()
    {
        QVERIFY(command(QStringLiteral("ln -s /etc etc-link")).ok);
        denied(call("write_file", {{"path", "etc-link/harness-pwned"}, {"content", "pwned"}}),
               "symbolic link");
    }
    void symlinkToHomeThenPatchThrough()
    {
        QVERIFY(command(QStringLiteral("ln -s %1 home-link").arg(m_home)).ok);
        const QString patch =
                QStringLiteral("--- a/home-link/.ssh/id_rsa\n+++ b/home-link/.ssh/id_rsa\n@@ -1 +1 @@\n"
                               "------BEGIN PRIVATE KEY----- harness-test-ssh-secret\n+pwned\n");
        denied(call("apply_patch", {{"patch", patch}}), "symbolic link");
    }
    void symlinkToOutsideFileThenRead()
    {
        QVERIFY(command(QStringLiteral("ln -s %1/outside/secret.txt leak.txt").arg(m_root)).ok);
        denied(call("read_file", {{"path", "leak.txt"}}), "symbolic link", "outside-secret");
        denied(call("search", {{"pattern", "outside-secret"}, {"path", "leak.txt"}}), "symbolic link");
    }
    void symlinkIntoRepositoryHooks()
    {
        QVERIFY(command(QStringLiteral("ln -s %1/hooks hooks-link").arg(m_commonDir)).ok);
        denied(call("write_file",
                    {{"path", "hooks-link/pre-commit"},
                     {"content", "#!/bin/sh\ntouch /tmp/harness-pwned\n"}}),
               "symbolic link");
    }
    void hooksPathInsideWorktree()
    {
        // husky-style: core.hooksPath points into the tree, so hooks there run on the harness's commits.
        git(m_repo, {QStringLiteral("config"), QStringLiteral("core.hooksPath"), QStringLiteral(".husky")});
        m_before = treeSnapshot(m_root, m_tree);
        SandboxConfig c;
        c.worktreeRoot = m_tree;
        m_sandbox.reset(new Sandbox(c));
        m_tools.reset(new ToolExecutor(m_tree, PermissionProfile::defaultFor(m_tree), m_sandbox.get(),
                                       &m_sink, QStringLiteral("R1")));
        m_tools->setWriteAllowed(true);
        denied(call("write_file",
                    {{"path", ".husky/pre-commit"}, {"content", "#!/bin/sh\ntouch /tmp/harness-pwned\n"}}),
               "protected");
        contained(command(
                QStringLiteral("mkdir -p .husky && printf '#!/bin/sh\\ntouch /tmp/harness-pwned\\n' > "
                               ".husky/pre-commit && chmod +x .husky/pre-commit")));
        QVERIFY(!QFile::exists(m_tree + QStringLiteral("/.husky/pre-commit")));
        writeFile(m_tree + QStringLiteral("/work.txt"), "agent work\n");
        QVERIFY(WorktreeManager(m_repo).checkpoint(m_tree, QStringLiteral("after attack")).ok());
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/harness-pwned")));
        m_before = treeSnapshot(m_root, m_tree);
    }
    void writeGitHooksThroughFileTool()
    {
        denied(call("write_file", {{"path", ".git/hooks/pre-commit"}, {"content", "#!/bin/sh\n"}}),
               "protected");
    }
    void patchGitConfigHooksPath()
    {
        const QString patch = QStringLiteral(
                "--- /dev/null\n+++ b/.git/config\n@@ -0,0 +1,2 @@\n+[core]\n+\thooksPath = /tmp\n");
        denied(call("apply_patch", {{"patch", patch}}), "protected");
    }
    void editWorktreeGitPointer()
    {
        denied(call("edit_file",
                    {{"path", ".git"},
                     {"edits",
                      QJsonArray {
                              QJsonObject {{QStringLiteral("op"), QStringLiteral("append")},
                                           {QStringLiteral("lines"), QJsonArray {QStringLiteral("x")}}}}}}),
               "protected");
    }
    void editHarnessRules()
    {
        denied(call("write_file", {{"path", ".harness/rules.json"}, {"content", "{}"}}), "protected");
    }
    void gitConfigFsmonitorByCommandRule()
    {
        denied(call("run_command", {{"command", "git config core.fsmonitor 'touch /tmp/harness-pwned'"}}),
               "deny");
        QVERIFY(!readFile(m_commonDir + QStringLiteral("/config")).contains("fsmonitor"));
    }
    void gitConfigWrittenDirectlyInSandbox()
    {
        const QByteArray before = readFile(m_commonDir + QStringLiteral("/config"));
        contained(command(
                QStringLiteral("printf '[core]\\n\\tfsmonitor = touch /tmp/harness-pwned\\n' >> %1/config")
                        .arg(m_commonDir)));
        QCOMPARE(readFile(m_commonDir + QStringLiteral("/config")), before);
        // The harness's own git use afterwards runs no agent code.
        WorktreeManager m(m_repo);
        QVERIFY(m.checkpoint(m_tree, QStringLiteral("after attack")).ok());
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/harness-pwned")));
        m_before = treeSnapshot(m_root, m_tree); // the checkpoint itself legitimately wrote objects and refs
    }
    void gitHookWrittenDirectlyInSandbox()
    {
        contained(command(
                QStringLiteral("printf '#!/bin/sh\\ntouch /tmp/harness-pwned\\n' > %1/hooks/post-commit && "
                               "chmod +x %1/hooks/post-commit")
                        .arg(m_commonDir)));
        QVERIFY(!QFile::exists(m_commonDir + QStringLiteral("/hooks/post-commit")));
    }
    void replaceWorktreeGitPointerInSandbox()
    {
        const QByteArray before = readFile(m_tree + QStringLiteral("/.git"));
        contained(command(QStringLiteral("rm -f .git; echo 'gitdir: /tmp/evil' > .git")));
        QCOMPARE(readFile(m_tree + QStringLiteral("/.git")), before);
    }
    void createHarnessDirInSandbox()
    {
        contained(command(QStringLiteral("mkdir -p .harness && echo '{}' > .harness/rules.json")));
        QVERIFY(!QFile::exists(m_tree + QStringLiteral("/.harness/rules.json")));
    }
    void readSshKeyInSandbox()
    {
        const ToolResult r = command(
                QStringLiteral("cat ~/.ssh/id_rsa %1/.ssh/id_rsa /root/.ssh/* 2>&1; ls %1").arg(m_home));
        QVERIFY(r.ok);
        QVERIFY(!r.content.value(QStringLiteral("stdout")).toString().contains(QStringLiteral("ssh-secret")));
        QVERIFY(!r.content.value(QStringLiteral("stdout")).toString().contains(QStringLiteral("other-repo")));
        QVERIFY(m_sink.count(QStringLiteral("tool_call")) >= 1);
    }
    void unmountTheHidingLayers()
    {
        // As root, a sandbox that keeps its capabilities could unmount the tmpfs hiding /tmp, /root and
        // the home directory, or remount / read-write.
        const ToolResult r =
                command(QStringLiteral("umount /tmp; umount -l /tmp; umount /root; umount /home; "
                                       "mount -o remount,bind,rw /; cat %1/outside/secret.txt; "
                                       "cat %2/.ssh/id_rsa; touch /etc/harness-pwned; rm -rf %1/outside")
                                .arg(m_root, m_home));
        contained(r, /*mayExitZero=*/true); // `rm -rf` of an invisible path succeeds; the checks below matter
        QVERIFY(!r.content.value(QStringLiteral("stdout")).toString().contains(QStringLiteral("secret")));
        QVERIFY(QFile::exists(m_root + QStringLiteral("/outside/secret.txt")));
    }
    void networkToLoopbackListener()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        contained(command(
                QStringLiteral("bash -c 'echo stolen > /dev/tcp/127.0.0.1/%1'").arg(server.serverPort())));
        QVERIFY(!server.waitForNewConnection(500));
        QVERIFY(!server.hasPendingConnections());
    }
    void environmentKeyLeak()
    {
        qputenv("OPENAI_API_KEY", "sk-harness-test-leak");
        qputenv("ANTHROPIC_API_KEY", "sk-ant-harness-test-leak");
        const ToolResult r = command(
                QStringLiteral("env; echo \"$OPENAI_API_KEY$ANTHROPIC_API_KEY\"; cat /proc/1/environ"));
        qunsetenv("OPENAI_API_KEY");
        qunsetenv("ANTHROPIC_API_KEY");
        QVERIFY(r.ok);
        QVERIFY(!r.content.value(QStringLiteral("stdout"))
                         .toString()
                         .contains(QStringLiteral("harness-test-leak")));
        QVERIFY(m_sink.count(QStringLiteral("tool_call")) == 1);
    }
    void forkBomb()
    {
        QElapsedTimer t;
        t.start();
        const ToolResult r = command(QStringLiteral("bomb() { bomb | bomb & }; bomb; sleep 30"));
        QVERIFY(t.elapsed() < 20000);
        // Either the process limit starves the bomb and the shell fails, or the time limit stops it.
        QVERIFY2(r.content.value(QStringLiteral("timed_out")).toBool() ||
                         r.content.value(QStringLiteral("exit_code")).toInt() != 0,
                 qPrintable(QJsonDocument(r.content).toJson()));
        // The shell reads the command from a file, so its forks show that file, in the worktree.
        QTRY_COMPARE_WITH_TIMEOUT(
                countProcesses(".harness-sandbox/command.sh", QFileInfo(m_tree).canonicalFilePath()), 0,
                5000);
        QVERIFY(m_sink.ofKind(QStringLiteral("tool_call"))
                        .last()
                        .payload.contains(QStringLiteral("exit_code")));
    }
    void sleepBombAndEscapedBackgroundProcess()
    {
        const ToolResult r =
                command(QStringLiteral("for i in 1 2 3 4 5 6 7 8; do sleep 987654 & done; "
                                       "setsid nohup sleep 987653 >/dev/null 2>&1 & echo detached"));
        QVERIFY(r.ok);
        QTRY_COMPARE_WITH_TIMEOUT(countProcesses("sleep 98765"), 0, 5000);
        QCOMPARE(m_sink.count(QStringLiteral("tool_call")), 1);
    }
    void outputFlood()
    {
        const ToolResult r = command(QStringLiteral("yes 'flood flood flood'"));
        QVERIFY(r.content.value(QStringLiteral("output_truncated")).toBool());
        QVERIFY(QJsonDocument(r.toJson()).toJson().size() < 64 * 1024);
        QVERIFY(m_sink.ofKind(QStringLiteral("tool_call"))
                        .last()
                        .payload.value(QStringLiteral("output_truncated"))
                        .toBool());
    }
    void deleteFilesOutsideWorktree()
    {
        contained(command(QStringLiteral("rm -rf %1/outside %1/repo/README.md %2 %3/keep.txt")
                                  .arg(m_root, m_home, m_visible->path())),
                  /*mayExitZero=*/true);
        QVERIFY(QFile::exists(m_root + QStringLiteral("/outside/secret.txt")));
        QVERIFY(QFile::exists(m_visible->path() + QStringLiteral("/keep.txt")));
        QVERIFY(QFile::exists(m_repo + QStringLiteral("/README.md")));
    }
    void fileNameWithNewline()
    {
        denied(call("write_file", {{"path", "evil\nname.txt"}, {"content", "x"}}), "newline");
    }
    void fileNameWithInvalidUtf8()
    {
        // Bytes that are not UTF-8 arrive as U+FFFD after JSON decoding.
        denied(call("write_file", {{"path", QString::fromUtf8("evil-\xff\xfe.txt")}, {"content", "x"}}),
               "UTF-8");
        // A file with such a name made in the sandbox cannot be addressed by the file tools either.
        const ToolResult made = command(QStringLiteral("printf 'bad-\\377.txt' | xargs touch && ls"));
        QVERIFY2(made.content.value(QStringLiteral("stdout")).toString().contains(QStringLiteral("bad-")),
                 qPrintable(QJsonDocument(made.content).toJson()));
        denied(call("read_file", {{"path", QString::fromUtf8("bad-\xff.txt")}}), "UTF-8");
    }
    void privilegeEscalationCommand()
    {
        denied(call("run_command", {{"command", "sudo touch /etc/harness-pwned"}}), "deny");
    }
    void commandSubstitutionNeedsApproval()
    {
        denied(call("run_command", {{"command", "echo $(cat /etc/shadow)"}}), "needs approval");
        QCOMPARE(m_sink.count(QStringLiteral("permission_ask")), 1);
    }
    void writeGateClosedBlocksCommands()
    {
        m_tools->setWriteAllowed(false);
        denied(call("run_command", {{"command", "touch /tmp/harness-pwned"}}), "plan is approved");
    }

private:
    ToolResult call(const char *tool, std::initializer_list<std::pair<const char *, QJsonValue>> args)
    {
        QJsonObject o;
        for (const auto &kv : args)
            o.insert(QLatin1String(kv.first), kv.second);
        return m_tools->execute(QLatin1String(tool), o);
    }
    ToolResult command(const QString &cmd) { return call("run_command", {{"command", cmd}}); }
    // A tool refused by the permission layer: not ok, a reason, no secret in the result, a denial event.
    void denied(const ToolResult &r, const QString &reasonPart, const QString &secret = QString())
    {
        QVERIFY2(!r.ok, qPrintable(QJsonDocument(r.toJson()).toJson()));
        QVERIFY2(r.error.contains(reasonPart, Qt::CaseInsensitive), qPrintable(r.error));
        if (!secret.isEmpty())
            QVERIFY(!QJsonDocument(r.toJson()).toJson().contains(secret.toUtf8()));
        QVERIFY(m_sink.count(QStringLiteral("permission_denied")) >= 1);
        QVERIFY(!m_sink.ofKind(QStringLiteral("tool_call"))
                         .last()
                         .payload.value(QStringLiteral("ok"))
                         .toBool());
    }
    // A command the profile allows but the sandbox contains: it fails, and the call is an event.
    void contained(const ToolResult &r, bool mayExitZero = false)
    {
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.content.value(QStringLiteral("sandboxed")).toBool());
        if (!mayExitZero)
            QVERIFY2(r.content.value(QStringLiteral("exit_code")).toInt() != 0,
                     qPrintable(QJsonDocument(r.content).toJson()));
        const QList<Event> calls = m_sink.ofKind(QStringLiteral("tool_call"));
        QVERIFY(!calls.isEmpty());
        QCOMPARE(calls.last().payload.value(QStringLiteral("tool")).toString(),
                 QStringLiteral("run_command"));
        QVERIFY(calls.last().payload.contains(QStringLiteral("exit_code")));
    }

    QByteArray m_oldHome;
    std::unique_ptr<QTemporaryDir> m_visible;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root, m_home, m_repo, m_tree, m_commonDir;
    CollectingSink m_sink;
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<ToolExecutor> m_tools;
    QMap<QString, QByteArray> m_before;
    QMap<QString, QByteArray> m_visibleBefore;
};

QTEST_GUILESS_MAIN(TestSecuritySuite)
#include "tst_securitysuite.moc"
