// GitRunner: hardened, blocking execution of git. docs/security.md explains each setting.
#include "gitrunner.h"
#include "hostenvironment.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace harness {

namespace {

// Settings that stop git from starting a program named by configuration or attributes the tree can
// reach. On the command line they win over every config file, and git passes them on to the git
// processes it starts itself (GIT_CONFIG_PARAMETERS), in submodules too.
QStringList hardening(GitActor actor)
{
    static const char *const settings[] = {
            "core.fsmonitor=false",    "core.hooksPath=/dev/null",    "core.pager=cat",
            "core.editor=true",        "sequence.editor=true",        "core.askPass=",
            "credential.helper=",      "protocol.allow=never",        "safe.bareRepository=explicit",
            "submodule.recurse=false", "diff.ignoreSubmodules=dirty", "status.submoduleSummary=false"};
    QStringList args {QStringLiteral("--no-pager")};
    for (const char *setting : settings)
        args << QStringLiteral("-c") << QString::fromLatin1(setting);
    // The agent's work is not signed with the human's key before anyone reviewed it.
    if (actor == GitActor::Harness)
        args << QStringLiteral("-c") << QStringLiteral("commit.gpgSign=false") << QStringLiteral("-c")
             << QStringLiteral("tag.gpgSign=false");
    return args;
}

// The index of the subcommand in args (after global options such as -c x=y, -C dir), or -1.
qsizetype subcommandIndex(const QStringList &args)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("-c") || a == QLatin1String("-C") || a == QLatin1String("--git-dir") ||
            a == QLatin1String("--work-tree") || a == QLatin1String("--namespace")) {
            ++i;
            continue;
        }
        if (!a.startsWith(QLatin1Char('-')))
            return i;
    }
    return -1;
}

// GIT_* variables git may keep: who commits, and where the human keeps their own configuration.
bool keptGitVariable(const QString &name)
{
    static const QStringList kept {
            QStringLiteral("GIT_AUTHOR_NAME"),     QStringLiteral("GIT_AUTHOR_EMAIL"),
            QStringLiteral("GIT_AUTHOR_DATE"),     QStringLiteral("GIT_COMMITTER_NAME"),
            QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("GIT_COMMITTER_DATE"),
            QStringLiteral("GIT_CONFIG_GLOBAL"),   QStringLiteral("GIT_CONFIG_SYSTEM"),
            QStringLiteral("GIT_CONFIG_NOSYSTEM")};
    return kept.contains(name);
}

} // namespace

QString GitOutput::errorText() const
{
    QString text = QString::fromUtf8(err).trimmed();
    if (text.isEmpty())
        text = QString::fromUtf8(out).trimmed();
    return text.left(2000);
}

GitRunner::GitRunner(QString workDir, int timeoutMs, GitActor actor)
    : m_workDir(std::move(workDir)), m_timeoutMs(timeoutMs), m_actor(actor)
{ }

QStringList GitRunner::commandLine(const QStringList &args, GitActor actor)
{
    QStringList rest = args;
    // An external diff or a textconv filter is a program named by an attribute the tree sets.
    const qsizetype sub = subcommandIndex(rest);
    if (sub >= 0) {
        const QString &name = rest.at(sub);
        if (name == QLatin1String("diff") || name == QLatin1String("log") || name == QLatin1String("show")) {
            rest.insert(sub + 1, QStringLiteral("--no-textconv"));
            rest.insert(sub + 1, QStringLiteral("--no-ext-diff"));
        }
    }
    return hardening(actor) + rest;
}

