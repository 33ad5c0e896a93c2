// Tests for Sandbox with the real bubblewrap: exit codes, a writable worktree in a read-only system,
// limits (time, output, command size), the scrubbed environment, no network, a refusal when bwrap is
// missing, and a gate-style shell command that compiles and runs a program.
#include "runtime/sandbox.h"
#include "runtimetesthelpers.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace harness;
using namespace harness::testing;

class TestSandbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const SandboxStatus s = Sandbox::probe();
        QVERIFY2(s.available, qPrintable(s.reason));
        QVERIFY(!s.version.isEmpty());
        QVERIFY(s.executable.endsWith(QStringLiteral("bwrap")));
    }
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        m_sink.clear();
        m_tree = m_dir->path() + QStringLiteral("/tree");
        QDir().mkpath(m_tree + QStringLiteral("/sub"));
    }
    Sandbox sandbox(bool network = false)
    {
        Q_UNUSED(network)
        SandboxConfig c;
        c.worktreeRoot = m_tree;
        c.events = &m_sink;
        c.runId = QStringLiteral("R1");
        return Sandbox(c);
    }

    void exitCodes_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("true") << "true" << 0;
        QTest::newRow("false") << "false" << 1;
        QTest::newRow("exit 3") << "exit 3" << 3;
    }
    void exitCodes()
    {
        QFETCH(QString, command);
        QFETCH(int, exitCode);
        const CommandResult r = sandbox().runShell(command, 10000);
        QVERIFY2(r.started, qPrintable(r.error));
        QVERIFY(r.sandboxed);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY(!r.timedOut);
    }
    void argvAndCwd()
    {
        CommandSpec spec;
        spec.argv = {QStringLiteral("pwd")};
        spec.cwd = QStringLiteral("sub");
        const CommandResult r = sandbox().run(spec);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.stdoutData).trimmed(),
                 QFileInfo(m_tree + QStringLiteral("/sub")).canonicalFilePath());
    }
    void cwdOutsideRefused()
    {
        CommandSpec spec;
        spec.argv = {QStringLiteral("pwd")};
        spec.cwd = QStringLiteral("../");
        const CommandResult r = sandbox().run(spec);
        QVERIFY(!r.started);
        QVERIFY(r.error.contains(QStringLiteral("working directory")));
    }
    void worktreeWritableSystemReadOnly()
    {
        const CommandResult r = sandbox().runShell(
                QStringLiteral("echo made > sub/out.txt && touch /usr/harness-probe; echo $? > ro.txt; "
                               "echo tmp > /tmp/inside.txt && cat /tmp/inside.txt"),
                10000);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(readFile(m_tree + QStringLiteral("/sub/out.txt")), QByteArray("made\n"));
        QVERIFY(readFile(m_tree + QStringLiteral("/ro.txt")).trimmed() != "0");
        QVERIFY(!QFile::exists(QStringLiteral("/usr/harness-probe")));
        QCOMPARE(r.stdoutData, QByteArray("tmp\n")); // /tmp is writable inside ...
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/inside.txt"))); // ... and private to the sandbox
    }
    void hidesHomeAndSessionBus()
    {
        const CommandResult r =
                sandbox().runShell(QStringLiteral("ls -A /root | wc -l; ls -A /home | wc -l; test -e "
                                                  "/run/user && ls -A /run/user | wc -l"),
                                   10000);
        const QList<QByteArray> counts = r.stdoutData.trimmed().split('\n');
        for (const QByteArray &c : counts)
            QCOMPARE(c.trimmed(), QByteArray("0"));
    }
    void timeLimit()
    {
        QElapsedTimer t;
        t.start();
        const CommandResult r = sandbox().runShell(QStringLiteral("sleep 30"), 300);
        QVERIFY(r.timedOut);
        QCOMPARE(r.exitCode, -1);
        QVERIFY(t.elapsed() < 5000);
        QVERIFY(r.error.contains(QStringLiteral("time limit")));
    }
    void cancelStopsTheCommandAndItsChildren()
    {
        // A pause or abort sets the flag from another thread while a gate runs: the command, and the
        // process it started in the background, stop at once.
        std::atomic_bool cancel {false};
        std::thread pauser([&cancel] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            cancel.store(true);
        });
        QElapsedTimer t;
        t.start();
        CommandSpec spec;
        spec.shell = QStringLiteral("sleep 60 & echo started; sleep 60");
        spec.timeoutMs = 60000;
        spec.cancel = &cancel;
        const CommandResult r = sandbox().run(spec);
        pauser.join();
        QVERIFY(r.started);
        QVERIFY(r.cancelled);
        QVERIFY(!r.timedOut);
        QCOMPARE(r.exitCode, -1);
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(r.stdoutData.trimmed(), QByteArray("started"));
        QVERIFY(r.toJson().value(QStringLiteral("cancelled")).toBool());
        // A flag that is never set changes nothing.
        std::atomic_bool idle {false};
        spec.shell = QStringLiteral("echo done");
        spec.cancel = &idle;
        const CommandResult done = sandbox().run(spec);
        QCOMPARE(done.exitCode, 0);
        QVERIFY(!done.cancelled);
    }
    void outputCap()
    {
        QElapsedTimer t;
        t.start();
        CommandSpec spec;
        spec.shell = QStringLiteral("yes flood");
        spec.timeoutMs = 20000;
        spec.outputCap = 10000;
        const CommandResult r = sandbox().run(spec);
        QVERIFY(r.outputTruncated);
        QVERIFY(!r.timedOut);
        QVERIFY(r.stdoutData.size() + r.stderrData.size() <= 10000);
        QVERIFY(t.elapsed() < 10000);
    }
    void gateOutputKeepsHeadAndTail()
    {
        // A gate command is not killed for talking too much: it finishes, and the start and end stay.
        const CommandResult r =
                sandbox().runShell(QStringLiteral("seq 1 200000; echo FINAL-SUMMARY >&2"), 30000, 100000);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.succeeded());
        QVERIFY(r.outputTruncated);
        QVERIFY(r.droppedBytes > 1000000);
        QVERIFY(r.stdoutData.size() + r.stderrData.size() <= 100000);
        QVERIFY(r.stdoutData.startsWith("1\n2\n3\n"));
        QVERIFY(r.stdoutData.endsWith("199999\n200000\n"));
        QVERIFY(r.stderrData.contains("FINAL-SUMMARY"));
    }
    void environmentScrubbed()
    {
        qputenv("OPENAI_API_KEY", "sk-test-leak-1234");
        qputenv("GITHUB_TOKEN", "ghp-test-leak-5678");
        CommandSpec spec;
        spec.shell = QStringLiteral("env");
        spec.env.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-ant-leak"));
        spec.env.insert(QStringLiteral("BUILD_TYPE"), QStringLiteral("Debug"));
        const CommandResult r = sandbox().run(spec);
        qunsetenv("OPENAI_API_KEY");
        qunsetenv("GITHUB_TOKEN");
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.stdoutData.contains("leak"));
        QVERIFY(r.stdoutData.contains("BUILD_TYPE=Debug"));
        QVERIFY(r.stdoutData.contains("HOME=/tmp"));
        QVERIFY(r.stdoutData.contains("PATH="));
    }
    void looksSecret_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("secret");
        QTest::newRow("openai") << "OPENAI_API_KEY" << true;
        QTest::newRow("token") << "GITHUB_TOKEN" << true;
        QTest::newRow("password") << "PGPASSWORD" << true;
        QTest::newRow("aws") << "AWS_SECRET_ACCESS_KEY" << true;
        QTest::newRow("dbus") << "DBUS_SESSION_BUS_ADDRESS" << true;
        QTest::newRow("ssh agent") << "SSH_AUTH_SOCK" << true;
        QTest::newRow("path") << "PATH" << false;
        QTest::newRow("cc") << "CC" << false;
    }
    void looksSecret()
    {
        QFETCH(QString, name);
        QFETCH(bool, secret);
        QCOMPARE(Sandbox::looksSecret(name), secret);
    }
    void noNetworkUnlessAllowed()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QString cmd = QStringLiteral("echo leak > /dev/tcp/127.0.0.1/%1").arg(server.serverPort());
        CommandSpec spec;
        spec.argv = {QStringLiteral("bash"), QStringLiteral("-c"), cmd};
        const CommandResult closed = sandbox().run(spec);
        QVERIFY(closed.exitCode != 0);
        QVERIFY(!server.waitForNewConnection(300));
        // Network on for every public host still keeps the host's loopback out (it used to share the
        // host's namespace, and so its loopback listeners and abstract sockets).
        spec.network = true;
        const CommandResult open = sandbox().run(spec);
        QVERIFY(open.exitCode != 0);
        QVERIFY(!server.waitForNewConnection(300));
        // Positive control: allow-listed by host and port, the same command reaches the listener.
        spec.network = NetworkPolicy::proxy(
                {*HostRule::parse(QStringLiteral("127.0.0.1:%1").arg(server.serverPort()))});
        const CommandResult allowed = sandbox().run(spec);
        QCOMPARE(allowed.exitCode, 0);
        QVERIFY(server.waitForNewConnection(3000));
        QTcpSocket *s = server.nextPendingConnection();
        QVERIFY(s);
        if (!s->bytesAvailable())
            s->waitForReadyRead(2000);
        QCOMPARE(s->readAll(), QByteArray("leak\n"));
    }
    void longCommandRunsFromAFile()
    {
        // 200 KB used to fail with E2BIG (one argument may be at most 128 KiB).
        QString script = QStringLiteral("n=0\n");
        while (script.size() < 200 * 1024)
            script += QStringLiteral("n=$((n+1)) # padding padding padding padding padding padding\n");
        script += QStringLiteral("echo \"$n lines\"; cat");
        CommandSpec spec;
        spec.shell = script;
        spec.stdinData = "the command's own stdin\n";
        const CommandResult r = sandbox().run(spec);
        QVERIFY2(r.started, qPrintable(r.error));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.stdoutData.endsWith(" lines\nthe command's own stdin\n"));
        QVERIFY(r.stdoutData.startsWith(QByteArray::number(script.count(QLatin1Char('\n')) - 1) + " lines"));
        // The same without a sandbox (a project's opt-in) takes the same path.
        SandboxConfig bare;
        bare.worktreeRoot = m_tree;
        bare.bwrapPath = QStringLiteral("/nonexistent/bwrap");
        bare.allowUnsandboxed = true;
        const CommandResult unsandboxed = Sandbox(bare).run(spec);
        QCOMPARE(unsandboxed.exitCode, 0);
        QCOMPARE(unsandboxed.stdoutData, r.stdoutData);
    }
    void commandOverTheLimitIsRefused()
    {
        CommandSpec spec;
        spec.shell = QString(int(Sandbox::kMaxCommandBytes) + 1, QLatin1Char('#'));
        CommandResult r = sandbox().run(spec);
        QVERIFY(!r.started);
        QVERIFY2(r.error.contains(QStringLiteral("limited to 1048576 bytes (1 MiB)")), qPrintable(r.error));
        spec.shell.chop(1); // exactly the limit: a comment the shell reads and ignores
        r = sandbox().run(spec);
        QVERIFY2(r.started, qPrintable(r.error));
        QCOMPARE(r.exitCode, 0);
        // One argv element past the kernel's limit is refused with a message, not E2BIG.
        spec.shell.clear();
        spec.argv = {QStringLiteral("echo"), QString(200 * 1024, QLatin1Char('x'))};
        r = sandbox().run(spec);
        QVERIFY(!r.started);
        QVERIFY2(r.error.contains(QStringLiteral("per argument")), qPrintable(r.error));
    }
    void refusesWithoutBubblewrap()
    {
        SandboxConfig c;
        c.worktreeRoot = m_tree;
        c.bwrapPath = QStringLiteral("/nonexistent/bwrap");
        c.events = &m_sink;
        const SandboxStatus status = Sandbox::probe(c.bwrapPath);
        QVERIFY(!status.available);
        QVERIFY(status.reason.contains(QStringLiteral("bubblewrap")));
        const CommandResult r = Sandbox(c).runShell(QStringLiteral("echo ran > ran.txt"), 5000);
        QVERIFY(!r.started);
        QVERIFY(r.error.contains(QStringLiteral("Refusing")));
        QVERIFY(!QFile::exists(m_tree + QStringLiteral("/ran.txt")));
        QCOMPARE(m_sink.count(QStringLiteral("sandbox_unavailable")), 1);
    }
    void unsandboxedOptInWarnsEveryRun()
    {
        SandboxConfig c;
        c.worktreeRoot = m_tree;
        c.bwrapPath = QStringLiteral("/nonexistent/bwrap");
        c.allowUnsandboxed = true;
        c.events = &m_sink;
        const Sandbox box(c);
        for (int i = 0; i < 2; ++i) {
            const CommandResult r = box.runShell(QStringLiteral("echo ran"), 5000);
            QVERIFY(r.started);
            QVERIFY(!r.sandboxed);
            QVERIFY(r.warning.contains(QStringLiteral("WITHOUT a sandbox")));
        }
        QCOMPARE(m_sink.count(QStringLiteral("sandbox_bypassed")), 2);
    }
    void gateCommandBuildsWithCompiler()
    {
        writeFile(m_tree + QStringLiteral("/hello.c"),
                  "#include <stdio.h>\nint main(void) { puts(\"built inside\"); return 0; }\n");
        const CommandResult r = sandbox().runShell(QStringLiteral("cc -o hello hello.c && ./hello"), 60000);
        QVERIFY2(r.exitCode == 0, r.stderrData.constData());
        QCOMPARE(r.stdoutData, QByteArray("built inside\n"));
        QVERIFY(QFile::exists(m_tree + QStringLiteral("/hello")));
    }
    void protectedHarnessDirCannotBeCreated()
    {
        const CommandResult r = sandbox().runShell(
                QStringLiteral("mkdir -p .harness && echo x > .harness/rules.json"), 10000);
        QVERIFY(r.exitCode != 0);
        QVERIFY(!QFile::exists(m_tree + QStringLiteral("/.harness/rules.json")));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_tree;
    CollectingSink m_sink;
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
