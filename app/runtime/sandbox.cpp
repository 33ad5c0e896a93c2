// bubblewrap command line construction, environment scrubbing and bounded process execution.
#include "sandbox.h"
#include "core/events/toolevents.h"
#include "core/eventsink.h"
#include "core/gitrunner.h"
#include "core/hostenvironment.h"
#include "gitdirlayout.h"
#include "memoryfiles.h"
#include "networkproxy.h"
#include "pathguard.h"
#include "pidlimit.h"
#include "sandboxgitview.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>
#include <array>
#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace harness {

namespace {
constexpr int kPollMs = 10;

QString canonical(const QString &path)
{
    const QString c = QFileInfo(path).canonicalFilePath();
    return c.isEmpty() ? QDir::cleanPath(QFileInfo(path).absoluteFilePath()) : c;
}

bool isRealDir(const QString &path)
{
    const QFileInfo info(path);
    return info.isDir() && !info.isSymLink();
}

// Directories a sandboxed command never sees: home directories (with ~/.ssh, keyrings, other checkouts),
// per-user runtime dirs (D-Bus session, keyring sockets), the system bus, removable media, ssh host keys.
QStringList defaultHiddenDirs()
{
    QStringList dirs {
            QStringLiteral("/home"),     QStringLiteral("/root"),        QStringLiteral("/run/user"),
            QStringLiteral("/run/dbus"), QStringLiteral("/run/secrets"), QStringLiteral("/media"),
            QStringLiteral("/mnt"),      QStringLiteral("/etc/ssh"),     QStringLiteral("/var/mail")};
    const QString home = QDir::homePath();
    if (!home.isEmpty() && home != QLatin1String("/"))
        dirs << canonical(home);
    return dirs;
}
const QStringList kHiddenFiles {QStringLiteral("/etc/shadow"), QStringLiteral("/etc/gshadow"),
                                QStringLiteral("/etc/sudoers")};

// Drops the middle of data so that at most `limit` bytes remain: a quarter from the start, the rest
// from the end (where compilers and test runners put their summary).
// What the command wrote since the last read, into the result and to the spec's listener (called after
// every read, also with nothing new, so it may set the spec's cancel flag).
void readPieces(QProcess &p, const CommandSpec &spec, CommandResult &r)
{
    const QByteArray out = p.readAllStandardOutput();
    const QByteArray err = p.readAllStandardError();
    r.stdoutData += out;
    r.stderrData += err;
    if (spec.onOutput)
        spec.onOutput(out, err);
}

void keepHeadAndTail(QByteArray &data, qint64 limit, qint64 *dropped)
{
    if (data.size() <= limit)
        return;
    static const QByteArray marker("\n[... output cut by the harness ...]\n");
    const qint64 head = limit / 4;
    const qint64 tail = qMax<qint64>(0, limit - head - marker.size());
    *dropped += data.size() - head - tail;
    data = data.left(head) + marker + data.right(tail);
}

// Linux refuses one argument longer than MAX_ARG_STRLEN (32 pages) with E2BIG.
constexpr qint64 kMaxArgumentBytes = 128 * 1024 - 1;

// Refuses a command the kernel or our bound would refuse, with a message saying what to do instead.
QString sizeRefusal(const CommandSpec &spec)
{
    if (!spec.shell.isEmpty()) {
        const qint64 bytes = spec.shell.toUtf8().size();
        if (bytes > Sandbox::kMaxCommandBytes)
            return QStringLiteral("the command is %1 bytes; commands are limited to %2 bytes (1 MiB). Write "
                                  "long scripts to a file in the worktree and run that file.")
                    .arg(bytes)
                    .arg(Sandbox::kMaxCommandBytes);
        return {};
    }
    qint64 total = 0;
    for (const QString &arg : spec.argv) {
        const qint64 bytes = arg.toUtf8().size();
        total += bytes + 1;
        if (bytes > kMaxArgumentBytes)
            return QStringLiteral("an argument of the command is %1 bytes; the system allows at most %2 "
                                  "bytes per argument. Pass large input through a file or stdin.")
                    .arg(bytes)
                    .arg(kMaxArgumentBytes);
    }
    if (total > Sandbox::kMaxCommandBytes)
        return QStringLiteral("the command's arguments are %1 bytes; commands are limited to %2 bytes "
                              "(1 MiB). Pass large input through a file or stdin.")
                .arg(total)
                .arg(Sandbox::kMaxCommandBytes);
    return {};
}

QMutex g_probeMutex;
QHash<QString, SandboxStatus> g_probeCache;
} // namespace

