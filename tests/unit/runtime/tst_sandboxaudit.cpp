// The sandbox's write audit with the real bubblewrap and a real seccomp filter: a shell started through
// SandboxLaunch (as an external agent is) tries to write into its read-only worktree (echo >, mkdir, mv,
// ln -s, touch), into .git and outside its writable paths; each attempt is a sandbox_write_refused event
// naming the path, the call, the process and why, and nothing changed on disk. Writes to its home, /tmp
// and /dev/null record nothing; io_uring (which would write beside seccomp) is refused; once the worktree is
// writable, writing there records nothing either; a loop of refused writes records kMaxRefusedEvents events,
// the last saying more were not recorded. The cost of the audit is printed: a write-heavy command with and
// without it.
#include "core/events/toolevents.h"
#include "runtime/sandbox.h"
#include "runtime/sandboxaudit.h"
#include "runtime/sandboxlaunch.h"
#include "runtimetesthelpers.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <fcntl.h>
#include <sys/resource.h>

using namespace harness;
using namespace harness::testing;

namespace {
struct Ran
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 ms = 0;
};

// Starts the launch as the executors do (its descriptors kept across exec) and waits for it.
Ran runLaunch(const SandboxLaunch &launch)
{
    Ran r;
    QProcess p;
    p.setProgram(launch.program());
    p.setArguments(launch.arguments());
    p.setProcessEnvironment(launch.environment());
    std::array<int, 16> keep {};
    const QList<int> fds = launch.inheritableFds();
    const size_t count = std::min<size_t>(keep.size(), size_t(fds.size()));
    std::copy_n(fds.cbegin(), count, keep.begin());
    p.setChildProcessModifier([keep, count] {
        for (size_t i = 0; i < count; ++i)
            ::fcntl(keep[i], F_SETFD, 0);
    });
    QElapsedTimer clock;
    clock.start();
    p.start();
    if (!p.waitForFinished(30000))
        p.kill();
    r.ms = clock.elapsed();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

qint64 cpuMicros()
{
    rusage u {};
    ::getrusage(RUSAGE_SELF, &u);
    return qint64(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000000 + u.ru_utime.tv_usec + u.ru_stime.tv_usec;
}

} // namespace

class TestSandboxAudit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        const SandboxStatus s = Sandbox::probe();
        QVERIFY2(s.available, qPrintable(s.reason));
        auto launcher = SandboxAudit::launcher();
        QVERIFY2(launcher, qPrintable(launcher.errorText()));
    }
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        m_sink.clear();
        m_tree = QFileInfo(m_dir->path()).canonicalFilePath() + QStringLiteral("/tree");
        m_home = QFileInfo(m_dir->path()).canonicalFilePath() + QStringLiteral("/home");
        makeRepo(m_tree);
        writeFile(m_tree + QStringLiteral("/ro/file"), "original\n");
        writeFile(m_tree + QStringLiteral("/.harness/policy.json"), "{}\n");
        QDir().mkpath(m_home);
    }

    Sandbox sandbox(bool worktreeReadOnly)
    {
        SandboxConfig c;
        c.worktreeRoot = m_tree;
        c.worktreeReadOnly = worktreeReadOnly;
        c.writablePaths = {m_home};
        c.events = &m_sink;
        c.runId = QStringLiteral("R1");
        return Sandbox(c);
    }

    Ran shell(const Sandbox &box, const QString &script)
    {
        SandboxLaunch::Options options;
        options.argv = {QStringLiteral("/bin/sh"), QStringLiteral("-c"), script};
        options.env.insert(QStringLiteral("HOME"), m_home);
        auto launch = SandboxLaunch::make(box, options);
        if (!launch) {
            Ran failed;
            failed.err = launch.errorText().toUtf8();
            return failed;
        }
        Ran r = runLaunch(**launch);
        const SandboxAudit *audit = (*launch)->audit();
        r.out += QByteArray("\n[notifications: ") +
                QByteArray::number(audit ? audit->notificationCount() : -1) + "]";
        return r;
    }

    QList<SandboxWriteRefusedPayload> refusals() const
    {
        QList<SandboxWriteRefusedPayload> out;
        for (const Event &e : m_sink.ofKind(QString(kinds::SandboxWriteRefused))) {
            auto p = readPayload<SandboxWriteRefusedPayload>(e);
            if (p)
                out << *p;
        }
        return out;
    }

    // The read-only worktree before the approval: each write is refused by the mounts and audited.
    void writesIntoTheReadOnlyTreeAreAudited()
    {
        const auto before = treeSnapshot(m_tree);
        const Ran r =
                shell(sandbox(true),
                      QStringLiteral("cd %1\n"
                                     "echo x > ro/file\n"
                                     "echo y > ro/new\n"
                                     "mkdir ro/d\n"
                                     "mv ro/file ro/moved\n"
                                     "ln -s file ro/link\n"
                                     "touch ro/file\n"
                                     "echo z > .git/evil\n"
                                     "echo u > /usr/evil\n"
                                     "echo h > \"$HOME/ok\"\n"
                                     "echo t > /tmp/ok\n"
                                     "cat ro/file > /dev/null\n"
                                     "python3 -c 'import ctypes; l = ctypes.CDLL(None, use_errno=True); "
                                     "print(\"io_uring\", l.syscall(425, 1, "
                                     "ctypes.create_string_buffer(120)), ctypes.get_errno())'\n"
                                     "echo done\n")
                              .arg(m_tree));
        QVERIFY2(r.out.contains("done"), r.err.constData());
        QVERIFY2(r.err.contains("Read-only file system"), r.err.constData());
        QVERIFY2(r.out.contains("io_uring -1 38"), r.out.constData()); // ENOSYS: it would bypass the audit
        QCOMPARE(treeSnapshot(m_tree), before); // nothing changed in the tree
        QCOMPARE(readFile(m_home + QStringLiteral("/ok")), QByteArray("h\n")); // its home is writable

        const QList<SandboxWriteRefusedPayload> events = refusals();
        QHash<QString, SandboxWriteRefusedPayload> byPath;
        QStringList seen;
        for (const SandboxWriteRefusedPayload &p : events) {
            byPath.insert(p.path, p);
            seen << QStringLiteral("%1 %2 %3 (%4): %5")
                            .arg(p.syscall, p.path, p.comm)
                            .arg(p.pid)
                            .arg(p.reason);
            QVERIFY(p.pid > 0);
            QVERIFY(!p.comm.isEmpty());
            QVERIFY(!p.furtherNotRecorded);
        }
        const QString story = seen.join(QLatin1Char('\n')) + QStringLiteral("\n") + QString::fromUtf8(r.out);
        const QString readOnly = QStringLiteral("the worktree is read-only until the plan is approved");
        for (const char *rel : {"ro/file", "ro/new", "ro/d", "ro/link"}) {
            const QString path = m_tree + QLatin1Char('/') + QString::fromLatin1(rel);
            QVERIFY2(byPath.contains(path), qPrintable(path + QStringLiteral(" not audited:\n") + story));
            QCOMPARE(byPath.value(path).reason, readOnly);
        }
        QCOMPARE(byPath.value(m_tree + QStringLiteral("/ro/d")).comm, QStringLiteral("mkdir"));
        QVERIFY2(byPath.value(m_tree + QStringLiteral("/ro/d")).syscall.startsWith(QStringLiteral("mkdir")),
                 qPrintable(story));
        QVERIFY2(byPath.value(m_tree + QStringLiteral("/ro/link"))
                         .syscall.startsWith(QStringLiteral("symlink")),
                 qPrintable(story));
        QVERIFY2(seen.filter(QStringLiteral("mv")).size() >= 1 &&
                         seen.filter(QStringLiteral("rename")).size() >= 1,
                 qPrintable(story));
        QVERIFY2(seen.filter(QStringLiteral(" touch ")).size() >= 1, qPrintable(story));
        QCOMPARE(byPath.value(m_tree + QStringLiteral("/.git/evil")).reason,
                 QStringLiteral(".git is read-only"));
        QCOMPARE(byPath.value(QStringLiteral("/usr/evil")).reason,
                 QStringLiteral("outside the sandbox's writable paths"));
        // What the sandbox lets it write is no event.
        for (const SandboxWriteRefusedPayload &p : events)
            QVERIFY2(!p.path.startsWith(m_home) && !p.path.startsWith(QStringLiteral("/tmp/ok")) &&
                             !p.path.startsWith(QStringLiteral("/dev/")),
                     qPrintable(story));
    }

    // After the approval: the worktree is writable and unaudited; .harness stays read-only and audited.
    void writableWorktreeRecordsOnlyProtectedPaths()
    {
        const Ran r = shell(sandbox(false),
                            QStringLiteral("cd %1\n"
                                           "echo x > ro/file\n"
                                           "mkdir ro/d && mv ro/d ro/e\n"
                                           "echo p > .harness/policy.json\n"
                                           "echo done\n")
                                    .arg(m_tree));
        QVERIFY2(r.out.contains("done"), r.err.constData());
        QCOMPARE(readFile(m_tree + QStringLiteral("/ro/file")), QByteArray("x\n"));
        QVERIFY(QFileInfo(m_tree + QStringLiteral("/ro/e")).isDir());
        QCOMPARE(readFile(m_tree + QStringLiteral("/.harness/policy.json")), QByteArray("{}\n"));
        const QList<SandboxWriteRefusedPayload> events = refusals();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().path, m_tree + QStringLiteral("/.harness/policy.json"));
        QCOMPARE(events.first().reason, QStringLiteral(".harness is read-only"));
    }

    // A loop of refused writes: the first kMaxRefusedEvents are recorded, the last saying so.
    void refusalsAreCappedPerLaunch()
    {
        const Ran r = shell(sandbox(true),
                            QStringLiteral("cd %1; i=0; while [ $i -lt 30 ]; do "
                                           "echo x > ro/f$i 2>/dev/null; i=$((i+1)); done; "
                                           "echo done")
                                    .arg(m_tree));
        QVERIFY2(r.out.contains("done"), r.err.constData());
        const QList<SandboxWriteRefusedPayload> events = refusals();
        QCOMPARE(events.size(), SandboxAudit::kMaxRefusedEvents);
        for (int i = 0; i < events.size(); ++i)
            QCOMPARE(events.at(i).furtherNotRecorded, i == events.size() - 1);
        QVERIFY(!QFileInfo::exists(m_tree + QStringLiteral("/ro/f0")));
    }

    // A hostile process: paths the kernel resolves differently from a lexical reading (a symbolic link
    // followed by "..", a directory name that is not UTF-8, openat2's RESOLVE_IN_ROOT, a dangling link to
    // a new file), a socket bound into
    // the worktree, and a name and a process name full of terminal escapes. Each refused write is an event
    // naming where it really landed, printable; nothing changed on disk.
    void hostilePathsAreResolvedAsTheKernelDoes()
    {
        writeFile(m_home + QStringLiteral("/hostile.py"),
                  "import ctypes, os, socket, struct, sys\n"
                  "tree = sys.argv[1].encode()\n"
                  "libc = ctypes.CDLL(None, use_errno=True)\n"
                  "def attempt(label, f):\n"
                  "    try:\n"
                  "        f()\n"
                  "        print(label, \"WROTE\")\n"
                  "    except OSError as e:\n"
                  "        print(label, e.errno)\n"
                  "os.symlink(tree + b\"/ro\", b\"/tmp/l\")\n"
                  "os.makedirs(b\"/tmp/.git/x\")  # where a lexical \"/tmp/l/../.git\" would land\n"
                  "attempt(\"dotdot\", lambda: open(b\"/tmp/l/../.git/config\", \"w\"))\n"
                  "os.symlink(tree + b\"/ro\", b\"/tmp/\\xff\")\n"
                  "attempt(\"utf8\", lambda: open(b\"/tmp/\\xff/file\", \"r+\"))\n"
                  "def openat2():\n"
                  "    fd = os.open(tree + b\"/.git\", os.O_PATH | os.O_DIRECTORY)\n"
                  "    how = ctypes.create_string_buffer(struct.pack(\"QQQ\", os.O_WRONLY, 0, 0x10), 24)  # "
                  "RESOLVE_IN_ROOT\n"
                  "    if libc.syscall(437, fd, b\"/HEAD\", how, 24) < 0:\n"
                  "        raise OSError(ctypes.get_errno(), \"openat2\")\n"
                  "attempt(\"openat2\", openat2)\n"
                  "os.symlink(tree + b\"/ro/made-through-a-link\", b\"/tmp/dangling\")\n"
                  "attempt(\"dangling\", lambda: open(b\"/tmp/dangling\", \"w\"))\n"
                  "attempt(\"bind\", lambda: socket.socket(socket.AF_UNIX).bind(tree + b\"/ro/sock\"))\n"
                  "socket.socket(socket.AF_UNIX).bind(b\"\\0abstract\")  # no file: no event\n"
                  "socket.socket(socket.AF_INET).bind((\"127.0.0.1\", 0))\n"
                  "libc.prctl(15, b\"\\x1b]0;pwn\\x07\\n\", 0, 0, 0)  # PR_SET_NAME\n"
                  "attempt(\"escapes\", lambda: open(tree + b\"/ro/a\\x1b[2Jb\\nc\\xfe\\xe2\\x80\\xae\", "
                  "\"w\"))\n"
                  "print(\"done\")\n");
        const auto before = treeSnapshot(m_tree);
        const Ran r = shell(sandbox(true), QStringLiteral("python3 \"$HOME/hostile.py\" %1").arg(m_tree));
        QVERIFY2(r.out.contains("done"), r.err.constData());
        QVERIFY2(!r.out.contains("WROTE"), r.out.constData());
        QCOMPARE(treeSnapshot(m_tree), before);
        QHash<QString, SandboxWriteRefusedPayload> byPath;
        QString story = QString::fromUtf8(r.out);
        for (const SandboxWriteRefusedPayload &p : refusals()) {
            byPath.insert(p.path, p);
            story += QStringLiteral("\n%1 %2 %3: %4").arg(p.syscall, p.path, p.comm, p.reason);
            for (const QString &text : {p.path, p.comm})
                for (const QChar c : text)
                    QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f && c.unicode() != 0x202e,
                             qPrintable(QStringLiteral("unprintable in ") + story));
        }
        QVERIFY2(byPath.value(m_tree + QStringLiteral("/.git/config")).reason ==
                         QStringLiteral(".git is read-only"),
                 qPrintable(story));
        QVERIFY2(byPath.contains(m_tree + QStringLiteral("/ro/file")), qPrintable(story));
        QVERIFY2(byPath.value(m_tree + QStringLiteral("/.git/HEAD")).syscall == QStringLiteral("openat2"),
                 qPrintable(story));
        QVERIFY2(byPath.contains(m_tree + QStringLiteral("/ro/made-through-a-link")), qPrintable(story));
        QVERIFY2(byPath.value(m_tree + QStringLiteral("/ro/sock")).syscall == QStringLiteral("bind"),
                 qPrintable(story));
        const QString escaped = m_tree + QStringLiteral("/ro/a\\x1b[2Jb\\nc\\xfe\\u202e");
        QVERIFY2(byPath.contains(escaped), qPrintable(story));
        QCOMPARE(byPath.value(escaped).comm, QStringLiteral("\\x1b]0;pwn\\x07\\n"));
        QVERIFY2(byPath.size() == 6, qPrintable(story));
    }

    // A storm: processes whose threads write (refused and allowed) and exit mid-call, forking as they
    // go. The harness neither hangs nor leaks a descriptor; the events stop at the cap.
    void writeStormNeitherHangsNorLeaks()
    {
        writeFile(m_home + QStringLiteral("/storm.py"),
                  "import os, sys, threading\n"
                  "tree = sys.argv[1]\n"
                  "def writer(n):\n"
                  "    for i in range(100):\n"
                  "        for path in (tree + \"/ro/s%d\" % (i % 7), os.environ[\"HOME\"] + \"/w%d\" % n, "
                  "\"/tmp/t%d\" % n):\n"
                  "            try:\n"
                  "                open(path, \"w\").close()\n"
                  "            except OSError:\n"
                  "                pass\n"
                  "kids = []\n"
                  "for p in range(6):\n"
                  "    pid = os.fork()\n"
                  "    if pid == 0:\n"
                  "        ts = [threading.Thread(target=writer, args=(p * 10 + t,)) for t in range(4)]\n"
                  "        for t in ts: t.start()\n"
                  "        ts[0].join()\n"
                  "        os._exit(0)  # the other threads die mid-call\n"
                  "    kids.append(pid)\n"
                  "for pid in kids: os.waitpid(pid, 0)\n"
                  "print(\"done\")\n");
        const int fdsBefore = QDir(QStringLiteral("/proc/self/fd"))
                                      .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                                      .size();
        const Ran r = shell(sandbox(true), QStringLiteral("python3 \"$HOME/storm.py\" %1").arg(m_tree));
        QVERIFY2(r.out.contains("done"), r.err.constData());
        qInfo("storm: %lld ms, %s", r.ms, r.out.mid(r.out.indexOf('[')).constData());
        QCOMPARE(QDir(QStringLiteral("/proc/self/fd"))
                         .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                         .size(),
                 fdsBefore);
        const QList<SandboxWriteRefusedPayload> events = refusals();
        QCOMPARE(events.size(), SandboxAudit::kMaxRefusedEvents);
        for (const SandboxWriteRefusedPayload &p : events)
            QVERIFY2(p.path.startsWith(m_tree + QStringLiteral("/ro/s")), qPrintable(p.path));
        QVERIFY(!QFileInfo::exists(m_tree + QStringLiteral("/ro/s0")));
    }

    // The audit's cost: a write-heavy command under SandboxLaunch (audited) and the same command through
    // Sandbox::run (the same bubblewrap, no audit). Printed, not asserted (the machine is shared).
    void costIsPrinted()
    {
        constexpr int kWrites = 1000;
        // 1,000 files created or truncated by the shell itself (no process per write): each open is one
        // notification.
        const QString heavy = QStringLiteral("cd %1; i=0; while [ $i -lt %2 ]; do echo x > f$((i % 500)); "
                                             "i=$((i+1)); done; echo done")
                                      .arg(m_home)
                                      .arg(kWrites);
        const Ran start = shell(sandbox(true), QStringLiteral("true"));
        QCOMPARE(start.exitCode, 0);
        // The harness's own CPU time during the audited run is almost all the supervisor's.
        const qint64 cpuBefore = cpuMicros();
        const Ran audited = shell(sandbox(true), heavy);
        const qint64 supervisorUs = cpuMicros() - cpuBefore;
        QVERIFY2(audited.out.contains("done"), audited.err.constData());
        QDir(m_home).removeRecursively();
        QDir().mkpath(m_tree + QStringLiteral("/w"));
        QElapsedTimer clock;
        clock.start();
        const CommandResult bare =
                sandbox(false).runShell(QString(heavy).replace(m_home, m_tree + QStringLiteral("/w")), 60000);
        const qint64 bareMs = clock.elapsed();
        QVERIFY2(bare.stdoutData.contains("done"), bare.stderrData.constData());
        clock.restart();
        const CommandResult bareStart = sandbox(false).runShell(QStringLiteral("true"), 10000);
        const qint64 bareStartMs = clock.elapsed();
        QCOMPARE(bareStart.exitCode, 0);
        qInfo("start: %lld ms audited, %lld ms without; %d writes: %lld ms audited (%s; the harness's CPU "
              "%lld us, %.1f us a write), %lld ms without",
              start.ms, bareStartMs, kWrites, audited.ms,
              audited.out.mid(audited.out.indexOf('[')).constData(), supervisorUs,
              double(supervisorUs) / kWrites, bareMs);
        QCOMPARE(refusals().size(), 0);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    CollectingSink m_sink;
    QString m_tree;
    QString m_home;
};

QTEST_GUILESS_MAIN(TestSandboxAudit)
#include "tst_sandboxaudit.moc"