QProcessEnvironment GitRunner::environment(GitActor actor)
{
    // Who commits (GIT_AUTHOR_* reads like AUTH to the secret patterns) passes; signing the human's
    // merge may need their agent's socket; nothing else secret passes.
    QStringList keep {QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("GIT_AUTHOR_EMAIL"),
                      QStringLiteral("GIT_AUTHOR_DATE")};
    if (actor == GitActor::Human)
        keep << QStringLiteral("SSH_AUTH_SOCK") << QStringLiteral("GPG_AGENT_INFO");
    QProcessEnvironment env = HostEnvironment::scrubbed(keep);
    const QStringList names = env.keys();
    for (const QString &name : names)
        if (name.startsWith(QLatin1String("GIT_")) && !keptGitVariable(name))
            env.remove(name); // GIT_DIR, GIT_CONFIG_PARAMETERS, GIT_EXTERNAL_DIFF, GIT_SSH_COMMAND, ...
    for (const char *name : {"SSH_ASKPASS", "EDITOR", "VISUAL"})
        env.remove(QString::fromLatin1(name));
    // Never wait for a terminal prompt or an editor; keep messages parseable.
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    env.insert(QStringLiteral("GIT_EDITOR"), QStringLiteral("true"));
    env.insert(QStringLiteral("GIT_SEQUENCE_EDITOR"), QStringLiteral("true"));
    env.insert(QStringLiteral("GIT_MERGE_AUTOEDIT"), QStringLiteral("no"));
    env.insert(QStringLiteral("GIT_PAGER"), QStringLiteral("cat"));
    env.insert(QStringLiteral("PAGER"), QStringLiteral("cat"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    return env;
}

QString GitRunner::executable()
{
    return QStandardPaths::findExecutable(QStringLiteral("git"));
}

GitOutput GitRunner::exec(const QStringList &args, const QByteArray &stdinData,
                          const std::function<bool(qint64)> &poll) const
{
    GitOutput o;
    QProcess p;
    p.setProcessEnvironment(environment(m_actor));
    p.setWorkingDirectory(m_workDir);
    p.start(QStringLiteral("git"), commandLine(args, m_actor));
    if (!p.waitForStarted(10000)) {
        o.err = QByteArrayLiteral("could not start git (") + p.errorString().toUtf8() +
                QByteArrayLiteral("); install git and make sure it is on PATH");
        return o;
    }
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    bool finished = false;
    if (!poll) {
        finished = p.waitForFinished(m_timeoutMs);
    } else {
        QElapsedTimer timer;
        timer.start();
        // waitForFinished keeps draining git's output into QProcess's buffer, so git never blocks on
        // a full pipe; that buffer is moved into the output as it comes, so a large output (a
        // 1,000,000-line diff) is held once, not in QProcess's chunks and again in their copy.
        while (!(finished = p.waitForFinished(50)) && p.state() != QProcess::NotRunning &&
               timer.elapsed() < m_timeoutMs) {
            o.out += p.readAllStandardOutput();
            if (!poll(o.out.size())) {
                o.cancelled = true;
                break;
            }
        }
        finished = finished || p.state() == QProcess::NotRunning;
    }
    if (!finished) {
        p.kill();
        p.waitForFinished(2000);
        o.out.clear(); // what came before the stop is no answer
        if (!o.cancelled)
            o.err = QByteArrayLiteral("git timed out: git ") + args.join(QLatin1Char(' ')).toUtf8();
        return o;
    }
    o.out += p.readAllStandardOutput();
    o.err = p.readAllStandardError();
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return o;
}

Result<QString> GitRunner::run(const QStringList &args) const
{
    const GitOutput o = exec(args);
    if (!o.ok())
        return Result<QString>::failure(
                QStringLiteral("git %1 failed: %2").arg(args.value(0), o.errorText()));
    return QString::fromUtf8(o.out).trimmed();
}

QString GitRunner::hooksPathInside(const QString &worktreeRoot)
{
    // Our own core.hooksPath=/dev/null comes first with scope "command": the configured value is the
    // last one from a file.
    const GitOutput o = GitRunner(worktreeRoot, 10000)
                                .exec({QStringLiteral("config"), QStringLiteral("--get-all"),
                                       QStringLiteral("--show-scope"), QStringLiteral("core.hooksPath")});
    QString value;
    for (const QByteArray &line : o.out.split('\n')) {
        const qsizetype tab = line.indexOf('\t');
        if (tab > 0 && line.left(tab) != "command")
            value = QString::fromUtf8(line.mid(tab + 1)).trimmed();
    }
    if (!o.ok() || value.isEmpty())
        return {};
    if (value.startsWith(QLatin1String("~/")))
        value = QDir::homePath() + value.mid(1);
    QString root = QFileInfo(worktreeRoot).canonicalFilePath();
    if (root.isEmpty())
        root = QDir::cleanPath(worktreeRoot);
    QString path = QDir::isRelativePath(value) ? root + QLatin1Char('/') + value : value;
    const QString canonical = QFileInfo(path).canonicalFilePath();
    path = canonical.isEmpty() ? QDir::cleanPath(path) : canonical;
    if (!path.startsWith(root + QLatin1Char('/')))
        return {};
    return path.mid(root.size() + 1);
}

} // namespace harness