QJsonObject SandboxStatus::toJson() const
{
    return QJsonObject {{QStringLiteral("available"), available},
                        {QStringLiteral("executable"), executable},
                        {QStringLiteral("version"), version},
                        {QStringLiteral("reason"), reason},
                        {QStringLiteral("socat"), socat}};
}

Sandbox::Sandbox(SandboxConfig config) : m_config(std::move(config))
{
    m_root = canonical(m_config.worktreeRoot);
    if (m_config.hooksResolvedFor != m_root) {
        const QString hooks = GitRunner::hooksPathInside(m_root);
        if (!hooks.isEmpty() && !m_config.protectedPaths.contains(hooks))
            m_config.protectedPaths << hooks;
        m_config.hooksResolvedFor = m_root; // a copy of this config needs no second git process
    }
    // A linked worktree's .git is a file "gitdir: <common>/worktrees/<name>"; git inside the sandbox
    // needs that common directory (read-only) to work.
    if (QFileInfo(m_root + QStringLiteral("/.git")).isFile()) {
        const GitDirLayout layout = GitDirLayout::of(m_root);
        if (layout.isValid()) {
            m_gitCommonDir = canonical(layout.commonDir);
            if (m_gitCommonDir.endsWith(QLatin1String("/.git"))) {
                const QString main = m_gitCommonDir.left(m_gitCommonDir.size() - 5);
                if (!main.isEmpty() && main != m_root)
                    m_mainCheckout = main;
            }
        }
    }
}

SandboxStatus Sandbox::probe(const QString &bwrapPath)
{
    QMutexLocker lock(&g_probeMutex);
    const auto cached = g_probeCache.constFind(bwrapPath);
    if (cached != g_probeCache.constEnd())
        return *cached;
    SandboxStatus s;
    s.executable = bwrapPath.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("bwrap")) : bwrapPath;
    if (s.executable.isEmpty() || !QFileInfo(s.executable).isExecutable()) {
        s.reason = QStringLiteral("bubblewrap (bwrap) is not installed or not executable%1; install the "
                                  "\"bubblewrap\" package")
                           .arg(bwrapPath.isEmpty() ? QString() : QStringLiteral(" at ") + bwrapPath);
        s.executable.clear();
        g_probeCache.insert(bwrapPath, s);
        return s;
    }
    QProcess version;
    version.setProcessEnvironment(HostEnvironment::scrubbed()); // bwrap itself runs on the host
    version.start(s.executable, {QStringLiteral("--version")});
    if (!version.waitForFinished(5000) || version.exitCode() != 0) {
        s.reason = QStringLiteral("%1 --version failed: %2").arg(s.executable, version.errorString());
        g_probeCache.insert(bwrapPath, s);
        return s;
    }
    s.version = QString::fromUtf8(version.readAllStandardOutput()).trimmed().section(QLatin1Char(' '), -1);
    QProcess trial;
    trial.setProcessEnvironment(HostEnvironment::scrubbed());
    trial.start(s.executable,
                {QStringLiteral("--ro-bind"), QStringLiteral("/"), QStringLiteral("/"),
                 QStringLiteral("--dev"), QStringLiteral("/dev"), QStringLiteral("--proc"),
                 QStringLiteral("/proc"), QStringLiteral("--unshare-pid"), QStringLiteral("--unshare-net"),
                 QStringLiteral("--die-with-parent"), QStringLiteral("true")});
    if (!trial.waitForFinished(10000) || trial.exitStatus() != QProcess::NormalExit ||
        trial.exitCode() != 0) {
        s.reason =
                QStringLiteral("bubblewrap is installed but cannot create a sandbox here (%1). Unprivileged "
                               "user namespaces may be disabled (kernel.unprivileged_userns_clone) or "
                               "restricted by AppArmor.")
                        .arg(QString::fromUtf8(trial.readAllStandardError()).trimmed().left(300));
        g_probeCache.insert(bwrapPath, s);
        return s;
    }
    s.available = true;
    s.socat = QStandardPaths::findExecutable(QStringLiteral("socat"));
    g_probeCache.insert(bwrapPath, s);
    return s;
}

bool Sandbox::looksSecret(const QString &name)
{
    return HostEnvironment::looksSecret(name);
}

QStringList Sandbox::environmentFor(const CommandSpec &spec) const
{
    // Start from nothing: only harmless variables pass, so no key set in the harness's environment
    // reaches a command.
    const QProcessEnvironment parent = QProcessEnvironment::systemEnvironment();
    QMap<QString, QString> env;
    env.insert(QStringLiteral("PATH"),
               parent.value(QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin")));
    env.insert(QStringLiteral("HOME"), QStringLiteral("/tmp"));
    env.insert(QStringLiteral("TMPDIR"), QStringLiteral("/tmp"));
    env.insert(QStringLiteral("TERM"), QStringLiteral("dumb"));
    env.insert(QStringLiteral("HARNESS_SANDBOX"), QStringLiteral("1"));
    for (const char *name : {"LANG", "LC_ALL", "LC_CTYPE", "TZ", "USER", "LOGNAME", "SOURCE_DATE_EPOCH", "CC",
                             "CXX", "CMAKE_GENERATOR", "CMAKE_PREFIX_PATH", "PKG_CONFIG_PATH"}) {
        const QString key = QString::fromLatin1(name);
        if (parent.contains(key))
            env.insert(key, parent.value(key));
    }
    for (auto it = spec.env.cbegin(); it != spec.env.cend(); ++it) {
        if (!looksSecret(it.key()) && !it.key().isEmpty() && !it.key().contains(QLatin1Char('=')))
            env.insert(it.key(), it.value());
    }
    QStringList out;
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        out << it.key() + QLatin1Char('=') + it.value();
    return out;
}

Result<QString> Sandbox::resolveCwd(const QString &cwd) const
{
    if (cwd.isEmpty())
        return m_root;
    PathGuard guard(m_root);
    auto resolved = guard.resolve(cwd);
    if (!resolved)
        return Result<QString>::failure(
                QStringLiteral("working directory refused: %1").arg(resolved.error().message),
                QStringLiteral("cwd"));
    if (!QFileInfo(resolved->absolute).isDir())
        return Result<QString>::failure(
                QStringLiteral("working directory %1 does not exist in the worktree").arg(resolved->relative),
                QStringLiteral("cwd"));
    return resolved->absolute;
}

Result<QStringList> Sandbox::bwrapArguments(const CommandSpec &spec, MemoryFiles &files,
                                            const NetworkProxy *proxy, const QString &socat,
                                            const QStringList &beforeCommand) const
{
    auto cwd = resolveCwd(spec.cwd);
    if (!cwd)
        return cwd.error();
    if (spec.shell.isEmpty() && spec.argv.isEmpty())
        return Result<QStringList>::failure(QStringLiteral("no command given"), QStringLiteral("command"));
    // --cap-drop ALL matters when the harness runs as root: without it the sandboxed command keeps
    // CAP_SYS_ADMIN and can simply unmount the tmpfs that hides /root or remount / read-write.
    QStringList a {QStringLiteral("--cap-drop"), QStringLiteral("ALL"), QStringLiteral("--die-with-parent"),
                   QStringLiteral("--new-session"), QStringLiteral("--unshare-pid"),
                   QStringLiteral("--unshare-ipc"), QStringLiteral("--unshare-uts"),
                   QStringLiteral("--unshare-cgroup-try"),
                   // Always: sharing the host's namespace would expose its loopback listeners and
                   // abstract Unix sockets (a D-Bus session bus, X11). Network on = NetworkProxy.
                   QStringLiteral("--unshare-net")};
    a << QStringLiteral("--ro-bind") << QStringLiteral("/") << QStringLiteral("/");
    a << QStringLiteral("--dev") << QStringLiteral("/dev") << QStringLiteral("--proc")
      << QStringLiteral("/proc");
    for (const QString &tmp :
         {QStringLiteral("/tmp"), QStringLiteral("/var/tmp"), QStringLiteral("/dev/shm")})
        if (isRealDir(tmp) || tmp == QLatin1String("/dev/shm"))
            a << QStringLiteral("--tmpfs") << tmp;
    QStringList hidden = defaultHiddenDirs() + m_config.hiddenPaths;
    if (!m_mainCheckout.isEmpty() && m_mainCheckout != QLatin1String("/"))
        hidden << m_mainCheckout;
    hidden.removeDuplicates();
    for (const QString &dir : hidden) {
        // A hidden directory that contains the worktree is fine: the worktree is bound back below.
        if (isRealDir(dir))
            a << QStringLiteral("--tmpfs") << dir;
    }
    for (const QString &file : kHiddenFiles)
        if (QFileInfo(file).isFile())
            a << QStringLiteral("--ro-bind") << QStringLiteral("/dev/null") << file;
    for (const QString &ro : m_config.readOnlyPaths)
        if (QFileInfo::exists(ro))
            a << QStringLiteral("--ro-bind") << canonical(ro) << canonical(ro);
    if (!m_gitCommonDir.isEmpty() && QFileInfo(m_gitCommonDir).isDir())
        a << QStringLiteral("--ro-bind") << m_gitCommonDir << m_gitCommonDir;
    for (const QString &rw : m_config.writablePaths)
        if (isRealDir(rw))
            a << QStringLiteral("--bind") << canonical(rw) << canonical(rw);
    a << (m_config.worktreeReadOnly ? QStringLiteral("--ro-bind") : QStringLiteral("--bind")) << m_root
      << m_root;
    for (const QString &rel : m_config.protectedPaths) {
        const QString abs = m_root + QLatin1Char('/') + rel;
        const QFileInfo info(abs);
        const QString parent = canonical(info.absolutePath());
        if (info.isSymLink() || (parent != m_root && !parent.startsWith(m_root + QLatin1Char('/'))))
            return Result<QStringList>::failure(
                    QStringLiteral(
                            "%1 in the worktree is or lies behind a symbolic link; refusing to run commands "
                            "until it is removed")
                            .arg(rel));
        if (info.exists())
            a << QStringLiteral("--ro-bind") << abs << abs;
        else if (m_config.worktreeReadOnly) // nothing can be created in a read-only tree
            continue;
        else // not there yet: an empty read-only directory keeps the agent from creating it
            a << QStringLiteral("--tmpfs") << abs << QStringLiteral("--remount-ro") << abs;
    }
    auto gitView = SandboxGitView(m_root).bwrapArguments(files);
    if (!gitView)
        return gitView.error();
    a << *gitView;
    if (proxy)
        a << proxy->bwrapArguments();
    if (!spec.shell.isEmpty()) {
        auto fd = files.add(spec.shell.toUtf8());
        if (!fd)
            return fd.error();
        a << QStringLiteral("--ro-bind-data") << QString::number(*fd) << commandFile();
    }
    a << QStringLiteral("--chdir") << *cwd;
    a << QStringLiteral("--clearenv");
    QStringList env = environmentFor(spec);
    if (proxy) {
        const QMap<QString, QString> proxyEnv = proxy->environment();
        for (auto it = proxyEnv.cbegin(); it != proxyEnv.cend(); ++it)
            env << it.key() + QLatin1Char('=') + it.value();
    }
    for (const QString &kv : std::as_const(env)) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        a << QStringLiteral("--setenv") << kv.left(eq) << kv.mid(eq + 1);
    }
    a << beforeCommand << QStringLiteral("--");
    if (proxy)
        a << QStringLiteral("/bin/sh") << QStringLiteral("-c") << proxy->bridgeScript(socat)
          << QStringLiteral("sh");
    if (!spec.shell.isEmpty())
        a << QStringLiteral("/bin/sh") << commandFile();
    else
        a << spec.argv;
    return a;
}

CommandResult Sandbox::runShell(const QString &commandLine, int timeoutMs, qint64 outputCap,
                                const NetworkPolicy &network, const QString &cwd,
                                const std::atomic_bool *cancel) const
{
    CommandSpec spec;
    spec.cancel = cancel;
    spec.shell = commandLine;
    spec.timeoutMs = timeoutMs;
    spec.outputCap = outputCap;
    spec.network = network;
    spec.cwd = cwd;
    spec.overflow = CommandSpec::Overflow::KeepHeadAndTail;
    return run(spec);
}

CommandResult Sandbox::run(const CommandSpec &spec) const
{
    if (const QString refused = sizeRefusal(spec); !refused.isEmpty()) {
        CommandResult r;
        r.error = refused;
        return r;
    }
    const SandboxStatus status = probe(m_config.bwrapPath);
    if (!status.available) {
        if (!m_config.allowUnsandboxed) {
            CommandResult r;
            r.error =
                    QStringLiteral("Refusing to run the command: %1. Commands only run inside the sandbox; a "
                                   "project may opt in to unsandboxed execution in its settings (not "
                                   "recommended).")
                            .arg(status.reason);
            recordEvent(kinds::SandboxUnavailable, SandboxPayload {status.reason, {}});
            return r;
        }
        auto cwd = resolveCwd(spec.cwd);
        if (!cwd) {
            CommandResult r;
            r.error = cwd.errorText();
            return r;
        }
        MemoryFiles files;
        QStringList program = spec.argv;
        if (!spec.shell.isEmpty()) {
            auto fd = files.add(spec.shell.toUtf8());
            if (!fd) {
                CommandResult r;
                r.error = fd.errorText();
                return r;
            }
            program = {QStringLiteral("/bin/sh"), QStringLiteral("/dev/fd/%1").arg(*fd)};
        }
        if (program.isEmpty()) {
            CommandResult r;
            r.error = QStringLiteral("no command given");
            return r;
        }
        const QString exe = program.takeFirst();
        CommandResult r = execute(exe, program, environmentFor(spec), *cwd, spec, files.inheritable());
        r.warning =
                QStringLiteral("ran WITHOUT a sandbox (this project opted in to unsandboxed execution): %1")
                        .arg(status.reason);
        recordEvent(
                kinds::SandboxBypassed,
                SandboxPayload {
                        status.reason,
                        (spec.shell.isEmpty() ? spec.argv.join(QLatin1Char(' ')) : spec.shell).left(500)});
        return r;
    }
    std::unique_ptr<NetworkProxy> proxy;
    if (spec.network.enabled()) {
        CommandResult refused;
        if (status.socat.isEmpty())
            refused.error = QStringLiteral("Refusing to run the command: it may use the network (%1), which "
                                           "needs socat inside the sandbox; install the \"socat\" package.")
                                    .arg(spec.network.description());
        proxy = std::make_unique<NetworkProxy>(spec.network, m_config.events, m_config.runId);
        if (auto started = refused.error.isEmpty() ? proxy->start() : success(); !started)
            refused.error = QStringLiteral("Refusing to run the command: %1").arg(started.errorText());
        if (!refused.error.isEmpty())
            return refused;
    }
    MemoryFiles files;
    auto args = bwrapArguments(spec, files, proxy.get(), status.socat);
    if (!args) {
        CommandResult r;
        r.error = args.errorText();
        return r;
    }
    CommandResult r =
            execute(status.executable, *args, environmentFor(spec), m_root, spec, files.inheritable());
    r.sandboxed = r.started;
    if (proxy && proxy->deniedCount() > 0)
        r.warning = QStringLiteral("the sandbox's network allow-list refused %1 connection(s) (%2); each "
                                   "refusal is a network_denied event")
                            .arg(proxy->deniedCount())
                            .arg(spec.network.description());
    return r;
}

CommandResult Sandbox::execute(const QString &program, const QStringList &arguments, const QStringList &env,
                               const QString &workingDir, const CommandSpec &spec,
                               const QList<int> &inheritFds) const
{
    CommandResult r;
    PidLimit pids(m_config.maxProcesses);
    const QByteArray procsFile = pids.procsFile();
    const rlim_t fsize = rlim_t(m_config.maxFileSizeBytes);
    // Data descriptors (command text, redacted git config) are close-on-exec in the harness, so no other
    // child inherits them; only this child clears the flag before exec.
    std::array<int, 256> keep {};
    const size_t keepCount = std::min<size_t>(keep.size(), size_t(inheritFds.size()));
    std::copy_n(inheritFds.cbegin(), keepCount, keep.begin());

    QProcess p;
    p.setProgram(program);
    p.setArguments(arguments);
    QProcessEnvironment penv;
    for (const QString &kv : env) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        penv.insert(kv.left(eq), kv.mid(eq + 1));
    }
    p.setProcessEnvironment(penv);
    p.setWorkingDirectory(workingDir);
    // Runs in the child between fork and exec: only async-signal-safe calls.
    p.setChildProcessModifier([procsFile, fsize, keep, keepCount]() {
        ::setsid();
        for (size_t i = 0; i < keepCount; ++i)
            ::fcntl(keep[i], F_SETFD, 0);
        if (!procsFile.isEmpty()) {
            const int fd = ::open(procsFile.constData(), O_WRONLY | O_CLOEXEC);
            if (fd >= 0) {
                const ssize_t ignored = ::write(fd, "0", 1);
                (void)ignored;
                ::close(fd);
            }
        }
        struct rlimit core
        {
            0, 0
        };
        ::setrlimit(RLIMIT_CORE, &core);
        struct rlimit fs
        {
            fsize, fsize
        };
        ::setrlimit(RLIMIT_FSIZE, &fs);
    });

    QElapsedTimer timer;
    timer.start();
    p.start();
    if (!p.waitForStarted(10000)) {
        r.error = QStringLiteral("could not start %1: %2").arg(program, p.errorString());
        return r;
    }
    r.started = true;
    r.pidLimited = pids.isActive();
    if (!spec.stdinData.isEmpty())
        p.write(spec.stdinData);
    p.closeWriteChannel();

    const auto killAll = [&]() {
        const qint64 pid = p.processId();
        if (pid > 0)
            ::kill(-pid_t(pid), SIGKILL); // the session/process group made by setsid
        p.kill();
        pids.killAll();
    };
    bool killed = false;
    while (true) {
        p.waitForReadyRead(kPollMs);
        readPieces(p, spec, r);
        const qint64 total = r.stdoutData.size() + r.stderrData.size();
        const bool keep = spec.overflow == CommandSpec::Overflow::KeepHeadAndTail;
        // Keeping head and tail trims at twice the cap so a flood does not copy the buffers every poll.
        if (!killed && total > (keep ? 2 * spec.outputCap : spec.outputCap)) {
            r.outputTruncated = true;
            if (!keep) {
                r.error = QStringLiteral("output exceeded %1 bytes; the command was stopped")
                                  .arg(spec.outputCap);
                killAll();
                killed = true;
            } else {
                keepHeadAndTail(r.stdoutData, spec.outputCap / 2, &r.droppedBytes);
                keepHeadAndTail(r.stderrData, spec.outputCap / 2, &r.droppedBytes);
            }
        }
        if (!killed && spec.cancel && spec.cancel->load()) {
            r.cancelled = true;
            r.error = QStringLiteral("the run was paused or aborted; the command was stopped");
            killAll();
            killed = true;
        }
        if (!killed && timer.elapsed() > spec.timeoutMs) {
            r.timedOut = true;
            r.error = QStringLiteral("time limit of %1 ms reached; the command was stopped")
                              .arg(spec.timeoutMs);
            killAll();
            killed = true;
        }
        if (p.state() == QProcess::NotRunning)
            break;
        if (killed && !p.waitForFinished(5000))
            break;
    }
    p.waitForFinished(1000);
    readPieces(p, spec, r);
    if (spec.overflow == CommandSpec::Overflow::KeepHeadAndTail) {
        if (r.stdoutData.size() + r.stderrData.size() > spec.outputCap) {
            r.outputTruncated = true;
            keepHeadAndTail(r.stdoutData, spec.outputCap / 2, &r.droppedBytes);
            keepHeadAndTail(r.stderrData, spec.outputCap / 2, &r.droppedBytes);
        }
    } else {
        // Keep at most the cap, stdout first.
        if (r.stdoutData.size() > spec.outputCap) {
            r.stdoutData.truncate(spec.outputCap);
            r.outputTruncated = true;
        }
        if (r.stdoutData.size() + r.stderrData.size() > spec.outputCap) {
            r.stderrData.truncate(qMax<qint64>(0, spec.outputCap - r.stdoutData.size()));
            r.outputTruncated = true;
        }
    }
    if (!killed && p.exitStatus() == QProcess::NormalExit)
        r.exitCode = p.exitCode();
    r.durationMs = timer.elapsed();
    pids.killAll();
    return r;
}

void Sandbox::recordEvent(QLatin1StringView kind, const SandboxPayload &payload) const
{
    if (m_config.events)
        m_config.events->record(makeEvent(m_config.runId, kind, payload));
}

} // namespace harness
